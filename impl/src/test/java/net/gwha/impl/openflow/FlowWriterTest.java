/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow;

import static net.gwha.impl.openflow.LabClusters.S1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.UpdateFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The writer over the real in-memory broker (the forwarding-rules manager's input, the configuration datastore)
 * and a recording stand-in for openflowplugin's RPCs.
 */
class FlowWriterTest extends AbstractConcurrentDataBrokerTest {
    private static final long CONFIRMED_AT = 42;
    private static final String FOREIGN = "someone-elses-flow";

    private final RecordingRpcs rpcs = new RecordingRpcs();
    private FlowWriter writer;

    FlowWriterTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, FlowWriter.flowPath(S1, FOREIGN),
            new FlowBuilder().setId(new FlowId(FOREIGN)).setTableId(Uint8.ZERO).setPriority(Uint16.valueOf(5))
                .setCookie(new FlowCookie(Uint64.valueOf(7))).setMatch(new MatchBuilder().build()).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
    }

    private FlowWriter writer(final FlowWriter.Mode mode) {
        writer = new FlowWriter(getDataBroker(), rpcs, mode, () -> CONFIRMED_AT);
        return writer;
    }

    @Test
    void datastorePathWritesThePlanAndConfirmsWithTheCommit() throws Exception {
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"));

        assertEquals(CONFIRMED_AT, writer(FlowWriter.Mode.DATASTORE).apply(plan).get(10, TimeUnit.SECONDS));

        final var expected = new TreeSet<>(plan.switches().get(S1).flows().keySet());
        expected.add(FOREIGN);
        assertEquals(expected, flowIds(S1));
        assertEquals(plan.switches().get(S1).flows().get("gwha-lab-steer"), readFlow(S1, "gwha-lab-steer")
            .orElseThrow());
        assertEquals(plan.switches().get(S1).groups().get(0x47573300L), readGroup(S1, 0x47573300L).orElseThrow());
        assertTrue(rpcs.takeCalls().isEmpty());
    }

    @Test
    void reapplyingAPlanChangesNothingAndAFailoverSendsOnlySteering() throws Exception {
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite);
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"))).get(10, TimeUnit.SECONDS);
        rpcs.takeCalls();

        // Configuration-only writes go through the datastore; the same plan again sends nothing at all.
        under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"))).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), rpcs.takeCalls());

        final var failover = FlowPlanner.plan(cluster, List.of("gw2", "gw1", "gw3"));
        assertEquals(CONFIRMED_AT, under.apply(failover).get(10, TimeUnit.SECONDS));
        final var calls = rpcs.takeCalls();
        // Only the two groups change (the flows point at them): the buckets' order.
        assertEquals(List.of("UpdateGroup", "UpdateGroup", "SendBarrier"),
            calls.stream().map(RecordingRpcs.Call::rpc).toList());
        // ... and the datastore holds the new state for the forwarding-rules manager.
        await().atMost(Duration.ofSeconds(10)).until(() -> readGroup(S1, 0x47573300L),
            group -> group.equals(Optional.of(failover.switches().get(S1).groups().get(0x47573300L))));

        // A lone gateway: a plain steering flow, updated in place by UpdateFlow.
        under.apply(FlowPlanner.plan(cluster, List.of("gw3"))).get(10, TimeUnit.SECONDS);
        final var lone = rpcs.takeCalls();
        assertEquals(Set.of("UpdateFlow", "RemoveGroup", "SendBarrier"), lone.stream().map(RecordingRpcs.Call::rpc)
            .collect(Collectors.toSet()));
        lone.stream().filter(call -> call.input() instanceof UpdateFlowInput).forEach(call -> assertTrue(
            FlowPlanner.isSteering(((UpdateFlowInput) call.input()).getUpdatedFlow().getFlowName()), call::toString));
        // Groups go after the flows that pointed at them, and a barrier asks the switch to confirm.
        assertEquals("RemoveGroup", lone.get(lone.size() - 2).rpc());
        assertEquals("SendBarrier", lone.getLast().rpc());
    }

    @Test
    void aDeletedClusterLeavesOtherClustersSharedFlowsAndOtherApplications() throws Exception {
        final var under = writer(FlowWriter.Mode.DATASTORE);
        final Cluster lab = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        final Cluster other = LabClusters.builder(LabClusters.gateway(5, 100, S1, 21),
            LabClusters.gateway(6, 100, S1, 22)).setName(new ClusterName("other")).setVrid(Uint8.valueOf(52))
            .setVirtualIp(LabClusters.vips("192.0.2.253")).build();
        under.apply(FlowPlanner.plan(lab, List.of("gw1"))).get(10, TimeUnit.SECONDS);
        under.apply(FlowPlanner.plan(other, List.of("gw5", "gw6"))).get(10, TimeUnit.SECONDS);

        under.remove("lab").get(10, TimeUnit.SECONDS);

        final var left = flowIds(S1);
        assertTrue(left.stream().noneMatch(id -> id.startsWith("gwha-lab-")), left::toString);
        assertTrue(left.containsAll(Set.of(FOREIGN, "gwha--lldp", "gwha--normal", "gwha--vrrp", "gwha-other-steer")),
            left::toString);
        assertTrue(readGroup(S1, 0x47573400L).isPresent());

        under.remove("other").get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(FOREIGN), flowIds(S1));
        assertTrue(readGroup(S1, 0x47573400L).isEmpty());
    }

    @Test
    void rpcPathSendsGroupsFirstAndEverythingAgainWhenTheSwitchReconnects() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1", "gw2"));
        under.apply(plan).get(10, TimeUnit.SECONDS);

        final var first = rpcs.takeCalls();
        assertEquals("AddGroup", first.getFirst().rpc());
        // The group, every flow, one barrier.
        assertEquals(plan.switches().get(S1).flows().size() + 2, first.size());
        // Nothing was persisted: only the foreign flow is in the datastore.
        assertEquals(Set.of(FOREIGN), flowIds(S1));

        // openflowplugin writes the node into the operational inventory when the switch connects.
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, FlowWriter.nodePath(S1),
            new NodeBuilder().setId(new NodeId(S1)).build());
        tx.commit().get(10, TimeUnit.SECONDS);

        final var again = await().atMost(Duration.ofSeconds(10)).until(rpcs::takeCalls, calls -> !calls.isEmpty());
        assertEquals("AddGroup", again.getFirst().rpc());
        assertEquals(first.stream().map(RecordingRpcs.Call::rpc).toList(),
            again.stream().map(RecordingRpcs.Call::rpc).toList());
    }

    @Test
    void aGroupTheSwitchAlreadyHasIsModifiedInstead() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        rpcs.failNext("AddGroup", "Device reported error type GROUPMODFAILED code GROUPEXISTS");

        assertEquals(CONFIRMED_AT, under.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1", "gw2"))).get(10, TimeUnit.SECONDS));
        final var calls = rpcs.takeCalls().stream().map(RecordingRpcs.Call::rpc).toList();
        assertEquals(List.of("AddGroup", "UpdateGroup"), calls.subList(0, 2));
    }

    @Test
    void anyOtherRefusalFailsTheConfirmation() {
        final var under = writer(FlowWriter.Mode.RPC);
        rpcs.failNext("AddFlow", "Device reported error type BADMATCH");

        final var future = under.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1")));
        final var failure = org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("BADMATCH"), failure::toString);
    }

    private Set<String> flowIds(final String node) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            final var found = tx.read(LogicalDatastoreType.CONFIGURATION, FlowWriter.nodePath(node)
                .toBuilder().augmentation(FlowCapableNode.class).build()).get(10, TimeUnit.SECONDS);
            return found.map(fcn -> fcn.nonnullTable().values().stream()
                .flatMap(table -> table.nonnullFlow().values().stream()).map(flow -> flow.getId().getValue())
                .collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
        }
    }

    private Optional<Flow> readFlow(final String node, final String id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, FlowWriter.flowPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Group> readGroup(final String node, final long id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, FlowWriter.groupPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }
}
