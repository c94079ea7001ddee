/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.gwha.impl.engine.ClusterSnapshot.PartitionSnapshot;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.state.CounterView.Counts;
import net.gwha.impl.state.PreviousState.OfCluster;
import net.gwha.impl.state.PreviousState.OfGateway;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.IntakeStatistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.FailoverEvent;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The live state as the node that drives election wrote it ({@link StateWriter}), read back from the datastores on
 * any node of an OpenDaylight cluster: the operational {@code cluster-states} joined with the configured clusters,
 * for the VIPs and configured priorities the state does not repeat; and for a node that takes the role over, what the
 * previous one left ({@link #previous()}).
 */
public final class StateReader {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final DataBroker broker;

    public StateReader(final DataBroker broker) {
        this.broker = broker;
    }

    /** Every configured cluster; one whose state is not written yet is starting. */
    public List<ClusterView> clusters() {
        final var configured = configured();
        final var states = states();
        return configured.values().stream()
            .sorted(Comparator.comparing(cluster -> cluster.getName().getValue()))
            .map(cluster -> view(cluster, states.get(cluster.getName().getValue())))
            .toList();
    }

    public Optional<ClusterView> cluster(final String name) {
        return Optional.ofNullable(configured().get(name)).map(cluster -> view(cluster, states().get(name)));
    }

    /** The cluster's failovers, oldest first; empty for a cluster whose state is not written. */
    public List<FailoverRecord> history(final String name) {
        final var state = states().get(name);
        return state == null ? List.of() : state.nonnullFailoverEvent().values().stream()
            .sorted(Comparator.comparing(event -> event.getSequence().longValue()))
            .map(event -> record(name, event))
            .toList();
    }

    /** Everything the previous arbiter wrote, without waiting: {@link PreviousState#NONE} where it wrote nothing. */
    public ListenableFuture<PreviousState> previous() {
        try (var tx = broker.newReadOnlyTransaction()) {
            final var states = tx.read(LogicalDatastoreType.OPERATIONAL,
                DataObjectIdentifier.builder(ClusterStates.class).build());
            final var intake = tx.read(LogicalDatastoreType.OPERATIONAL,
                DataObjectIdentifier.builder(IntakeStatistics.class).build());
            return Futures.whenAllSucceed(states, intake).call(() -> previous(Futures.getDone(states).orElse(null),
                Futures.getDone(intake).orElse(null)), MoreExecutors.directExecutor());
        }
    }

    private static PreviousState previous(final @Nullable ClusterStates states,
            final @Nullable IntakeStatistics intake) {
        return new PreviousState(states == null ? Map.of() : states.nonnullClusterState().values().stream()
            .map(StateReader::previous).collect(Collectors.toMap(OfCluster::name, Function.identity())),
            intake == null ? new Counts(0, 0, 0) : new Counts(0, count(intake.getHeartbeatsMalformed()),
                count(intake.getHeartbeatsSpoofed())),
            intake == null ? 0 : count(intake.getPacketInsDropped()),
            intake == null ? 0 : count(intake.getNeighborDiscoveryMalformed()),
            intake == null ? 0 : count(intake.getRouterAdvertisementsRelayed()));
    }

    private static OfCluster previous(final ClusterState state) {
        final var name = state.getName().getValue();
        return new OfCluster(name, Optional.ofNullable(state.getActiveGateway()).map(gateway -> gateway.getValue()),
            Optional.ofNullable(state.getActiveSince()).map(StateReader::instant),
            new Counts(0, count(state.getHeartbeatsMalformed()), count(state.getHeartbeatsSpoofed())),
            count(state.getFlowsRepaired()),
            state.nonnullGatewayState().values().stream().map(gw -> new OfGateway(gw.getName().getValue(),
                gw.getState() == null ? GatewayState.UNKNOWN : YangNames.parse(GatewayState.class,
                    gw.getState().getName()),
                Optional.ofNullable(gw.getLastHeard()).map(StateReader::instant),
                gw.getAdvertisedPriority() == null ? OptionalInt.empty()
                    : OptionalInt.of(gw.getAdvertisedPriority().toJava()),
                new Counts(count(gw.getHeartbeatsAccepted()), count(gw.getHeartbeatsMalformed()),
                    count(gw.getHeartbeatsSpoofed())))).toList(),
            state.nonnullFailoverEvent().values().stream()
                .sorted(Comparator.comparing(event -> event.getSequence().longValue()))
                .map(event -> record(name, event)).toList());
    }

    private Map<String, Cluster> configured() {
        return read(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class).build())
            .map(clusters -> clusters.nonnullCluster().values().stream()
                .collect(Collectors.toMap(cluster -> cluster.getName().getValue(), Function.identity())))
            .orElse(Map.of());
    }

    private Map<String, ClusterState> states() {
        return read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class).build())
            .map(states -> states.nonnullClusterState().values().stream()
                .collect(Collectors.toMap(state -> state.getName().getValue(), Function.identity())))
            .orElse(Map.of());
    }

    private <T extends DataObject> Optional<T> read(final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(store, path).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StateUnreadableException("the " + store.name().toLowerCase(Locale.ROOT)
                + " datastore did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnreadableException("interrupted while reading the datastore", e);
        }
    }

    private static ClusterView view(final Cluster cluster, final @Nullable ClusterState state) {
        final var vips = cluster.getVirtualIp() == null ? List.<String>of()
            : cluster.getVirtualIp().stream().map(IpAddress::stringValue).sorted().toList();
        final var gateways = cluster.nonnullGateway().values().stream()
            .sorted(Comparator.comparing(gateway -> gateway.getName().getValue()))
            .map(gateway -> gatewayView(gateway, state))
            .toList();
        if (state == null) {
            return new ClusterView(cluster.getName().getValue(), vips, ClusterStatus.STARTING, Optional.empty(),
                Optional.empty(), gateways, List.of());
        }
        return new ClusterView(cluster.getName().getValue(), vips,
            YangNames.parse(ClusterStatus.class, state.getStatus().getName()),
            Optional.ofNullable(state.getActiveGateway()).map(name -> name.getValue()),
            Optional.ofNullable(state.getActiveSince()).map(StateReader::instant), gateways,
            state.nonnullPartition().values().stream()
                .map(partition -> new PartitionSnapshot(partition.getId().getValue(),
                    partition.requireSwitch().stream().map(id -> id.getValue()).sorted().toList(),
                    Optional.ofNullable(partition.getActiveGateway()).map(name -> name.getValue())))
                .toList());
    }

    private static ClusterView.GatewayView gatewayView(final Gateway gateway, final @Nullable ClusterState state) {
        final var name = gateway.getName().getValue();
        final var priority = gateway.getPriority() == null ? 0 : gateway.getPriority().toJava();
        final var live = state == null ? null : state.nonnullGatewayState().values().stream()
            .filter(candidate -> candidate.getName().getValue().equals(name)).findFirst().orElse(null);
        if (live == null) {
            return new ClusterView.GatewayView(name, GatewayState.UNKNOWN, Optional.empty(), priority,
                OptionalInt.empty(), priority, 0, 0, 0);
        }
        final Uint8 advertised = live.getAdvertisedPriority();
        return new ClusterView.GatewayView(name, YangNames.parse(GatewayState.class, live.getState().getName()),
            Optional.ofNullable(live.getLastHeard()).map(StateReader::instant), priority,
            advertised == null ? OptionalInt.empty() : OptionalInt.of(advertised.toJava()),
            live.getEffectivePriority() == null ? priority : live.getEffectivePriority().toJava(),
            count(live.getHeartbeatsAccepted()), count(live.getHeartbeatsMalformed()),
            count(live.getHeartbeatsSpoofed()));
    }

    private static FailoverRecord record(final String cluster, final FailoverEvent event) {
        return new FailoverRecord(event.getSequence().longValue(), cluster,
            Optional.ofNullable(event.getFromGateway()).map(name -> name.getValue()), event.getToGateway().getValue(),
            YangNames.parse(FailoverCause.class, event.getCause().getName()), instant(event.getCauseTime()),
            instant(event.getDecisionTime()), Optional.ofNullable(event.getFlowsConfirmedTime())
                .map(StateReader::instant),
            Optional.ofNullable(event.getPartition()).map(id -> id.getValue()));
    }

    private static Instant instant(final DateAndTime time) {
        return Instant.parse(time.getValue());
    }

    private static long count(final @Nullable Counter64 counter) {
        return counter == null ? 0 : counter.getValue().longValue();
    }

    /** The datastore could not be read in time (no shard leader, for one): the operator is told so. */
    public static final class StateUnreadableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StateUnreadableException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
