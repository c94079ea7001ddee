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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.SwitchLinks;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the engine's decisions to the switches: keeps each cluster's configuration and election order, plans
 * with {@link FlowPlanner} and applies with the {@link FlowWriter}. A change of active gateway reports
 * when the switches confirmed it ({@link ConfirmationListener}).
 *
 * <p>The election order handed to the planner, and so the fast-failover buckets, is the engine's own
 * ({@link Decision.ElectionOrderChanged}): a gateway going down or coming back changes only the groups' buckets.
 */
public final class FlowProgrammer {
    /** Told when the switches confirmed the flows of a change of active gateway. */
    @FunctionalInterface
    public interface ConfirmationListener {
        void flowsConfirmed(String cluster, long decisionNanos, long confirmedNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowProgrammer.class);
    static final int MAX_HOSTS = 1024;

    private final FlowSink writer;
    private final FlowPlanner.Options options;
    // Guarded by this.
    private final Map<String, Cluster> configs = new HashMap<>();
    private final Map<String, List<String>> orders = new HashMap<>();
    private final Map<String, Set<FlowPlanner.Host>> hosts = new HashMap<>();
    private SwitchLinks topology = SwitchLinks.none();

    private final ConfirmationListener confirmations;

    public FlowProgrammer(final FlowSink writer, final FlowPlanner.Options options,
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
        orders.remove(cluster);
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

    /** Re-plans every cluster whose election order the decisions change. */
    public synchronized void onDecisions(final List<Decision> decisions) {
        final var replan = new TreeSet<String>();
        final var failovers = new HashMap<String, Decision.ActiveGatewayChanged>();
        for (var decision : decisions) {
            switch (decision) {
                case Decision.ElectionOrderChanged changed -> {
                    orders.put(changed.cluster(), changed.order());
                    replan.add(changed.cluster());
                }
                case Decision.ActiveGatewayChanged changed -> {
                    failovers.put(changed.cluster(), changed);
                    replan.add(changed.cluster());
                }
                default -> {
                    // states, status changes and refusals program nothing
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
        return log(cluster, writer.apply(FlowPlanner.plan(configs.get(cluster), orders.getOrDefault(cluster, List.of()),
            topology, options, hosts.getOrDefault(cluster, Set.of()))));
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
