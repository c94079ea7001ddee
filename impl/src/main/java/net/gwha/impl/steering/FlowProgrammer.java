/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.SwitchLinks;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the engine's decisions to the switches: keeps each cluster's configuration, active gateway and gateway
 * states, plans with {@link FlowPlanner} and applies with {@link FlowWriter}. A change of active gateway reports
 * when the switches confirmed it ({@link ConfirmationListener}).
 *
 * <p>The election order handed to the planner, and so the fast-failover buckets: the active gateway, then every
 * other gateway that is in service and not down, by configured priority, ties to the higher address (RFC 5798).
 * A gateway going down or coming back changes only the groups' buckets.
 */
public final class FlowProgrammer {
    /** Told when the switches confirmed the flows of a change of active gateway. */
    @FunctionalInterface
    public interface ConfirmationListener {
        void flowsConfirmed(String cluster, long decisionNanos, long confirmedNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowProgrammer.class);
    static final int MAX_HOSTS = 1024;

    private final FlowWriter writer;
    private final FlowPlanner.Options options;
    // Guarded by this.
    private final Map<String, Cluster> configs = new HashMap<>();
    private final Map<String, String> actives = new HashMap<>();
    private final Map<String, Map<String, GatewayState>> states = new HashMap<>();
    private final Map<String, Set<FlowPlanner.Host>> hosts = new HashMap<>();
    private SwitchLinks topology = SwitchLinks.none();

    private final ConfirmationListener confirmations;

    public FlowProgrammer(final FlowWriter writer, final FlowPlanner.Options options,
            final ConfirmationListener confirmations) {
        this.writer = writer;
        this.options = options;
        this.confirmations = confirmations;
    }

    /** A cluster's configuration changed: re-plan with its current active gateway. */
    public synchronized void configured(final Cluster cluster) {
        final var name = cluster.getName().getValue();
        configs.put(name, cluster);
        writer.own(name, FlowPlanner.owned(cluster, options));
        replan(name);
    }

    /** Every configured cluster has been handed over: the writer may now tell stale flows from the plan's. */
    public void loaded() {
        writer.loaded();
    }

    /** A cluster was deleted: remove every flow and group it had. */
    public synchronized void removed(final String cluster) {
        configs.remove(cluster);
        actives.remove(cluster);
        states.remove(cluster);
        hosts.remove(cluster);
        log(cluster, writer.remove(cluster));
    }

    /**
     * A host asked for one of the cluster's virtual IPs through a switch and got the controller's reply: from now
     * on that switch answers it alone (up to {@value #MAX_HOSTS} hosts per cluster; beyond, the controller does).
     */
    public synchronized void hostAsked(final String cluster, final FlowPlanner.Host host) {
        if (!configs.containsKey(cluster)) {
            return;
        }
        final var known = hosts.computeIfAbsent(cluster, key -> new HashSet<>());
        if (known.size() < MAX_HOSTS && known.add(host)) {
            replan(cluster);
        }
    }

    /** The links between switches changed: re-plan every cluster. */
    public synchronized void topologyChanged(final SwitchLinks newTopology) {
        if (!newTopology.equals(topology)) {
            topology = newTopology;
            configs.keySet().forEach(this::replan);
        }
    }

    /** Re-plans every cluster whose active gateway or gateway states the decisions change. */
    public synchronized void onDecisions(final List<Decision> decisions) {
        final var replan = new TreeSet<String>();
        final var failovers = new HashMap<String, Decision.ActiveGatewayChanged>();
        for (var decision : decisions) {
            switch (decision) {
                case Decision.ActiveGatewayChanged changed -> {
                    actives.put(changed.cluster(), changed.to());
                    failovers.put(changed.cluster(), changed);
                    replan.add(changed.cluster());
                }
                case Decision.GatewayStateChanged changed -> {
                    states.computeIfAbsent(changed.cluster(), key -> new HashMap<>())
                        .put(changed.gateway(), changed.newState());
                    replan.add(changed.cluster());
                }
                default -> {
                    // status changes and refusals program nothing
                }
            }
        }
        for (var cluster : replan) {
            if (!configs.containsKey(cluster)) {
                continue;
            }
            final var confirmed = replan(cluster);
            final var failover = failovers.get(cluster);
            if (failover != null) {
                confirmed.addListener(() -> {
                    try {
                        confirmations.flowsConfirmed(cluster, failover.decisionTime(), confirmed.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // logged by replan()
                    }
                }, MoreExecutors.directExecutor());
            }
        }
    }

    private ListenableFuture<Long> replan(final String cluster) {
        final var config = configs.get(cluster);
        final var order = electionOrder(config, Optional.ofNullable(actives.get(cluster)),
            states.getOrDefault(cluster, Map.of()));
        return log(cluster, writer.apply(FlowPlanner.plan(config, order, topology, options,
            hosts.getOrDefault(cluster, Set.of()))));
    }

    /**
     * The gateways in election order: the active one, then the in-service ones that are not down, by configured
     * priority and then address, both descending.
     *
     * @param cluster the configuration
     * @param active the active gateway, if any
     * @param states the gateways' states as the engine last reported them (absent: unknown)
     * @return gateway names, the active first; empty without an active gateway
     */
    static List<String> electionOrder(final Cluster cluster, final Optional<String> active,
            final Map<String, GatewayState> states) {
        if (active.isEmpty()) {
            return List.of();
        }
        final var order = new ArrayList<String>();
        order.add(active.orElseThrow());
        cluster.nonnullGateway().values().stream()
            .filter(gw -> !gw.getName().getValue().equals(active.orElseThrow()))
            .filter(gw -> gw.getAdminState() != AdminState.Maintenance)
            .filter(gw -> {
                final var state = states.getOrDefault(gw.getName().getValue(), GatewayState.UNKNOWN);
                return state != GatewayState.DOWN && state != GatewayState.MAINTENANCE;
            })
            .sorted(Comparator.comparingInt((Gateway gw) -> gw.getPriority().toJava())
                .thenComparing(gw -> Ipv4.parse(gw.getIpAddress().getValue())).reversed())
            .forEach(gw -> order.add(gw.getName().getValue()));
        return order;
    }

    private static ListenableFuture<Long> log(final String cluster, final ListenableFuture<Long> future) {
        com.google.common.util.concurrent.Futures.addCallback(future, new FutureCallback<Long>() {
            @Override
            public void onSuccess(final Long result) {
                LOG.debug("{}: flows confirmed", cluster);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: programming the switches failed", cluster, cause);
            }
        }, MoreExecutors.directExecutor());
        return future;
    }
}
