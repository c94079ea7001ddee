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

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Options;
import net.gwha.impl.steering.FlowPlanner.Plan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Clusters whose gateways share switch ports: one router pair running a VRRP group per subnet on the same
 * interfaces. Their plans hold no two flows a switch would take for one (same priority and match) under different
 * ids, and adding or deleting one of them, with the others planned again as {@link FlowProgrammer} does, never takes
 * a flow from another.
 */
class SharedPortsTest {
    /** lab: VRID 51, gw1 (200) on port 11, gw2 (150) on port 12, 1 s heartbeats. */
    private static final Cluster LAB = LabClusters.builder(LabClusters.gateway(1, 200, S1, 11),
        LabClusters.gateway(2, 150, S1, 12)).build();
    /** pair: VRID 52, the same routers on the same ports with opposite priorities, 100 ms heartbeats. */
    private static final Cluster PAIR = group("pair", 52, "192.0.2.253", 100, LabClusters.gateway(1, 150, S1, 11),
        LabClusters.gateway(2, 200, S1, 12));

    @Test
    void twoGroupsOnOneRouterPairShareOnlyTheirGatewaysPunts() {
        final var lab = plan(LAB, List.of("gw1", "gw2"), List.of(PAIR)).switches().get(S1);
        final var pair = plan(PAIR, List.of("gw2", "gw1"), List.of(LAB)).switches().get(S1);

        final var common = new TreeSet<>(lab.flows().keySet());
        common.retainAll(pair.flows().keySet());
        assertEquals(Set.of("gwha--forged-020000000001", "gwha--forged-020000000002", "gwha--forged-192.0.2.1",
            "gwha--forged-192.0.2.2", "gwha--lldp", "gwha--normal", "gwha--vrrp-11", "gwha--vrrp-12"), common);
        // Planned alike by both, so the switch holds one whichever wrote it.
        common.forEach(id -> assertEquals(lab.flows().get(id), pair.flows().get(id), id));
        // Through the port's meter of the lower VRID (lab's), sized for both clusters' heartbeats: 4 a second for
        // lab's 1 s, 40 for pair's 100 ms.
        assertEquals("table=0,priority=1000,cookie=0x4757000000000000,in_port=openflow:1:11,dl_type=0x800,"
            + "nw_proto=112,nw_dst=224.0.0.18/32 actions=meter:0x47573301,output:CONTROLLER",
            Describe.flow(pair.flows().get("gwha--vrrp-11")));
        assertEquals("meter=0x47573301 pktps burst stats bands=type=drop rate=44 burst_size=50",
            Describe.meter(pair.meters().get(0x47573301L)));
        assertEquals(lab.meters().get(0x47573301L), pair.meters().get(0x47573301L));
        // The forgery punts go through the lower VRID's shared meter too.
        assertTrue(Describe.flow(pair.flows().get("gwha--forged-192.0.2.2")).endsWith(
            "actions=meter:0x47573300,output:CONTROLLER"));
        assertUniqueMatches(List.of(plan(LAB, List.of("gw1", "gw2"), List.of(PAIR)),
            plan(PAIR, List.of("gw2", "gw1"), List.of(LAB))));
    }

    @Test
    void deletingOneGroupKeepsTheOthersFlowsAndHandsTheMeterOver() {
        final var ledger = new FlowLedger();
        ledger.apply(plan(LAB, List.of("gw1", "gw2"), List.of(PAIR)));
        final var pairPlan = plan(PAIR, List.of("gw2", "gw1"), List.of(LAB));
        ledger.apply(pairPlan);

        final var removed = ledger.remove("lab");

        final var pairFlows = pairPlan.switches().get(S1).flows();
        removed.forEach(change -> {
            if (change instanceof Change.FlowChange flow) {
                assertTrue(!pairFlows.containsKey(flow.id()), "removed pair's " + flow.id());
            }
        });
        assertEquals(pairPlan.switches().get(S1), ledger.applied(S1));

        // pair planned again alone: its own port meters replace lab's, the punts now name them.
        final var alone = plan(PAIR, List.of("gw2", "gw1"), List.of());
        ledger.apply(alone);
        assertEquals(alone.switches().get(S1), ledger.applied(S1));
        assertEquals("meter=0x47573401 pktps burst stats bands=type=drop rate=40 burst_size=40",
            Describe.meter(ledger.applied(S1).meters().get(0x47573401L)));
        assertTrue(!ledger.applied(S1).meters().containsKey(0x47573301L));
    }

    /**
     * Any number of groups on the same router ports, added and deleted in any order with the others planned again
     * after each change: the switch holds exactly the union of the remaining groups' plans, no two of its flows
     * share a priority and match, and each port's heartbeat meter passes the sum of the groups' heartbeat rates.
     */
    @Property(tries = 200)
    void groupsComeAndGoWithoutTakingEachOthersFlows(@ForAll("groups") final List<Cluster> groups,
            @ForAll("steps") final List<Integer> steps) {
        final var ledger = new FlowLedger();
        final var configured = new TreeMap<String, Cluster>();
        for (int step : steps) {
            final var group = groups.get(step % groups.size());
            final var name = group.getName().getValue();
            if (configured.remove(name) == null) {
                configured.put(name, group);
                ledger.apply(plan(group, order(group), configured.values()));
            } else {
                ledger.remove(name);
            }
            configured.values().forEach(other -> ledger.apply(plan(other, order(other), configured.values())));

            final var plans = configured.values().stream()
                .map(other -> plan(other, order(other), configured.values())).toList();
            final var union = new TreeMap<String, Flow>();
            plans.forEach(plan -> plan.switches().getOrDefault(S1, FlowPlanner.SwitchPlan.EMPTY).flows()
                .forEach((id, flow) -> {
                    final var before = union.put(id, flow);
                    assertTrue(before == null || before.equals(flow), () -> id + " planned two ways");
                }));
            assertEquals(union, ledger.applied(S1).flows());
            assertUniqueMatches(plans);
            for (long port = 11; port <= 13; port++) {
                final long onPort = port;
                final long rate = configured.values().stream().filter(other -> other.nonnullGateway().values()
                    .stream().anyMatch(gw -> FlowPlanner.port(gw).longValue() == onPort))
                    .mapToLong(other -> ClusterDefaults.heartbeatMeter(other).rate()).sum();
                final var punt = union.get("gwha--vrrp-" + port);
                if (rate == 0) {
                    assertTrue(punt == null, "punt of an unused port " + port);
                } else {
                    final var meter = FlowEntries.meter(punt).orElseThrow();
                    assertEquals(rate, ledger.applied(S1).meters().get(meter).getMeterBandHeaders()
                        .nonnullMeterBandHeader().values().iterator().next().getBandRate().toJava());
                }
            }
        }
    }

    /**
     * The shares the programmer keeps as groups are added, re-configured (another heartbeat interval, so another
     * meter band) and deleted plan every group exactly as the configuration of all of them does.
     */
    @Property(tries = 200)
    void sharesKeptAsGroupsChangePlanAsTheWholeConfigurationDoes(@ForAll("groups") final List<Cluster> groups,
            @ForAll("changes") final List<Integer> changes) {
        final var shares = new PuntShares();
        final var configured = new TreeMap<String, Cluster>();
        for (int change : changes) {
            final var group = groups.get(change % groups.size());
            final var previous = configured.remove(group.getName().getValue());
            if (previous != null) {
                shares.remove(previous);
            }
            // Odd changes of a configured group re-configure it; the others add or delete.
            final var now = previous == null ? group : change % 2 == 1 ? slower(previous) : null;
            if (now != null) {
                configured.put(now.getName().getValue(), now);
                shares.add(now);
            }
            configured.values().forEach(other -> assertEquals(plan(other, order(other), configured.values()),
                FlowPlanner.plan(other, order(other), List.of(), SwitchLinks.none(), Options.DEFAULT, List.of(),
                    shares), other.getName().getValue()));
        }
    }

    @Provide
    Arbitrary<List<Integer>> changes() {
        return Arbitraries.integers().between(0, 7).list().ofMinSize(1).ofMaxSize(12);
    }

    private static Cluster slower(final Cluster group) {
        return new ClusterBuilder(group).setHeartbeatInterval(Uint32.valueOf(
            ClusterDefaults.heartbeatIntervalMillis(group) + 100)).build();
    }

    @Provide
    Arbitrary<List<Cluster>> groups() {
        final var oneGroup = Arbitraries.integers().between(1, 255).flatMap(vrid -> Arbitraries.of(100, 300, 1000)
            .flatMap(interval -> Arbitraries.subsetOf(11, 12, 13).ofMinSize(2).map(ports -> {
                final var gateways = new ArrayList<Gateway>();
                ports.stream().sorted().forEach(port -> gateways.add(LabClusters.gateway(port - 10,
                    100 + (vrid * port) % 100, S1, port)));
                return group("g" + vrid, vrid, "198.51.100." + vrid, interval, gateways.toArray(Gateway[]::new));
            })));
        return oneGroup.list().ofMinSize(1).ofMaxSize(4).uniqueElements(group -> group.getVrid());
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(10);
    }

    /** No two flows on the switch that a switch would take for one entry (same priority and match). */
    private static void assertUniqueMatches(final List<Plan> plans) {
        final Map<String, Set<String>> idsByMatch = new HashMap<>();
        plans.forEach(plan -> plan.switches().getOrDefault(S1, FlowPlanner.SwitchPlan.EMPTY).flows()
            .forEach((id, flow) -> idsByMatch.computeIfAbsent(flow.getPriority() + " " + flow.getMatch(),
                key -> new HashSet<>()).add(id)));
        idsByMatch.forEach((match, ids) -> assertEquals(1, ids.size(), () -> ids + " share " + match));
    }

    private static Plan plan(final Cluster cluster, final List<String> order, final Collection<Cluster> neighbours) {
        return FlowPlanner.plan(cluster, order, List.of(), SwitchLinks.none(), Options.DEFAULT, List.of(),
            neighbours);
    }

    private static List<String> order(final Cluster cluster) {
        return cluster.nonnullGateway().values().stream().map(gw -> gw.getName().getValue()).sorted().toList();
    }

    private static Cluster group(final String name, final int vrid, final String vip, final int intervalMillis,
            final Gateway... gateways) {
        return LabClusters.builder(gateways).setName(new ClusterName(name)).setVrid(Uint8.valueOf(vrid))
            .setVirtualIp(LabClusters.vips(vip)).setHeartbeatInterval(Uint32.valueOf(intervalMillis)).build();
    }
}
