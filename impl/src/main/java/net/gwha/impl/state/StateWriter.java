/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.FailoverCause;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.IntakeStatistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.IntakeStatisticsBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.FailoverEventBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.GatewayStateBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.PartitionBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the live state to the operational datastore: one writer, through one transaction chain, called by the
 * engine loop with the clusters that changed since the last write, and by the steering side when it repaired a
 * cluster's flows. Commits are asynchronous: the loop never waits.
 */
public final class StateWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);

    private final DataBroker broker;
    private final CounterView counters;
    // Guarded by this: the loop writes while another thread may close (leadership lost, shutdown).
    private TransactionChain chain;
    private boolean closed;
    // What the last write read from, so that a count kept elsewhere can be written when it changes.
    private Optional<LiveState> lastLive = Optional.empty();
    private final Map<String, Long> flowsRepaired = new HashMap<>();
    // The previous arbiter's repair counts, which this one's go on from.
    private final Map<String, Long> repairedBefore = new HashMap<>();

    public StateWriter(final DataBroker broker, final CounterView counters) {
        this.broker = broker;
        this.counters = counters;
        chain = newChain();
    }

    private TransactionChain newChain() {
        final var created = broker.createMergingTransactionChain();
        created.addCallback(new FutureCallback<Empty>() {
            @Override
            public void onSuccess(final Empty result) {
                LOG.debug("State chain closed");
            }

            @Override
            public void onFailure(final Throwable cause) {
                // A new cluster's starting entry committed first: expected, and the write's own callback rewrites it.
                if (cause instanceof OptimisticLockFailedException) {
                    LOG.debug("State chain failed on a concurrent write; the next write starts a new one", cause);
                } else {
                    LOG.warn("State chain failed; the next write starts a new one", cause);
                }
            }
        });
        return created;
    }

    /**
     * Writes the clusters that changed and deletes the removed ones, without waiting for the commit.
     *
     * @param live where the views come from
     * @param changed clusters whose state changed
     * @param removed clusters no longer configured
     */
    public synchronized void write(final LiveState live, final List<String> changed, final List<String> removed) {
        if (closed) {
            return;
        }
        lastLive = Optional.of(live);
        removed.forEach(flowsRepaired::remove);
        removed.forEach(repairedBefore::remove);
        if (chain.future().isDone()) {
            chain = newChain();
        }
        final var tx = chain.newWriteOnlyTransaction();
        for (var cluster : removed) {
            tx.delete(LogicalDatastoreType.OPERATIONAL, path(cluster));
        }
        for (var cluster : changed) {
            live.view(cluster).ifPresent(view -> tx.put(LogicalDatastoreType.OPERATIONAL, path(cluster),
                state(view, live.history(cluster))));
        }
        final var unattributed = counters.unattributed();
        tx.put(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(IntakeStatistics.class).build(),
            new IntakeStatisticsBuilder()
                .setHeartbeatsMalformed(counter(unattributed.malformed()))
                .setHeartbeatsSpoofed(counter(unattributed.spoofed()))
                .setPacketInsDropped(counter(counters.packetInsDropped()))
                .setNeighborDiscoveryMalformed(counter(counters.neighborDiscoveryMalformed()))
                .setRouterAdvertisementsRelayed(counter(counters.routerAdvertisementsRelayed()))
                .build());
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.trace("State of {} written", changed);
            }

            @Override
            public void onFailure(final Throwable cause) {
                if (cause instanceof OptimisticLockFailedException) {
                    // a new cluster's starting entry committed between this write's start and its commit
                    LOG.debug("State of {} met a concurrent write; writing it again", changed, cause);
                } else {
                    LOG.warn("Failed to write the state of {}; writing it again", changed, cause);
                }
                live.refused(changed, removed);
            }
        }, MoreExecutors.directExecutor());
    }

    /**
     * The switches' flows of a cluster were repaired: writes the new total at once, with the rest of its state.
     *
     * @param cluster the cluster
     * @param total flows and groups restored so far
     */
    public synchronized void flowsRepaired(final String cluster, final long total) {
        flowsRepaired.put(cluster, repairedBefore.getOrDefault(cluster, 0L) + total);
        lastLive.ifPresent(state -> write(state, List.of(cluster), List.of()));
    }

    /** At a take-over, before the first write: the repair counts go on from the previous arbiter's. */
    public synchronized void continueFrom(final PreviousState previous) {
        previous.clusters().forEach((cluster, state) -> repairedBefore.put(cluster, state.flowsRepaired()));
    }

    private ClusterState state(final ClusterView view, final List<FailoverRecord> history) {
        final var own = counters.of(view.name());
        return new ClusterStateBuilder()
            .setName(new ClusterName(view.name()))
            .setStatus(ClusterState.Status.ofName(YangNames.of(view.status())))
            .setActiveGateway(view.activeGateway().map(GatewayName::new).orElse(null))
            .setActiveSince(view.activeSince().map(StateWriter::dateAndTime).orElse(null))
            .setHeartbeatsMalformed(counter(own.malformed()))
            .setHeartbeatsSpoofed(counter(own.spoofed()))
            .setFlowsRepaired(counter(flowsRepaired.getOrDefault(view.name(),
                repairedBefore.getOrDefault(view.name(), 0L))))
            .setPartition(view.partitions().isEmpty() ? null : BindingMap.of(view.partitions().stream()
                .map(partition -> new PartitionBuilder()
                    .setId(new NodeId(partition.id()))
                    .setSwitch(partition.switches().stream().map(NodeId::new).collect(Collectors.toSet()))
                    .setActiveGateway(partition.activeGateway().map(GatewayName::new).orElse(null))
                    .build()).toList()))
            .setGatewayState(BindingMap.of(view.gateways().stream().map(gw -> new GatewayStateBuilder()
                .setName(new GatewayName(gw.name()))
                .setState(GatewayState.ofName(YangNames.of(gw.state())))
                .setLastHeard(gw.lastHeard().map(StateWriter::dateAndTime).orElse(null))
                .setAdvertisedPriority(gw.advertisedPriority().isPresent()
                    ? Uint8.valueOf(gw.advertisedPriority().getAsInt()) : null)
                .setEffectivePriority(Uint8.valueOf(gw.effectivePriority()))
                .setHeartbeatsAccepted(counter(gw.heartbeatsAccepted()))
                .setHeartbeatsMalformed(counter(gw.heartbeatsMalformed()))
                .setHeartbeatsSpoofed(counter(gw.heartbeatsSpoofed()))
                .build()).toList()))
            .setFailoverEvent(BindingMap.of(history.stream().map(failover -> new FailoverEventBuilder()
                .setSequence(Uint64.valueOf(failover.sequence()))
                .setFromGateway(failover.from().map(GatewayName::new).orElse(null))
                .setToGateway(new GatewayName(failover.to()))
                .setPartition(failover.partition().map(NodeId::new).orElse(null))
                .setCause(FailoverCause.ofName(YangNames.of(failover.cause())))
                .setCauseTime(dateAndTime(failover.causeTime()))
                .setDecisionTime(dateAndTime(failover.decisionTime()))
                .setFlowsConfirmedTime(failover.flowsConfirmedTime().map(StateWriter::dateAndTime).orElse(null))
                .setDetectionLatency(millis(failover.detectionLatency()))
                .setProgrammingLatency(failover.programmingLatency().map(StateWriter::millis).orElse(null))
                .build()).toList()))
            .build();
    }

    static DataObjectIdentifier<ClusterState> path(final String cluster) {
        return DataObjectIdentifier.builder(ClusterStates.class)
            .child(ClusterState.class, new ClusterStateKey(new ClusterName(cluster))).build();
    }

    private static DateAndTime dateAndTime(final Instant instant) {
        return new DateAndTime(instant.toString());
    }

    /** Milliseconds with three decimals: microsecond resolution. */
    private static Decimal64 millis(final Duration duration) {
        return Decimal64.of(3, duration.toNanos() / 1000);
    }

    private static Counter64 counter(final long value) {
        return new Counter64(Uint64.valueOf(value));
    }

    @Override
    public synchronized void close() {
        closed = true;
        chain.close();
    }
}
