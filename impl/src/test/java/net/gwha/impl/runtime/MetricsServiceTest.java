/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.metrics.Scrape;
import net.gwha.impl.state.FailoverRecord;
import org.junit.jupiter.api.Test;

/**
 * The metrics as the provider feeds them: the engine's decisions, the switches' confirmations, the intake's counters
 * and the live state reach the scrape with the same numbers the console and RESTCONF show.
 */
class MetricsServiceTest extends AbstractRunningServiceTest {
    @Test
    void aSilentActiveGatewaysFailoverIsCountedWithItsLatencies() throws Exception {
        startLan();
        // gw1, the active, falls silent: dead 3 s after its last heartbeat
        for (int second = 0; second < 4; second++) {
            advance(Duration.ofSeconds(1));
            heartbeat(2, 150);
            heartbeat(3, 100);
        }
        awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw2")));
        waiting().until(() -> provider.history(LAN).getLast().flowsConfirmedTime().isPresent());
        final FailoverRecord failover = provider.history(LAN).getLast();
        assertEquals(FailoverCause.HEARTBEAT_TIMEOUT, failover.cause());

        final var scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failovers_total", "cluster", LAN,
            "cause", "heartbeat-timeout"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failovers_total", "cluster", LAN, "cause", "startup"));
        final String[] timeout = {"cluster", LAN, "cause", "heartbeat-timeout"};
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failover_detection_seconds_count", timeout));
        assertEquals(seconds(failover.detectionLatency()),
            scrape.value("gwha_failover_detection_seconds_sum", timeout).orElseThrow(), 1e-6);
        // the startup election's flows and the failover's
        assertEquals(OptionalDouble.of(2), scrape.value("gwha_failover_programming_seconds_count", "cluster", LAN));

        assertEquals(OptionalDouble.of(1), scrape.value("gwha_arbiter"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_cluster_active_gateway", "cluster", LAN,
            "gateway", "gw2"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_gateway_state", "cluster", LAN, "gateway", "gw1",
            "state", "down"));
        final var gw2 = provider.cluster(LAN).orElseThrow().gateways().get(1);
        assertEquals(OptionalDouble.of(gw2.heartbeatsAccepted()), scrape.value("gwha_heartbeats_total",
            "cluster", LAN, "gateway", "gw2", "outcome", "accepted"));
    }

    @Test
    void aForgedAdvertisementCountsAsSpoofed() throws Exception {
        startLan();
        // gw2's advertisement from gw3's port
        packetIn(2, 150, 3);

        waiting().until(() -> Scrape.of(metrics).value("gwha_heartbeats_total", "cluster", LAN, "gateway", "gw2",
            "outcome", "spoofed"), OptionalDouble.of(1)::equals);
    }

    private static double seconds(final Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
