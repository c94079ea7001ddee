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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The intake's own counters reach the operational datastore, the packet-ins it dropped among them; so do a split
 * LAN's partitions.
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
            writer.write(new LiveState() {
                @Override
                public Optional<ClusterView> view(final String cluster) {
                    return Optional.empty();
                }

                @Override
                public List<FailoverRecord> history(final String cluster) {
                    return List.of();
                }

                @Override
                public Instant wallTime(final long nanos) {
                    return Instant.EPOCH;
                }
            }, List.of(), List.of());

            await().atMost(Duration.ofSeconds(10)).until(this::intake, Optional::isPresent);
            final var stats = intake().orElseThrow();
            assertEquals(7, stats.getPacketInsDropped().getValue().longValue());
            assertEquals(2, stats.getHeartbeatsMalformed().getValue().longValue());
            assertEquals(3, stats.getHeartbeatsSpoofed().getValue().longValue());
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
            writer.write(live(split, List.of(failover)), List.of("lan"), List.of());
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
            writer.write(live(view(List.of()), List.of()), List.of("lan"), List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster("lan").orElseThrow().getPartition() == null);
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
        };
    }

    private static ClusterView view(final List<PartitionSnapshot> partitions) {
        return new ClusterView("lan", List.of("192.0.2.254"), ClusterStatus.ACTIVE, Optional.of("gw4"),
            Optional.of(Instant.EPOCH), List.of(), partitions);
    }

    private static LiveState live(final ClusterView view, final List<FailoverRecord> history) {
        return new LiveState() {
            @Override
            public Optional<ClusterView> view(final String cluster) {
                return Optional.of(view);
            }

            @Override
            public List<FailoverRecord> history(final String cluster) {
                return history;
            }

            @Override
            public Instant wallTime(final long nanos) {
                return Instant.EPOCH;
            }
        };
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
