/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.VMAC;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.gwha.impl.engine.Decision.Partition;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowTables.Frame;
import net.gwha.impl.steering.Lan.Port;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;

/**
 * The generated LANs of {@link FlowPlanPropertiesTest}: trees of one to four switches with a host on each, or rings
 * of three or more, links up or down, two to four gateways spread over them with ports up or down, the engine's view
 * of the gateways, and the election orders it derives from that: one for the active gateway's partition of the LAN,
 * one for each partition cut off from it, as the planner gets them.
 */
final class LanScenarios {
    /** Ascending, as the planner sorts them: a host that asked for both gets replies from the first. */
    private static final List<String> VIPS = List.of("192.0.2.250", "192.0.2.254");
    /** As the planner sorts them; the second is the virtual link-local, hosts' router. */
    private static final List<String> VIPS6 = List.of("2001:db8::fe", "fe80::1");
    /** An address beyond the gateways: what hosts send most to the virtual MAC. */
    static final String REMOTE = "198.51.100.7";
    static final String REMOTE6 = "2001:db8:ffff::7";
    /** The IPv6 virtual MAC of the lab's VRID (RFC 9568). */
    static final String VMAC6 = "00:00:5e:00:02:33";
    private static final long HOST_PORT = 1;

    private LanScenarios() {
        // utility class
    }

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
     * @param vipCount the virtual IPs of each family the cluster has
     * @param asked whether switch {@code i}'s host asked the controller for a virtual IP, at {@code [i - 1]}: the
     *     {@code (i - 1) % vipCount}-th IPv4 one ({@link Net#asked})
     * @param families the address families of the cluster's virtual IPs; with IPv6, mac-rewrite (the validator
     *     refuses mac-and-ip-rewrite for IPv6)
     */
    record Scenario(int switches, List<Integer> parentPicks, int ringPick, List<Boolean> cut,
            List<GatewaySpec> gateways, int activePick, SteeringMode mode, int vipCount, boolean normalForwarding,
            List<Boolean> asked, Families families) {
    }

    /** The families a cluster's virtual IPs are of. */
    enum Families {
        IPV4(true, false),
        IPV6(false, true),
        DUAL_STACK(true, true);

        final boolean ipv4;
        final boolean ipv6;

        Families(final boolean ipv4, final boolean ipv6) {
            this.ipv4 = ipv4;
            this.ipv6 = ipv6;
        }
    }

    /** A gateway: its switch is {@code switchPick % switches + 1}; its state as the engine reports it. */
    record GatewaySpec(int switchPick, int priority, boolean portUp, GatewayState state) {
    }

    /**
     * A scenario built: the LAN, the cluster, the election order of the active gateway's partition, those of the
     * partitions cut off from it, and the tables the planner made for them.
     */
    record Net(Scenario scenario, Lan lan, SwitchLinks live, Cluster cluster, List<String> order,
            List<Partition> partitions, FlowTables tables) {
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
                final var gw = new GatewayBuilder(LabClusters.gateway(k, spec.priority(), port.node(),
                    (int) port.number()));
                if (scenario.families().ipv6) {
                    gw.setIpv6LinkLocal(new Ipv6Address(linkLocal(k)));
                }
                if (!scenario.families().ipv4) {
                    gw.setIpAddress(null);
                }
                gateways.add(gw.build());
                lan.station(port, "gw" + k, LabClusters.mac(k));
                if (!spec.portUp()) {
                    lan.down(port);
                }
                states.put("gw" + k, ("gw" + k).equals(active) ? GatewayState.ACTIVE : spec.state());
            }
            final var cluster = LabClusters.builder(gateways.toArray(Gateway[]::new))
                .setSteeringMode(scenario.mode())
                .setVirtualIp(virtualIps(scenario))
                .setSwitch(lan.nodes().stream().map(NodeId::new).collect(Collectors.toSet()))
                .build();
            final var live = lan.liveLinks();
            final var partitions = new ArrayList<Partition>();
            List<String> order = List.of();
            for (var part : parts(lan.nodes(), live)) {
                if (part.contains(portOf(cluster, active).node())) {
                    order = electionOrder(cluster, Optional.of(active), part, states);
                } else {
                    partitions.add(new Partition(part.getFirst(), part,
                        electionOrder(cluster, Optional.empty(), part, states)));
                }
            }
            final var hosts = IntStream.rangeClosed(1, scenario.switches())
                .filter(s -> scenario.families().ipv4 && scenario.asked().get(s - 1))
                .mapToObj(s -> new FlowPlanner.Host(node(s), new MacAddress(hostMac(s)), hostIp(s),
                    VIPS.get((s - 1) % scenario.vipCount()))).toList();
            final var plan = FlowPlanner.plan(cluster, order, partitions, live,
                new FlowPlanner.Options(scenario.normalForwarding()), hosts);
            return new Net(scenario, lan, live, cluster, order, partitions, new FlowTables(lan, plan));
        }

        private static Set<IpAddress> virtualIps(final Scenario scenario) {
            final var vips = new HashSet<IpAddress>();
            if (scenario.families().ipv4) {
                VIPS.subList(0, scenario.vipCount()).forEach(vip -> vips.add(new IpAddress(new Ipv4Address(vip))));
            }
            if (scenario.families().ipv6) {
                VIPS6.subList(0, scenario.vipCount()).forEach(vip -> vips.add(new IpAddress(new Ipv6Address(vip))));
            }
            return vips;
        }

        /** The switches in groups that reach each other over live links, as the engine counts partitions. */
        private static List<List<String>> parts(final Set<String> nodes, final SwitchLinks live) {
            final var parts = new ArrayList<List<String>>();
            for (var node : new TreeSet<>(nodes)) {
                if (parts.stream().noneMatch(part -> part.contains(node))) {
                    parts.add(nodes.stream().sorted().filter(other -> other.equals(node)
                        || live.reaches(node, other) && live.reaches(other, node)).toList());
                }
            }
            return parts;
        }

        /**
         * The order the engine publishes for a partition: its active gateway, then every other one of the partition
         * it holds live (passive), by priority and then address (IPv4, or for an IPv6-only cluster link-local), both
         * descending; never one unknown, down or in maintenance. A partition without the cluster's active gateway
         * elects the first of those.
         */
        private static List<String> electionOrder(final Cluster cluster, final Optional<String> active,
                final List<String> part, final Map<String, GatewayState> states) {
            final var order = new ArrayList<String>();
            active.ifPresent(order::add);
            cluster.nonnullGateway().values().stream()
                .filter(gw -> states.get(gw.getName().getValue()) == GatewayState.PASSIVE)
                .filter(gw -> part.contains(FlowPlanner.node(gw)))
                .sorted(Comparator.comparingInt((Gateway gw) -> gw.getPriority().toJava())
                    .thenComparing(byAddress(cluster)).reversed())
                .forEach(gw -> order.add(gw.getName().getValue()));
            return order;
        }

        private static Comparator<Gateway> byAddress(final Cluster cluster) {
            return cluster.nonnullGateway().values().iterator().next().getIpAddress() == null
                ? Comparator.comparing(gw -> Ipv6.parse(gw.getIpv6LinkLocal().getValue()))
                : Comparator.comparing(gw -> Ipv4.parse(gw.getIpAddress().getValue()));
        }

        private static Port portOf(final Cluster cluster, final String gateway) {
            final var gw = cluster.nonnullGateway().values().stream()
                .filter(candidate -> candidate.getName().getValue().equals(gateway)).findFirst().orElseThrow();
            return new Port(FlowPlanner.node(gw), FlowPlanner.port(gw).toJava());
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

        /** The election order of the partition a host's switch is in, if cut off from the active gateway's. */
        List<String> partitionOrder(final int host) {
            return partitions.stream().filter(part -> part.switches().contains(node(host))).findFirst()
                .map(Partition::order).orElse(List.of());
        }

        Gateway gateway(final String name) {
            return cluster.nonnullGateway().values().stream().filter(gw -> gw.getName().getValue().equals(name))
                .findFirst().orElseThrow();
        }

        Port port(final String gateway) {
            return portOf(cluster, gateway);
        }

        boolean isUp(final String gateway) {
            return lan.isUp(port(gateway));
        }

        /** The cluster's IPv4 virtual IPs. */
        List<String> vips() {
            return scenario.families().ipv4 ? VIPS.subList(0, scenario.vipCount()) : List.of();
        }

        /** The cluster's IPv6 virtual IPs. */
        List<String> vips6() {
            return scenario.families().ipv6 ? VIPS6.subList(0, scenario.vipCount()) : List.of();
        }

        /** The virtual MAC of each family the cluster has virtual IPs of. */
        List<String> virtualMacs() {
            final var macs = new ArrayList<String>();
            if (scenario.families().ipv4) {
                macs.add(VMAC);
            }
            if (scenario.families().ipv6) {
                macs.add(VMAC6);
            }
            return macs;
        }

        /** The virtual IP the host of a switch asked the controller for, if it asked. */
        Optional<String> asked(final int host) {
            return scenario.families().ipv4 && scenario.asked().get(host - 1)
                ? Optional.of(VIPS.get((host - 1) % scenario.vipCount()))
                : Optional.empty();
        }

        IntStream hostSwitches() {
            return IntStream.rangeClosed(1, scenario.switches());
        }

        /** Frames a host sends through the gateway, in each family the cluster has: to a virtual IP and beyond. */
        Stream<Frame> toVirtualMac(final int host) {
            final var ipv4 = scenario.families().ipv4 ? Stream.concat(vips().stream(), Stream.of(REMOTE))
                .map(ip -> Frame.ipv4(hostMac(host), VMAC, hostIp(host), ip)) : Stream.<Frame>empty();
            final var ipv6 = scenario.families().ipv6 ? Stream.concat(vips6().stream(), Stream.of(REMOTE6))
                .map(ip -> Frame.ipv6(hostMac(host), VMAC6, hostIp6(host), ip)) : Stream.<Frame>empty();
            return Stream.concat(ipv4, ipv6);
        }

        /** A frame to the virtual MAC as the gateway it reaches should get it. */
        Frame steeredTo(final String gateway, final Frame frame) {
            final var gw = gateway(gateway);
            final var rewritten = frame.withEth(frame.ethSrc(), FlowTables.mac(gw.getMacAddress()));
            return scenario.mode() == SteeringMode.MacAndIpRewrite && vips().contains(frame.ipDst())
                ? rewritten.withIp(frame.ipSrc(), gw.getIpAddress().getValue()) : rewritten;
        }
    }

    /** Scenarios whose ring picks, link cuts and the engine's view of the gateways are drawn from these. */
    static Arbitrary<Scenario> scenarios(final Arbitrary<Integer> rings, final Arbitrary<Boolean> cuts,
            final Arbitrary<GatewayState> states) {
        final Arbitrary<GatewaySpec> gateways = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 254), Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)),
            states).as(GatewaySpec::new);
        final var shapes = Combinators.combine(Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 5).list().ofSize(3), rings, cuts.list().ofSize(4)).as(Tuple::of);
        return Combinators.combine(shapes, gateways.list().ofMinSize(2).ofMaxSize(4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(SteeringMode.class), Arbitraries.integers().between(1, VIPS.size()),
            Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false).list().ofSize(4))
                .as(Tuple::of),
            // IPv4 alone half the time: with IPv6 the mode is mac-rewrite, and the mac-and-ip-rewrite properties
            // would reject too many tries
            Arbitraries.frequency(Tuple.of(2, Families.IPV4), Tuple.of(1, Families.IPV6),
                Tuple.of(1, Families.DUAL_STACK)))
            .as((shape, gws, active, mode, vips, rest, families) -> new Scenario(shape.get1(), shape.get2(),
                shape.get3(), shape.get4(), gws, active, families.ipv6 ? SteeringMode.MacRewrite : mode, vips,
                rest.get1(), rest.get2(), families));
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

    static String hostIp6(final int host) {
        return "2001:db8::" + (100 + host);
    }

    /** Gateway {@code k}'s link-local address, as the lab's. */
    static String linkLocal(final int gateway) {
        return "fe80::1" + gateway;
    }
}
