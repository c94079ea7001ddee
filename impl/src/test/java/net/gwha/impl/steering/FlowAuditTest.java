/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.util.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.fixtures.RecordingRpcs;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetMeterStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.statistics.reply.GroupStatsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.statistics.reply.MeterStatsBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The drift audit alone, against a recording switch, on a fake scheduler and clock: what the switch reports
 * holding is set by the test, every RPC the audit sends is recorded.
 */
class FlowAuditTest {
    private static final String STEER = "gwha-lab-steer";
    private static final long GROUP = 0x47573300L;
    /** The questions of one audit. */
    private static final List<String> ASKED = List.of("GetFlowStatistics", "GetGroupStatistics",
        "GetMeterStatistics");

    private final RecordingRpcs rpcs = new RecordingRpcs();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final FlowLedger ledger = new FlowLedger();
    private final Map<String, Long> repaired = new TreeMap<>();
    private final FlowAudit audit = new FlowAudit(ledger, new RpcTransport(rpcs, () -> true,
        (node, meterId) -> Futures.immediateFailedFuture(new AssertionError("no meter is refused here"))),
        new SteeringLoop(scheduler), repaired::put);
    private final FlowPlanner.Host host = new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:01:01"), "192.0.2.101",
        LabClusters.VIP);
    private Plan plan;

    @BeforeEach
    void applied() {
        plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1", "gw2"),
            SwitchLinks.none(), FlowPlanner.Options.DEFAULT, List.of(host));
        // What the writer does: the ledger takes the plan, the audit hears it was sent.
        audit.written(ledger.apply(plan));
        audit.connected(S1);
        holds(flow -> true, true);
    }

    /** The switch reports these of the plan's flows, the group or not, and every meter. */
    private void holds(final Predicate<Flow> which, final boolean group) {
        final var flows = new ArrayList<FlowAndStatisticsMapList>();
        plan.switches().get(S1).flows().values().stream().filter(which).forEach(flow -> flows.add(held(flow)));
        answer(flows, group);
    }

    private void answer(final List<FlowAndStatisticsMapList> flows, final boolean group) {
        meters(plan.switches().get(S1).meters().keySet());
        rpcs.answer("GetFlowStatistics", new GetFlowStatisticsOutputBuilder().setFlowAndStatisticsMapList(flows)
            .build());
        rpcs.answer("GetGroupStatistics", group ? new GetGroupStatisticsOutputBuilder().setGroupStats(BindingMap.of(
            new GroupStatsBuilder().setGroupId(new GroupId(Uint32.valueOf(GROUP))).build())).build()
            : new GetGroupStatisticsOutputBuilder().build());
    }

    /** The switch reports these meters. */
    private void meters(final Set<Long> ids) {
        rpcs.answer("GetMeterStatistics", new GetMeterStatisticsOutputBuilder().setMeterStats(BindingMap.of(
            ids.stream().map(id -> new MeterStatsBuilder().setMeterId(new MeterId(Uint32.valueOf(id))).build())
                .toList())).build());
    }

    /** The questions of some audits, then these calls. */
    private static List<String> asked(final int audits, final String... then) {
        final var calls = new ArrayList<String>();
        for (int i = 0; i < audits; i++) {
            calls.addAll(ASKED);
        }
        calls.addAll(List.of(then));
        return calls;
    }

    private static FlowAndStatisticsMapList held(final Flow flow) {
        return new FlowAndStatisticsMapListBuilder().setCookie(flow.getCookie()).setTableId(flow.getTableId())
            .setPriority(flow.getPriority()).setMatch(flow.getMatch()).setInstructions(flow.getInstructions())
            .build();
    }

    private List<String> sent() {
        return rpcs.takeCalls().stream().map(call -> switch (call.input()) {
            case AddFlowInput flow -> "AddFlow " + flow.getFlowName();
            case AddGroupInput group -> "AddGroup 0x" + Long.toHexString(group.getGroupId().getValue().toJava());
            case AddMeterInput meter -> "AddMeter 0x" + Long.toHexString(meter.getMeterId().getValue().toJava());
            default -> call.rpc();
        }).toList();
    }

    @Test
    void aSwitchThatHoldsThePlanIsOnlyAsked() {
        scheduler.advance(FlowAudit.PERIOD.multipliedBy(3));

        assertEquals(asked(3), sent());
        assertEquals(Map.of(), repaired);
    }

    @Test
    void whatWasDeletedIsRestoredAndCounted() {
        // ovs-ofctl del-flows of the steering flow, and the group, right after they were written: the audit after
        // the next judges them (the next one leaves the forwarding-rules manager time to install them)
        holds(flow -> !flow.getId().getValue().equals(STEER), false);

        scheduler.advance(FlowAudit.PERIOD.multipliedBy(2));

        assertEquals(asked(2, "AddGroup 0x47573300", "AddFlow " + STEER, "SendBarrier"), sent());
        assertEquals(Map.of("lab", 2L), repaired);
        assertEquals(2, audit.repairs("lab"));
    }

    @Test
    void aFlowChangedBehindTheControllersBackIsRestored() {
        final var changed = new ArrayList<FlowAndStatisticsMapList>();
        plan.switches().get(S1).flows().values().forEach(flow -> changed.add(flow.getId().getValue().equals(STEER)
            ? held(new FlowBuilder(flow).setInstructions(FlowEntries.flow(STEER, 900, 0, 0, flow.getMatch(),
                OptionalLong.empty(), List.of(FlowEntries.output("99"))).getInstructions()).build())
            : held(flow)));
        answer(changed, true);
        scheduler.advance(FlowAudit.PERIOD);
        sent();

        scheduler.advance(FlowAudit.PERIOD);

        assertEquals(asked(1, "AddFlow " + STEER, "SendBarrier"), sent());
        assertEquals(Map.of("lab", 1L), repaired);

        // The switch reports it alike after the restore: it renders the actions its own way; writing them again
        // would change nothing, so they are not.
        scheduler.advance(FlowAudit.PERIOD.multipliedBy(3));
        assertEquals(asked(3), sent());
        assertEquals(1, audit.repairs("lab"));
    }

    @Test
    void whatWasJustWrittenIsNotJudged() {
        // Every flow lost.
        holds(flow -> false, true);
        scheduler.advance(FlowAudit.PERIOD);
        assertEquals(asked(1), sent(), "all of it was just written");
        // The steering is written again between two audits: the switch may not have it yet.
        audit.written(List.of(new Change.FlowChange(S1, STEER, null, plan.switches().get(S1).flows().get(STEER))));

        scheduler.advance(FlowAudit.PERIOD);

        final var sent = sent();
        assertEquals(asked(1), sent.subList(0, 3));
        final var restored = sent.subList(3, sent.size() - 1);
        assertEquals(plan.switches().get(S1).flows().size() - 1, restored.size(), restored::toString);
        assertFalse(restored.contains("AddFlow " + STEER));
    }

    @Test
    void aLearnedHostsArpAnswerDeletedBehindTheControllersBackIsRestored() {
        // It carries an idle timeout, but the controller forgets its host, and drops it from the plan, before the
        // switch could idle it out: planned and missing, it was deleted.
        final var answer = plan.switches().get(S1).flows().values().stream()
            .filter(flow -> flow.getId().getValue().contains("-arp-reply-")).findFirst().orElseThrow();
        assertEquals(FlowPlanner.HOST_IDLE_SECONDS, answer.getIdleTimeout().intValue());
        holds(flow -> !flow.equals(answer), true);

        scheduler.advance(FlowAudit.PERIOD.multipliedBy(2));

        assertEquals(asked(2, "AddFlow " + answer.getId().getValue(), "SendBarrier"), sent());
        assertEquals(Map.of("lab", 1L), repaired);
    }

    @Test
    void aDeletedMeterIsRestoredAheadOfTheFlowsThatNameIt() {
        // ovs-ofctl del-meters: the switch drops the meter and every flow that names it
        final var meter = plan.switches().get(S1).meters().firstKey();
        final var named = plan.switches().get(S1).flows().values().stream()
            .filter(flow -> flow.getInstructions().nonnullInstruction().values().stream().anyMatch(instruction ->
                instruction.getInstruction() instanceof MeterCase metered
                    && metered.getMeter().getMeterId().getValue().toJava() == meter))
            .map(flow -> flow.getId().getValue()).toList();
        holds(flow -> !named.contains(flow.getId().getValue()), true);
        final var left = new java.util.TreeSet<>(plan.switches().get(S1).meters().keySet());
        left.remove(meter);
        meters(left);

        scheduler.advance(FlowAudit.PERIOD.multipliedBy(2));

        final var sent = sent();
        assertEquals("AddMeter 0x" + Long.toHexString(meter), sent.get(6), sent::toString);
        assertEquals(named.stream().map(id -> "AddFlow " + id).toList(), sent.subList(7, sent.size() - 1));
        assertEquals(Map.of("lab", 1L + named.size()), repaired);
    }

    @Test
    void aDisconnectedSwitchIsNotAuditedAndAReconnectedOneOnce() {
        audit.disconnected(S1);
        scheduler.advance(FlowAudit.PERIOD.multipliedBy(3));
        assertEquals(List.of(), sent());

        audit.connected(S1);
        audit.disconnected(S1);
        audit.connected(S1);
        scheduler.advance(FlowAudit.PERIOD);
        assertEquals(asked(1), sent());
    }
}
