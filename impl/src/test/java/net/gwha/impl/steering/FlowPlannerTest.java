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
import static net.gwha.impl.fixtures.LabClusters.S2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Options;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

class FlowPlannerTest {
    private static final String SHARED = "cookie=0x4757000000000000";
    private static final String LAB = "cookie=0x" + Long.toHexString(0x4757L << 48 | crc("lab"));
    private static final String VRRP = "dl_type=0x800,nw_proto=112,nw_dst=224.0.0.18/32";
    private static final String PUNT = " actions=meter:0x47573300,output:CONTROLLER";

    @Test
    void macRewriteOnOneSwitchIsExactlyTheseFlowsMetersAndOneFastFailoverGroup() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1", "gw2", "gw3"));

        assertEquals(Set.of(S1), plan.switches().keySet());
        final var s1 = plan.switches().get(S1);
        assertEquals(List.of(
            forged(1, "mac"), forged(2, "mac"), forged(3, "mac"), forged(1, "ip"), forged(2, "ip"), forged(3, "ip"),
            "gwha--lldp table=0,priority=2," + SHARED + ",dl_type=0x88cc actions=meter:0x47570000,output:CONTROLLER",
            "gwha--normal table=0,priority=1," + SHARED + " actions=output:NORMAL",
            "gwha--vrrp-11 table=0,priority=1000," + SHARED + ",in_port=openflow:1:11," + VRRP
                + " actions=meter:0x47573301,output:CONTROLLER",
            "gwha--vrrp-12 table=0,priority=1000," + SHARED + ",in_port=openflow:1:12," + VRRP
                + " actions=meter:0x47573302,output:CONTROLLER",
            "gwha--vrrp-13 table=0,priority=1000," + SHARED + ",in_port=openflow:1:13," + VRRP
                + " actions=meter:0x47573303,output:CONTROLLER",
            "gwha-lab-arp-192.0.2.254 table=0,priority=1000," + LAB
                + ",dl_type=0x806,arp_op=1,arp_tpa=192.0.2.254/32" + PUNT,
            "gwha-lab-guard-gw1-192.0.2.254 table=0,priority=1100," + LAB
                + ",in_port=openflow:1:11,dl_type=0x806,arp_spa=192.0.2.254/32 actions=drop",
            "gwha-lab-guard-gw2-192.0.2.254 table=0,priority=1100," + LAB
                + ",in_port=openflow:1:12,dl_type=0x806,arp_spa=192.0.2.254/32 actions=drop",
            "gwha-lab-guard-gw3-192.0.2.254 table=0,priority=1100," + LAB
                + ",in_port=openflow:1:13,dl_type=0x806,arp_spa=192.0.2.254/32 actions=drop",
            "gwha-lab-steer table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=group:0x47573300"),
            Describe.flows(s1.flows()));
        assertEquals(List.of("group_id=0x47573300,type=group-ff"
            + ",bucket=bucket_id:0,watch_port:11,actions=set_field:02:00:00:00:00:01->eth_dst,output:11"
            + ",bucket=bucket_id:1,watch_port:12,actions=set_field:02:00:00:00:00:02->eth_dst,output:12"
            + ",bucket=bucket_id:2,watch_port:13,actions=set_field:02:00:00:00:00:03->eth_dst,output:13"),
            s1.groups().values().stream().map(Describe::group).toList());
        // The LLDP punt's, the cluster's shared one, and one per gateway port at 4 x its 1 s heartbeat.
        assertEquals(List.of(
            "meter=0x47570000 pktps burst stats bands=type=drop rate=100 burst_size=100",
            "meter=0x47573300 pktps burst stats bands=type=drop rate=50 burst_size=50",
            "meter=0x47573301 pktps burst stats bands=type=drop rate=4 burst_size=10",
            "meter=0x47573302 pktps burst stats bands=type=drop rate=4 burst_size=10",
            "meter=0x47573303 pktps burst stats bands=type=drop rate=4 burst_size=10"),
            s1.meters().values().stream().map(Describe::meter).toList());
    }

    /** The punt of advertisements that forge gateway i by address or by MAC, from any port: shared, by either. */
    private static String forged(final int gateway, final String by) {
        return "gwha--forged-" + (by.equals("mac") ? "02000000000" + gateway : "192.0.2." + gateway)
            + " table=0,priority=" + (by.equals("mac") ? 990 : 989) + "," + SHARED + ",dl_type=0x800"
            + (by.equals("mac") ? ",dl_src=02:00:00:00:00:0" + gateway + ",nw_proto=112"
                : ",nw_proto=112,nw_src=192.0.2." + gateway + "/32") + ",nw_dst=224.0.0.18/32" + PUNT;
    }

    @Test
    void aHostThatAskedIsAnsweredByItsSwitchAlone() {
        final var client = new FlowPlanner.Host(S2, new MacAddress("02:00:00:00:00:0a"), "192.0.2.10", LabClusters.VIP);
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacRewrite), List.of("gw1"),
            SwitchLinks.none(), Options.DEFAULT, List.of(client));

        assertEquals("table=0,priority=1050," + LAB + ",dl_type=0x806,dl_src=02:00:00:00:00:0a,arp_op=1"
            + ",arp_spa=192.0.2.10/32,arp_tpa=192.0.2.254/32 actions=set_field:02:00:00:00:00:0a->eth_dst"
            + ",set_field:00:00:5e:00:01:33->eth_src,set_field:2->arp_op,set_field:00:00:5e:00:01:33->arp_sha"
            + ",set_field:192.0.2.254/32->arp_spa,set_field:02:00:00:00:00:0a->arp_tha"
            + ",set_field:192.0.2.10/32->arp_tpa,output:IN_PORT",
            Describe.flow(plan.switches().get(S2).flows().get("gwha-lab-arp-reply-192.0.2.254-02000000000a")));
        assertTrue(plan.switches().get(S1).flows().keySet().stream().noneMatch(id -> id.contains("arp-reply")));
        assertFalse(FlowPlanner.isSteering("gwha-lab-arp-reply-192.0.2.254-02000000000a"));
    }

    @Test
    void bucketsFollowTheElectionOrderAndOnlyListedGateways() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw3", "gw1"));

        assertEquals(List.of("group_id=0x47573300,type=group-ff"
            + ",bucket=bucket_id:0,watch_port:13,actions=set_field:02:00:00:00:00:03->eth_dst,output:13"
            + ",bucket=bucket_id:1,watch_port:11,actions=set_field:02:00:00:00:00:01->eth_dst,output:11"),
            plan.switches().get(S1).groups().values().stream().map(Describe::group).toList());
    }

    @Test
    void aLoneListedGatewayIsSteeredToByAPlainFlow() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw2"));

        final var s1 = plan.switches().get(S1);
        assertTrue(s1.groups().isEmpty());
        assertEquals("table=0,priority=900," + LAB
            + ",dl_dst=00:00:5e:00:01:33 actions=set_field:02:00:00:00:00:02->eth_dst,output:12",
            Describe.flow(s1.flows().get("gwha-lab-steer")));
    }

    @Test
    void withoutAnActiveGatewayThereIsNoSteering() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite), List.of());

        final var s1 = plan.switches().get(S1);
        assertTrue(s1.groups().isEmpty());
        assertTrue(s1.flows().keySet().stream().noneMatch(FlowPlanner::isSteering), s1.flows().keySet()::toString);
        assertTrue(s1.flows().containsKey("gwha-lab-arp-192.0.2.254"));
    }

    @Test
    void macAndIpRewriteAddsAddressSteeringThroughItsOwnGroupAndReturnRewrites() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite),
            List.of("gw1", "gw2", "gw3"));

        final var s1 = plan.switches().get(S1);
        assertEquals("table=0,priority=910," + LAB + ",dl_type=0x800,dl_dst=00:00:5e:00:01:33,nw_dst=192.0.2.254/32"
            + " actions=group:0x47573301", Describe.flow(s1.flows().get("gwha-lab-steer-192.0.2.254")));
        assertEquals("table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=group:0x47573300",
            Describe.flow(s1.flows().get("gwha-lab-steer")));
        assertEquals("group_id=0x47573301,type=group-ff"
            + ",bucket=bucket_id:0,watch_port:11,actions=set_field:02:00:00:00:00:01->eth_dst,"
            + "set_field:192.0.2.1/32->ip_dst,output:11"
            + ",bucket=bucket_id:1,watch_port:12,actions=set_field:02:00:00:00:00:02->eth_dst,"
            + "set_field:192.0.2.2/32->ip_dst,output:12"
            + ",bucket=bucket_id:2,watch_port:13,actions=set_field:02:00:00:00:00:03->eth_dst,"
            + "set_field:192.0.2.3/32->ip_dst,output:13", Describe.group(s1.groups().get(0x47573301L)));
        assertEquals(2, s1.groups().size());
        // No host has asked for the virtual IP yet: nobody's replies are rewritten.
        assertTrue(s1.flows().keySet().stream().noneMatch(id -> id.contains("-return-")), s1.flows()::toString);
    }

    /** Two virtual IPs; hosts .10 and .11 asked for one each, .12 for both (.254 first, through two switches). */
    private static final List<FlowPlanner.Host> ASKED = List.of(
        new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0a"), "192.0.2.10", "192.0.2.254"),
        new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0b"), "192.0.2.11", "192.0.2.253"),
        new FlowPlanner.Host(S1, new MacAddress("02:00:00:00:00:0c"), "192.0.2.12", "192.0.2.254"),
        new FlowPlanner.Host("openflow:3", new MacAddress("02:00:00:00:00:0c"), "192.0.2.12", "192.0.2.253"));

    private static Cluster twoVips(final Cluster cluster) {
        return new ClusterBuilder(cluster).setVirtualIp(LabClusters.vips("192.0.2.254", "192.0.2.253")).build();
    }

    @Test
    void repliesLeaveWithTheVirtualIpTheHostAskedFor() {
        final var plan = FlowPlanner.plan(twoVips(LabClusters.oneSwitch(SteeringMode.MacAndIpRewrite)),
            List.of("gw1", "gw2", "gw3"), SwitchLinks.none(), Options.DEFAULT, ASKED);

        final var s1 = plan.switches().get(S1);
        assertEquals(List.of(
            returnFlow(10, "192.0.2.254"), returnFlow(11, "192.0.2.253"),
            // asked for both: the first it asked for (no switch can tell which a reply belongs to)
            returnFlow(12, "192.0.2.254")),
            s1.flows().entrySet().stream().filter(flow -> flow.getKey().contains("-return-"))
                .map(flow -> flow.getKey() + " " + Describe.flow(flow.getValue())).toList());
        // Each host is answered in the switch for the virtual IPs it asked for, and only those.
        assertEquals(List.of("gwha-lab-arp-reply-192.0.2.253-02000000000b",
            "gwha-lab-arp-reply-192.0.2.254-02000000000a", "gwha-lab-arp-reply-192.0.2.254-02000000000c"),
            s1.flows().keySet().stream().filter(id -> id.contains("arp-reply")).toList());
    }

    private static String returnFlow(final int host, final String vip) {
        return "gwha-lab-return-gw1-192.0.2." + host + " table=0,priority=905," + LAB
            + ",in_port=openflow:1:11,dl_type=0x800,dl_src=02:00:00:00:00:01,nw_src=192.0.2.1/32,nw_dst=192.0.2."
            + host + "/32 actions=set_field:" + vip + "/32->ip_src,set_field:00:00:5e:00:01:33->eth_src,output:NORMAL";
    }

    /**
     * Only the active gateway's replies to hosts that asked are rewritten: no flow touches what a passive gateway
     * sends, nor the active one's traffic to anyone else (a session with its real address), and no frame from a
     * passive gateway's port leaves from the virtual MAC. In every mode, layout and election order.
     */
    @Test
    void onlyTheActiveGatewaysRepliesToAskingHostsAreRewritten() {
        for (var mode : SteeringMode.values()) {
            for (var cluster : List.of(twoVips(LabClusters.oneSwitch(mode)), twoVips(LabClusters.twoSwitches(mode)))) {
                final var ports = cluster.nonnullGateway().values().stream().collect(Collectors.toMap(
                    gw -> "in_port=" + gw.getAttachment().getNodeId().getValue() + ":"
                        + gw.getAttachment().getPortNumber(), gw -> gw.getName().getValue()));
                final var names = cluster.nonnullGateway().keySet().stream().map(key -> key.getName().getValue())
                    .toList();
                for (var order : orders(names)) {
                    final var plan = FlowPlanner.plan(cluster, order, LINKED, Options.DEFAULT, ASKED);
                    plan.switches().values().forEach(onSwitch -> onSwitch.flows().forEach((id, flow) -> {
                        final var described = Describe.flow(flow);
                        final boolean rewritesSource = described.contains("->ip_src")
                            || described.contains("->eth_src") && !described.contains("arp_op");
                        if (!rewritesSource) {
                            return;
                        }
                        final var from = ports.keySet().stream().filter(described::contains).findFirst();
                        assertEquals(Optional.of(order.getFirst()), from.map(ports::get),
                            mode + " " + order + " " + id);
                        assertTrue(described.matches(".*nw_dst=192\\.0\\.2\\.1[012]/32 .*"), described);
                    }));
                    plan.switches().values().forEach(onSwitch -> onSwitch.groups().values().forEach(group ->
                        assertFalse(Describe.group(group).contains("->eth_src"), Describe.group(group))));
                }
            }
        }
    }

    @Test
    void macAndIpRewriteWithALoneGatewayRewritesInTheFlow() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite), List.of("gw4"),
            LINKED, Options.DEFAULT);

        assertEquals("table=0,priority=910," + LAB + ",dl_type=0x800,dl_dst=00:00:5e:00:01:33,nw_dst=192.0.2.254/32"
            + " actions=set_field:02:00:00:00:00:04->eth_dst,set_field:192.0.2.4/32->ip_dst,output:14",
            Describe.flow(plan.switches().get(S2).flows().get("gwha-lab-steer-192.0.2.254")));
        // Elsewhere frames travel unchanged toward gw4's switch, which rewrites them once.
        assertEquals("table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=output:100",
            Describe.flow(plan.switches().get(S1).flows().get("gwha-lab-steer")));
        assertFalse(plan.switches().get(S1).flows().containsKey("gwha-lab-steer-192.0.2.254"));
    }

    @Test
    void multiSwitchProgramsGatewaySwitchesAndHostSwitches() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacRewrite),
            List.of("gw4", "gw1", "gw2"), LINKED, Options.DEFAULT);

        assertEquals(List.of(S1, S2, "openflow:3"), List.copyOf(plan.switches().keySet()));
        // gw4's switch: a plain rewrite to gw4 (it is alone there), its VRRP punt and guard.
        final var s2 = plan.switches().get(S2);
        final var forged = Set.of("gwha--forged-192.0.2.1", "gwha--forged-020000000001", "gwha--forged-192.0.2.2",
            "gwha--forged-020000000002", "gwha--forged-192.0.2.4", "gwha--forged-020000000004");
        final var onS2 = new TreeSet<>(Set.of("gwha--lldp", "gwha--normal", "gwha-lab-arp-192.0.2.254",
            "gwha-lab-guard-gw4-192.0.2.254", "gwha-lab-steer", "gwha--vrrp-14"));
        onS2.addAll(forged);
        assertEquals(onS2, s2.flows().keySet());
        assertEquals(Set.of(0x47570000L, 0x47573300L, 0x47573303L), s2.meters().keySet());
        assertEquals("table=0,priority=900," + LAB
            + ",dl_dst=00:00:5e:00:01:33 actions=set_field:02:00:00:00:00:04->eth_dst,output:14",
            Describe.flow(s2.flows().get("gwha-lab-steer")));
        assertTrue(s2.groups().isEmpty());
        // openflow:1 carries the passive gw1 and gw2: toward openflow:2, no group while the active is away.
        final var s1 = plan.switches().get(S1);
        assertEquals("table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=output:100",
            Describe.flow(s1.flows().get("gwha-lab-steer")));
        assertTrue(s1.groups().isEmpty());
        assertTrue(s1.flows().containsKey("gwha--vrrp-11") && s1.flows().containsKey("gwha-lab-guard-gw2-"
            + "192.0.2.254"));
        assertEquals(Set.of(0x47570000L, 0x47573300L, 0x47573301L, 0x47573302L), s1.meters().keySet());
        // A host-only switch: ARP punt, steering toward the active switch, normal forwarding; of VRRP only what
        // forges a gateway, caught at the edge.
        final var s3 = plan.switches().get("openflow:3");
        final var onS3 = new TreeSet<>(Set.of("gwha--lldp", "gwha--normal", "gwha-lab-arp-192.0.2.254",
            "gwha-lab-steer"));
        onS3.addAll(forged);
        assertEquals(onS3, s3.flows().keySet());
        assertEquals(Set.of(0x47570000L, 0x47573300L), s3.meters().keySet());
        assertEquals("table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=output:7",
            Describe.flow(s3.flows().get("gwha-lab-steer")));
    }

    @Test
    void whenTheActiveSharesItsSwitchTheGroupServesTrafficFromAfar() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacRewrite),
            List.of("gw1", "gw4", "gw2"), LINKED, Options.DEFAULT);

        assertEquals("group_id=0x47573300,type=group-ff"
            + ",bucket=bucket_id:0,watch_port:11,actions=set_field:02:00:00:00:00:01->eth_dst,output:11"
            + ",bucket=bucket_id:1,watch_port:12,actions=set_field:02:00:00:00:00:02->eth_dst,output:12",
            Describe.group(plan.switches().get(S1).groups().get(0x47573300L)));
        assertEquals("table=0,priority=900," + LAB + ",dl_dst=00:00:5e:00:01:33 actions=output:100",
            Describe.flow(plan.switches().get(S2).flows().get("gwha-lab-steer")));
    }

    @Test
    void withoutAPathASwitchGetsNoSteering() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacRewrite), List.of("gw4"));

        assertFalse(plan.switches().get(S1).flows().containsKey("gwha-lab-steer"));
        assertTrue(plan.switches().get(S2).flows().containsKey("gwha-lab-steer"));
    }

    @Test
    void normalForwardingCanBeLeftToOthers() {
        final var plan = FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1"),
            SwitchLinks.none(), new Options(false));

        assertFalse(plan.switches().get(S1).flows().containsKey("gwha--normal"));
        assertFalse(plan.switches().get(S1).flows().containsKey("gwha--lldp"));
        assertFalse(plan.switches().get(S1).meters().containsKey(0x47570000L));
    }

    /**
     * VRRP reaches the controller only where it can be a heartbeat (a gateway's port) or a forgery against one (a
     * gateway's MAC or address): another router pair's advertisements between its own ports match nothing of the
     * project's and are forwarded as any traffic.
     */
    @Test
    void vrrpOfOtherRoutersIsLeftAlone() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacRewrite), List.of("gw1", "gw2"),
            LINKED, Options.DEFAULT);
        final var gateways = Set.of("in_port=openflow:1:11,", "in_port=openflow:1:12,", "in_port=openflow:2:14,",
            "dl_src=02:00:00:00:00:01,", "dl_src=02:00:00:00:00:02,", "dl_src=02:00:00:00:00:04,",
            "nw_src=192.0.2.1/32,", "nw_src=192.0.2.2/32,", "nw_src=192.0.2.4/32,");

        plan.switches().forEach((node, onSwitch) -> onSwitch.flows().forEach((id, flow) -> {
            final var described = Describe.flow(flow);
            if (described.contains("nw_proto=112")) {
                assertTrue(gateways.stream().anyMatch(described::contains), node + " " + id + " " + described);
            }
        }));
    }

    /** Every punt to the controller goes through a meter: a gateway's own on its port, the shared one elsewhere. */
    @Test
    void everyPuntGoesThroughAMeter() {
        final var cluster = new ClusterBuilder(LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite))
            .setHeartbeatInterval(Uint32.valueOf(100)).build();
        final var plan = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw4"), LINKED, Options.DEFAULT, ASKED);

        plan.switches().forEach((node, onSwitch) -> onSwitch.flows().forEach((id, flow) -> {
            final var described = Describe.flow(flow);
            if (described.contains("CONTROLLER")) {
                final var meter = described.replaceAll(".*actions=meter:0x([0-9a-f]+),.*", "$1");
                assertTrue(onSwitch.meters().containsKey(Long.parseLong(meter, 16)), node + " " + described);
            }
        }));
        // 100 ms heartbeats: 10 a second, 4 x that on a gateway's port.
        assertEquals("meter=0x47573303 pktps burst stats bands=type=drop rate=40 burst_size=40",
            Describe.meter(plan.switches().get(S2).meters().get(0x47573303L)));
        assertEquals("table=0,priority=1000," + SHARED + ",in_port=openflow:2:14," + VRRP
            + " actions=meter:0x47573303,output:CONTROLLER",
            Describe.flow(plan.switches().get(S2).flows().get("gwha--vrrp-14")));
    }

    /**
     * The project's flows sit in a documented band of priorities (README, "Sharing the switches"), each kind at
     * its own; ARP for a virtual IP is matched whatever its VLAN tags, so a tagged request reaches the controller
     * (which answers it tagged) or the switch's own reply (which keeps the tags).
     */
    @Test
    void eachFlowKindHasItsDocumentedPriority() {
        final var priorities = new java.util.LinkedHashMap<String, Integer>();
        priorities.put("gwha-lab-guard-gw\\d-[0-9.]+", 1100);
        priorities.put("gwha-lab-arp-reply-[0-9.]+-[0-9a-f]+", 1050);
        priorities.put("gwha--vrrp-\\d+", 1000);
        priorities.put("gwha-lab-arp-[0-9.]+", 1000);
        priorities.put("gwha--forged-[0-9a-f]{12}", 990);
        priorities.put("gwha--forged-\\d+(\\.\\d+){3}", 989);
        priorities.put("gwha-lab-steer-[0-9.]+", 910);
        priorities.put("gwha-lab-return-gw\\d-[0-9.]+", 905);
        priorities.put("gwha-lab-steer", 900);
        priorities.put("gwha--lldp", 2);
        priorities.put("gwha--normal", 1);
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite),
            List.of("gw1", "gw2", "gw4"), LINKED, Options.DEFAULT, ASKED);

        final var seen = new TreeSet<String>();
        plan.switches().values().forEach(onSwitch -> onSwitch.flows().forEach((id, flow) -> {
            final var kinds = priorities.keySet().stream().filter(id::matches).toList();
            assertEquals(1, kinds.size(), id + " is of " + kinds);
            seen.add(kinds.getFirst());
            assertEquals(priorities.get(kinds.getFirst()), flow.getPriority().intValue(), id);
            assertTrue(flow.getMatch().getVlanMatch() == null, id);
        }));
        assertEquals(new TreeSet<>(priorities.keySet()), seen);
    }

    @Test
    void everyFlowCarriesTheProjectCookieAndIsInTableZero() {
        final var plan = FlowPlanner.plan(LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite),
            List.of("gw1", "gw2", "gw4"), LINKED, Options.DEFAULT);

        plan.switches().values().forEach(onSwitch -> onSwitch.flows().forEach((id, flow) -> {
            assertEquals(id, flow.getId().getValue());
            assertEquals(0, flow.getTableId().intValue());
            final long cookie = flow.getCookie().getValue().longValue();
            assertTrue(FlowIds.isOurs(cookie), id);
            assertEquals(id.startsWith("gwha--") ? 0 : crc("lab"), cookie & 0xFFFF_FFFFL, id);
        }));
        assertFalse(FlowIds.isOurs(0x1234L << 48));
    }

    @Test
    void aFlowsCookieIdentifiesItOnItsSwitchAndSurvivesFailovers() {
        final Cluster cluster = LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite);
        final var before = FlowPlanner.plan(cluster, List.of("gw1", "gw2", "gw4"), LINKED, Options.DEFAULT);
        final var after = FlowPlanner.plan(cluster, List.of("gw2", "gw4"), LINKED, Options.DEFAULT);

        for (var node : before.switches().keySet()) {
            final var flows = before.switches().get(node).flows();
            final var cookies = flows.values().stream().map(flow -> flow.getCookie().getValue().longValue())
                .collect(Collectors.toSet());
            assertEquals(flows.size(), cookies.size(), "two flows share a cookie on " + node);
            // A failover rewrites actions only: the cookies (priority and match) stay.
            after.switches().get(node).flows().forEach((id, flow) -> {
                if (flows.containsKey(id)) {
                    assertEquals(flows.get(id).getCookie(), flow.getCookie(), id);
                }
            });
        }
        // The same match elsewhere is the same entry, so the same cookie: the steering flow toward gw4's switch.
        assertEquals(before.switches().get(S1).flows().get("gwha-lab-steer").getCookie(),
            before.switches().get("openflow:3").flows().get("gwha-lab-steer").getCookie());
        // A gateway moved to another port is another flow.
        final var moved = LabClusters.builder(LabClusters.gateway(1, 200, S1, 19), LabClusters.gateway(2, 150, S1, 12))
            .build();
        assertFalse(FlowPlanner.plan(moved, List.of("gw1")).switches().get(S1).flows().get("gwha--vrrp-19")
            .getCookie().equals(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1"))
                .switches().get(S1).flows().get("gwha--vrrp-11").getCookie()));
    }

    @Test
    void aClusterOwnsWhatAnyElectionOrderPlans() {
        for (var mode : SteeringMode.values()) {
            final Cluster cluster = LabClusters.twoSwitches(mode);
            final var owned = FlowPlanner.owned(cluster, Options.DEFAULT);
            final var names = cluster.nonnullGateway().keySet().stream().map(key -> key.getName().getValue())
                .toList();
            for (var order : orders(names)) {
                FlowPlanner.plan(cluster, order, LINKED, Options.DEFAULT).switches().forEach((node, onSwitch) -> {
                    onSwitch.flows().forEach((id, flow) -> assertTrue(owned.cookies().contains(flow.getCookie()
                        .getValue().longValue()), mode + " " + order + " " + node + " " + id));
                    onSwitch.groups().keySet().forEach(group -> assertTrue(owned.groups().contains(group),
                        mode + " " + order + " " + node + " group " + group));
                });
            }
            assertTrue(owned.groups().stream().allMatch(FlowIds::isOurGroup));
            assertTrue(owned.meters().stream().allMatch(FlowIds::isOurMeter));
            assertTrue(owned.meters().containsAll(Set.of(0x47570000L, 0x47573300L, 0x47573301L)), owned::toString);
            // Another cluster owns none of it but the flows they share.
            final var other = FlowPlanner.owned(LabClusters.builder(LabClusters.gateway(5, 100, S1, 21),
                LabClusters.gateway(6, 90, S1, 22)).setName(new ClusterName("other")).setVrid(Uint8.valueOf(52))
                .build(), Options.DEFAULT);
            final var common = new HashSet<>(owned.cookies());
            common.retainAll(other.cookies());
            assertTrue(common.stream().allMatch(cookie -> (cookie & 0xFFFF_FFFFL) == 0), common::toString);
        }
        assertFalse(FlowIds.isOurGroup(0x12345678L));
    }

    @Test
    void planningIsDeterministic() {
        final Cluster cluster = LabClusters.twoSwitches(SteeringMode.MacAndIpRewrite);
        final var order = List.of("gw2", "gw1", "gw4");

        assertEquals(FlowPlanner.plan(cluster, order, LINKED, Options.DEFAULT),
            FlowPlanner.plan(cluster, order, LINKED, Options.DEFAULT));
    }

    /** Every change of election order, in every mode and layout, changes steering flows and groups only. */
    @Test
    void aFailoverDiffTouchesOnlySteering() {
        for (var mode : SteeringMode.values()) {
            for (var cluster : List.of(LabClusters.oneSwitch(mode), LabClusters.twoSwitches(mode))) {
                final var names = cluster.nonnullGateway().keySet().stream().map(key -> key.getName().getValue())
                    .toList();
                final var orders = orders(names);
                int steeringChanges = 0;
                for (var from : orders) {
                    for (var to : orders) {
                        // With hosts, so that the return flows move with the active gateway too.
                        final var before = FlowPlanner.plan(cluster, from, LINKED, Options.DEFAULT, ASKED);
                        final var after = FlowPlanner.plan(cluster, to, LINKED, Options.DEFAULT, ASKED);
                        final var changed = changedFlows(before, after);
                        changed.forEach(id -> assertTrue(FlowPlanner.isSteering(id),
                            mode + " " + from + " -> " + to + " changed " + id));
                        steeringChanges += changed.size();
                    }
                }
                assertTrue(steeringChanges > 0);
            }
        }
    }

    private static Set<String> changedFlows(final Plan before, final Plan after) {
        final var changed = new HashSet<String>();
        final var nodes = new TreeSet<>(before.switches().keySet());
        nodes.addAll(after.switches().keySet());
        assertEquals(before.switches().keySet(), after.switches().keySet());
        for (var node : nodes) {
            final var old = before.switches().get(node).flows();
            final var now = after.switches().get(node).flows();
            final var ids = new TreeSet<>(old.keySet());
            ids.addAll(now.keySet());
            for (var id : ids) {
                if (!java.util.Objects.equals(old.get(id), now.get(id))) {
                    changed.add(id);
                }
            }
        }
        return changed;
    }

    /** The empty order and every ordering of every non-empty subset. */
    private static List<List<String>> orders(final List<String> names) {
        final var result = new ArrayList<List<String>>();
        result.add(List.of());
        for (var name : names) {
            final var rest = names.stream().filter(other -> !other.equals(name)).toList();
            for (var tail : orders(rest)) {
                final var order = new ArrayList<String>();
                order.add(name);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }

    private static long crc(final String name) {
        final var crc = new CRC32();
        crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
