/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.ClusterView.GatewayView;
import net.gwha.impl.state.CounterView;
import org.junit.jupiter.api.Test;

/** What the runtime hands the metrics becomes the series Prometheus scrapes, named and labelled by convention. */
class GatewayHaMetricsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String DETECTION = "gwha_failover_detection_seconds";
    private static final String PROGRAMMING = "gwha_failover_programming_seconds";

    private final GatewayHaMetrics metrics = new GatewayHaMetrics();

    @Test
    void aFailoverCountsByClusterAndCauseAndItsDetectionLatencyLandsInTheHistogram() {
        metrics.onDecisions(List.of(
            new Decision.ActiveGatewayChanged("lan", Optional.of("gw1"), "gw2", FailoverCause.HEARTBEAT_TIMEOUT,
                1_000 * MS, 1_180 * MS, Optional.empty()),
            new Decision.GatewayStateChanged("lan", "gw1", GatewayState.ACTIVE, GatewayState.DOWN, 1_180 * MS)));

        final var scrape = Scrape.of(metrics);
        assertEquals("counter", scrape.type("gwha_failovers_total"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failovers_total", "cluster", "lan",
            "cause", "heartbeat-timeout"));
        assertEquals("histogram", scrape.type("gwha_failover_detection_seconds"));
        final String[] labels = {"cluster", "lan", "cause", "heartbeat-timeout"};
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failover_detection_seconds_count", labels));
        assertEquals(0.18, scrape.value("gwha_failover_detection_seconds_sum", labels).orElseThrow(), 1e-9);
        assertEquals(OptionalDouble.of(0), bucket(scrape, DETECTION, "0.1", labels));
        assertEquals(OptionalDouble.of(1), bucket(scrape, DETECTION, "0.25", labels));
        assertEquals(OptionalDouble.of(1), bucket(scrape, DETECTION, "+Inf", labels));
    }

    @Test
    void eachCauseHasItsOwnSeries() {
        for (var cause : List.of(FailoverCause.STARTUP, FailoverCause.PORT_DOWN, FailoverCause.PORT_DOWN)) {
            metrics.onDecisions(List.of(new Decision.ActiveGatewayChanged("lan", Optional.empty(), "gw1", cause,
                0, 3 * MS, Optional.empty())));
        }

        final var scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failovers_total", "cluster", "lan",
            "cause", "startup"));
        assertEquals(OptionalDouble.of(2), scrape.value("gwha_failovers_total", "cluster", "lan",
            "cause", "port-down"));
        assertEquals(OptionalDouble.of(2), bucket(scrape, DETECTION, "0.005", "cluster", "lan",
            "cause", "port-down"));
        // every other cause at 0 from the cluster's first election, so that increase() sees its first failover
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_failovers_total", "cluster", "lan",
            "cause", "resigned"));
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_failover_detection_seconds_count", "cluster", "lan",
            "cause", "resigned"));
    }

    @Test
    void theSwitchesConfirmingTheFlowsIsTheProgrammingLatency() {
        metrics.flowsConfirmed("lan", 2_000 * MS, 2_040 * MS);

        final var scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_failover_programming_seconds_count", "cluster", "lan"));
        assertEquals(0.04, scrape.value("gwha_failover_programming_seconds_sum", "cluster", "lan").orElseThrow(),
            1e-9);
        assertEquals(OptionalDouble.of(0), bucket(scrape, PROGRAMMING, "0.025", "cluster", "lan"));
        assertEquals(OptionalDouble.of(1), bucket(scrape, PROGRAMMING, "0.05", "cluster", "lan"));
    }

    @Test
    void writesToTheSwitchesCountPerSwitchAndRepairsPerCluster() {
        metrics.writeFailed("openflow:1");
        metrics.writeFailed("openflow:1");
        metrics.planResent("openflow:1");
        metrics.planResent("openflow:2");
        metrics.flowsRepaired("lan", 3);
        metrics.flowsRepaired("lan", 5);

        var scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(2), scrape.value("gwha_flow_write_failures_total", "switch", "openflow:1"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_flow_plan_resends_total", "switch", "openflow:2"));
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_flow_write_failures_total", "switch", "openflow:2"));

        metrics.switchConnected("openflow:3");
        scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_flow_write_failures_total", "switch", "openflow:3"));
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_flow_plan_resends_total", "switch", "openflow:3"));
        assertEquals(OptionalDouble.of(5), scrape.value("gwha_flows_repaired_total", "cluster", "lan"));

        metrics.forget("lan");
        assertEquals(OptionalDouble.empty(), Scrape.of(metrics).value("gwha_flows_repaired_total", "cluster", "lan"));
    }

    @Test
    void whileThisNodeDrivesElectionItShowsTheLiveStateAndTheHeartbeatCounters() {
        final var lan = new ClusterView("lan", List.of("192.0.2.254"), ClusterStatus.ACTIVE, Optional.of("gw2"),
            Optional.of(Instant.EPOCH), List.of(
                new GatewayView("gw1", GatewayState.DOWN, Optional.empty(), 200, OptionalInt.empty(), 200, 0, 0, 0),
                // as of the cluster's last change: the counters are read live
                new GatewayView("gw2", GatewayState.ACTIVE, Optional.empty(), 150, OptionalInt.of(150), 150, 3, 0,
                    0)), List.of());
        final var counters = new CounterView() {
            @Override
            public Counts of(final String cluster, final String gateway) {
                return gateway.equals("gw2") ? new Counts(9, 1, 2) : new Counts(7, 0, 0);
            }

            @Override
            public Counts of(final String cluster) {
                return new Counts(0, 0, 4);
            }

            @Override
            public Counts unattributed() {
                return new Counts(0, 6, 8);
            }

            @Override
            public long packetInsDropped() {
                return 11;
            }

            @Override
            public long neighborDiscoveryMalformed() {
                return 12;
            }

            @Override
            public long routerAdvertisementsRelayed() {
                return 13;
            }
        };

        final var driving = metrics.drive(() -> List.of(lan), counters);
        var scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_arbiter"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_cluster_active_gateway", "cluster", "lan",
            "gateway", "gw2"));
        assertEquals(OptionalDouble.empty(), scrape.value("gwha_cluster_active_gateway", "cluster", "lan",
            "gateway", "gw1"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_cluster_status", "cluster", "lan", "status", "active"));
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_cluster_status", "cluster", "lan",
            "status", "all-down"));
        assertEquals(OptionalDouble.of(1), scrape.value("gwha_gateway_state", "cluster", "lan", "gateway", "gw1",
            "state", "down"));
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_gateway_state", "cluster", "lan", "gateway", "gw1",
            "state", "active"));
        assertEquals(OptionalDouble.of(150), scrape.value("gwha_gateway_effective_priority", "cluster", "lan",
            "gateway", "gw2"));
        assertEquals(OptionalDouble.of(9), heartbeats(scrape, "lan", "gw2", "accepted"));
        assertEquals(OptionalDouble.of(1), heartbeats(scrape, "lan", "gw2", "malformed"));
        assertEquals(OptionalDouble.of(2), heartbeats(scrape, "lan", "gw2", "spoofed"));
        assertEquals(OptionalDouble.of(4), heartbeats(scrape, "lan", "", "spoofed"));
        assertEquals(OptionalDouble.of(6), heartbeats(scrape, "", "", "malformed"));
        assertEquals(OptionalDouble.of(8), heartbeats(scrape, "", "", "spoofed"));
        assertEquals(OptionalDouble.of(11), scrape.value("gwha_packet_ins_dropped_total"));
        assertEquals(OptionalDouble.of(12), scrape.value("gwha_neighbor_discovery_malformed_total"));
        assertEquals(OptionalDouble.of(13), scrape.value("gwha_router_advertisements_relayed_total"));

        driving.close();
        scrape = Scrape.of(metrics);
        assertEquals(OptionalDouble.of(0), scrape.value("gwha_arbiter"));
        assertEquals(OptionalDouble.empty(), scrape.value("gwha_gateway_state", "cluster", "lan", "gateway", "gw1",
            "state", "down"));
        assertEquals(OptionalDouble.empty(), heartbeats(scrape, "lan", "gw2", "accepted"));
    }

    @Test
    void everyMetricIsNamedByConvention() {
        metrics.onDecisions(List.of(new Decision.ActiveGatewayChanged("lan", Optional.empty(), "gw1",
            FailoverCause.STARTUP, 0, MS, Optional.empty())));
        metrics.flowsConfirmed("lan", 0, MS);
        metrics.writeFailed("openflow:1");
        metrics.planResent("openflow:1");

        for (var name : Scrape.of(metrics).names()) {
            assertEquals(true, name.matches("gwha_[a-z_]+"), name);
        }
    }

    private static OptionalDouble bucket(final Scrape scrape, final String histogram, final String le,
            final String... labels) {
        final var withLe = new String[labels.length + 2];
        System.arraycopy(labels, 0, withLe, 0, labels.length);
        withLe[labels.length] = "le";
        withLe[labels.length + 1] = le;
        return scrape.value(histogram + "_bucket", withLe);
    }

    private static OptionalDouble heartbeats(final Scrape scrape, final String cluster, final String gateway,
            final String outcome) {
        return scrape.value("gwha_heartbeats_total", "cluster", cluster, "gateway", gateway, "outcome", outcome);
    }
}
