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
import java.util.TreeSet;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Options;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.yang.common.Uint16;

/**
 * Clusters on VLAN trunks: every flow of a VLAN cluster matches its VLAN and no action touches the tag; two clusters
 * with one VRID on two VLANs of the same gateway ports plan no flow, group or meter under one id, and no two flows a
 * switch would take for one.
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
