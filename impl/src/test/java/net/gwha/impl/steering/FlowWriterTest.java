/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.fixtures.RecordingRpcs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.PuntMetersBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetMeterStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.UpdateFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.statistics.reply.GroupStats;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.statistics.reply.GroupStatsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeterInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.MeterBandHeaders;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.statistics.reply.MeterStatsBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The writer over the real in-memory broker (the forwarding-rules manager's input, the configuration datastore)
 * and a recording stand-in for openflowplugin's RPCs.
 */
class FlowWriterTest extends AbstractConcurrentDataBrokerTest {
    private static final long CONFIRMED_AT = 42;
    private static final String FOREIGN = "someone-elses-flow";
    // The host that asked for the VIP, for a switch-side ARP responder.
    private static final FlowPlanner.Host HOST = new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0a"),
        "192.0.2.10", LabClusters.VIP);

    private final RecordingRpcs rpcs = new RecordingRpcs();
    // The writer's thread: runs what is queued when the test pumps it; time moves only when the test says.
    private final FakeScheduler scheduler = new FakeScheduler();
    private final SteeringLoop steering = new SteeringLoop(scheduler);
    private final Map<String, Long> repaired = new ConcurrentHashMap<>();
    private FlowWriter writer;
    // The split-brain fence as the writer sees it: whether this node may write.
    private volatile boolean fenced;

    FlowWriterTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowPath(S1, FOREIGN),
            new FlowBuilder().setId(new FlowId(FOREIGN)).setTableId(Uint8.ZERO).setPriority(Uint16.valueOf(5))
                .setCookie(new FlowCookie(Uint64.valueOf(7))).setMatch(new MatchBuilder().build()).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
        steering.close();
    }

    private FlowWriter writer(final FlowWriter.Mode mode) {
        writer = new FlowWriter(getDataBroker(), rpcs, mode, () -> CONFIRMED_AT, steering,
            (cluster, total) -> repaired.put(cluster, total), () -> !fenced);
        return writer;
    }

    @Test
    void datastorePathWritesThePlanAndConfirmsWithTheCommit() throws Exception {
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"));

        assertEquals(CONFIRMED_AT, done(writer(FlowWriter.Mode.DATASTORE).apply(plan)));

        final var expected = new TreeSet<>(plan.switches().get(S1).flows().keySet());
        expected.add(FOREIGN);
        assertEquals(expected, flowIds(S1));
        assertEquals(plan.switches().get(S1).flows().get("gwha-lab-steer"), readFlow(S1, "gwha-lab-steer")
            .orElseThrow());
        assertEquals(plan.switches().get(S1).groups().get(0x47573300L), readGroup(S1, 0x47573300L).orElseThrow());
        for (var meter : plan.switches().get(S1).meters().entrySet()) {
            assertEquals(meter.getValue(), readMeter(S1, meter.getKey()).orElseThrow());
        }
        assertTrue(rpcs.takeCalls().isEmpty());
    }

    @Test
    void reapplyingAPlanChangesNothingAndAFailoverSendsOnlySteering() throws Exception {
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite);
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"))));
        rpcs.takeCalls();

        // Configuration-only writes go through the datastore; the same plan again sends nothing at all.
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"))));
        assertEquals(List.of(), rpcs.takeCalls());

        final var failover = FlowPlanner.plan(cluster, List.of("gw2", "gw1", "gw3"));
        assertEquals(CONFIRMED_AT, done(under.apply(failover)));
        final var calls = rpcs.takeCalls();
        // Only the two groups change (the flows point at them): the buckets' order.
        assertEquals(List.of("UpdateGroup", "UpdateGroup", "SendBarrier"),
            calls.stream().map(RecordingRpcs.Call::rpc).toList());
        // ... and the datastore holds the new state for the forwarding-rules manager.
        until(() -> readGroup(S1, 0x47573300L),
            group -> group.equals(Optional.of(failover.switches().get(S1).groups().get(0x47573300L))));

        // A lone gateway: a plain steering flow, updated in place by UpdateFlow.
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw3"))));
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
        done(under.apply(FlowPlanner.plan(lab, List.of("gw1"))));
        done(under.apply(FlowPlanner.plan(other, List.of("gw5", "gw6"))));

        done(under.remove("lab"));

        final var left = flowIds(S1);
        assertTrue(left.stream().noneMatch(id -> id.startsWith("gwha-lab-")), left::toString);
        assertTrue(left.containsAll(Set.of(FOREIGN, "gwha--lldp", "gwha--normal", "gwha-other-steer")),
            left::toString);
        assertTrue(readGroup(S1, 0x47573400L).isPresent());
        // lab's meters go, other's stay, and so does the LLDP punt's, which both planned.
        assertEquals(Set.of(0x47570000L, 0x47573400L, 0x47573401L, 0x47573402L), meterIds(S1));

        done(under.remove("other"));
        assertEquals(Set.of(FOREIGN), flowIds(S1));
        assertTrue(readGroup(S1, 0x47573400L).isEmpty());
        assertEquals(Set.of(), meterIds(S1));
    }

    @Test
    void rpcPathSendsGroupsFirstAndEverythingAgainWhenTheSwitchReconnects() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1", "gw2"));
        done(under.apply(plan));

        final var first = rpcs.takeCalls();
        // The meters, then the group, before the flows that name them.
        final int meters = plan.switches().get(S1).meters().size();
        // LLDP's, the cluster's shared one, one per gateway
        assertEquals(5, meters);
        final var expectedOrder = new ArrayList<>(Collections.nCopies(meters, "AddMeter"));
        expectedOrder.add("AddGroup");
        assertEquals(expectedOrder, first.subList(0, meters + 1).stream().map(RecordingRpcs.Call::rpc).toList());
        // The meters, the group, every flow, one barrier.
        assertEquals(meters + plan.switches().get(S1).flows().size() + 2, first.size());
        // Nothing was persisted: only the foreign flow is in the datastore.
        assertEquals(Set.of(FOREIGN), flowIds(S1));

        under.loaded();
        connect(S1);

        until(() -> asked(rpcs.calls()));
        final var again = rpcs.takeCalls();
        assertEquals("AddMeter", again.getFirst().rpc());
        // The same again, then the question what else of ours the switch holds (nothing, here).
        final var expected = new ArrayList<>(first.stream().map(RecordingRpcs.Call::rpc).toList());
        expected.addAll(List.of("GetFlowStatistics", "GetGroupStatistics"));
        assertEquals(expected, again.stream().map(RecordingRpcs.Call::rpc).toList());
    }

    @Test
    void aSwitchThatReconnectsGetsItsRpcWrittenSteeringBack() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        under.own("lab", FlowPlanner.owned(cluster, FlowPlanner.Options.DEFAULT));
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2"))));
        under.loaded();
        final var failover = FlowPlanner.plan(cluster, List.of("gw2", "gw1"));
        done(under.apply(failover));
        connect(S1);
        until(() -> asked(rpcs.calls()));
        rpcs.takeCalls();

        // The switch goes away and comes back: the failover's group, which went by RPC, is sent again as it is now.
        disconnect(S1);
        connect(S1);
        until(() -> asked(rpcs.calls()));
        final var again = rpcs.takeCalls();
        final var group = again.stream().filter(call -> call.input() instanceof AddGroupInput).findFirst()
            .orElseThrow();
        assertEquals(Describe.group(failover.switches().get(S1).groups().get(0x47573300L)),
            Describe.group(new GroupBuilder((AddGroupInput) group.input()).build()));
        assertEquals(failover.switches().get(S1).flows().size(), again.stream()
            .filter(call -> call.rpc().equals("AddFlow")).count());
    }

    @Test
    void aConnectingSwitchLosesStaleFlowsAndGroupsOfTheProjectOnly() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        under.own("lab", FlowPlanner.owned(cluster, FlowPlanner.Options.DEFAULT));
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw3"));
        done(under.apply(plan));
        // Left over from before: a cluster deleted while this writer was not running, in the datastore and on the
        // switch, and a gateway (gw9) the cluster no longer has.
        final var gone = FlowPlanner.plan(LabClusters.builder(LabClusters.gateway(7, 100, S1, 17),
            LabClusters.gateway(8, 90, S1, 18)).setName(new ClusterName("gone")).setVrid(Uint8.valueOf(60))
            .setVirtualIp(LabClusters.vips("192.0.2.250")).build(), List.of("gw7", "gw8"));
        final var goneSteer = gone.switches().get(S1).flows().get("gwha-gone-steer");
        final var gw9 = FlowPlanner.plan(LabClusters.builder(LabClusters.gateway(1, 200, S1, 11),
            LabClusters.gateway(9, 90, S1, 19)).build(), List.of("gw1")).switches().get(S1).flows()
            .get("gwha--vrrp-19");
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowPath(S1, "gwha-gone-steer"),
            goneSteer);
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InventoryPaths.groupPath(S1, 0x47573c00L),
            gone.switches().get(S1).groups().get(0x47573c00L));
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, InventoryPaths.meterPath(S1, 0x47573c00L),
            gone.switches().get(S1).meters().get(0x47573c00L));
        tx.commit().get(10, TimeUnit.SECONDS);
        final var onSwitch = new ArrayList<FlowAndStatisticsMapList>();
        plan.switches().get(S1).flows().values().forEach(flow -> onSwitch.add(reported(flow)));
        onSwitch.add(reported(goneSteer));
        onSwitch.add(reported(gw9));
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(onSwitch)
            .build());
        rpcs.answer("GetGroupStatistics", new GetGroupStatisticsOutputBuilder().setGroupStats(BindingMap.of(
            groupStats(0x47573300L), groupStats(0x47573c00L), groupStats(5))).build());
        rpcs.takeCalls();

        // Connected before the configuration was read: nothing happens until it was.
        connect(S1);
        assertEquals(List.of(), rpcs.takeCalls());
        under.loaded();

        until(() -> rpcs.calls().stream()
            .filter(call -> call.rpc().equals("SendBarrier")).count() == 2);
        final var calls = rpcs.takeCalls();
        // The switch is asked only for the project's flows.
        final var query = (GetFlowStatisticsInput) calls.stream().filter(call -> call.input()
            instanceof GetFlowStatisticsInput).findFirst().orElseThrow().input();
        assertEquals(0x4757L << 48, query.getCookie().getValue().longValue());
        assertEquals(0xFFFFL << 48, query.getCookieMask().getValue().longValue());
        // Removed by exact cookie, nothing else: the deleted cluster's steering and the vanished gateway's punt.
        final var removed = calls.stream().filter(call -> call.input() instanceof RemoveFlowInput)
            .map(call -> (RemoveFlowInput) call.input()).toList();
        assertEquals(Set.of(goneSteer.getCookie(), gw9.getCookie()), removed.stream().map(RemoveFlowInput::getCookie)
            .collect(Collectors.toSet()));
        removed.forEach(remove -> {
            assertEquals(Uint64.MAX_VALUE, remove.getCookieMask().getValue());
            assertEquals(Boolean.FALSE, remove.getStrict());
        });
        assertEquals(List.of(0x47573c00L), calls.stream().filter(call -> call.input() instanceof RemoveGroupInput)
            .map(call -> ((RemoveGroupInput) call.input()).getGroupId().getValue().toJava()).toList());
        // ... and the datastore no longer holds the deleted cluster's entries, so the FRM will not install them.
        until(() -> readGroup(S1, 0x47573c00L).isEmpty()
            && !flowIds(S1).contains("gwha-gone-steer") && !meterIds(S1).contains(0x47573c00L));
        assertEquals(plan.switches().get(S1).meters().keySet(), meterIds(S1));
        final var expected = new TreeSet<>(plan.switches().get(S1).flows().keySet());
        expected.add(FOREIGN);
        assertEquals(expected, flowIds(S1));
    }

    /**
     * A new arbiter meets the ARP responders its predecessor installed for the hosts it learned: it takes the hosts
     * on, keeping their flows, where it would remove them as stale. A deleted cluster's responder still goes.
     */
    @Test
    void aConnectingSwitchKeepsTheHostsThePreviousArbiterLearned() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var programmer = new FlowProgrammer(under, FlowPlanner.Options.DEFAULT,
            (cluster, decided, confirmed) -> { }, steering, () -> CONFIRMED_AT);
        under.adoptHostsWith(programmer::adopt);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        programmer.configured(cluster);
        scheduler.runDue();
        final var responder = responder(cluster, LabClusters.VIP);
        final var gone = responder(LabClusters.builder(LabClusters.gateway(7, 100, S1, 17)).setName(
            new ClusterName("gone")).setVrid(Uint8.valueOf(60)).setVirtualIp(LabClusters.vips("192.0.2.250")).build(),
            "192.0.2.250");
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
            InventoryPaths.flowPath(S1, responder.getId().getValue()), responder);
        tx.commit().get(10, TimeUnit.SECONDS);
        final var onSwitch = new ArrayList<FlowAndStatisticsMapList>();
        FlowPlanner.plan(cluster, List.of()).switches().get(S1).flows().values().forEach(flow -> onSwitch.add(
            reported(flow)));
        onSwitch.add(reported(responder));
        onSwitch.add(reported(gone));
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(onSwitch)
            .build());

        connect(S1);
        programmer.loaded();

        until(() -> rpcs.calls().stream().anyMatch(call -> call.input() instanceof RemoveFlowInput));
        final var removed = rpcs.takeCalls().stream().filter(call -> call.input() instanceof RemoveFlowInput)
            .map(call -> ((RemoveFlowInput) call.input()).getCookie()).toList();
        assertEquals(List.of(gone.getCookie()), removed);
        assertTrue(flowIds(S1).contains(responder.getId().getValue()));
    }

    /**
     * What SharedNetworkIT does to a learned host's ARP responder: deleted behind the controller's back, it is
     * restored like every flow of the plan, idle timeout or not. Once the controller has forgotten the host (it asked
     * the controller no more for the host's time to live), the responder has left the plan, and a switch that no
     * longer holds it (idled out, or deleted) is left so.
     */
    @Test
    void aLearnedHostsResponderIsRestoredUntilTheControllerForgetsTheHost() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var programmer = new FlowProgrammer(under, FlowPlanner.Options.DEFAULT,
            (cluster, decided, confirmed) -> { }, steering, scheduler::nanoTime);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        programmer.configured(cluster);
        programmer.loaded();
        connect(S1);
        until(() -> asked(rpcs.calls()));
        final var responder = responder(cluster, LabClusters.VIP);
        final var planned = FlowPlanner.plan(cluster, List.of(), SwitchLinks.none(), FlowPlanner.Options.DEFAULT,
            List.of(HOST)).switches().get(S1);
        programmer.hostAsked("lab", HOST);
        scheduler.advance(FlowProgrammer.HOST_BATCH);
        until(() -> flowIds(S1).contains(responder.getId().getValue()));
        // ovs-ofctl del-flows took the responder.
        holds(planned, flow -> !flow.equals(responder));
        rpcs.takeCalls();

        scheduler.advance(Duration.ofSeconds(10));
        until(() -> rpcs.calls().stream().anyMatch(call -> call.rpc().equals("SendBarrier")));

        assertEquals(List.of(responder.getFlowName()), added(rpcs.takeCalls()));
        assertEquals(Map.of("lab", 1L), repaired);

        // Restored; the host no longer asks the controller (the switch answers it), which forgets it a time to live
        // after its request, and removes the responder itself.
        holds(planned, flow -> true);
        scheduler.advance(FlowProgrammer.HOST_TTL);
        until(() -> !flowIds(S1).contains(responder.getId().getValue()));
        // The switch no longer holds it either.
        holds(planned, flow -> !flow.equals(responder));
        rpcs.takeCalls();

        scheduler.advance(FlowAudit.PERIOD.multipliedBy(3));

        assertEquals(List.of(), added(rpcs.takeCalls()));
        assertEquals(Map.of("lab", 1L), repaired);
    }

    /** The switch reports these flows of a plan, and all of its groups and meters. */
    private void holds(final FlowPlanner.SwitchPlan plan, final Predicate<Flow> which) {
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(
            plan.flows().values().stream().filter(which).map(FlowWriterTest::held).toList()).build());
        rpcs.answer("GetGroupStatistics", new GetGroupStatisticsOutputBuilder().setGroupStats(BindingMap.of(
            plan.groups().keySet().stream().map(FlowWriterTest::groupStats).toList())).build());
        rpcs.answer("GetMeterStatistics", new GetMeterStatisticsOutputBuilder().setMeterStats(BindingMap.of(
            plan.meters().keySet().stream().map(id -> new MeterStatsBuilder().setMeterId(new MeterId(
                Uint32.valueOf(id))).build()).toList())).build());
    }

    /** The flows these calls added, by name. */
    private static List<String> added(final List<RecordingRpcs.Call> calls) {
        return calls.stream().filter(call -> call.input() instanceof AddFlowInput)
            .map(call -> ((AddFlowInput) call.input()).getFlowName()).toList();
    }

    /** The ARP responder a plan of the cluster has for a host that asked for the VIP. */
    private static Flow responder(final Cluster cluster, final String vip) {
        return FlowPlanner.plan(cluster, List.of(), SwitchLinks.none(), FlowPlanner.Options.DEFAULT,
            List.of(new FlowPlanner.Host(S1, HOST.mac(), HOST.ip(), vip))).switches()
            .get(S1).flows().values().stream().filter(flow -> flow.getId().getValue().contains("-arp-reply-"))
            .findFirst().orElseThrow();
    }

    @Test
    void steeringStaysWhileNoGatewayIsElectedYet() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite);
        // A controller that just started: the cluster is configured, no gateway heard yet, so no steering planned.
        under.own("lab", FlowPlanner.owned(cluster, FlowPlanner.Options.DEFAULT));
        done(under.apply(FlowPlanner.plan(cluster, List.of())));
        final var before = FlowPlanner.plan(cluster, List.of("gw2", "gw1"));
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(
            before.switches().get(S1).flows().values().stream().map(FlowWriterTest::reported).toList()).build());
        rpcs.answer("GetGroupStatistics", new GetGroupStatisticsOutputBuilder().setGroupStats(BindingMap.of(
            groupStats(0x47573300L), groupStats(0x47573301L))).build());
        under.loaded();
        rpcs.takeCalls();

        connect(S1);

        until(() -> asked(rpcs.calls()));
        final var calls = rpcs.takeCalls();
        assertTrue(calls.stream().noneMatch(call -> call.rpc().startsWith("Remove")), calls::toString);
    }

    @Test
    void aGroupTheSwitchAlreadyHasIsModifiedInstead() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        rpcs.failNext("AddGroup", "Device reported error type GROUPMODFAILED code GROUPEXISTS");

        assertEquals(CONFIRMED_AT, done(under.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1", "gw2")))));
        final var calls = rpcs.takeCalls().stream().map(RecordingRpcs.Call::rpc)
            .filter(rpc -> rpc.endsWith("Group")).toList();
        assertEquals(List.of("AddGroup", "UpdateGroup"), calls);
    }

    /**
     * A switch that kept a meter with other bands (an earlier configuration's, a previous controller's) refuses to
     * add it, and openflowplugin 0.20.1 reads no bands back: the planned meter replaces it, and the flows that name
     * it, which the switch removes with it, come back after it, those sent with the refused addition included.
     */
    @Test
    void aMeterTheSwitchHoldsAlreadyIsReplacedAndItsFlowsAddedAgain() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1", "gw2"));
        final var planned = plan.switches().get(S1);
        final long stale = planned.meters().firstKey();
        final var onSwitch = new SwitchModel(planned);
        onSwitch.meters.put(stale, FlowEntries.meter("older", stale, 4, 10).getMeterBandHeaders());
        rpcs.failNext("AddMeter", "Device reported error type METERMODFAILED code METEREXISTS");

        assertEquals(CONFIRMED_AT, done(under.apply(plan)));

        final var calls = rpcs.takeCalls();
        assertEquals(stale, ((AddMeterInput) calls.getFirst().input()).getMeterId().getValue().toJava());
        onSwitch.take(calls);
        final var bands = new TreeMap<Long, MeterBandHeaders>();
        planned.meters().forEach((id, meter) -> bands.put(id, meter.getMeterBandHeaders()));
        assertEquals(bands, onSwitch.meters);
        assertEquals(planned.flows().keySet(), onSwitch.flows);
        assertTrue(calls.stream().noneMatch(call -> call.rpc().contains("UpdateMeter")), calls::toString);
    }

    /** A meter no longer planned when its refusal comes back is not put back: its removal went out meanwhile. */
    @Test
    void aRefusedMeterOfAClusterRemovedMeanwhileIsNotAddedAgain() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC);
        rpcs.hold("AddMeter");
        final var added = under.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1", "gw2")));
        scheduler.runDue();
        final var removed = under.remove("lab");
        scheduler.runDue();
        assertTrue(rpcs.takeCalls().stream().anyMatch(call -> call.input() instanceof RemoveMeterInput));

        rpcs.release("AddMeter", "Device reported error type METERMODFAILED code METEREXISTS");

        assertEquals(CONFIRMED_AT, done(added));
        assertEquals(CONFIRMED_AT, done(removed));
        assertEquals(List.of(), rpcs.takeCalls());
    }

    /**
     * openflowplugin 0.20.1 cannot modify a meter, and a switch removes the flows that name a meter with it: new
     * punt-meter settings replace the meter and add its flows again, in that order, on the RPC path.
     */
    @Test
    void changedMeterSettingsReplaceTheMeterAndItsFlows() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw1"))));
        rpcs.takeCalls();

        final var faster = FlowPlanner.plan(new ClusterBuilder(cluster).setPuntMeters(new PuntMetersBuilder()
            .setSharedRate(Uint32.valueOf(20)).build()).build(), List.of("gw1"));
        assertEquals(CONFIRMED_AT, done(under.apply(faster)));

        final var calls = rpcs.takeCalls();
        final var shared = faster.switches().get(S1).flows().values().stream()
            .filter(flow -> FlowEntries.meter(flow).equals(Optional.of(0x47573300L)))
            .map(flow -> flow.getId().getValue()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(7, shared.size(), shared::toString);
        assertEquals(List.of("RemoveMeter", "AddMeter"), calls.subList(0, 2).stream().map(RecordingRpcs.Call::rpc)
            .toList());
        assertEquals(0x47573300L, ((AddMeterInput) calls.get(1).input()).getMeterId().getValue().toJava());
        assertEquals(shared, calls.stream().filter(call -> call.input() instanceof AddFlowInput)
            .map(call -> ((AddFlowInput) call.input()).getFlowName()).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals("SendBarrier", calls.getLast().rpc());
        await().atMost(Duration.ofSeconds(10)).until(() -> readMeter(S1, 0x47573300L),
            meter -> meter.equals(Optional.of(faster.switches().get(S1).meters().get(0x47573300L))));
    }

    /**
     * The forwarding-rules manager does not hold a flow back until the meter it names is on the switch: in the
     * default mode a configuration that adds a meter goes through the RPCs too, meters first; one that adds none
     * goes through the datastore alone.
     */
    @Test
    void aConfigurationThatAddsMetersSendsThemAheadOfItsFlows() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        final var plan = FlowPlanner.plan(cluster, List.of());
        done(under.apply(plan));

        final var calls = rpcs.takeCalls().stream().map(RecordingRpcs.Call::rpc).toList();
        final int meters = plan.switches().get(S1).meters().size();
        assertEquals(Collections.nCopies(meters, "AddMeter"), calls.subList(0, meters));
        assertEquals(plan.switches().get(S1).flows().size(), calls.stream().filter("AddFlow"::equals).count());
        assertEquals("SendBarrier", calls.getLast());
        until(() -> meterIds(S1),
            ids -> ids.equals(plan.switches().get(S1).meters().keySet()));

        // A host's switch-side ARP reply: a flow and no meter, so the datastore alone.
        done(under.apply(FlowPlanner.plan(cluster, List.of(), SwitchLinks.none(), FlowPlanner.Options.DEFAULT,
            List.of(new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0a"), "192.0.2.10", LabClusters.VIP)))));
        assertEquals(List.of(), rpcs.takeCalls());
        assertTrue(flowIds(S1).contains("gwha-lab-arp-reply-192.0.2.254-02000000000a"));
    }

    @Test
    void anyOtherRefusalFailsTheConfirmation() {
        final var under = writer(FlowWriter.Mode.RPC);
        rpcs.failNext("AddFlow", "Device reported error type BADMATCH");

        final var future = under.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1")));
        final var failure = org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> done(future));
        assertTrue(failure.getCause().getMessage().contains("BADMATCH"), failure::toString);
    }

    @Test
    void flowsAndGroupsDeletedBehindTheControllersBackAreRestoredWithinTenSeconds() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        under.own("lab", FlowPlanner.owned(cluster, FlowPlanner.Options.DEFAULT));
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2"));
        done(under.apply(plan));
        under.loaded();
        connect(S1);
        until(() -> asked(rpcs.calls()));
        rpcs.takeCalls();
        final var all = plan.switches().get(S1).flows().values().stream().map(FlowWriterTest::held).toList();
        // Someone ran ovs-ofctl del-flows for the steering flow, and deleted the group.
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(
            all.stream().filter(flow -> !flow.getPriority().equals(Uint16.valueOf(900))).toList()).build());
        rpcs.answer("GetGroupStatistics", new GetGroupStatisticsOutputBuilder().build());
        rpcs.answer("GetMeterStatistics", new GetMeterStatisticsOutputBuilder().setMeterStats(BindingMap.of(
            plan.switches().get(S1).meters().keySet().stream().map(id -> new MeterStatsBuilder()
                .setMeterId(new MeterId(Uint32.valueOf(id))).build()).toList())).build());

        scheduler.advance(Duration.ofSeconds(10));
        until(() -> rpcs.calls().stream().anyMatch(call -> call.rpc().equals("SendBarrier")));

        // The first audit leaves what was just re-sent at the connection alone, the second restores.
        final var calls = rpcs.takeCalls();
        assertEquals(List.of("GetFlowStatistics", "GetGroupStatistics", "GetMeterStatistics", "GetFlowStatistics",
            "GetGroupStatistics", "GetMeterStatistics", "AddGroup", "AddFlow", "SendBarrier"),
            calls.stream().map(RecordingRpcs.Call::rpc).toList());
        assertEquals("gwha-lab-steer", ((AddFlowInput) calls.get(7).input()).getFlowName());
        assertEquals(2, under.repairs("lab"));
        assertEquals(Map.of("lab", 2L), repaired);

        // Restored: the switch holds it all again, and nothing more is sent.
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(all)
            .build());
        rpcs.answer("GetGroupStatistics", new GetGroupStatisticsOutputBuilder().setGroupStats(BindingMap.of(
            groupStats(0x47573300L))).build());
        scheduler.advance(Duration.ofSeconds(10));
        assertTrue(rpcs.takeCalls().stream().allMatch(call -> call.rpc().startsWith("Get")));
        assertEquals(2, under.repairs("lab"));
    }

    @Test
    void aFencedNodeWritesNothingAndCatchesUpOnceItMayAgain() throws Exception {
        final var under = writer(FlowWriter.Mode.RPC_AND_DATASTORE);
        final var cluster = LabClusters.oneSwitch(SteeringMode.MacRewrite);
        under.own("lab", FlowPlanner.owned(cluster, FlowPlanner.Options.DEFAULT));
        done(under.apply(FlowPlanner.plan(cluster, List.of("gw1", "gw2"))));
        under.loaded();
        connect(S1);
        until(() -> asked(rpcs.calls()));
        rpcs.takeCalls();
        final var before = readGroup(S1, 0x47573300L);

        fenced = true;
        final var failover = FlowPlanner.plan(cluster, List.of("gw2", "gw1"));
        final var confirmation = under.apply(failover);
        scheduler.runDue();
        assertThrows(ExecutionException.class, () -> confirmation.get(10, TimeUnit.SECONDS));
        // The re-sends the failure schedules are fenced too.
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of(), rpcs.takeCalls());
        assertEquals(before, readGroup(S1, 0x47573300L));

        fenced = false;
        under.caughtUp();
        until(() -> asked(rpcs.calls()));
        final var failoverGroup = Describe.group(failover.switches().get(S1).groups().get(0x47573300L));
        assertEquals(failoverGroup, rpcs.takeCalls().stream().filter(call -> call.input() instanceof AddGroupInput)
            .map(call -> Describe.group(new GroupBuilder((AddGroupInput) call.input()).build())).findFirst()
            .orElseThrow());
        // ... and the datastore holds it for the forwarding-rules manager.
        until(() -> readGroup(S1, 0x47573300L),
            group -> group.equals(Optional.of(failover.switches().get(S1).groups().get(0x47573300L))));
    }

    /** A flow as the switch reports it, actions included. */
    private static FlowAndStatisticsMapList held(final Flow flow) {
        return new FlowAndStatisticsMapListBuilder(reported(flow)).setInstructions(flow.getInstructions()).build();
    }

    /** Runs the writer's queued work, then waits for the future. */
    private <T> T done(final ListenableFuture<T> future) throws Exception {
        scheduler.runDue();
        return future.get(10, TimeUnit.SECONDS);
    }

    /**
     * What an Open vSwitch holds after the calls, as it takes them: an addition of a meter it holds is refused, a
     * meter's removal takes the flows that name it along.
     */
    private static final class SwitchModel {
        final Map<Long, MeterBandHeaders> meters = new TreeMap<>();
        final Set<String> flows = new TreeSet<>();
        private final FlowPlanner.SwitchPlan plan;

        SwitchModel(final FlowPlanner.SwitchPlan plan) {
            this.plan = plan;
        }

        void take(final List<RecordingRpcs.Call> calls) {
            for (var call : calls) {
                switch (call.input()) {
                    case AddMeterInput add -> meters.putIfAbsent(add.getMeterId().getValue().toJava(),
                        add.getMeterBandHeaders());
                    case RemoveMeterInput remove -> {
                        final long id = remove.getMeterId().getValue().toJava();
                        meters.remove(id);
                        flows.removeIf(flow -> FlowEntries.meter(plan.flows().get(flow)).equals(Optional.of(id)));
                    }
                    case AddFlowInput add -> flows.add(add.getFlowName());
                    case RemoveFlowInput remove -> flows.remove(remove.getFlowName());
                    default -> {
                        // barriers, groups: no meter, no flow
                    }
                }
            }
        }
    }

    /** Waits for a condition, running the writer's queued work (callbacks hop onto it) while it waits. */
    private void until(final Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.runDue();
            return condition.call();
        });
    }

    private <T> void until(final Callable<T> value, final Predicate<? super T> condition) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.runDue();
            return value.call();
        }, condition::test);
    }

    /** Whether the writer asked the switch what it holds, the last step of reconciling it. */
    private static boolean asked(final List<RecordingRpcs.Call> calls) {
        return calls.stream().anyMatch(call -> call.rpc().equals("GetGroupStatistics"));
    }

    private void connect(final String node) throws Exception {
        // openflowplugin writes the node into the operational inventory when the switch connects ...
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.nodePath(node),
            new NodeBuilder().setId(new NodeId(node)).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private void disconnect(final String node) throws Exception {
        // ... and removes it when the switch disconnects.
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, InventoryPaths.nodePath(node));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    /** A flow as the switch reports it: its cookie, table, priority and match. */
    private static FlowAndStatisticsMapList reported(final Flow flow) {
        return new FlowAndStatisticsMapListBuilder().setCookie(flow.getCookie()).setTableId(flow.getTableId())
            .setPriority(flow.getPriority()).setMatch(flow.getMatch()).build();
    }

    private static GroupStats groupStats(final long id) {
        return new GroupStatsBuilder().setGroupId(new GroupId(Uint32.valueOf(id))).build();
    }

    private Set<String> flowIds(final String node) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            final var found = tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowCapablePath(node))
                .get(10, TimeUnit.SECONDS);
            return found.map(fcn -> fcn.nonnullTable().values().stream()
                .flatMap(table -> table.nonnullFlow().values().stream()).map(flow -> flow.getId().getValue())
                .collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
        }
    }

    private Optional<Flow> readFlow(final String node, final String id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }

    private Set<Long> meterIds(final String node) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            final var found = tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowCapablePath(node))
                .get(10, TimeUnit.SECONDS);
            return found.map(fcn -> fcn.nonnullMeter().keySet().stream().map(key -> key.getMeterId().getValue()
                .toJava()).collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
        }
    }

    private Optional<Meter> readMeter(final String node, final long id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.meterPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Group> readGroup(final String node, final long id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.groupPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }
}
