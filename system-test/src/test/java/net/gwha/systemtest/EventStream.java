/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A subscription to a RESTCONF event stream (RFC 8040 section 6.3): a GET of the stream's location that stays open
 * while the server sends each notification as a server-sent event, "data:" lines ended by a blank line. Lines are
 * pushed to this object as they arrive, so waiting for an event is bounded; closing cancels the request.
 */
final class EventStream implements AutoCloseable {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    EventStream(final HttpClient http, final HttpRequest request) {
        response = http.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                subscribed.completeExceptionally(new IllegalStateException("the stream answered HTTP "
                    + info.statusCode()));
                return BodySubscribers.discarding();
            }
            return BodySubscribers.fromLineSubscriber(new Lines());
        });
        response.whenComplete((done, failure) -> {
            if (failure != null) {
                subscribed.completeExceptionally(failure);
            }
        });
        try {
            // The server answers the headers once it has attached the subscriber to the stream.
            subscribed.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("could not subscribe to " + request.uri(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The data of the first event matching within the timeout, skipping the others; empty if none came. */
    Optional<String> next(final Duration timeout, final Predicate<String> matching) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                final var event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    return Optional.empty();
                }
                if (matching.test(event)) {
                    return Optional.of(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        final var subscription = subscribed.getNow(null);
        if (subscription != null) {
            subscription.cancel();
        }
        response.cancel(true);
    }

    /** Assembles events from the lines of the body: "data:" lines up to a blank line (WHATWG server-sent events). */
    private final class Lines implements Flow.Subscriber<String> {
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(final Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
            subscribed.complete(subscription);
        }

        @Override
        public void onNext(final String line) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(data.toString());
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            }
        }

        @Override
        public void onError(final Throwable failure) {
            subscribed.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            // The server ended the stream: next() times out, which the test reports.
        }
    }
}
