/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.CounterView;
import net.gwha.impl.state.YangNames;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * This node's Gateway HA metrics, in one Prometheus registry. Events are counted as the runtime hands them over
 * (failovers and their latencies, writes to the switches); states and the heartbeat counters are read at scrape time
 * from the arbiter's live state, while this node drives election ({@link #drive}). A node that does not drive
 * election shows only {@code gwha_arbiter 0} and what it counted while it did, so that sums over every node of an
 * OpenDaylight cluster count each event once. Label values are the YANG model's names.
 */
@Component(service = GatewayHaMetrics.class)
public final class GatewayHaMetrics {
    /** The live state the arbiter shows, read at each scrape. */
    private record Live(Supplier<List<ClusterView>> clusters, CounterView counters) {
    }

    // From 5 ms (a switch's port event) to 30 s (a relayed switch's silence, a take-over).
    private static final double[] LATENCY_BUCKETS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
    };
    // From 50 us (an idle loop) to 250 ms (a stalled one): the engine's queue in front of each heartbeat.
    private static final double[] INTAKE_BUCKETS = {
        0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
    };
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final AtomicReference<@Nullable Live> live = new AtomicReference<>();
    private final Counter failovers;
    private final Histogram detection;
    private final Histogram programming;
    private final Histogram intake;
    private final Counter writeFailures;
    private final Counter resends;
    // Clusters whose failover series exist, at 0 for the causes not seen yet.
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    // cluster -> flows and groups restored by the flow audit, as its running total
    private final Map<String, Long> repaired = new ConcurrentHashMap<>();

    @Activate
    public GatewayHaMetrics() {
        failovers = Counter.builder().name("gwha_failovers_total")
            .help("Changes of active gateway decided on this node, by cluster and cause")
            .labelNames("cluster", "cause").register(registry);
        detection = Histogram.builder().name("gwha_failover_detection_seconds")
            .help("From the cause of a change of active gateway (a silent gateway's last heartbeat plus its "
                + "threshold, a port down, a resignation) to the decision")
            .labelNames("cluster", "cause").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        programming = Histogram.builder().name("gwha_failover_programming_seconds")
            .help("From the decision of a change of active gateway to the switches confirming its flows")
            .labelNames("cluster").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        intake = Histogram.builder().name("gwha_heartbeat_intake_seconds")
            .help("From a heartbeat's packet-in reaching this node's listener to the engine taking it: the wait in "
                + "the engine's queue, which the detector's thresholds see as jitter")
            .classicOnly().classicUpperBounds(INTAKE_BUCKETS).register(registry);
        writeFailures = Counter.builder().name("gwha_flow_write_failures_total")
            .help("Writes of flows, groups or meters to a switch through openflowplugin's RPCs that failed")
            .labelNames("switch").register(registry);
        resends = Counter.builder().name("gwha_flow_plan_resends_total")
            .help("Times a switch's whole plan was sent again: on (re)connecting, after a failed write")
            .labelNames("switch").register(registry);
        CounterWithCallback.builder().name("gwha_flows_repaired_total")
            .help("Flows and groups found missing or changed on a switch and restored by the flow audit")
            .labelNames("cluster")
            .callback(callback -> repaired.forEach((cluster, total) -> callback.call(total, cluster)))
            .register(registry);
        GaugeWithCallback.builder().name("gwha_arbiter")
            .help("1 while this controller node drives Gateway HA election (holds the arbiter's role), else 0")
            .callback(callback -> callback.call(live.get() == null ? 0 : 1)).register(registry);
        GaugeWithCallback.builder().name("gwha_cluster_status")
            .help("1 for the cluster's status (starting, electing, active, all-down, no-switch), 0 for the others")
            .labelNames("cluster", "status")
            .callback(callback -> clusters().forEach(cluster -> {
                for (var status : ClusterStatus.values()) {
                    callback.call(cluster.status() == status ? 1 : 0, cluster.name(), YangNames.of(status));
                }
            })).register(registry);
        GaugeWithCallback.builder().name("gwha_cluster_active_gateway")
            .help("1 for the gateway the cluster's traffic is steered to")
            .labelNames("cluster", "gateway")
            .callback(callback -> clusters().forEach(cluster -> cluster.activeGateway()
                .ifPresent(gateway -> callback.call(1, cluster.name(), gateway)))).register(registry);
        GaugeWithCallback.builder().name("gwha_gateway_state")
            .help("1 for the gateway's state (unknown, active, passive, down, maintenance), 0 for the others")
            .labelNames("cluster", "gateway", "state")
            .callback(callback -> clusters().forEach(cluster -> cluster.gateways().forEach(gateway -> {
                for (var state : GatewayState.values()) {
                    callback.call(gateway.state() == state ? 1 : 0, cluster.name(), gateway.name(),
                        YangNames.of(state));
                }
            }))).register(registry);
        GaugeWithCallback.builder().name("gwha_gateway_effective_priority")
            .help("The priority the election uses for the gateway")
            .labelNames("cluster", "gateway")
            .callback(callback -> clusters().forEach(cluster -> cluster.gateways().forEach(gateway ->
                callback.call(gateway.effectivePriority(), cluster.name(), gateway.name())))).register(registry);
        CounterWithCallback.builder().name("gwha_heartbeats_total")
            .help("VRRP advertisements the intake took (accepted) or turned away (malformed, spoofed), by the cluster "
                + "and gateway they claimed; a cluster's own spoofed ones (its VRID, none of its gateways) have an "
                + "empty gateway, and those of no cluster an empty cluster too")
            .labelNames("cluster", "gateway", "outcome")
            .callback(callback -> {
                final var current = live.get();
                if (current == null) {
                    return;
                }
                for (var cluster : current.clusters().get()) {
                    for (var gateway : cluster.gateways()) {
                        final var counts = current.counters().of(cluster.name(), gateway.name());
                        callback.call(counts.accepted(), cluster.name(), gateway.name(), "accepted");
                        callback.call(counts.malformed(), cluster.name(), gateway.name(), "malformed");
                        callback.call(counts.spoofed(), cluster.name(), gateway.name(), "spoofed");
                    }
                    callback.call(current.counters().of(cluster.name()).spoofed(), cluster.name(), "", "spoofed");
                }
                final var unattributed = current.counters().unattributed();
                callback.call(unattributed.malformed(), "", "", "malformed");
                callback.call(unattributed.spoofed(), "", "", "spoofed");
            }).register(registry);
        CounterWithCallback.builder().name("gwha_packet_ins_dropped_total")
            .help("Heartbeats and ARP requests the intake dropped because the engine's queue was full")
            .callback(callback -> {
                final var current = live.get();
                if (current != null) {
                    callback.call(current.counters().packetInsDropped());
                }
            }).register(registry);
        CounterWithCallback.builder().name("gwha_neighbor_discovery_malformed_total")
            .help("Neighbor Solicitations and Router Advertisements punted to the controller and dropped as "
                + "malformed")
            .callback(callback -> {
                final var current = live.get();
                if (current != null) {
                    callback.call(current.counters().neighborDiscoveryMalformed());
                }
            }).register(registry);
        CounterWithCallback.builder().name("gwha_router_advertisements_relayed_total")
            .help("Router Advertisements of the clusters' virtual routers passed on with the virtual MAC")
            .callback(callback -> {
                final var current = live.get();
                if (current != null) {
                    callback.call(current.counters().routerAdvertisementsRelayed());
                }
            }).register(registry);
    }

    /**
     * This node drives election: its live state is shown until the returned registration is closed.
     *
     * @param clusters the clusters as the arbiter publishes them
     * @param counters the intake's heartbeat counters
     */
    public Registration drive(final Supplier<List<ClusterView>> clusters, final CounterView counters) {
        final var driving = new Live(clusters, counters);
        live.set(driving);
        return () -> live.compareAndSet(driving, null);
    }

    /** Counts the changes of active gateway among the engine's decisions. */
    public void onDecisions(final List<Decision> decisions) {
        for (var decision : decisions) {
            if (decision instanceof ActiveGatewayChanged changed) {
                started(changed.cluster());
                final var cause = YangNames.of(changed.cause());
                failovers.labelValues(changed.cluster(), cause).inc();
                detection.labelValues(changed.cluster(), cause)
                    .observe(seconds(changed.decisionTime() - changed.causeTime()));
            }
        }
    }

    /** A heartbeat waited {@code delayNanos} in the engine's queue. */
    public void heartbeatTaken(final long delayNanos) {
        intake.observe(seconds(delayNanos));
    }

    /** The switches confirmed the flows of a change of active gateway decided at {@code decisionNanos}. */
    public void flowsConfirmed(final String cluster, final long decisionNanos, final long confirmedNanos) {
        started(cluster);
        programming.labelValues(cluster).observe(seconds(confirmedNanos - decisionNanos));
    }

    /**
     * A cluster's failover series start at 0 with its first election, every cause's: Prometheus's increase() sees no
     * increase in a series that first appears at 1, so an alert on the first failover of a cause would not fire.
     */
    private void started(final String cluster) {
        if (started.add(cluster)) {
            for (var cause : FailoverCause.values()) {
                failovers.labelValues(cluster, YangNames.of(cause));
                detection.labelValues(cluster, YangNames.of(cause));
            }
            programming.labelValues(cluster);
            repaired.putIfAbsent(cluster, 0L);
        }
    }

    /** A switch's write series start at 0 when it connects, so that increase() sees its first failure. */
    public void switchConnected(final String node) {
        switchSeen(node);
    }

    public void writeFailed(final String node) {
        switchSeen(node);
        writeFailures.labelValues(node).inc();
    }

    public void planResent(final String node) {
        switchSeen(node);
        resends.labelValues(node).inc();
    }

    private void switchSeen(final String node) {
        writeFailures.labelValues(node);
        resends.labelValues(node);
    }

    /** A cluster's new total of flows and groups restored by the flow audit. */
    public void flowsRepaired(final String cluster, final long total) {
        repaired.put(cluster, total);
    }

    /** A deleted cluster's series go; its failovers and latencies stay counted. */
    public void forget(final String cluster) {
        started.remove(cluster);
        repaired.remove(cluster);
    }

    /** The content type of {@link #scrape}: Prometheus's text exposition format 0.0.4. */
    public String contentType() {
        return text.getContentType();
    }

    /** Writes every metric in the text exposition format. */
    public void scrape(final OutputStream out) throws IOException {
        text.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    }

    private List<ClusterView> clusters() {
        final var current = live.get();
        return current == null ? List.of() : current.clusters().get();
    }

    private static double seconds(final long nanos) {
        return Math.max(0, nanos) / NANOS_PER_SECOND;
    }
}
