/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A RESTCONF (RFC 8040) client for the distribution on loopback (or a cluster node's address), JSON in and out.
 */
final class Restconf {
    private static final String AUTHORIZATION = "Basic "
        + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;
    private final String base;

    Restconf(final int port) {
        this("127.0.0.1", port);
    }

    Restconf(final String host, final int port) {
        root = "http://" + host + ":" + port;
        base = root + "/rests";
    }

    record Response(int status, String body) {
    }

    Response get(final String path) {
        return send(request(path).GET());
    }

    Response put(final String path, final String json) {
        return send(request(path).PUT(BodyPublishers.ofString(json)));
    }

    Response post(final String path, final String json) {
        return send(request(path).POST(BodyPublishers.ofString(json)));
    }

    Response delete(final String path) {
        return send(request(path).DELETE());
    }

    /** The metrics endpoint's scrape (Prometheus text), on the same port and with the same credentials. */
    Response metrics() {
        return send(HttpRequest.newBuilder(URI.create(root + "/gwha/metrics")).timeout(Duration.ofSeconds(30))
            .header("Authorization", AUTHORIZATION).GET());
    }

    /** Subscribes to the event stream at an absolute location, as ietf-restconf-monitoring lists it. */
    EventStream subscribe(final String location) {
        return new EventStream(http, HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(30))
            .header("Authorization", AUTHORIZATION)
            .header("Accept", "text/event-stream")
            .GET().build());
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", AUTHORIZATION)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    }

    private Response send(final HttpRequest.Builder request) {
        try {
            final var response = http.send(request.build(), BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("RESTCONF request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
