/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.FlowEntries.output;
import static net.gwha.impl.steering.FlowEntries.setEthDestination;
import static net.gwha.impl.steering.FlowEntries.setEthSource;
import static net.gwha.impl.steering.FlowEntries.setIpv4Destination;
import static net.gwha.impl.steering.FlowEntries.setIpv4Source;
import static net.gwha.impl.steering.FlowEntries.toGroup;
import static net.gwha.impl.steering.FlowIds.cookie;
import static net.gwha.impl.steering.FlowIds.fingerprint;
import static net.gwha.impl.steering.FlowIds.flowId;
import static net.gwha.impl.steering.FlowIds.groupId;
import static net.gwha.impl.steering.FlowIds.sharedCookie;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.steering.FlowEntries.FailoverBucket;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Turns a cluster, its gateways in election order and the topology into the exact flows and groups per switch,
 * all in table 0. Pure: no I/O, the same input gives equal output.
 *
 * <p>Flow ids, cookies and group ids are {@link FlowIds}.
 *
 * <h2>Flows, per switch the cluster is programmed on</h2>
 * The switches are the gateways' own plus the cluster's {@code switch} list (switches that carry its hosts).
 * <ol>
 *   <li>{@value #PRIORITY_GUARD} {@code guard-<gw>-<vip>}: ARP from a gateway's port whose sender address is a
 *       virtual IP is dropped, so no gateway can poison the hosts' caches;</li>
 *   <li>{@value #PRIORITY_PUNT} {@code vrrp-<gw>}: VRRP (IP protocol 112 to 224.0.0.18) from a gateway's port and
 *       MAC to the controller only: gateways never hear each other, so every one advertises;</li>
 *   <li>{@value #PRIORITY_PUNT_ANY} {@code gwha--vrrp} (shared, on switches with gateways): VRRP from anywhere else
 *       to the controller too, where it is counted as spoofed instead of being flooded to the gateways;</li>
 *   <li>{@value #PRIORITY_PUNT} {@code arp-<vip>}: ARP requests for a virtual IP to the controller, which answers
 *       with the virtual MAC;</li>
 *   <li>{@value #PRIORITY_ARP_REPLY} {@code arp-reply-<vip>-<host mac>}: ARP requests for a virtual IP from a host
 *       the controller has answered before (same MAC and IP, on this switch) are answered by the switch itself,
 *       the request turned into the reply and sent back out of its port. Hosts re-check their neighbours every
 *       30 s or so; while the controller restarts, these keep the virtual IP reachable;</li>
 *   <li>steering, the only flows and groups a failover changes ({@link #isSteering(String)}): frames to the virtual
 *       MAC ({@value #PRIORITY_STEER} {@code steer}); on the active gateway's switch they get its MAC and go out of
 *       its port, through a fast-failover group (buckets: the switch's gateways in election order, each watching
 *       its port) where two or more listed gateways share the switch; on any other switch they leave unchanged
 *       toward the active gateway's switch, which rewrites them (one rewrite point, so that switch's group also
 *       serves traffic from afar). In mac-and-ip-rewrite mode IPv4 to a virtual IP ({@value #PRIORITY_STEER_IP}
 *       {@code steer-<vip>}) also gets the gateway's real IP as destination;</li>
 *   <li>{@value #PRIORITY_STEER} {@code return-<gw>} (mac-and-ip-rewrite only): IPv4 from a gateway's port, MAC and
 *       real IP gets the first virtual IP and the virtual MAC as source, then normal forwarding. Installed for every
 *       gateway, not only the active one, so that return traffic stays right when the fast-failover group moves
 *       traffic before the controller hears of it; so a gateway's own IPv4 traffic to the LAN leaves as the
 *       VIP;</li>
 *   <li>{@value #PRIORITY_NORMAL} {@code gwha--normal} (shared, optional): everything else is forwarded by the
 *       switch's normal L2 pipeline. The lab's switches run fail-secure with no other flows, so without it no ARP
 *       reply or return traffic would reach the hosts; where another application forwards (or openflowplugin's
 *       table-miss enforcer punts), turn it off with {@link Options#normalForwarding()}. Priority 1 shadows only
 *       table-miss entries.</li>
 *   <li>{@value #PRIORITY_LLDP} {@code gwha--lldp} (shared, with normal forwarding): LLDP to the controller. The
 *       normal pipeline drops LLDP, and normal forwarding shadows the table-miss entry that would have punted it,
 *       so without this openflowplugin's topology manager would see no links between switches.</li>
 * </ol>
 * The project's matches are narrow (a MAC, an address, a port), so mid-range priorities do not shadow other
 * applications' flows by accident.
 */
public final class FlowPlanner {
    /** Tunables of a plan. */
    public record Options(boolean normalForwarding) {
        /** Normal forwarding on: what the lab's bare, fail-secure switches need. */
        public static final Options DEFAULT = new Options(true);
    }

    /**
     * What one switch holds for a cluster.
     *
     * @param flows by flow id, sorted
     * @param groups by group id, sorted
     */
    public record SwitchPlan(SortedMap<String, Flow> flows, SortedMap<Long, Group> groups) {
        /** Nothing on a switch. */
        public static final SwitchPlan EMPTY = new SwitchPlan(new TreeMap<>(), new TreeMap<>());

        public SwitchPlan {
            flows = Collections.unmodifiableSortedMap(new TreeMap<>(flows));
            groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
        }
    }

    /**
     * The whole plan of a cluster.
     *
     * @param cluster the cluster name
     * @param switches by openflowplugin node id, sorted
     */
    public record Plan(String cluster, SortedMap<String, SwitchPlan> switches) {
        public Plan {
            switches = Collections.unmodifiableSortedMap(new TreeMap<>(switches));
        }
    }

    static final int PRIORITY_GUARD = 1100;
    static final int PRIORITY_ARP_REPLY = 1050;
    static final int PRIORITY_PUNT = 1000;
    static final int PRIORITY_PUNT_ANY = 990;
    static final int PRIORITY_STEER_IP = 910;
    static final int PRIORITY_STEER = 900;
    static final int PRIORITY_LLDP = 2;
    static final int PRIORITY_NORMAL = 1;
    static final String SHARED_VRRP = FlowIds.SHARED_PREFIX + "vrrp";
    static final String SHARED_NORMAL = FlowIds.SHARED_PREFIX + "normal";
    static final String SHARED_LLDP = FlowIds.SHARED_PREFIX + "lldp";

    private FlowPlanner() {
        // utility class
    }

    /**
     * Plans a cluster.
     *
     * @param cluster the configured cluster, as validated
     * @param electionOrder gateway names, the active one first, then the others by election preference; names the
     *     cluster does not have are ignored; empty when no gateway is active (no steering)
     * @param topology the port toward another switch, for switches without the active gateway
     * @param options tunables
     * @return the flows and groups per switch
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final SwitchLinks topology,
            final Options options) {
        return plan(cluster, electionOrder, topology, options, List.of());
    }

    /**
     * Plans a cluster with switch-side ARP replies for the hosts the controller has answered.
     *
     * @param hosts hosts that asked for a virtual IP, each on the switch it asked through; hosts on switches the
     *     cluster does not use are ignored
     * @return the flows and groups per switch
     * @see #plan(Cluster, List, SwitchLinks, Options)
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final SwitchLinks topology,
            final Options options, final Collection<Host> hosts) {
        final var name = cluster.getName().getValue();
        final var cookie = cookie(name);
        final var vips = cluster.requireVirtualIp().stream()
            .filter(ip -> ip.getIpv4Address() != null)
            .map(ip -> ip.getIpv4Address().getValue())
            .distinct()
            .sorted(Comparator.comparing(Ipv4::parse))
            .toList();
        final var vmac = new MacAddress(ClusterDefaults.virtualMac(cluster));
        final boolean ipRewrite = cluster.getSteeringMode() == SteeringMode.MacAndIpRewrite && !vips.isEmpty();
        final int vrid = cluster.requireVrid().toJava();
        final var gateways = cluster.nonnullGateway().values().stream()
            .sorted(Comparator.comparing(gw -> gw.getName().getValue()))
            .toList();
        final var byName = new TreeMap<String, Gateway>();
        gateways.forEach(gw -> byName.put(gw.getName().getValue(), gw));
        final var ordered = electionOrder.stream().distinct().map(byName::get)
            .filter(gw -> gw != null).map(gw -> (Gateway) gw).toList();
        final Optional<Gateway> active = ordered.isEmpty() ? Optional.empty() : Optional.of(ordered.getFirst());

        final var switches = new TreeSet<String>();
        gateways.forEach(gw -> switches.add(node(gw)));
        final var listed = cluster.getSwitch();
        if (listed != null) {
            listed.forEach(sw -> switches.add(sw.getValue()));
        }

        final var plan = new TreeMap<String, SwitchPlan>();
        for (var node : switches) {
            final var flows = new TreeMap<String, Flow>();
            final var groups = new TreeMap<Long, Group>();
            final var local = gateways.stream().filter(gw -> node(gw).equals(node)).toList();
            for (var gw : local) {
                final var gwName = gw.getName().getValue();
                put(flows, flowId(name, "vrrp-" + gwName), PRIORITY_PUNT, cookie,
                    Matches.vrrpFrom(connector(gw), gw.getMacAddress()), List.of(output("CONTROLLER")));
                for (var vip : vips) {
                    put(flows, flowId(name, "guard-" + gwName + "-" + vip), PRIORITY_GUARD, cookie,
                        Matches.arpSentFrom(connector(gw), vip), List.of());
                }
                if (ipRewrite) {
                    put(flows, flowId(name, "return-" + gwName), PRIORITY_STEER, cookie,
                        Matches.ipv4From(connector(gw), gw.getMacAddress(), gw.getIpAddress().getValue()),
                        List.of(setIpv4Source(vips.getFirst()), setEthSource(vmac), output("NORMAL")));
                }
            }
            if (!local.isEmpty()) {
                put(flows, SHARED_VRRP, PRIORITY_PUNT_ANY, sharedCookie(), Matches.vrrpFromAnywhere(),
                    List.of(output("CONTROLLER")));
            }
            for (var vip : vips) {
                put(flows, flowId(name, "arp-" + vip), PRIORITY_PUNT, cookie, Matches.arpRequestFor(vip),
                    List.of(output("CONTROLLER")));
            }
            for (var host : hosts) {
                if (host.node().equals(node)) {
                    for (var vip : vips) {
                        arpReply(flows, name, cookie, vmac, vip, host);
                    }
                }
            }
            if (active.isPresent()) {
                steering(name, cookie, vrid, vmac, vips, ipRewrite, node, ordered, topology, flows, groups);
            }
            if (options.normalForwarding()) {
                put(flows, SHARED_NORMAL, PRIORITY_NORMAL, sharedCookie(), Matches.any(), List.of(output("NORMAL")));
                // Normal forwarding would swallow the LLDP openflowplugin's topology manager needs (a switch's
                // normal pipeline drops it), so keep punting it as a table-miss would.
                put(flows, SHARED_LLDP, PRIORITY_LLDP, sharedCookie(), Matches.lldp(), List.of(output("CONTROLLER")));
            }
            plan.put(node, new SwitchPlan(flows, groups));
        }
        return new Plan(name, plan);
    }

    /**
     * Plans a cluster on switches that stand alone, with normal forwarding.
     *
     * @param cluster the configured cluster
     * @param electionOrder the gateways, active first
     * @return the flows and groups per switch
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder) {
        return plan(cluster, electionOrder, SwitchLinks.none(), Options.DEFAULT);
    }

    /** A host that asked for a virtual IP through a switch. */
    public record Host(String node, MacAddress mac, String ip) {
    }

    private static void arpReply(final Map<String, Flow> flows, final String cluster, final FlowCookie cookie,
            final MacAddress vmac, final String vip, final Host host) {
        put(flows, flowId(cluster, "arp-reply-" + vip + "-" + host.mac().getValue().replace(":", "")),
            PRIORITY_ARP_REPLY, cookie, Matches.arpRequestFrom(host.mac(), host.ip(), vip),
            FlowEntries.answerArp(vmac, vip, host.mac(), host.ip()));
    }

    private static void steering(final String name, final FlowCookie cookie, final int vrid, final MacAddress vmac,
            final List<String> vips, final boolean ipRewrite, final String node, final List<Gateway> ordered,
            final SwitchLinks topology, final Map<String, Flow> flows, final Map<Long, Group> groups) {
        final var active = ordered.getFirst();
        final var steer = flowId(name, "steer");
        if (!node(active).equals(node)) {
            // Unchanged toward the active gateway's switch, which rewrites; no known path, no steering here.
            final var toward = topology.portToward(node, node(active));
            if (toward.isPresent()) {
                put(flows, steer, PRIORITY_STEER, cookie, Matches.toMac(vmac),
                    List.of(output(Long.toString(toward.getAsLong()))));
            }
            return;
        }
        final var local = ordered.stream().filter(gw -> node(gw).equals(node)).toList();
        final boolean failover = local.size() > 1;

        if (failover) {
            final long groupId = groupId(vrid, 0);
            groups.put(groupId, group(name, groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()))));
            put(flows, steer, PRIORITY_STEER, cookie, Matches.toMac(vmac), List.of(toGroup(groupId)));
        } else {
            put(flows, steer, PRIORITY_STEER, cookie, Matches.toMac(vmac),
                List.of(setEthDestination(active.getMacAddress()), output(port(active).toString())));
        }
        if (!ipRewrite) {
            return;
        }
        for (int i = 0; i < vips.size(); i++) {
            final var vip = vips.get(i);
            final var match = Matches.ipv4To(vmac, vip);
            if (failover) {
                final long groupId = groupId(vrid, i + 1);
                groups.put(groupId, group(name, groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()),
                    setIpv4Destination(gw.getIpAddress().getValue()))));
                put(flows, flowId(name, "steer-" + vip), PRIORITY_STEER_IP, cookie, match, List.of(toGroup(groupId)));
            } else {
                put(flows, flowId(name, "steer-" + vip), PRIORITY_STEER_IP, cookie, match,
                    List.of(setEthDestination(active.getMacAddress()),
                        setIpv4Destination(active.getIpAddress().getValue()), output(port(active).toString())));
            }
        }
    }

    /**
     * Whether a flow is a steering flow, the only kind a failover changes. Groups are all steering.
     *
     * @param flowId a flow id of a plan
     * @return true for {@code gwha-<cluster>-steer} and {@code gwha-<cluster>-steer-<vip>}
     */
    public static boolean isSteering(final String flowId) {
        return !flowId.startsWith(FlowIds.SHARED_PREFIX) && (flowId.endsWith("-steer") || flowId.contains("-steer-"));
    }

    /**
     * What a cluster may hold on a switch under any election order: the cookies of its flows and the ids of its
     * groups. Anything of this project's on a switch that no configured cluster owns is stale. Steering flows keep
     * their cookie whichever gateway is active (their match is the virtual MAC, or it and a virtual IP), so a
     * cluster whose gateways are not yet elected (a controller that just started) keeps the steering the switch has.
     *
     * @param cluster the configured cluster
     * @param options the tunables its plans are made with
     * @return its cookies and group ids, on any of its switches
     */
    public static Owned owned(final Cluster cluster, final Options options) {
        final var cookies = new TreeSet<Long>();
        final var groups = new TreeSet<Long>();
        final var names = cluster.nonnullGateway().values().stream().map(gw -> gw.getName().getValue()).toList();
        for (var first : names) {
            final var order = new ArrayList<String>();
            order.add(first);
            names.stream().filter(name -> !name.equals(first)).forEach(order::add);
            plan(cluster, order, SwitchLinks.none(), options).switches().values().forEach(onSwitch -> {
                onSwitch.flows().values().forEach(flow -> cookies.add(flow.getCookie().getValue().longValue()));
                groups.addAll(onSwitch.groups().keySet());
            });
        }
        return new Owned(cookies, groups);
    }

    /** The flow cookies and group ids a cluster owns. */
    public record Owned(Set<Long> cookies, Set<Long> groups) {
        public Owned {
            cookies = Set.copyOf(cookies);
            groups = Set.copyOf(groups);
        }
    }

    /** A flow of the plan: its cookie is the cluster's (or the shared one) with the flow's own fingerprint. */
    private static void put(final Map<String, Flow> flows, final String id, final int priority,
            final FlowCookie cookie, final Match match, final List<Action> actions) {
        flows.put(id, FlowEntries.flow(id, priority, cookie.getValue().longValue() | fingerprint(priority, match), 0,
            match, actions));
    }

    /** A fast-failover group over gateways of one switch, in election order. */
    private static Group group(final String cluster, final long groupId, final List<Gateway> gateways,
            final Function<Gateway, List<Action>> rewrite) {
        return FlowEntries.failoverGroup(flowId(cluster, "steer-group-" + Long.toHexString(groupId)),
            groupId, gateways.stream().map(gw -> new FailoverBucket(port(gw), rewrite.apply(gw))).toList());
    }

    private static NodeConnectorId connector(final Gateway gw) {
        return new NodeConnectorId(node(gw) + ":" + port(gw));
    }

    static String node(final Gateway gw) {
        return gw.getAttachment().getNodeId().getValue();
    }

    static Uint32 port(final Gateway gw) {
        return gw.getAttachment().getPortNumber();
    }
}
