/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics endpoint against the real Prometheus: Debian's {@code prometheus} (installed by .ci/run, not here)
 * scrapes the distribution every second, on loopback, with its own port and a temporary directory; a frozen gateway's
 * failover must show in Prometheus's own query API as a moved failover counter and latency histograms. The example
 * alerting rules pass Debian's {@code promtool}, and the Grafana dashboard and the rules name only metrics Prometheus
 * has scraped.
 */
@Tag(PrometheusIT.TAG)
@ExtendWith({ ControllerExtension.class, LabExtension.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {
    static final String TAG = "prometheus";
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final String CREDENTIALS = "admin:admin";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern METRIC = Pattern.compile("gwha_[a-z_]+");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Controller controller;
    private final Lab lab;
    private Path dir;
    private Process prometheus;
    private String api;

    PrometheusIT(final Controller controller, final Lab lab) {
        this.controller = controller;
        this.lab = lab;
    }

    @BeforeAll
    void prometheusScrapesTheController() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
            "Debian's prometheus package is not installed (.ci/run installs it)");
        final var put = controller.restconf().put("/data/gwha:clusters/cluster=lab", FailoverIT.clusterJson(true));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        assertTrue(lab.vipAnswersFrom("gw1", 30), "the VIP answers from gw1 before the test");

        dir = Files.createTempDirectory(Scripts.ROOT.resolve("system-test/target"), "prometheus");
        final int port = freePort();
        api = "http://127.0.0.1:" + port + "/api/v1";
        Files.writeString(dir.resolve("prometheus.yml"), """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: gwha
                metrics_path: /gwha/metrics
                basic_auth:
                  username: admin
                  password: admin
                static_configs:
                  - targets: ["127.0.0.1:%d"]
            """.formatted(controller.httpPort()));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> value("up{job=\"gwha\"}") == 1);
    }

    @AfterAll
    void stopped() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor();
            }
        }
        lab.thaw("gw1");
        controller.restconf().delete("/data/gwha:clusters/cluster=lab");
    }

    @Test
    @Order(1)
    void theEndpointWantsRestconfsCredentials() throws Exception {
        final var url = URI.create("http://127.0.0.1:" + controller.httpPort() + "/gwha/metrics");
        assertEquals(401, http.send(HttpRequest.newBuilder(url).GET().build(), BodyHandlers.ofString())
            .statusCode());
        final var scrape = http.send(HttpRequest.newBuilder(url).header("Authorization", authorization()).GET()
            .build(), BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
            scrape.headers().toString());
        // the only controller drives election
        assertTrue(scrape.body().lines().anyMatch(line -> line.startsWith("gwha_arbiter 1")), scrape.body());
    }

    @Test
    @Order(2)
    void aFrozenGatewaysFailoverMovesTheCounterAndTheLatencyHistograms() {
        final var timeout = "{job=\"gwha\",cluster=\"lab\",cause=\"heartbeat-timeout\"}";
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> value("gwha_cluster_active_gateway{cluster=\"lab\",gateway=\"gw1\"}") == 1);
        // the cluster's series exist from its first election on, every cause at 0 until it happens
        final double failovers = value("gwha_failovers_total" + timeout);
        final double detections = value("gwha_failover_detection_seconds_count" + timeout);
        final double programmed = value("gwha_failover_programming_seconds_count{job=\"gwha\",cluster=\"lab\"}");

        lab.freeze("gw1");
        assertTrue(lab.vipAnswersFrom("gw2", 30), "the VIP answers from gw2");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
            .until(() -> value("gwha_failovers_total" + timeout) > failovers
                && value("gwha_failover_detection_seconds_count" + timeout) > detections
                && value("gwha_failover_programming_seconds_count{job=\"gwha\",cluster=\"lab\"}") > programmed);
        assertEquals(1, value("gwha_cluster_active_gateway{cluster=\"lab\",gateway=\"gw2\"}"));
        assertEquals(1, value("gwha_gateway_state{cluster=\"lab\",gateway=\"gw1\",state=\"down\"}"));
        // a fixed detector at 100 ms heartbeats: dead 300 ms after the last one, decided within a second of it
        final double detection = value("histogram_quantile(1, sum by (le) (gwha_failover_detection_seconds_bucket"
            + timeout + "))");
        assertTrue(detection > 0 && detection <= 1, "detection latency bucket " + detection);
        assertTrue(value("sum(rate(gwha_heartbeats_total{cluster=\"lab\",gateway=\"gw2\",outcome=\"accepted\"}[5s]))")
            > 0, "gw2's heartbeats are counted");
    }

    @Test
    @Order(3)
    void theExampleRulesPassPromtoolAndTheDashboardNamesOnlyScrapedMetrics() throws Exception {
        final var rules = Scripts.ROOT.resolve("ops/prometheus");
        promtool(rules, "check", "rules", "gwha-alerts.yml");
        promtool(rules, "test", "rules", "gwha-alerts.test.yml");

        final Set<String> scraped = new TreeSet<>();
        query("/label/__name__/values").getAsJsonObject().getAsJsonArray("data")
            .forEach(name -> scraped.add(name.getAsString()));
        final var dashboard = Files.readString(Scripts.ROOT.resolve("ops/grafana/gwha-dashboard.json"));
        // valid JSON, with panels
        assertTrue(JsonParser.parseString(dashboard).getAsJsonObject().getAsJsonArray("panels").size() > 0);
        final var named = new TreeSet<String>();
        for (var text : List.of(dashboard, Files.readString(rules.resolve("gwha-alerts.yml")))) {
            named.addAll(METRIC.matcher(text).results().map(match -> match.group()).collect(Collectors.toSet()));
        }
        named.removeAll(scraped);
        assertEquals(Set.of(), named, "named in the dashboard or the rules, never scraped; scraped: " + scraped);
    }

    private void promtool(final Path workDir, final String... args) throws IOException, InterruptedException {
        final var command = new ArrayList<String>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        final var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command.toString());
        assertEquals(0, process.exitValue(), command + ":\n" + output);
    }

    /** The one value an instant query returns; fails if it returns none or several. */
    private double value(final String promql) {
        final var result = query("/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
            .getAsJsonObject().getAsJsonObject("data").getAsJsonArray("result");
        assertEquals(1, result.size(), promql + ": " + result);
        return Double.parseDouble(result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
    }

    private JsonElement query(final String path) {
        try {
            final var response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return JsonParser.parseString(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus's API failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(CREDENTIALS.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
