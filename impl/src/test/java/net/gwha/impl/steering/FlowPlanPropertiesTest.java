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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowTables.Delivered;
import net.gwha.impl.steering.FlowTables.End;
import net.gwha.impl.steering.FlowTables.Frame;
import net.gwha.impl.steering.FlowTables.Looped;
import net.gwha.impl.steering.Lan.Port;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;

/**
 * The planned flows, run by {@link FlowTables} on generated LANs: trees of one to four switches with a host on each,
 * two to four gateways spread over them with ports up or down, the engine's view of the gateways, and the election
 * order the flow programmer derives from it. Frames are injected where hosts and gateways would send them and
 * followed to where they end.
 */
class FlowPlanPropertiesTest {
    /** Ascending, as the planner sorts them: a host that asked for both gets replies from the first. */
    private static final List<String> VIPS = List.of("192.0.2.250", "192.0.2.254");
    /** An address beyond the gateways: what hosts send most to the virtual MAC. */
    private static final String REMOTE = "198.51.100.7";
    private static final long HOST_PORT = 1;

    /**
     * A generated network.
     *
     * @param switches 1 to 4, {@code openflow:1} and on
     * @param parentPicks switch {@code i >= 2} is linked to switch {@code parentPicks[i - 2] % (i - 1) + 1}
     * @param ringPick negative: the switches form a tree; else, with three switches or more, one more link closes a
     *     ring: between the ({@code ringPick} modulo their number)-th pair of switches the tree does not link
     * @param cut whether the link of switch {@code i >= 2} to its parent is down, at {@code [i - 2]}; the ring's link,
     *     at {@code [3]}
     * @param gateways gateway {@code k} (from 1) is on port {@code 10 + k}
     * @param activePick the active gateway is {@code activePick % gateways}
     * @param asked whether switch {@code i}'s host asked the controller for a virtual IP, at {@code [i - 1]}: the
     *     {@code (i - 1) % vipCount}-th ({@link Net#asked})
     */
    record Scenario(int switches, List<Integer> parentPicks, int ringPick, List<Boolean> cut,
            List<GatewaySpec> gateways, int activePick, SteeringMode mode, int vipCount, boolean normalForwarding,
            List<Boolean> asked) {
    }

    /** A gateway: its switch is {@code switchPick % switches + 1}; its state as the engine reports it. */
    record GatewaySpec(int switchPick, int priority, boolean portUp, GatewayState state) {
    }

    /** A scenario built: the LAN, the cluster, the election order and the tables the planner made for them. */
    private record Net(Scenario scenario, Lan lan, SwitchLinks live, Cluster cluster, List<String> order,
            FlowTables tables) {
        static Net of(final Scenario scenario) {
            final var lan = new Lan();
            final var gateways = new ArrayList<Gateway>();
            final var states = new HashMap<String, GatewayState>();
            final var active = "gw" + (scenario.activePick() % scenario.gateways().size() + 1);
            final var unlinked = new ArrayList<List<Integer>>();
            for (int s = 1; s <= scenario.switches(); s++) {
                lan.station(hostPort(s), "h" + s, hostMac(s));
                final int parent = s == 1 ? 0 : scenario.parentPicks().get(s - 2) % (s - 1) + 1;
                if (s >= 2) {
                    link(lan, s, parent, scenario.cut().get(s - 2));
                }
                for (int other = 1; other < s; other++) {
                    if (other != parent) {
                        unlinked.add(List.of(other, s));
                    }
                }
            }
            if (scenario.ringPick() >= 0 && !unlinked.isEmpty()) {
                final var pair = unlinked.get(scenario.ringPick() % unlinked.size());
                link(lan, pair.get(0), pair.get(1), scenario.cut().get(3));
            }
            for (int k = 1; k <= scenario.gateways().size(); k++) {
                final var spec = scenario.gateways().get(k - 1);
                final var port = new Port(node(spec.switchPick() % scenario.switches() + 1), 10 + k);
                gateways.add(LabClusters.gateway(k, spec.priority(), port.node(), (int) port.number()));
                lan.station(port, "gw" + k, LabClusters.mac(k));
                if (!spec.portUp()) {
                    lan.down(port);
                }
                states.put("gw" + k, ("gw" + k).equals(active) ? GatewayState.ACTIVE : spec.state());
            }
            final var cluster = LabClusters.builder(gateways.toArray(Gateway[]::new))
                .setSteeringMode(scenario.mode())
                .setVirtualIp(LabClusters.vips(VIPS.subList(0, scenario.vipCount()).toArray(String[]::new)))
                .setSwitch(lan.nodes().stream().map(NodeId::new).collect(Collectors.toSet()))
                .build();
            final var order = electionOrder(cluster, active, states);
            final var hosts = IntStream.rangeClosed(1, scenario.switches()).filter(s -> scenario.asked().get(s - 1))
                .mapToObj(s -> new FlowPlanner.Host(node(s), new MacAddress(hostMac(s)), hostIp(s),
                    VIPS.get((s - 1) % scenario.vipCount()))).toList();
            final var live = lan.liveLinks();
            final var plan = FlowPlanner.plan(cluster, order, live,
                new FlowPlanner.Options(scenario.normalForwarding()), hosts);
            return new Net(scenario, lan, live, cluster, order, new FlowTables(lan, plan));
        }

        /**
         * The order the engine publishes: the active gateway, then every other one it holds live (passive), by
         * priority and then address, both descending; never one unknown, down or in maintenance.
         */
        private static List<String> electionOrder(final Cluster cluster, final String active,
                final Map<String, GatewayState> states) {
            final var order = new ArrayList<String>();
            order.add(active);
            cluster.nonnullGateway().values().stream()
                .filter(gw -> states.get(gw.getName().getValue()) == GatewayState.PASSIVE)
                .sorted(Comparator.comparingInt((Gateway gw) -> gw.getPriority().toJava())
                    .thenComparing(gw -> Ipv4.parse(gw.getIpAddress().getValue())).reversed())
                .forEach(gw -> order.add(gw.getName().getValue()));
            return order;
        }

        /** Links switch {@code one}'s port {@code 100 + other} to {@code other}'s port {@code 100 + one}. */
        private static void link(final Lan lan, final int one, final int other, final boolean cut) {
            final var end = new Port(node(one), 100 + other);
            lan.link(end, new Port(node(other), 100 + one));
            if (cut) {
                lan.down(end);
            }
        }

        boolean hasRing() {
            return scenario.ringPick() >= 0 && scenario.switches() >= 3;
        }

        /** Whether a host's switch has a path of live links to the active gateway's. */
        boolean reachesActive(final int host) {
            final var activeNode = port(active()).node();
            return node(host).equals(activeNode) || live.portToward(node(host), activeNode).isPresent();
        }

        String active() {
            return order.getFirst();
        }

        Gateway gateway(final String name) {
            return cluster.nonnullGateway().values().stream().filter(gw -> gw.getName().getValue().equals(name))
                .findFirst().orElseThrow();
        }

        Port port(final String gateway) {
            final var gw = gateway(gateway);
            return new Port(FlowPlanner.node(gw), FlowPlanner.port(gw).toJava());
        }

        boolean isUp(final String gateway) {
            return lan.isUp(port(gateway));
        }

        List<String> vips() {
            return VIPS.subList(0, scenario.vipCount());
        }

        /** The virtual IP the host of a switch asked the controller for, if it asked. */
        Optional<String> asked(final int host) {
            return scenario.asked().get(host - 1) ? Optional.of(VIPS.get((host - 1) % scenario.vipCount()))
                : Optional.empty();
        }

        IntStream hostSwitches() {
            return IntStream.rangeClosed(1, scenario.switches());
        }

        /** Frames a host sends through the gateway: to a virtual IP and beyond. */
        Stream<Frame> toVirtualMac(final int host) {
            return Stream.concat(vips().stream(), Stream.of(REMOTE))
                .map(ip -> Frame.ipv4(hostMac(host), VMAC, hostIp(host), ip));
        }

        /** A frame to the virtual MAC as the gateway it reaches should get it. */
        Frame steeredTo(final String gateway, final Frame frame) {
            final var gw = gateway(gateway);
            final var rewritten = frame.withEth(frame.ethSrc(), FlowTables.mac(gw.getMacAddress()));
            return scenario.mode() == SteeringMode.MacAndIpRewrite && vips().contains(frame.ipDst())
                ? rewritten.withIp(frame.ipSrc(), gw.getIpAddress().getValue()) : rewritten;
        }
    }

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

    @Property(tries = 300)
    void aGatewaysFrameToTheVirtualMacReachesOnlyTheElectedInMacAndIpRewrite(
            @ForAll("connected") final Scenario scenario) {
        Assume.that(scenario.mode() == SteeringMode.MacAndIpRewrite);
        gatewaysSendToTheVirtualMac(Net.of(scenario));
    }

    private static void gatewaysSendToTheVirtualMac(final Net net) {
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            if (net.isUp(name)) {
                final var frame = Frame.ipv4(FlowTables.mac(gw.getMacAddress()), VMAC, gw.getIpAddress().getValue(),
                    REMOTE);
                assertOnlyTheElected(net, net.tables().inject(net.port(name), frame), name);
            }
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
     */

    @Property(tries = 300)
    void noArpClaimingAVirtualIpFromAGatewayReachesAHost(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        for (var gw : net.cluster().nonnullGateway().values()) {
            final var name = gw.getName().getValue();
            if (!net.isUp(name)) {
                continue;
            }
            final var gwMac = FlowTables.mac(gw.getMacAddress());
            for (var vip : net.vips()) {
                final var claims = new ArrayList<Frame>();
                // gratuitous, as keepalived sends on taking over: a request and a reply for the VIP itself
                claims.add(Frame.arp(1, gwMac, BROADCAST, vip, "00:00:00:00:00:00", vip));
                claims.add(Frame.arp(2, gwMac, BROADCAST, vip, BROADCAST, vip));
                // and replies to each host
                net.hostSwitches().forEach(host -> claims.add(Frame.arp(2, gwMac, hostMac(host), vip, hostMac(host),
                    hostIp(host))));
                for (var claim : claims) {
                    final var ends = net.tables().inject(net.port(name), claim);
                    assertTrue(ends.stream().noneMatch(end -> end instanceof Delivered delivered
                        && delivered.station().startsWith("h")), () -> name + " poisoned a host with " + claim
                            + ": " + ends);
                }
            }
        }
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
            final var gwIp = gw.getIpAddress().getValue();
            if (!net.isUp(name)) {
                continue;
            }
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
     * (d) No frame loops, also where links are cut or close a ring: what hosts send to the virtual MAC, ARP requests
     * for a VIP, broadcast and unknown unicast. On a ring, normal forwarding's floods would circle (keeping the LAN's
     * own L2 loop-free is spanning tree's job, not the plan's), so there only the steered frames: those of hosts that
     * still reach the active gateway's switch.
     */

    @Property(tries = 300)
    void noFrameLoops(@ForAll("withCuts") final Scenario scenario) {
        final var net = Net.of(scenario);
        final var senders = new ArrayList<Map.Entry<Port, Frame>>();
        net.hostSwitches().forEach(host -> {
            final var port = hostPort(host);
            if (!net.hasRing() || net.reachesActive(host)) {
                net.toVirtualMac(host).forEach(frame -> senders.add(Map.entry(port, frame)));
            }
            if (!net.hasRing()) {
                net.vips().forEach(vip -> senders.add(Map.entry(port, Frame.arp(1, hostMac(host), BROADCAST,
                    hostIp(host), "00:00:00:00:00:00", vip))));
                senders.add(Map.entry(port, Frame.ipv4(hostMac(host), BROADCAST, hostIp(host), "192.0.2.255")));
                senders.add(Map.entry(port, Frame.ipv4(hostMac(host), "02:00:00:00:09:99", hostIp(host), REMOTE)));
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
     * Partitions: a host cut off from the active gateway's switch should still reach a live gateway of its own part
     * of the LAN, which would need an election per partition. Today its switch has no path toward the active, so no
     * steering flow, and normal forwarding floods the frame, unrewritten, to every station of the partition.
     */

    @Disabled("per-partition election not built yet")
    @Property(tries = 300)
    void aHostCutOffFromTheActiveReachesALiveGatewayOfItsPartition(@ForAll("partitioned") final Scenario scenario) {
        final var net = Net.of(scenario);
        net.hostSwitches().filter(host -> !net.reachesActive(host)).forEach(host -> {
            final var reachable = net.order().stream().filter(net::isUp)
                .filter(gw -> net.port(gw).node().equals(node(host))
                    || net.live().portToward(node(host), net.port(gw).node()).isPresent())
                .toList();
            net.toVirtualMac(host).filter(frame -> !reachable.isEmpty()).forEach(frame -> {
                final var ends = net.tables().inject(hostPort(host), frame);
                assertTrue(ends.size() == 1 && ends.getFirst() instanceof Delivered delivered
                    && reachable.contains(delivered.station())
                    && delivered.frame().equals(net.steeredTo(delivered.station(), frame)),
                    () -> "h" + host + " cut off from " + net.active() + ", live in its partition " + reachable
                        + ": " + ends);
            });
        });
    }

    /** Trees and rings, every link up. */
    @Provide
    Arbitrary<Scenario> connected() {
        return scenarios(Arbitraries.integers().between(-3, 5), Arbitraries.just(false));
    }

    /** Trees and rings, a link down now and then. */
    @Provide
    Arbitrary<Scenario> withCuts() {
        return scenarios(Arbitraries.integers().between(-3, 5),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)));
    }

    /** Trees with a link down: partitions. */
    @Provide
    Arbitrary<Scenario> partitioned() {
        return scenarios(Arbitraries.just(-1), Arbitraries.of(false, true)).filter(scenario -> scenario.switches() > 1
            && scenario.cut().subList(0, scenario.switches() - 1).contains(true));
    }

    private static Arbitrary<Scenario> scenarios(final Arbitrary<Integer> rings, final Arbitrary<Boolean> cuts) {
        final Arbitrary<GatewaySpec> gateways = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 254), Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
            Arbitraries.of(GatewayState.UNKNOWN, GatewayState.PASSIVE, GatewayState.DOWN, GatewayState.MAINTENANCE))
            .as(GatewaySpec::new);
        final var shapes = Combinators.combine(Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 5).list().ofSize(3), rings, cuts.list().ofSize(4)).as(Tuple::of);
        return Combinators.combine(shapes, gateways.list().ofMinSize(2).ofMaxSize(4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(SteeringMode.class), Arbitraries.integers().between(1, VIPS.size()),
            Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false).list().ofSize(4))
                .as(Tuple::of))
            .as((shape, gws, active, mode, vips, rest) -> new Scenario(shape.get1(), shape.get2(), shape.get3(),
                shape.get4(), gws, active, mode, vips, rest.get1(), rest.get2()));
    }

    static String node(final int host) {
        return "openflow:" + host;
    }

    static Port hostPort(final int host) {
        return new Port(node(host), HOST_PORT);
    }

    static String hostMac(final int host) {
        return "02:00:00:00:01:0" + host;
    }

    static String hostIp(final int host) {
        return "192.0.2." + (100 + host);
    }
}
