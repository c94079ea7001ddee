/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.FlowEntries.output;
import static net.gwha.impl.steering.FlowIds.cookie;
import static net.gwha.impl.steering.FlowIds.fingerprint;
import static net.gwha.impl.steering.FlowIds.sharedCookie;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.Decision.Partition;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.engine.SwitchLinks;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Turns a cluster, its gateways in election order and the topology into the exact flows, groups and meters per
 * switch, all in table 0. Pure: no I/O, the same input gives equal output.
 *
 * <p>Flow ids, cookies, group and meter ids are {@link FlowIds}.
 *
 * <h2>Flows, per switch the cluster is programmed on</h2>
 * The switches are the gateways' own plus the cluster's {@code switch} list (switches that carry its hosts). Every
 * flow carries the project's cookie; every punt to the controller goes through a meter: a gateway's own on its
 * port, sized from the heartbeat rate, and one per switch shared by everything else the cluster punts
 * ({@code punt-meters}). The priorities are a band: 900 to 1100 for the cluster's flows, 1 and 2 for the optional
 * fallback; nothing else of the project's is in table 0.
 * <ol>
 *   <li>{@value #PRIORITY_GUARD} {@code guard-<gw>-<vip>}: ARP from a gateway's port whose sender address is a
 *       virtual IP is dropped, so no gateway can poison the hosts' caches;</li>
 *   <li>{@value #PRIORITY_ARP_REPLY} {@code arp-reply-<vip>-<host mac>}: ARP requests for a virtual IP from a host
 *       the controller has answered before (same MAC and IP, on this switch, for this virtual IP) are answered by
 *       the switch itself, the request turned into the reply and sent back out of its port (under the request's
 *       VLAN tags, which the actions leave alone). Hosts re-check their neighbours every 30 s or so; while the
 *       controller restarts, these keep the virtual IP reachable. They idle out after {@value #HOST_IDLE_SECONDS} s
 *       without a request;</li>
 *   <li>{@value #PRIORITY_PUNT} {@code gwha--vrrp-<port>} (shared): VRRP (IP protocol 112 to 224.0.0.18) from a
 *       gateway's port to the controller only, through the port's meter: gateways never hear each other, so every
 *       one advertises. Shared by every cluster with a gateway on the port, told apart by VRID in the controller
 *       ({@link PuntFlows});</li>
 *   <li>{@value #PRIORITY_PUNT} {@code arp-<vip>}: ARP requests for a virtual IP, tagged or not, to the controller
 *       (shared meter), which answers with the virtual MAC under the same tags;</li>
 *   <li>{@value #PRIORITY_FORGED_MAC} {@code gwha--forged-<gw mac>}, {@value #PRIORITY_FORGED_IP}
 *       {@code gwha--forged-<gw ip>} (shared by the clusters with such a gateway): VRRP from any other port with a
 *       gateway's source MAC or address to the controller (a cluster's shared meter), where it is counted as spoofed
 *       instead of reaching the gateways (two priorities, so that no frame matches two flows at one). OpenFlow cannot
 *       match the VRID, so this is the narrowest match that catches forgeries; any other VRRP, such as another
 *       router pair's, is forwarded like any traffic;</li>
 *   <li>steering, the only flows and groups a failover changes ({@link #isSteering(String)}): frames to the virtual
 *       MAC ({@value #PRIORITY_STEER} {@code steer}); on the active gateway's switch they get its MAC and go out of
 *       its port, through a fast-failover group (buckets: the switch's gateways in election order, each watching
 *       its port) where two or more listed gateways share the switch; on any other switch they leave unchanged
 *       toward the active gateway's switch, which rewrites them (one rewrite point, so that switch's group also
 *       serves traffic from afar). Where the LAN is split, each partition cut off from the active gateway's switch
 *       is steered alike to its own active gateway, through the gateways of its own election order. In
 *       mac-and-ip-rewrite mode IPv4 to a virtual IP ({@value #PRIORITY_STEER_IP} {@code steer-<vip>}) also gets
 *       the gateway's real IP as destination ({@link SteerFlows});</li>
 *   <li>{@value #PRIORITY_RETURN} {@code return-<gw>-<host ip>} (mac-and-ip-rewrite only, steering): IPv4 from an
 *       active gateway's port, MAC and real IP to a host that asked for a virtual IP gets that virtual IP and the
 *       virtual MAC as source, then normal forwarding. A switch keeps no connection state, and the gateway answers
 *       every virtual IP from its one real IP: which virtual IP a reply belongs to is known only per host, from the
 *       ARP request the controller answered (the first, if a host asked for several). Traffic to anyone else,
 *       such as a session with the gateway's real address from a host that never asked, is never touched; nor is
 *       a passive gateway's, so no frame leaves a passive gateway with the virtual MAC;</li>
 *   <li>{@value #PRIORITY_GUARD} {@code ra-passive-<gw>-<vip>} (steering): Router Advertisements from a virtual
 *       link-local address out of a gateway's port, on the gateway's switch, for every gateway but the active one
 *       of the switch's partition, are dropped: only the active gateway speaks as the virtual router, so a passive
 *       gateway's radvd (router lifetime 0 when it stops) cannot withdraw it from the hosts
 *       ({@link RouterAdvertFlows});</li>
 *   <li>{@value #PRIORITY_PUNT} {@code ra-punt-<gw>-<vip>} (steering, with normal forwarding): the same RAs from the
 *       active gateway's port to the controller (shared meter), which gives their source link-layer option the
 *       virtual MAC and sends them on by the normal forwarding from that port ({@link RouterAdvertFlows});</li>
 *   <li>{@value #PRIORITY_NORMAL} {@code gwha--normal} (shared, a node setting, on by default): everything else is
 *       forwarded by the switch's normal L2 pipeline. The lab's switches run fail-secure with no other flows, so
 *       without it no ARP reply or return traffic would reach the hosts; where another application forwards (or
 *       openflowplugin's table-miss enforcer punts), turn it off with {@link Options#normalForwarding()}. Priority
 *       1 shadows only table-miss entries.</li>
 *   <li>{@value #PRIORITY_LLDP} {@code gwha--lldp} (shared, with normal forwarding): LLDP to the controller, through
 *       the shared meter {@code 0x47570000}. The normal pipeline drops LLDP, and normal forwarding shadows the
 *       table-miss entry that would have punted it, so without this openflowplugin's topology manager would see no
 *       links between switches.</li>
 * </ol>
 * The project's matches are narrow (a port, a MAC, an address, a protocol), so its priorities shadow other
 * applications' flows only where they match the same traffic.
 *
 * <h2>VLAN clusters</h2>
 * A cluster that names a VLAN has every flow above (but the shared normal forwarding and LLDP punt) match that VLAN
 * (OpenFlow vlan_vid with the present bit); no action touches the tag, so steered frames, ARP replies and return
 * traffic keep it. Its shared flows carry the VLAN in their id ({@code gwha--vrrp-<port>-vlan<id>}), and its group
 * and meter ids carry it too ({@link FlowIds}), so two clusters with one VRID on two VLANs of one switch collide
 * nowhere. An untagged cluster's flows match frames whatever their tags, as they always have.
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
     * @param meters by meter id, sorted
     */
    public record SwitchPlan(SortedMap<String, Flow> flows, SortedMap<Long, Group> groups,
            SortedMap<Long, Meter> meters) {
        /** Nothing on a switch. */
        public static final SwitchPlan EMPTY = new SwitchPlan(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

        public SwitchPlan {
            flows = Collections.unmodifiableSortedMap(new TreeMap<>(flows));
            groups = Collections.unmodifiableSortedMap(new TreeMap<>(groups));
            meters = Collections.unmodifiableSortedMap(new TreeMap<>(meters));
        }

        /** Whether the switch holds nothing. */
        public boolean isEmpty() {
            return flows.isEmpty() && groups.isEmpty() && meters.isEmpty();
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

        /**
         * The same plan, holding another plan's own flows, groups and meters wherever they are equal: comparing it
         * with that plan then finds those unchanged at once, by identity, and they take no memory twice.
         */
        Plan sharing(final Plan other) {
            final var shared = new TreeMap<String, SwitchPlan>();
            switches.forEach((node, mine) -> {
                final var theirs = other.switches.getOrDefault(node, SwitchPlan.EMPTY);
                shared.put(node, new SwitchPlan(sharing(mine.flows(), theirs.flows()),
                    sharing(mine.groups(), theirs.groups()), sharing(mine.meters(), theirs.meters())));
            });
            return new Plan(cluster, shared);
        }

        private static <K, V> SortedMap<K, V> sharing(final SortedMap<K, V> mine, final SortedMap<K, V> theirs) {
            final var shared = new TreeMap<K, V>();
            mine.forEach((id, entry) -> {
                final var same = theirs.get(id);
                shared.put(id, entry.equals(same) ? same : entry);
            });
            return shared;
        }
    }

    static final int PRIORITY_GUARD = 1100;
    static final int PRIORITY_ARP_REPLY = 1050;
    static final int PRIORITY_PUNT = 1000;
    static final int PRIORITY_FORGED_MAC = 990;
    static final int PRIORITY_FORGED_IP = 989;
    static final int PRIORITY_STEER_IP = 910;
    static final int PRIORITY_RETURN = 905;
    static final int PRIORITY_STEER = 900;
    static final int PRIORITY_LLDP = 2;
    static final int PRIORITY_NORMAL = 1;
    /**
     * Seconds without a request after which a switch drops its answer to a host: a host that went away (or a scan)
     * does not hold a table entry for good. The controller forgets such hosts a little earlier ({@link
     * FlowProgrammer}), so the entries of hosts it still knows never idle out on their own.
     */
    public static final int HOST_IDLE_SECONDS = 300;
    static final String SHARED_NORMAL = FlowIds.SHARED_PREFIX + "normal";
    static final String SHARED_LLDP = FlowIds.SHARED_PREFIX + "lldp";
    // LLDP comes every 5 s per link from openflowplugin's speaker: room for hundreds of ports.
    static final long LLDP_RATE = 100;

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
     * @return the flows, groups and meters per switch
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final SwitchLinks topology,
            final Options options) {
        return plan(cluster, electionOrder, topology, options, List.of());
    }

    /**
     * Plans a cluster with switch-side ARP replies for the hosts the controller has answered, and in
     * mac-and-ip-rewrite mode their return flows.
     *
     * @param hosts hosts that asked for a virtual IP, each on the switch it asked through; hosts on switches the
     *     cluster does not use are ignored, and so are virtual IPs it no longer has
     * @return the flows, groups and meters per switch
     * @see #plan(Cluster, List, SwitchLinks, Options)
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final SwitchLinks topology,
            final Options options, final Collection<Host> hosts) {
        return plan(cluster, electionOrder, List.of(), topology, options, hosts);
    }

    /**
     * Plans a cluster whose LAN may be split: the switches of each partition cut off from the active gateway's steer
     * by the partition's own election order.
     *
     * @param partitions the partitions cut off from the active gateway's switch, with their election orders
     * @return the flows, groups and meters per switch
     * @see #plan(Cluster, List, SwitchLinks, Options, Collection)
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final List<Partition> partitions,
            final SwitchLinks topology, final Options options, final Collection<Host> hosts) {
        return plan(cluster, electionOrder, partitions, topology, options, hosts, List.of());
    }

    /**
     * Plans a cluster beside the other configured clusters, whose gateways may share its gateways' ports, MACs and
     * addresses: the flows those match are shared, and planned alike by each ({@link PuntFlows}).
     *
     * @param neighbours the other configured clusters; the cluster itself, by name, is ignored among them
     * @return the flows, groups and meters per switch
     * @see #plan(Cluster, List, List, SwitchLinks, Options, Collection)
     */
    public static Plan plan(final Cluster cluster, final List<String> electionOrder, final List<Partition> partitions,
            final SwitchLinks topology, final Options options, final Collection<Host> hosts,
            final Collection<Cluster> neighbours) {
        final var shares = PuntShares.of(neighbours.stream()
            .filter(other -> !other.getName().equals(cluster.getName())).toList());
        shares.add(cluster);
        return plan(cluster, electionOrder, partitions, topology, options, hosts, shares);
    }

    /**
     * Plans a cluster with what every configured cluster puts into the shared flows, kept by the caller as clusters
     * come and go: the plan then costs what the cluster's own flows do, however many clusters share its ports.
     *
     * @param shares the shares of every configured cluster, this one as configured now included
     * @return the flows, groups and meters per switch
     * @see #plan(Cluster, List, List, SwitchLinks, Options, Collection, Collection)
     */
    static Plan plan(final Cluster cluster, final List<String> electionOrder, final List<Partition> partitions,
            final SwitchLinks topology, final Options options, final Collection<Host> hosts,
            final PuntShares shares) {
        final var name = cluster.getName().getValue();
        final var cookie = cookie(name);
        final var vips = cluster.requireVirtualIp().stream()
            .filter(ip -> ip.getIpv4Address() != null)
            .map(ip -> ip.getIpv4Address().getValue())
            .distinct()
            .sorted(Comparator.comparing(Ipv4::parse))
            .toList();
        final var vips6 = ipv6VirtualIps(cluster);
        final var vmac = new MacAddress(ClusterDefaults.virtualMac(cluster));
        final var vmac6 = new MacAddress(ClusterDefaults.ipv6VirtualMac(cluster));
        // Each family's virtual MAC, for the families the cluster has virtual IPs of: an IPv6-only cluster's
        // IPv4 default MAC is nobody's, and may be another cluster's.
        final var vmacs = new TreeMap<String, MacAddress>();
        if (!vips.isEmpty()) {
            vmacs.put("steer", vmac);
        }
        if (!vips6.isEmpty()) {
            vmacs.put("steer-v6", vmac6);
        }
        final boolean ipRewrite = cluster.getSteeringMode() == SteeringMode.MacAndIpRewrite && !vips.isEmpty();
        final int vrid = cluster.requireVrid().toJava();
        final int vlan = vlan(cluster);
        final var gateways = byName(cluster);
        final var byName = new TreeMap<String, Gateway>();
        gateways.forEach(gw -> byName.put(gw.getName().getValue(), gw));
        final Function<List<String>, List<Gateway>> gatewaysOf = names -> names.stream().distinct().map(byName::get)
            .filter(Objects::nonNull).toList();
        final var ordered = gatewaysOf.apply(electionOrder);
        final var orderOf = new TreeMap<String, List<Gateway>>();
        partitions.forEach(part -> part.switches().forEach(sw -> orderOf.put(sw, gatewaysOf.apply(part.order()))));
        final var steer = new SteerFlows(name, cookie, vrid, vlan, vmacs, vmac, vips, ipRewrite, topology);
        final var punts = new PuntFlows(name, cookie, vrid, vlan, vmac, vips, vips6, gateways,
            ClusterDefaults.sharedMeter(cluster), shares);

        final var plan = new TreeMap<String, SwitchPlan>();
        for (var node : switchesOf(cluster)) {
            final var flows = new TreeMap<String, Flow>();
            final var groups = new TreeMap<Long, Group>();
            final var meters = new TreeMap<Long, Meter>();
            punts.plan(node, hosts, flows, meters);
            final var toward = orderOf.getOrDefault(node, ordered);
            if (!toward.isEmpty()) {
                steer.plan(node, toward, flows, groups);
                RouterAdvertFlows.plan(name, cookie, vlan, vips6, gateways, node, toward, options.normalForwarding(),
                    FlowIds.meterId(vlan, vrid, 0), flows);
                if (ipRewrite && node(toward.getFirst()).equals(node)) {
                    ReturnFlows.plan(name, cookie, vmac, toward.getFirst(), hosts, vips, vlan, flows);
                }
            }
            if (options.normalForwarding()) {
                put(flows, SHARED_NORMAL, PRIORITY_NORMAL, sharedCookie(), Matches.any(), OptionalLong.empty(),
                    List.of(output("NORMAL")));
                // Normal forwarding would swallow the LLDP openflowplugin's topology manager needs (a switch's
                // normal pipeline drops it), so keep punting it as a table-miss would.
                meters.put(FlowIds.SHARED_METER, FlowEntries.meter(SHARED_LLDP + "-meter", FlowIds.SHARED_METER,
                    LLDP_RATE, LLDP_RATE));
                put(flows, SHARED_LLDP, PRIORITY_LLDP, sharedCookie(), Matches.lldp(),
                    OptionalLong.of(FlowIds.SHARED_METER), List.of(output("CONTROLLER")));
            }
            plan.put(node, new SwitchPlan(flows, groups, meters));
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

    /**
     * A host that asked for a virtual IP through a switch.
     *
     * @param node the switch
     * @param mac its MAC
     * @param ip its address
     * @param vip the virtual IP it asked for
     */
    public record Host(String node, MacAddress mac, String ip, String vip) {
    }

    /**
     * Whether a flow is a steering flow, the only kind a failover changes. Groups are all steering.
     *
     * @param flowId a flow id of a plan
     * @return true for {@code gwha-<cluster>-steer}, {@code gwha-<cluster>-steer-<vip>},
     *     {@code gwha-<cluster>-return-<gw>-<host>}, {@code gwha-<cluster>-ra-passive-<gw>-<vip>} and
     *     {@code gwha-<cluster>-ra-punt-<gw>-<vip>}
     */
    public static boolean isSteering(final String flowId) {
        return !flowId.startsWith(FlowIds.SHARED_PREFIX)
            && (flowId.endsWith("-steer") || flowId.contains("-steer-") || flowId.contains("-return-")
                || flowId.contains("-ra-passive-") || flowId.contains("-ra-punt-"));
    }

    /**
     * What a cluster may hold on a switch under any election order: the cookies of its flows and the ids of its groups
     * and meters. Anything of this project's on a switch that no configured cluster owns is stale. Steering flows keep
     * their cookie whichever gateway is active (their match is the virtual MAC, or it and a virtual IP), so a cluster
     * whose gateways are not yet elected (a controller that just started) keeps the steering the switch has.
     *
     * @param cluster the configured cluster
     * @param options the tunables its plans are made with
     * @return its cookies, group and meter ids, on any of its switches
     */
    public static Owned owned(final Cluster cluster, final Options options) {
        final var cookies = new TreeSet<Long>();
        final var groups = new TreeSet<Long>();
        final var meters = new TreeSet<Long>();
        final var names = cluster.nonnullGateway().values().stream().map(gw -> gw.getName().getValue()).toList();
        for (var first : names) {
            final var order = new ArrayList<String>();
            order.add(first);
            names.stream().filter(name -> !name.equals(first)).forEach(order::add);
            plan(cluster, order, SwitchLinks.none(), options).switches().values().forEach(onSwitch -> {
                onSwitch.flows().values().forEach(flow -> cookies.add(flow.getCookie().getValue().longValue()));
                groups.addAll(onSwitch.groups().keySet());
                meters.addAll(onSwitch.meters().keySet());
            });
        }
        return new Owned(cookies, groups, meters);
    }

    /** The flow cookies, group and meter ids a cluster owns. */
    public record Owned(Set<Long> cookies, Set<Long> groups, Set<Long> meters) {
        public Owned {
            cookies = Set.copyOf(cookies);
            groups = Set.copyOf(groups);
            meters = Set.copyOf(meters);
        }
    }

    /** A flow of the plan: its cookie is the cluster's (or the shared one) with the flow's own fingerprint. */
    static void put(final Map<String, Flow> flows, final String id, final int priority,
            final FlowCookie cookie, final Match match, final OptionalLong meter, final List<Action> actions) {
        put(flows, id, priority, cookie, 0, match, meter, actions);
    }

    /** The same, for a flow the switch removes after {@code idleTimeout} seconds without a matching packet. */
    static void put(final Map<String, Flow> flows, final String id, final int priority,
            final FlowCookie cookie, final int idleTimeout, final Match match, final OptionalLong meter,
            final List<Action> actions) {
        flows.put(id, FlowEntries.flow(id, priority, cookie.getValue().longValue() | fingerprint(priority, match),
            idleTimeout, match, meter, actions));
    }

    /** A cluster's IPv6 virtual IPs in their one text (RFC 5952), sorted as addresses. */
    static List<String> ipv6VirtualIps(final Cluster cluster) {
        return cluster.requireVirtualIp().stream()
            .filter(ip -> ip.getIpv6Address() != null)
            .map(ip -> Ipv6.parse(ip.getIpv6Address().getValue()))
            .distinct()
            .sorted()
            .map(Ipv6::toString)
            .toList();
    }

    /** How many address families a cluster runs: its gateways send a heartbeat stream per family. */
    static int families(final Cluster cluster) {
        final var vips = cluster.requireVirtualIp();
        final boolean ipv4 = vips.stream().anyMatch(ip -> ip.getIpv4Address() != null);
        final boolean ipv6 = vips.stream().anyMatch(ip -> ip.getIpv6Address() != null);
        return ipv4 && ipv6 ? 2 : 1;
    }

    /**
     * The switches a cluster is programmed on: its gateways' and those its {@code switch} list names for its hosts.
     *
     * @param cluster the configured cluster
     * @return openflowplugin node ids, sorted
     */
    public static SortedSet<String> switchesOf(final Cluster cluster) {
        final var switches = new TreeSet<String>();
        cluster.nonnullGateway().values().forEach(gw -> switches.add(node(gw)));
        final var listed = cluster.getSwitch();
        if (listed != null) {
            listed.forEach(sw -> switches.add(sw.getValue()));
        }
        return switches;
    }

    /** A cluster's VLAN id, 0 when it names none (untagged: its flows match frames whatever their tags). */
    static int vlan(final Cluster cluster) {
        final var vlan = cluster.getVlan();
        return vlan == null ? 0 : vlan.toJava();
    }

    /** A cluster's gateways by name: a gateway's meter index is its position here. */
    static List<Gateway> byName(final Cluster cluster) {
        return cluster.nonnullGateway().values().stream()
            .sorted(Comparator.comparing(gw -> gw.getName().getValue()))
            .toList();
    }

    static NodeConnectorId connector(final Gateway gw) {
        return new NodeConnectorId(node(gw) + ":" + port(gw));
    }

    static String node(final Gateway gw) {
        return gw.getAttachment().getNodeId().getValue();
    }

    static Uint32 port(final Gateway gw) {
        return gw.getAttachment().getPortNumber();
    }
}
