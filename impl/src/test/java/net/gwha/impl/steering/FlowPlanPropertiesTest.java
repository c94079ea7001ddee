/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.VMAC;
import static net.gwha.impl.steering.FlowTables.BROADCAST;
import static net.gwha.impl.steering.LanScenarios.REMOTE;
import static net.gwha.impl.steering.LanScenarios.REMOTE6;
import static net.gwha.impl.steering.LanScenarios.VMAC6;
import static net.gwha.impl.steering.LanScenarios.hostIp;
import static net.gwha.impl.steering.LanScenarios.hostIp6;
import static net.gwha.impl.steering.LanScenarios.hostMac;
import static net.gwha.impl.steering.LanScenarios.hostPort;
import static net.gwha.impl.steering.LanScenarios.node;
import static net.gwha.impl.steering.LanScenarios.scenarios;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.steering.FlowTables.Delivered;
import net.gwha.impl.steering.FlowTables.End;
import net.gwha.impl.steering.FlowTables.Frame;
import net.gwha.impl.steering.FlowTables.Looped;
import net.gwha.impl.steering.Lan.Port;
import net.gwha.impl.steering.LanScenarios.Net;
import net.gwha.impl.steering.LanScenarios.Scenario;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;

/**
 * The planned flows, run by {@link FlowTables} on generated LANs: trees of one to four switches with a host on each,
 * two to four gateways spread over them with ports up or down, the engine's view of the gateways, and the election
 * orders it derives from that: one for the active gateway's partition of the LAN, one for each partition cut off from
 * it. Frames are injected where hosts and gateways would send them and followed to where they end. Clusters are IPv4,
 * IPv6 or dual-stack: what holds for the virtual MAC holds for each family's.
 */
class FlowPlanPropertiesTest {
    private static final String ALL_NODES = "ff02::1";
    private static final String ALL_NODES_MAC = "33:33:00:00:00:01";

    /*
     * (a) Steering: where frames to the virtual MAC end, from every host that has a path of live links to the active
     * gateway's switch (the others are cut off: see the partitions below).
     */

    @Property(tries = 300)
    void aFrameToTheVirtualMacEndsAtTheActiveGatewayOrTheNextLiveOneOnItsSwitch(
            @ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        final var active = net.active();
        // The fast-failover group: the active's switch-mates in election order; without a live one, a blackhole
        // until the controller hears of the port and elects again.
        final var expected = net.order().stream()
            .filter(gw -> net.port(gw).node().equals(net.port(active).node()))
            .filter(net::isUp)
            .findFirst();
        Statistics.label("ends at").collect(expected.isEmpty() ? "nothing (active's switch has no live gateway)"
            : expected.orElseThrow().equals(active) ? "the active" : "a failover gateway");
        Statistics.label("switches").collect(scenario.switches());

        net.hostSwitches().filter(net::reachesActive).forEach(host -> net.toVirtualMac(host).forEach(frame -> {
            final var ends = net.tables().inject(hostPort(host), frame);
            if (expected.isPresent()) {
                final var gw = expected.orElseThrow();
                assertEquals(List.of(new Delivered(net.port(gw), gw, net.steeredTo(gw, frame))), ends,
                    () -> "from h" + host + ", order " + net.order());
            } else {
                assertTrue(ends.stream().allMatch(FlowTables.Dropped.class::isInstance), ends::toString);
            }
        }));
    }

    /*
     * (b) Never at a passive gateway while the active is up; never at a gateway the engine holds down or in
     * maintenance. (a) implies it; this states it on its own, as the safety rule it is. From hosts not cut off.
     */

    @Property(tries = 300)
    void noFrameToTheVirtualMacReachesAPassiveGatewayWhileTheActiveIsUp(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        net.hostSwitches().filter(net::reachesActive).forEach(host -> net.toVirtualMac(host).forEach(frame ->
            assertOnlyTheElected(net, net.tables().inject(hostPort(host), frame), "h" + host)));
    }

    /*
     * A gateway's own frame to the virtual MAC (say a passive one's monitoring of the VIP) is steered like a host's:
     * only to the elected, never looping.
     */

    @Property(tries = 300)
    void aGatewaysFrameToTheVirtualMacReachesOnlyTheElectedInMacRewrite(@ForAll("connected") final Scenario scenario) {
        Assume.that(scenario.mode() == SteeringMode.MacRewrite);
        gatewaysSendToTheVirtualMac(Net.of(scenario));
    }

    /*
     * In mac-and-ip-rewrite the active gateway's return flows match only its replies to hosts that asked, above
     * steering's priority, so such a frame (to an address beyond) is steered like any other.
     */

    // IPv4 clusters alone run mac-and-ip-rewrite: about a quarter of the scenarios
    @Property(tries = 300, maxDiscardRatio = 10)
    void aGatewaysFrameToTheVirtualMacReachesOnlyTheElectedInMacAndIpRewrite(
            @ForAll("connected") final Scenario scenario) {
        Assume.that(scenario.mode() == SteeringMode.MacAndIpRewrite);
        gatewaysSendToTheVirtualMac(Net.of(scenario));
    }

    private static void gatewaysSendToTheVirtualMac(final Net net) {
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            if (!net.isUp(name)) {
                continue;
            }
            final var frames = new ArrayList<Frame>();
            if (!net.vips().isEmpty()) {
                frames.add(Frame.ipv4(FlowTables.mac(gw.getMacAddress()), VMAC, gw.getIpAddress().getValue(), REMOTE));
            }
            if (!net.vips6().isEmpty()) {
                frames.add(Frame.ipv6(FlowTables.mac(gw.getMacAddress()), VMAC6, gw.getIpv6LinkLocal().getValue(),
                    REMOTE6));
            }
            frames.forEach(frame -> assertOnlyTheElected(net, net.tables().inject(net.port(name), frame), name));
        }
    }

    private static void assertOnlyTheElected(final Net net, final List<End> ends, final String sender) {
        for (var end : ends) {
            if (end instanceof Delivered delivered && delivered.station().startsWith("gw")) {
                assertTrue(net.order().contains(delivered.station()),
                    () -> delivered.station() + " is out of the election order " + net.order() + ": " + end);
                assertFalse(net.isUp(net.active()) && !delivered.station().equals(net.active()),
                    () -> "passive " + delivered.station() + " got " + sender + "'s " + delivered.frame()
                        + " while active " + net.active() + " is up");
            }
            assertFalse(end instanceof Looped, () -> sender + "'s frame looped: " + end);
        }
    }

    /*
     * (c) No ARP from a gateway's port that claims a virtual IP reaches a host: no gateway poisons the hosts' caches.
     * Nor does it reach the controller, which would count it or learn its sender as a host: it is dropped in the
     * switch, whether it comes from the gateway's own MAC or, as keepalived with use_vmac sends it, the virtual MAC.
     */

    @Property(tries = 300)
    void noArpClaimingAVirtualIpFromAGatewayReachesAHost(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            if (!net.isUp(name)) {
                continue;
            }
            for (var source : List.of(FlowTables.mac(gw.getMacAddress()), VMAC)) {
                for (var vip : net.vips()) {
                    final var claims = new ArrayList<Frame>();
                    // gratuitous, as keepalived sends on taking over: a request and a reply for the VIP itself
                    claims.add(Frame.arp(1, source, BROADCAST, vip, "00:00:00:00:00:00", vip));
                    claims.add(Frame.arp(2, source, BROADCAST, vip, BROADCAST, vip));
                    // and replies to each host
                    net.hostSwitches().forEach(host -> claims.add(Frame.arp(2, source, hostMac(host), vip,
                        hostMac(host), hostIp(host))));
                    for (var claim : claims) {
                        final var ends = net.tables().inject(net.port(name), claim);
                        assertTrue(ends.stream().allMatch(FlowTables.Dropped.class::isInstance),
                            () -> name + " sent " + claim + " past the guard: " + ends);
                    }
                }
            }
        }
    }

    /*
     * (c) for IPv6: no Neighbor Advertisement from a gateway's port that claims a virtual IP reaches a host or the
     * controller, unsolicited to all nodes as keepalived sends on taking over, or solicited to a host; from the
     * gateway's MAC or, with use_vmac, the IPv6 virtual MAC.
     */

    @Property(tries = 300)
    void noNeighborAdvertisementClaimingAVirtualIpFromAGatewayReachesAHost(
            @ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        Assume.that(!net.vips6().isEmpty());
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            if (!net.isUp(name)) {
                continue;
            }
            for (var source : List.of(FlowTables.mac(gw.getMacAddress()), VMAC6)) {
                for (var vip : net.vips6()) {
                    final var claims = new ArrayList<Frame>();
                    claims.add(Frame.neighborDiscovery(FlowTables.NEIGHBOR_ADVERTISEMENT, source, ALL_NODES_MAC, vip,
                        ALL_NODES, vip));
                    net.hostSwitches().forEach(host -> claims.add(Frame.neighborDiscovery(
                        FlowTables.NEIGHBOR_ADVERTISEMENT, source, hostMac(host), vip, hostIp6(host), vip)));
                    for (var claim : claims) {
                        final var ends = net.tables().inject(net.port(name), claim);
                        assertTrue(ends.stream().allMatch(FlowTables.Dropped.class::isInstance),
                            () -> name + " sent " + claim + " past the guard: " + ends);
                    }
                }
            }
        }
    }

    /*
     * A host's Neighbor Solicitation for an IPv6 virtual IP goes to the controller, which answers it, and nowhere
     * else: multicast to the VIP's solicited-node group, or unicast to the virtual MAC as a host re-checks its entry.
     * No gateway hears it, so none answers with its own MAC.
     */

    @Property(tries = 300)
    void aNeighborSolicitationForAVirtualIpReachesOnlyTheController(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        Assume.that(!net.vips6().isEmpty());
        net.hostSwitches().forEach(host -> net.vips6().forEach(vip -> {
            for (var solicitation : solicitations(host, vip)) {
                assertEquals(List.of(new FlowTables.Controller(hostPort(host).node(), solicitation)),
                    net.tables().inject(hostPort(host), solicitation), () -> "h" + host + " asked for " + vip);
            }
        }));
    }

    /** A host's solicitations for a virtual IP: to its solicited-node group (RFC 4291 2.7.1) and to the MAC. */
    private static List<Frame> solicitations(final int host, final String vip) {
        final long low24 = Ipv6.parse(vip).low() & 0xFF_FFFF;
        final var group = String.format(Locale.ROOT, "ff02::1:ff%02x:%x", low24 >> 16, low24 & 0xFFFF);
        final var groupMac = String.format(Locale.ROOT, "33:33:ff:%02x:%02x:%02x", low24 >> 16, low24 >> 8 & 0xFF,
            low24 & 0xFF);
        return List.of(
            Frame.neighborDiscovery(FlowTables.NEIGHBOR_SOLICITATION, hostMac(host), groupMac, hostIp6(host), group,
                vip),
            Frame.neighborDiscovery(FlowTables.NEIGHBOR_SOLICITATION, hostMac(host), VMAC6, hostIp6(host), vip,
                vip));
    }

    /*
     * What gateways send hosts otherwise does reach them: the interpreter's normal forwarding delivers, so (c) is no
     * accident of a LAN that delivers nothing. In mac-and-ip-rewrite the active gateway's replies to a host that
     * asked for a virtual IP leave as from it and the virtual MAC; everything else as it was sent.
     */

    @Property(tries = 200)
    void whatAGatewaySendsAHostReachesIt(@ForAll("connected") final Scenario scenario) {
        final var net = Net.of(scenario);
        if (!scenario.normalForwarding()) {
            return;
        }
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            final var gwMac = FlowTables.mac(gw.getMacAddress());
            if (!net.isUp(name)) {
                continue;
            }
            if (!net.vips6().isEmpty()) {
                // its own advertisement (not a virtual IP's) and its traffic, as sent
                final var linkLocal = gw.getIpv6LinkLocal().getValue();
                net.hostSwitches().forEach(host -> {
                    for (var frame : List.of(Frame.neighborDiscovery(FlowTables.NEIGHBOR_ADVERTISEMENT, gwMac,
                            hostMac(host), linkLocal, hostIp6(host), linkLocal),
                            Frame.ipv6(gwMac, hostMac(host), linkLocal, hostIp6(host)))) {
                        assertEquals(List.of(new Delivered(hostPort(host), "h" + host, frame)),
                            net.tables().inject(net.port(name), frame));
                    }
                });
            }
            if (net.vips().isEmpty()) {
                continue;
            }
            final var gwIp = gw.getIpAddress().getValue();
            net.hostSwitches().forEach(host -> {
                final var arp = Frame.arp(2, gwMac, hostMac(host), gwIp, hostMac(host), hostIp(host));
                assertEquals(List.of(new Delivered(hostPort(host), "h" + host, arp)),
                    net.tables().inject(net.port(name), arp));

                final var reply = Frame.ipv4(gwMac, hostMac(host), gwIp, hostIp(host));
                final var asked = net.asked(host);
                final var expected = scenario.mode() == SteeringMode.MacAndIpRewrite && name.equals(net.active())
                    && asked.isPresent() ? reply.withEth(VMAC, hostMac(host)).withIp(asked.orElseThrow(), hostIp(host))
                    : reply;
                assertEquals(List.of(new Delivered(hostPort(host), "h" + host, expected)),
                    net.tables().inject(net.port(name), reply));
            });
        }
    }

    /*
     * Router Advertisements from the virtual link-local address: from a passive gateway's port, nowhere; from the
     * active gateway's of each part of the LAN, to the controller alone (with the project's normal forwarding), whose
     * packet-out by normal forwarding from that port reaches every host of that part, and not that gateway again.
     */

    @Property(tries = 300)
    void aRouterAdvertisementFromTheVirtualRouterReachesHostsOnlyFromTheActiveThroughTheController(
            @ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        final var router = "fe80::1";
        Assume.that(net.vips6().contains(router));
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            final var port = net.port(name);
            final var order = net.partitions().stream().filter(part -> part.switches().contains(port.node()))
                .findFirst().map(part -> part.order()).orElse(net.order());
            if (!net.isUp(name) || order.isEmpty()) {
                continue;
            }
            final var advert = Frame.neighborDiscovery(FlowTables.ROUTER_ADVERTISEMENT,
                FlowTables.mac(gw.getMacAddress()), ALL_NODES_MAC, router, ALL_NODES, null);
            final var ends = net.tables().inject(port, advert);
            Statistics.label("sender").collect(!name.equals(order.getFirst()) ? "passive"
                : scenario.normalForwarding() ? "active" : "active, normal forwarding off");
            if (!name.equals(order.getFirst())) {
                assertTrue(ends.stream().allMatch(FlowTables.Dropped.class::isInstance),
                    () -> "passive " + name + "'s advertisement got past the drop: " + ends);
            } else if (!scenario.normalForwarding()) {
                assertTrue(ends.stream().noneMatch(FlowTables.Controller.class::isInstance),
                    () -> "punted with no normal forwarding to send it on: " + ends);
            } else {
                assertEquals(List.of(new FlowTables.Controller(port.node(), advert)), ends, name);
                if (net.hasRing()) {
                    continue;
                }
                final var out = net.tables().packetOut(port, advert, "NORMAL");
                final var reached = out.stream().filter(Delivered.class::isInstance).map(Delivered.class::cast)
                    .map(Delivered::port).toList();
                net.hostSwitches().filter(host -> node(host).equals(port.node())
                        || net.live().portToward(node(host), port.node()).isPresent())
                    .forEach(host -> assertTrue(reached.contains(hostPort(host)),
                        () -> "h" + host + " missed the advertisement: " + out));
                assertFalse(reached.contains(port), () -> name + " heard its own advertisement: " + out);
                assertTrue(out.stream().noneMatch(end -> end instanceof Looped
                    || end instanceof FlowTables.Controller), out::toString);
            }
        }
    }

    /*
     * (d) No frame loops, also where links are cut or close a ring: what hosts send to the virtual MAC, ARP requests
     * and Neighbor Solicitations for a VIP, broadcast, IPv6 multicast and unknown unicast. On a ring, normal
     * forwarding's floods would circle (keeping the LAN's own L2 loop-free is spanning tree's job, not the plan's), so
     * there only the steered frames: those of hosts that still reach the active gateway's switch, or a gateway of their
     * own partition.
     */

    @Property(tries = 300)
    void noFrameLoops(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        final var senders = new ArrayList<Map.Entry<Port, Frame>>();
        net.hostSwitches().forEach(host -> {
            final var port = hostPort(host);
            if (!net.hasRing() || net.reachesActive(host) || !net.partitionOrder(host).isEmpty()) {
                net.toVirtualMac(host).forEach(frame -> senders.add(Map.entry(port, frame)));
            }
            if (!net.hasRing()) {
                net.vips().forEach(vip -> senders.add(Map.entry(port, Frame.arp(1, hostMac(host), BROADCAST,
                    hostIp(host), "00:00:00:00:00:00", vip))));
                senders.add(Map.entry(port, Frame.ipv4(hostMac(host), BROADCAST, hostIp(host), "192.0.2.255")));
                senders.add(Map.entry(port, Frame.ipv4(hostMac(host), "02:00:00:00:09:99", hostIp(host), REMOTE)));
                net.vips6().forEach(vip -> solicitations(host, vip).forEach(ns -> senders.add(Map.entry(port, ns))));
                senders.add(Map.entry(port, Frame.ipv6(hostMac(host), ALL_NODES_MAC, hostIp6(host), ALL_NODES)));
            }
        });
        Statistics.label("LAN").collect(net.hasRing() ? "ring" : "tree", scenario.cut().subList(0,
            scenario.switches() - 1 + (net.hasRing() ? 1 : 0)).contains(true) ? "cut" : "whole");

        for (var sender : senders) {
            final var ends = net.tables().inject(sender.getKey(), sender.getValue());
            assertTrue(ends.stream().noneMatch(Looped.class::isInstance), () -> sender + " looped: " + ends);
        }
    }

    /*
     * Partitions: a host cut off from the active gateway's switch reaches the active gateway of its own part of the
     * LAN, elected there, rewritten for it as for the cluster's; or where that one's port is down, the next live one
     * of its switch in the partition's order. As in (a), with none live there the frame is dropped until the
     * controller hears of the port and elects again: the engine's view of a gateway may lag its port.
     */

    @Property(tries = 300)
    void aHostCutOffFromTheActiveReachesALiveGatewayOfItsPartition(@ForAll("partitioned") final Scenario scenario) {
        final var net = Net.of(scenario);
        net.hostSwitches().filter(host -> !net.reachesActive(host)).forEach(host -> {
            final var order = net.partitionOrder(host);
            final var expected = order.stream()
                .filter(gw -> net.port(gw).node().equals(net.port(order.getFirst()).node()))
                .filter(net::isUp)
                .findFirst();
            Statistics.label("cut-off host's frames end at").collect(order.isEmpty() ? "no gateway live in partition"
                : expected.isEmpty() ? "nothing (its active's switch has no live gateway)"
                : expected.orElseThrow().equals(order.getFirst()) ? "its partition's active" : "a failover gateway");
            net.toVirtualMac(host).filter(frame -> !order.isEmpty()).forEach(frame -> {
                final var ends = net.tables().inject(hostPort(host), frame);
                if (expected.isPresent()) {
                    final var gw = expected.orElseThrow();
                    assertEquals(List.of(new Delivered(net.port(gw), gw, net.steeredTo(gw, frame))), ends,
                        () -> "h" + host + " cut off from " + net.active() + ", its partition's order " + order);
                } else {
                    assertTrue(ends.stream().allMatch(FlowTables.Dropped.class::isInstance), ends::toString);
                }
            });
        });
    }

    /** Trees and rings, every link up. */
    @Provide
    Arbitrary<Scenario> connected() {
        return scenarios(Arbitraries.integers().between(-3, 5), Arbitraries.just(false), anyState());
    }

    /** Trees and rings, a link down now and then. */
    @Provide
    Arbitrary<Scenario> withCuts() {
        return scenarios(Arbitraries.integers().between(-3, 5),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)), anyState());
    }

    /**
     * Trees with a link down: partitions. Gateways are mostly live, so that a cut-off part has some to elect, and
     * sometimes two that share a switch.
     */
    @Provide
    Arbitrary<Scenario> partitioned() {
        return scenarios(Arbitraries.just(-1), Arbitraries.of(false, true), Arbitraries.frequency(
            Tuple.of(4, GatewayState.PASSIVE), Tuple.of(1, GatewayState.UNKNOWN), Tuple.of(1, GatewayState.DOWN),
            Tuple.of(1, GatewayState.MAINTENANCE)))
            .filter(scenario -> scenario.switches() > 1 && scenario.cut().subList(0, scenario.switches() - 1)
                .contains(true));
    }

    private static Arbitrary<GatewayState> anyState() {
        return Arbitraries.of(GatewayState.UNKNOWN, GatewayState.PASSIVE, GatewayState.DOWN, GatewayState.MAINTENANCE);
    }
}
