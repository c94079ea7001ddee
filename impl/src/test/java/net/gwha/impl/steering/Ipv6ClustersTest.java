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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Options;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * IPv6 clusters: heartbeats over IPv6 punted from the gateways' ports, Neighbor Solicitations for the IPv6 virtual IPs
 * punted for the controller to answer, gateways' Neighbor Advertisements claiming them dropped, and the IPv6 virtual
 * MAC steered like the IPv4 one, through the same group, so a dual-stack cluster's families move together; Router
 * Advertisements from the virtual link-local pass from the active gateway's port only.
 */
class Ipv6ClustersTest {
    private static final String VLL6 = "fe80::1";
    private static final String VIP6 = "2001:db8:0:1::fe";

    private static Gateway gateway(final int index, final int priority, final boolean ipv4) {
        final var builder = new GatewayBuilder(LabClusters.gateway(index, priority, S1, 10 + index))
            .setIpv6LinkLocal(new Ipv6Address("fe80::1" + index));
        return (ipv4 ? builder : builder.setIpAddress(null)).build();
    }

    private static Cluster cluster(final boolean ipv4) {
        final var vips = new HashSet<IpAddress>();
        vips.add(new IpAddress(new Ipv6Address(VLL6)));
        // written in another text than planned: the plan uses the one text of RFC 5952
        vips.add(new IpAddress(new Ipv6Address("2001:DB8:0:1:0:0:0:FE")));
        if (ipv4) {
            vips.add(new IpAddress(new Ipv4Address(LabClusters.VIP)));
        }
        return LabClusters.builder(gateway(1, 200, ipv4), gateway(2, 150, ipv4)).setVirtualIp(vips).build();
    }

    private static FlowPlanner.SwitchPlan planned(final Cluster cluster, final List<String> order) {
        return FlowPlanner.plan(cluster, order, SwitchLinks.none(), Options.DEFAULT).switches().get(S1);
    }

    @Test
    void anIpv6ClusterPuntsItsHeartbeatsAndSolicitationsGuardsItsAddressesAndSteersItsMac() {
        final var s1 = planned(cluster(false), List.of("gw1", "gw2"));

        assertEquals("table=0,priority=1000,cookie=0x4757000000000000,in_port=openflow:1:11,dl_type=0x86dd,"
            + "nw_proto=112,ipv6_dst=ff02::12/128 actions=meter:0x47573301,output:CONTROLLER",
            Describe.flow(s1.flows().get("gwha--vrrp6-11")));
        assertEquals("table=0,priority=1000,dl_type=0x86dd,nw_proto=58,nd_target=2001:db8:0:1::fe,icmpv6_type=135"
            + " actions=meter:0x47573300,output:CONTROLLER",
            withoutCookie(s1.flows().get("gwha-lab-ns-2001:db8:0:1::fe")));
        assertEquals("table=0,priority=1100,in_port=openflow:1:12,dl_type=0x86dd,nw_proto=58,nd_target=fe80::1,"
            + "icmpv6_type=136 actions=drop", withoutCookie(s1.flows().get("gwha-lab-na-guard-gw2-fe80::1")));
        assertEquals("table=0,priority=1100,in_port=openflow:1:11,dl_type=0x86dd,nw_proto=58,ipv6_src=fe80::11/128,"
            + "icmpv6_type=134 actions=drop", withoutCookie(s1.flows().get("gwha-lab-ra-guard-gw1")));
        assertEquals("table=0,priority=989,cookie=0x4757000000000000,dl_type=0x86dd,nw_proto=112,"
            + "ipv6_src=fe80::11/128,ipv6_dst=ff02::12/128 actions=meter:0x47573300,output:CONTROLLER",
            Describe.flow(s1.flows().get("gwha--forged-fe80--11")));
        assertTrue(s1.flows().containsKey("gwha--forged6-020000000001"));
        // the IPv6 virtual MAC of RFC 9568, through the switch's fast-failover group
        assertTrue(Describe.flow(s1.flows().get("gwha-lab-steer-v6")).contains("dl_dst=00:00:5e:00:02:33"),
            Describe.flow(s1.flows().get("gwha-lab-steer-v6")));
        assertTrue(FlowPlanner.isSteering("gwha-lab-steer-v6"));

        // nothing of IPv4: no heartbeat punt, no ARP, no steering of the IPv4 virtual MAC nobody uses here
        final var ids = s1.flows().keySet();
        assertFalse(ids.contains("gwha--vrrp-11"), ids::toString);
        assertFalse(ids.contains("gwha-lab-steer"), ids::toString);
        assertTrue(ids.stream().noneMatch(id -> id.contains("arp")), ids::toString);
    }

    @Test
    void aDualStackClusterSteersBothMacsAlikeAndSizesThePortMeterForBothStreams() {
        final var dual = planned(cluster(true), List.of("gw1", "gw2"));
        final var ipv4Only = planned(LabClusters.builder(LabClusters.gateway(1, 200, S1, 11),
            LabClusters.gateway(2, 150, S1, 12)).build(), List.of("gw1", "gw2"));

        final var steer = Describe.flow(dual.flows().get("gwha-lab-steer"));
        final var steer6 = Describe.flow(dual.flows().get("gwha-lab-steer-v6"));
        assertEquals(steer.substring(steer.indexOf(" actions=")), steer6.substring(steer6.indexOf(" actions=")));
        assertTrue(dual.flows().containsKey("gwha--vrrp-11") && dual.flows().containsKey("gwha--vrrp6-11"));
        assertEquals(Describe.meter(ipv4Only.meters().get(0x47573301L)).replace("rate=4 ", "rate=8 ")
            .replace("burst_size=10", "burst_size=20"), Describe.meter(dual.meters().get(0x47573301L)));
    }

    @Test
    void aFailoverOfAnIpv6ClusterChangesOnlyItsSteering() {
        final var before = planned(cluster(false), List.of("gw1", "gw2"));
        final var after = planned(cluster(false), List.of("gw2", "gw1"));

        final Set<String> changed = new HashSet<>(before.flows().keySet());
        changed.addAll(after.flows().keySet());
        changed.removeIf(id -> Objects.equals(before.flows().get(id), after.flows().get(id)));
        // the steering flow is unchanged: the two gateways share a switch, so its group reorders
        assertEquals(Set.of("gwha-lab-ra-passive-gw1-fe80::1", "gwha-lab-ra-passive-gw2-fe80::1",
            "gwha-lab-ra-punt-gw1-fe80::1", "gwha-lab-ra-punt-gw2-fe80::1"), changed);
        assertTrue(changed.stream().allMatch(FlowPlanner::isSteering), changed::toString);
    }

    @Test
    void routerAdvertisementsFromTheVirtualRouterPassFromTheActiveGatewaysPortOnly() {
        final var s1 = planned(cluster(true), List.of("gw1", "gw2"));

        assertEquals("table=0,priority=1100,in_port=openflow:1:12,dl_type=0x86dd,nw_proto=58,ipv6_src=fe80::1/128,"
            + "icmpv6_type=134 actions=drop", withoutCookie(s1.flows().get("gwha-lab-ra-passive-gw2-fe80::1")));
        // the active gateway's RAs pass through the controller, which gives them the virtual MAC; a global virtual
        // IP is no router in an RA, so nothing matches it
        assertEquals(List.of("gwha-lab-ra-passive-gw2-fe80::1"), raPassive(s1));
        assertTrue(FlowPlanner.isSteering("gwha-lab-ra-passive-gw2-fe80::1"));
        assertEquals("table=0,priority=1000,in_port=openflow:1:11,dl_type=0x86dd,nw_proto=58,ipv6_src=fe80::1/128,"
            + "icmpv6_type=134 actions=meter:0x47573300,output:CONTROLLER",
            withoutCookie(s1.flows().get("gwha-lab-ra-punt-gw1-fe80::1")));
        assertEquals(List.of("gwha-lab-ra-punt-gw1-fe80::1"), raPunt(s1));
        assertTrue(FlowPlanner.isSteering("gwha-lab-ra-punt-gw1-fe80::1"));
        // without the project's normal forwarding nothing could send them on as the switch would: they keep its path
        assertEquals(List.of(), raPunt(FlowPlanner.plan(cluster(true), List.of("gw1", "gw2"), SwitchLinks.none(),
            new Options(false)).switches().get(S1)));

        // a gateway the election left out (dead) is passive too; with no gateway elected there is no steering
        assertEquals(List.of("gwha-lab-ra-passive-gw1-fe80::1"), raPassive(planned(cluster(true), List.of("gw2"))));
        assertEquals(List.of("gwha-lab-ra-punt-gw2-fe80::1"), raPunt(planned(cluster(true), List.of("gw2"))));
        assertEquals(List.of(), raPassive(planned(cluster(true), List.of())));
        assertEquals(List.of(), raPunt(planned(cluster(true), List.of())));
    }

    @Test
    void clustersOnTheSameGatewaysDropOnlyTheirOwnVirtualRoutersFromTheirOwnPassiveGateways() {
        final var first = cluster(false);
        final var second = LabClusters.builder(gateway(1, 50, false), gateway(2, 100, false))
            .setName(new ClusterName("second")).setVrid(Uint8.valueOf(52))
            .setVirtualIp(Set.of(new IpAddress(new Ipv6Address("fe80::2")))).build();

        assertEquals(List.of("gwha-lab-ra-passive-gw2-fe80::1"), raPassive(planned(first, List.of("gw1", "gw2"))));
        final var other = planned(second, List.of("gw2", "gw1"));
        assertEquals(List.of("gwha-second-ra-passive-gw1-fe80::2"), raPassive(other));
        assertTrue(Describe.flow(other.flows().get("gwha-second-ra-passive-gw1-fe80::2"))
            .contains("in_port=openflow:1:11,dl_type=0x86dd,nw_proto=58,ipv6_src=fe80::2/128,icmpv6_type=134"));
    }

    private static List<String> raPassive(final FlowPlanner.SwitchPlan plan) {
        return plan.flows().keySet().stream().filter(id -> id.contains("-ra-passive-")).toList();
    }

    private static List<String> raPunt(final FlowPlanner.SwitchPlan plan) {
        return plan.flows().keySet().stream().filter(id -> id.contains("-ra-punt-")).toList();
    }

    /** A flow as Describe prints it without its cookie, which for a cluster's flows derives from its name. */
    private static String withoutCookie(final Flow flow) {
        return Describe.flow(flow).replaceFirst(",cookie=0x[0-9a-f]+", "");
    }
}
