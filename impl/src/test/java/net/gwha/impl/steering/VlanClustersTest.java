/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.LINKED;
import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Clusters on VLAN trunks: every flow of a VLAN cluster matches its VLAN and no action touches the tag; clusters with
 * one VRID on two VLANs of the same gateway ports plan no flow, group or meter under one id, and no two flows a
 * switch would take for one, however they come and go.
 */
class VlanClustersTest {
    private static final List<FlowPlanner.Host> ASKED = List.of(
        new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0a"), "192.0.2.10", "192.0.2.254"),
        new FlowPlanner.Host("openflow:3", new MacAddress("02:00:00:00:00:0c"), "192.0.2.12", "192.0.2.254"));
    /** Shared with every cluster whatever its VLAN: they match nothing of a cluster's. */
    private static final Set<String> VLAN_BLIND = Set.of("gwha--normal", "gwha--lldp");

    @Test
    void everyFlowOfAVlanClusterMatchesItsVlanAndKeepsTheTag() {
        final var cluster = new org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters
            .ClusterBuilder(LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite)).setVlan(Uint16.valueOf(10)).build();
        // gw1 active: a failover group on openflow:1, return flows, switch-side ARP replies; openflow:2 and :3 steer
        // toward openflow:1
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw4"), LINKED, Options.DEFAULT, ASKED);

        final var kinds = new TreeSet<String>();
        plan.switches().forEach((node, onSwitch) -> {
            onSwitch.flows().forEach((id, flow) -> {
                if (VLAN_BLIND.contains(id)) {
                    assertEquals(null, flow.getMatch().getVlanMatch(), id);
                    return;
                }
                final var vlan = flow.getMatch().getVlanMatch().getVlanId();
                assertEquals(Boolean.TRUE, vlan.getVlanIdPresent(), id);
                assertEquals(10, vlan.getVlanId().getValue().intValue(), id);
                final var text = Describe.flow(flow);
                final int actions = text.indexOf(" actions=");
                assertTrue(text.substring(0, actions).contains("dl_vlan=10"), text);
                assertFalse(text.substring(actions).toLowerCase(Locale.ROOT).contains("vlan"), text);
                kinds.add(id.replace("-vlan10", "").replaceAll("-[0-9a-f]{12}|-gw\\d|-[0-9.]+", ""));
            });
            onSwitch.groups().values().forEach(group -> assertFalse(
                Describe.group(group).toLowerCase(Locale.ROOT).contains("vlan"), Describe.group(group)));
        });
        // every kind of flow the planner makes, on its VLAN
        assertEquals(Set.of("gwha--forged", "gwha--vrrp", "gwha-lab-arp", "gwha-lab-arp-reply",
            "gwha-lab-guard", "gwha-lab-return", "gwha-lab-steer"), kinds);
        assertEquals("table=0,priority=1000,cookie=0x4757000000000000,in_port=openflow:1:11,dl_vlan=10,dl_type=0x800,"
            + "nw_proto=112,nw_dst=224.0.0.18/32 actions=meter:0x47613301,output:CONTROLLER",
            Describe.flow(plan.switches().get(S1).flows().get("gwha--vrrp-11-vlan10")));
        assertEquals(Set.of(0x47613300L, 0x47613301L), plan.switches().get(S1).groups().keySet());
    }

    @Test
    void twoClustersWithOneVridOnTwoVlansOfTheSamePortsCollideNowhere() {
        final var v10 = onVlan("v10", 10, "192.0.2.254");
        final var v20 = onVlan("v20", 20, "192.0.2.253");
        // each active on another router
        final var plan10 = plan(v10, List.of("gw1", "gw2", "gw3"), List.of(v20)).switches().get(S1);
        final var plan20 = plan(v20, List.of("gw3", "gw2", "gw1"), List.of(v10)).switches().get(S1);

        final var commonFlows = new TreeSet<>(plan10.flows().keySet());
        commonFlows.retainAll(plan20.flows().keySet());
        assertEquals(VLAN_BLIND, commonFlows);
        commonFlows.forEach(id -> assertEquals(plan10.flows().get(id), plan20.flows().get(id), id));
        assertTrue(plan10.flows().containsKey("gwha--vrrp-11-vlan10"));
        assertTrue(plan20.flows().containsKey("gwha--vrrp-11-vlan20"));
        assertTrue(plan20.flows().containsKey("gwha--forged-020000000001-vlan20"));

        assertEquals(Set.of(0x47613300L), plan10.groups().keySet());
        assertEquals(Set.of(0x476b3300L), plan20.groups().keySet());
        final var commonMeters = new TreeSet<>(plan10.meters().keySet());
        commonMeters.retainAll(plan20.meters().keySet());
        assertEquals(Set.of(FlowIds.SHARED_METER), commonMeters);

        // no two flows the switch would take for one entry
        final Map<String, Set<String>> idsByMatch = new HashMap<>();
        for (var onSwitch : List.of(plan10, plan20)) {
            onSwitch.flows().forEach((id, flow) -> idsByMatch.computeIfAbsent(flow.getPriority() + " "
                + flow.getMatch(), key -> new HashSet<>()).add(id));
        }
        idsByMatch.forEach((match, ids) -> assertEquals(1, ids.size(), () -> ids + " share " + match));
    }

    @Test
    void untaggedClustersKeepTheirIdsAndVlanIdsAreRecognisedAsOurs() {
        assertEquals(0x47573301L, FlowIds.groupId(0, 51, 1));
        assertEquals(0x47613301L, FlowIds.meterId(10, 51, 1));
        assertTrue(FlowIds.isOurGroup(0x47573300L));
        assertTrue(FlowIds.isOurGroup(FlowIds.groupId(4094, 255, 255)));
        assertTrue(FlowIds.isOurMeter(FlowIds.meterId(4094, 1, 0)));
        assertFalse(FlowIds.isOurGroup(FlowIds.groupId(4094, 255, 255) + 1));
        assertFalse(FlowIds.isOurGroup(0x4756FFFFL));
        assertFalse(FlowIds.isOurMeter(1));
    }

    /**
     * Any number of clusters on the same gateway ports, on VLANs 10 and 20 with VRIDs that repeat across the VLANs,
     * added and deleted in any order with the others planned again after each change: the switch holds exactly the
     * union of the remaining clusters' plans, no id is planned two ways, no two flows share a priority and match, no
     * two clusters share a group, and each port's heartbeat meter on a VLAN passes the sum of that VLAN's clusters'
     * heartbeat rates there.
     */
    @Property(tries = 200)
    void vlanClustersComeAndGoWithoutTakingEachOthersFlows(@ForAll("vlanClusters") final List<Cluster> clusters,
            @ForAll("steps") final List<Integer> steps) {
        final var ledger = new FlowLedger();
        final var configured = new TreeMap<String, Cluster>();
        for (int step : steps) {
            final var cluster = clusters.get(step % clusters.size());
            final var name = cluster.getName().getValue();
            if (configured.remove(name) == null) {
                configured.put(name, cluster);
            } else {
                ledger.remove(name);
            }
            configured.values().forEach(other -> ledger.apply(plan(other, order(other),
                List.copyOf(configured.values()))));

            final var plans = configured.values().stream()
                .map(other -> plan(other, order(other), List.copyOf(configured.values()))).toList();
            final var union = new TreeMap<String, Flow>();
            final var groupOwners = new HashMap<Long, String>();
            for (var plan : plans) {
                final var onSwitch = plan.switches().getOrDefault(S1, FlowPlanner.SwitchPlan.EMPTY);
                onSwitch.flows().forEach((id, flow) -> {
                    final var before = union.put(id, flow);
                    assertTrue(before == null || before.equals(flow), () -> id + " planned two ways");
                });
                onSwitch.groups().keySet().forEach(group -> {
                    final var before = groupOwners.put(group, plan.cluster());
                    assertTrue(before == null, () -> "group " + Long.toHexString(group) + " of " + before + " and "
                        + plan.cluster());
                });
            }
            assertEquals(union, ledger.applied(S1).flows());
            final Map<String, Set<String>> idsByMatch = new HashMap<>();
            union.forEach((id, flow) -> idsByMatch.computeIfAbsent(flow.getPriority() + " " + flow.getMatch(),
                key -> new HashSet<>()).add(id));
            idsByMatch.forEach((match, ids) -> assertEquals(1, ids.size(), () -> ids + " share " + match));
            for (int vlan : List.of(10, 20)) {
                for (long port = 11; port <= 13; port++) {
                    final long onPort = port;
                    final int onVlan = vlan;
                    final long rate = configured.values().stream()
                        .filter(other -> FlowPlanner.vlan(other) == onVlan && other.nonnullGateway().values()
                            .stream().anyMatch(gw -> FlowPlanner.port(gw).longValue() == onPort))
                        .mapToLong(other -> ClusterDefaults.heartbeatMeter(other).rate()).sum();
                    final var punt = union.get("gwha--vrrp-" + port + "-vlan" + vlan);
                    if (rate == 0) {
                        assertTrue(punt == null, "punt of an unused port " + port + " on vlan " + vlan);
                    } else {
                        final var meter = FlowEntries.meter(punt).orElseThrow();
                        assertEquals(rate, ledger.applied(S1).meters().get(meter).getMeterBandHeaders()
                            .nonnullMeterBandHeader().values().iterator().next().getBandRate().toJava());
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Cluster>> vlanClusters() {
        final var one = Arbitraries.of(10, 20).flatMap(vlan -> Arbitraries.integers().between(1, 4).flatMap(vrid ->
            Arbitraries.of(100, 300, 1000).flatMap(interval -> Arbitraries.subsetOf(11, 12, 13).ofMinSize(2)
                .map(ports -> {
                    final var gateways = ports.stream().sorted().map(port -> LabClusters.gateway(port - 10,
                        100 + (vrid * port) % 100, S1, port)).toArray(Gateway[]::new);
                    return LabClusters.builder(gateways).setName(new ClusterName("v" + vlan + "g" + vrid))
                        .setVrid(Uint8.valueOf(vrid)).setVlan(Uint16.valueOf(vlan))
                        .setVirtualIp(LabClusters.vips("198.51.100." + (vlan + vrid)))
                        .setHeartbeatInterval(Uint32.valueOf(interval)).build();
                }))));
        return one.list().ofMinSize(1).ofMaxSize(5).uniqueElements(cluster -> cluster.getName());
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(10);
    }

    private static List<String> order(final Cluster cluster) {
        return cluster.nonnullGateway().values().stream().map(gw -> gw.getName().getValue()).sorted().toList();
    }

    private static Cluster onVlan(final String name, final int vlan, final String vip) {
        return LabClusters.builder(LabClusters.gateway(1, 200, S1, 11), LabClusters.gateway(2, 150, S1, 12),
                LabClusters.gateway(3, 100, S1, 13))
            .setName(new ClusterName(name)).setVlan(Uint16.valueOf(vlan)).setVirtualIp(LabClusters.vips(vip)).build();
    }

    private static Plan plan(final Cluster cluster, final List<String> order, final List<Cluster> neighbours) {
        return FlowPlanner.plan(cluster, order, List.of(), SwitchLinks.none(), Options.DEFAULT, List.of(),
            neighbours);
    }
}
