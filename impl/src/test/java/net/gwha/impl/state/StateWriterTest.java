/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.gwha.impl.engine.ClusterSnapshot.PartitionSnapshot;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.state.CounterView.Counts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.IntakeStatistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The intake's own counters reach the operational datastore, the packet-ins it dropped among them, and are read back
 * from there at a take-over; so do a split LAN's partitions. A write the datastore refuses is handed back to be
 * written again.
 */
class StateWriterTest extends AbstractConcurrentDataBrokerTest {
    StateWriterTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
    }

    @Test
    void packetInsTheFullQueueDroppedAreInTheIntakeStatistics() throws Exception {
        final var counters = counters(new Counts(0, 2, 3), 7);
        try (var writer = new StateWriter(getDataBroker(), counters)) {
            writer.write(new FakeLive(cluster -> Optional.empty(), List.of()), List.of(), List.of());

            await().atMost(Duration.ofSeconds(10)).until(this::intake, Optional::isPresent);
            final var stats = intake().orElseThrow();
            assertEquals(7, stats.getPacketInsDropped().getValue().longValue());
            assertEquals(8, stats.getNeighborDiscoveryMalformed().getValue().longValue());
            assertEquals(2, stats.getHeartbeatsMalformed().getValue().longValue());
            assertEquals(3, stats.getHeartbeatsSpoofed().getValue().longValue());
            assertEquals(9, stats.getRouterAdvertisementsRelayed().getValue().longValue());

            // what the next arbiter goes on from
            final var previous = new StateReader(getDataBroker()).previous().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(7L, 8L, 9L), List.of(previous.packetInsDropped(),
                previous.neighborDiscoveryMalformed(), previous.routerAdvertisementsRelayed()));
            assertEquals(new Counts(0, 2, 3), previous.unattributed());
        }
    }

    @Test
    void aSplitLanShowsEachPartitionWithItsActiveGatewayAndWhichHostsAFailoverMoved() throws Exception {
        final var split = view(List.of(new PartitionSnapshot("openflow:1", List.of("openflow:1", "openflow:3"),
            Optional.of("gw1")), new PartitionSnapshot("openflow:2", List.of("openflow:2"), Optional.of("gw4")),
            new PartitionSnapshot("openflow:5", List.of("openflow:5"), Optional.empty())));
        final var failover = new FailoverRecord(1, "lan", Optional.of("gw4"), "gw1",
            FailoverCause.PARTITIONED, Instant.EPOCH, Instant.EPOCH, Optional.empty(),
            Optional.of("openflow:1"));
        try (var writer = new StateWriter(getDataBroker(), counters(new Counts(0, 0, 0), 0))) {
            writer.write(new FakeLive(cluster -> Optional.of(split), List.of(failover)), List.of("lan"), List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster("lan").isPresent());

            final var state = cluster("lan").orElseThrow();
            assertEquals(Map.of("openflow:1", List.of(Set.of("openflow:1", "openflow:3"), Optional.of("gw1")),
                "openflow:2", List.of(Set.of("openflow:2"), Optional.of("gw4")),
                "openflow:5", List.of(Set.of("openflow:5"), Optional.empty())),
                state.nonnullPartition().values().stream().collect(Collectors.toMap(part -> part.getId().getValue(),
                    part -> List.of(part.requireSwitch().stream().map(NodeId::getValue).collect(Collectors.toSet()),
                        Optional.ofNullable(part.getActiveGateway()).map(GatewayName::getValue)))));
            final var event = state.nonnullFailoverEvent().values().iterator().next();
            assertEquals(List.of("openflow:1", "partitioned"), List.of(event.getPartition().getValue(),
                event.getCause().getName()));

            // healed: no partition is left, and the cluster's own failovers name none
            writer.write(new FakeLive(cluster -> Optional.of(view(List.of())), List.of()), List.of("lan"), List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster("lan").orElseThrow().getPartition() == null);
        }
    }

    @Test
    void aWriteThatMeetsANewClustersStartingEntryIsHandedBackToBeWrittenAgain() throws Exception {
        // The configuration's cohort commits lab-b's starting entry while the writer builds its transaction.
        final var live = new FakeLive(cluster -> {
            if (cluster.equals("lab-b")) {
                Futures.getUnchecked(StartingStates.write(getDataBroker(), List.of(cluster)));
            }
            return Optional.of(view(cluster, List.of()));
        }, List.of());
        try (var writer = new StateWriter(getDataBroker(), counters(new Counts(0, 0, 0), 0))) {
            writer.write(live, List.of("lab-a", "lab-b"), List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> !live.refused.isEmpty());

            assertEquals(List.of(List.of("lab-a", "lab-b")), live.refused);
            assertEquals(Optional.empty(), cluster("lab-a"));
            assertEquals(ClusterState.Status.Starting, cluster("lab-b").orElseThrow().getStatus());

            writer.write(new FakeLive(cluster -> Optional.of(view(cluster, List.of())), List.of()),
                List.of("lab-a", "lab-b"), List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster("lab-a").isPresent());
            assertEquals(ClusterState.Status.Active, cluster("lab-b").orElseThrow().getStatus());
        }
    }

    /** No cluster's own counts; these of the intake. */
    private static CounterView counters(final Counts unattributed, final long packetInsDropped) {
        return new CounterView() {
            @Override
            public Counts of(final String cluster, final String gateway) {
                return new Counts(0, 0, 0);
            }

            @Override
            public Counts of(final String cluster) {
                return new Counts(0, 0, 0);
            }

            @Override
            public Counts unattributed() {
                return unattributed;
            }

            @Override
            public long packetInsDropped() {
                return packetInsDropped;
            }

            @Override
            public long neighborDiscoveryMalformed() {
                return packetInsDropped + 1;
            }

            @Override
            public long routerAdvertisementsRelayed() {
                return packetInsDropped + 2;
            }
        };
    }

    private static ClusterView view(final List<PartitionSnapshot> partitions) {
        return view("lan", partitions);
    }

    private static ClusterView view(final String name, final List<PartitionSnapshot> partitions) {
        return new ClusterView(name, List.of("192.0.2.254"), ClusterStatus.ACTIVE, Optional.of("gw4"),
            Optional.of(Instant.EPOCH), List.of(), partitions);
    }

    /** Views and history as given; records the writes the datastore refused. */
    private static final class FakeLive implements LiveState {
        private final Function<String, Optional<ClusterView>> views;
        private final List<FailoverRecord> history;
        private final List<List<String>> refused = new CopyOnWriteArrayList<>();

        FakeLive(final Function<String, Optional<ClusterView>> views, final List<FailoverRecord> history) {
            this.views = views;
            this.history = history;
        }

        @Override
        public Optional<ClusterView> view(final String cluster) {
            return views.apply(cluster);
        }

        @Override
        public List<FailoverRecord> history(final String cluster) {
            return history;
        }

        @Override
        public Instant wallTime(final long nanos) {
            return Instant.EPOCH;
        }

        @Override
        public void refused(final List<String> changed, final List<String> removed) {
            refused.add(changed);
        }
    }

    private Optional<ClusterState> cluster(final String name) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class)
                .child(ClusterState.class, new ClusterStateKey(new ClusterName(name))).build())
                .get(10, TimeUnit.SECONDS);
        }
    }

    private Optional<IntakeStatistics> intake() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(IntakeStatistics.class)
                .build()).get(10, TimeUnit.SECONDS);
        }
    }
}
