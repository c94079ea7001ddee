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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.PuntMetersBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/** The ledger alone: what each switch should hold, what was applied, and the difference. No broker. */
class FlowLedgerTest {
    private static final Cluster LAB = LabClusters.oneSwitch(SteeringMode.MacRewrite);
    private static final Cluster OTHER = LabClusters.builder(LabClusters.gateway(5, 100, S1, 21),
        LabClusters.gateway(6, 100, S1, 22)).setName(new ClusterName("other")).setVrid(Uint8.valueOf(52))
        .setVirtualIp(LabClusters.vips("192.0.2.253")).build();

    private final FlowLedger ledger = new FlowLedger();

    @Test
    void aFirstPlanAddsEverythingMetersAndGroupsFirstAndIsThenApplied() {
        final var plan = FlowPlanner.plan(LAB, List.of("gw1", "gw2"));

        final var changes = ledger.apply(plan);

        final var s1 = plan.switches().get(S1);
        assertEquals(s1.meters().size() + s1.groups().size() + s1.flows().size(), changes.size());
        final int meters = s1.meters().size();
        assertTrue(changes.subList(0, meters).stream().allMatch(MeterChange.class::isInstance), changes::toString);
        assertTrue(changes.get(meters) instanceof GroupChange);
        assertTrue(changes.stream().allMatch(Change::adds));
        assertEquals(s1, ledger.applied(S1));
        assertEquals(changes, ledger.everything(S1));
        assertEquals(List.of(), ledger.apply(plan), "the same plan again changes nothing");
    }

    @Test
    void aChangedMeterIsReplacedWithTheFlowsThatNameIt() {
        ledger.apply(FlowPlanner.plan(LAB, List.of("gw1")));

        final var changes = ledger.apply(FlowPlanner.plan(new ClusterBuilder(LAB).setPuntMeters(
            new PuntMetersBuilder().setHeartbeatHeadroom(Uint16.valueOf(8)).build()).build(), List.of("gw1")));

        // The three gateways' meters, each with its VRRP punt added again (the switch drops it with the meter).
        assertEquals(List.of("meter 0x47573301", "meter 0x47573302", "meter 0x47573303", "add gwha--vrrp-11",
            "add gwha--vrrp-12", "add gwha--vrrp-13"), changes.stream().map(change -> switch (change) {
                case MeterChange meter -> "meter 0x" + Long.toHexString(meter.id());
                case FlowChange flow -> (flow.before() == null ? "add " : "update ") + flow.id();
                case GroupChange group -> "group 0x" + Long.toHexString(group.id());
            }).toList());
        assertTrue(changes.stream().filter(MeterChange.class::isInstance)
            .allMatch(change -> ((MeterChange) change).before() != null && change.adds()));
    }

    /**
     * A meter the switch held already, with bands nobody can read back, is replaced by the planned one, and every
     * flow that names it is added again (the switch removes them with it), whichever cluster plans them.
     */
    @Test
    void aMeterOfUnknownBandsIsReplacedWithEveryFlowThatNamesIt() {
        ledger.apply(FlowPlanner.plan(LAB, List.of("gw1")));
        ledger.apply(FlowPlanner.plan(OTHER, List.of("gw5", "gw6")));
        final var applied = ledger.applied(S1);
        final long shared = applied.meters().keySet().stream()
            .filter(id -> ledger.planningMeter(S1, id).size() > 1).findFirst().orElseThrow();

        final var changes = ledger.replacement(S1, shared);

        final var meter = applied.meters().get(shared);
        assertEquals(new MeterChange(S1, shared, meter, meter), changes.getFirst());
        final var naming = applied.flows().entrySet().stream()
            .filter(flow -> FlowEntries.meter(flow.getValue()).equals(Optional.of(shared)))
            .map(flow -> new FlowChange(S1, flow.getKey(), null, flow.getValue())).toList();
        assertEquals(naming, changes.subList(1, changes.size()));
        assertEquals(Set.of("lab", "other"), naming.stream().flatMap(flow -> ledger.planningFlow(S1, flow.id())
            .stream()).collect(Collectors.toSet()), naming::toString);
        assertEquals(List.of(), ledger.replacement(S1, 0x47579999L), "a meter no plan holds");
    }

    @Test
    void aFailoverChangesOnlySteering() {
        ledger.apply(FlowPlanner.plan(LAB, List.of("gw1", "gw2", "gw3")));

        final var changes = ledger.apply(FlowPlanner.plan(LAB, List.of("gw2", "gw1", "gw3")));

        assertEquals(1, changes.size());
        final var group = (GroupChange) changes.getFirst();
        assertEquals(0x47573300L, group.id());
        assertTrue(group.before() != null && group.after() != null);
    }

    @Test
    void sharedFlowsStayWhileAnyClusterPlansThem() {
        ledger.apply(FlowPlanner.plan(LAB, List.of("gw1")));
        ledger.apply(FlowPlanner.plan(OTHER, List.of("gw5", "gw6")));

        final var removed = ledger.remove("lab");

        assertTrue(removed.stream().noneMatch(Change::adds));
        final var ids = removed.stream().filter(FlowChange.class::isInstance).map(change -> ((FlowChange) change).id())
            .collect(Collectors.toSet());
        // the lab's own flows, and the punts of its gateways, which no other cluster plans
        assertTrue(ids.stream().allMatch(id -> id.startsWith("gwha-lab-") || id.startsWith("gwha--vrrp-")
            || id.startsWith("gwha--forged-")), ids::toString);
        assertTrue(ledger.applied(S1).flows().containsKey("gwha--normal"));

        final var last = ledger.remove("other");
        assertTrue(last.stream().anyMatch(change -> change instanceof FlowChange flow
            && flow.id().equals("gwha--normal")));
        assertEquals(FlowPlanner.SwitchPlan.EMPTY, ledger.applied(S1));
        assertEquals(List.of(), ledger.remove("other"));
    }

    @Test
    void aSwitchKeepsWhatAnyClusterOwnsAndWhatIsApplied() {
        ledger.own("lab", FlowPlanner.owned(LAB, FlowPlanner.Options.DEFAULT));
        // Not yet elected: no steering planned, but steering is owned and so kept.
        final var plan = FlowPlanner.plan(LAB, List.of());
        ledger.apply(plan);
        final var steer = FlowPlanner.plan(LAB, List.of("gw1", "gw2")).switches().get(S1).flows().get("gwha-lab-steer");

        final var keep = ledger.keep(S1);

        assertTrue(keep.cookies().contains(steer.getCookie().getValue().longValue()));
        assertTrue(keep.groups().contains(0x47573300L));
        plan.switches().get(S1).flows().values().forEach(flow -> assertTrue(keep.cookies().contains(flow.getCookie()
            .getValue().longValue()), flow.getId()::getValue));

        ledger.remove("lab");
        assertTrue(ledger.keep(S1).cookies().isEmpty(), "a removed cluster owns nothing any more");
    }
}
