/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.SwitchLinks;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.group.action._case.GroupActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.BucketId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.BucketsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.Bucket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.BucketBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpSourceHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpTargetHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Turns a cluster, its gateways in election order and the topology into the exact flows and groups per switch,
 * all in table 0. Pure: no I/O, the same input gives equal output.
 *
 * <h2>Identity</h2>
 * Flow ids are {@code gwha-<cluster>-<role>}; flows several clusters share on a switch (they have the same match,
 * so a switch can only hold one) are {@code gwha--<role>}, which no cluster's flow can be since a cluster name
 * starts with a letter or digit. The cookie's high 16 bits are {@value #COOKIE_TAG_HEX} ("GW") and mark this
 * project; its low 32 bits are the CRC-32 of the cluster name (0 for shared flows); bits 32 to 47 are a fingerprint
 * of the flow's priority and match, which is what identifies a flow on a switch: two flows of a cluster never share
 * a cookie, so a flow the switch holds can be recognised as one of the current plan, or removed by its cookie alone
 * ({@link #owned(Cluster, Options)}), without comparing matches as the switch reports them. Group ids
 * are {@code 0x4757VVII}: the tag, the VRID (unique per switch, so no two clusters collide on one) and an index (0:
 * steering of all frames, 1 + i: steering of IPv4 to the i-th virtual IP in mac-and-ip-rewrite mode).
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
        public SwitchPlan {
            flows = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(flows));
            groups = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(groups));
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
            switches = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(switches));
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
    static final String COOKIE_TAG_HEX = "0x4757";
    static final long COOKIE_TAG = 0x4757L << 48;
    static final long COOKIE_MASK = 0xFFFFL << 48;
    static final long GROUP_MASK = 0xFFFFL << 16;
    static final long GROUP_TAG = 0x4757L << 16;
    static final String SHARED_PREFIX = "gwha--";
    static final String SHARED_VRRP = SHARED_PREFIX + "vrrp";
    static final String SHARED_NORMAL = SHARED_PREFIX + "normal";
    static final String SHARED_LLDP = SHARED_PREFIX + "lldp";

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_ARP = 0x0806;
    private static final int ETH_LLDP = 0x88CC;
    private static final int IP_PROTOCOL_VRRP = 112;
    private static final int ARP_REQUEST = 1;
    private static final int ARP_REPLY = 2;
    private static final String VRRP_GROUP = "224.0.0.18/32";
    private static final Uint32 ANY_GROUP = Uint32.MAX_VALUE;

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
            .sorted(Comparator.comparingLong(FlowPlanner::ipBits))
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
                put(flows, flow(flowId(name, "vrrp-" + gwName), PRIORITY_PUNT, cookie, new MatchBuilder()
                    .setInPort(connector(gw))
                    .setEthernetMatch(new EthernetMatchBuilder(ethType(ETH_IPV4))
                        .setEthernetSource(new EthernetSourceBuilder().setAddress(gw.getMacAddress()).build())
                        .build())
                    .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_VRRP)).build())
                    .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix(VRRP_GROUP)).build())
                    .build(), List.of(output("CONTROLLER"))));
                for (var vip : vips) {
                    put(flows, flow(flowId(name, "guard-" + gwName + "-" + vip), PRIORITY_GUARD, cookie,
                        new MatchBuilder()
                            .setInPort(connector(gw))
                            .setEthernetMatch(ethType(ETH_ARP))
                            .setLayer3Match(new ArpMatchBuilder()
                                .setArpSourceTransportAddress(new Ipv4Prefix(vip + "/32")).build())
                            .build(), List.of()));
                }
                if (ipRewrite) {
                    put(flows, flow(flowId(name, "return-" + gwName), PRIORITY_STEER, cookie, new MatchBuilder()
                        .setInPort(connector(gw))
                        .setEthernetMatch(new EthernetMatchBuilder(ethType(ETH_IPV4))
                            .setEthernetSource(new EthernetSourceBuilder().setAddress(gw.getMacAddress()).build())
                            .build())
                        .setLayer3Match(new Ipv4MatchBuilder()
                            .setIpv4Source(new Ipv4Prefix(gw.getIpAddress().getValue() + "/32")).build())
                        .build(), List.of(setIpv4Source(vips.getFirst()), setEthSource(vmac), output("NORMAL"))));
                }
            }
            if (!local.isEmpty()) {
                put(flows, flow(SHARED_VRRP, PRIORITY_PUNT_ANY, sharedCookie(), new MatchBuilder()
                    .setEthernetMatch(ethType(ETH_IPV4))
                    .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_VRRP)).build())
                    .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix(VRRP_GROUP)).build())
                    .build(), List.of(output("CONTROLLER"))));
            }
            for (var vip : vips) {
                put(flows, flow(flowId(name, "arp-" + vip), PRIORITY_PUNT, cookie, new MatchBuilder()
                    .setEthernetMatch(ethType(ETH_ARP))
                    .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REQUEST))
                        .setArpTargetTransportAddress(new Ipv4Prefix(vip + "/32")).build())
                    .build(), List.of(output("CONTROLLER"))));
            }
            for (var host : hosts) {
                if (host.node().equals(node)) {
                    for (var vip : vips) {
                        put(flows, arpReply(name, cookie, vmac, vip, host));
                    }
                }
            }
            if (active.isPresent()) {
                steering(name, cookie, vrid, vmac, vips, ipRewrite, node, ordered, topology, flows, groups);
            }
            if (options.normalForwarding()) {
                put(flows, flow(SHARED_NORMAL, PRIORITY_NORMAL, sharedCookie(), new MatchBuilder().build(),
                    List.of(output("NORMAL"))));
                // Normal forwarding would swallow the LLDP openflowplugin's topology manager needs (a switch's
                // normal pipeline drops it), so keep punting it as a table-miss would.
                put(flows, flow(SHARED_LLDP, PRIORITY_LLDP, sharedCookie(), new MatchBuilder()
                    .setEthernetMatch(ethType(ETH_LLDP)).build(), List.of(output("CONTROLLER"))));
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

    private static Flow arpReply(final String cluster, final FlowCookie cookie, final MacAddress vmac,
            final String vip, final Host host) {
        final var hostIp = new Ipv4Prefix(host.ip() + "/32");
        final var vipPrefix = new Ipv4Prefix(vip + "/32");
        return flow(flowId(cluster, "arp-reply-" + vip + "-" + host.mac().getValue().replace(":", "")),
            PRIORITY_ARP_REPLY, cookie, new MatchBuilder()
                .setEthernetMatch(new EthernetMatchBuilder(ethType(ETH_ARP))
                    .setEthernetSource(new EthernetSourceBuilder().setAddress(host.mac()).build()).build())
                .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REQUEST))
                    .setArpSourceTransportAddress(hostIp).setArpTargetTransportAddress(vipPrefix).build())
                .build(),
            List.of(setEthDestination(host.mac()), setEthSource(vmac),
                setArp(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REPLY))),
                setArp(new ArpMatchBuilder().setArpSourceHardwareAddress(
                    new ArpSourceHardwareAddressBuilder().setAddress(vmac).build())),
                setArp(new ArpMatchBuilder().setArpSourceTransportAddress(vipPrefix)),
                setArp(new ArpMatchBuilder().setArpTargetHardwareAddress(
                    new ArpTargetHardwareAddressBuilder().setAddress(host.mac()).build())),
                setArp(new ArpMatchBuilder().setArpTargetTransportAddress(hostIp)),
                output("IN_PORT")));
    }

    private static void steering(final String name, final FlowCookie cookie, final int vrid, final MacAddress vmac,
            final List<String> vips, final boolean ipRewrite, final String node, final List<Gateway> ordered,
            final SwitchLinks topology, final Map<String, Flow> flows, final Map<Long, Group> groups) {
        final var active = ordered.getFirst();
        final var toVmac = new EthernetMatchBuilder().setEthernetDestination(new EthernetDestinationBuilder()
            .setAddress(vmac).build()).build();
        if (!node(active).equals(node)) {
            // Unchanged toward the active gateway's switch, which rewrites; no known path, no steering here.
            final var toward = topology.portToward(node, node(active));
            if (toward.isPresent()) {
                put(flows, flow(flowId(name, "steer"), PRIORITY_STEER, cookie,
                    new MatchBuilder().setEthernetMatch(toVmac).build(),
                    List.of(output(Long.toString(toward.getAsLong())))));
            }
            return;
        }
        final var local = ordered.stream().filter(gw -> node(gw).equals(node)).toList();
        final boolean failover = local.size() > 1;

        if (failover) {
            final long groupId = groupId(vrid, 0);
            groups.put(groupId, group(name, groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()))));
            put(flows, flow(flowId(name, "steer"), PRIORITY_STEER, cookie,
                new MatchBuilder().setEthernetMatch(toVmac).build(), List.of(toGroup(groupId))));
        } else {
            put(flows, flow(flowId(name, "steer"), PRIORITY_STEER, cookie,
                new MatchBuilder().setEthernetMatch(toVmac).build(),
                List.of(setEthDestination(active.getMacAddress()), output(port(active).toString()))));
        }
        if (!ipRewrite) {
            return;
        }
        for (int i = 0; i < vips.size(); i++) {
            final var vip = vips.get(i);
            final var match = new MatchBuilder()
                .setEthernetMatch(new EthernetMatchBuilder(toVmac).setEthernetType(ethType(ETH_IPV4)
                    .getEthernetType()).build())
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix(vip + "/32")).build())
                .build();
            if (failover) {
                final long groupId = groupId(vrid, i + 1);
                groups.put(groupId, group(name, groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()),
                    setIpv4Destination(gw.getIpAddress().getValue()))));
                put(flows, flow(flowId(name, "steer-" + vip), PRIORITY_STEER_IP, cookie, match,
                    List.of(toGroup(groupId))));
            } else {
                put(flows, flow(flowId(name, "steer-" + vip), PRIORITY_STEER_IP, cookie, match,
                    List.of(setEthDestination(active.getMacAddress()),
                        setIpv4Destination(active.getIpAddress().getValue()), output(port(active).toString()))));
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
        return !flowId.startsWith(SHARED_PREFIX) && (flowId.endsWith("-steer") || flowId.contains("-steer-"));
    }

    /**
     * Whether a flow or group cookie is this project's.
     *
     * @param cookie a cookie as read from a switch or the inventory
     * @return true when its high 16 bits are the project tag
     */
    public static boolean isOurs(final long cookie) {
        return (cookie & COOKIE_MASK) == COOKIE_TAG;
    }

    /**
     * The cookie of a cluster's flows: the project tag in the high 16 bits, the CRC-32 of the name in the low 32.
     *
     * @param cluster the cluster name
     * @return the cookie
     */
    public static FlowCookie cookie(final String cluster) {
        final var crc = new CRC32();
        crc.update(cluster.getBytes(StandardCharsets.UTF_8));
        return new FlowCookie(Uint64.valueOf(COOKIE_TAG | crc.getValue()));
    }

    /**
     * Bits 32 to 47 of a flow's cookie: 16 bits of the CRC-32 of its priority and match. The match's rendering is
     * the binding's own {@code toString()}, stable for equal matches (in one release of the bindings; after an upgrade
     * the fingerprints may change, and the plan then replaces the flows with equal ones under new cookies).
     */
    private static long fingerprint(final int priority, final Match match) {
        final var crc = new CRC32();
        crc.update((priority + " " + match).getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 0xFFFFL) << 32;
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

    /**
     * The flow cookies and group ids a cluster owns.
     *
     * @param cookies flow cookies
     * @param groups group ids
     */
    public record Owned(Set<Long> cookies, Set<Long> groups) {
        public Owned {
            cookies = Set.copyOf(cookies);
            groups = Set.copyOf(groups);
        }
    }

    /**
     * Whether a group id is this project's.
     *
     * @param groupId a group id as read from a switch or the inventory
     * @return true when its high 16 bits are the project tag
     */
    public static boolean isOurGroup(final long groupId) {
        return (groupId & GROUP_MASK) == GROUP_TAG;
    }

    static FlowCookie sharedCookie() {
        return new FlowCookie(Uint64.valueOf(COOKIE_TAG));
    }

    /**
     * A group id: {@code 0x4757VVII}.
     *
     * @param vrid the cluster's VRID
     * @param index 0 for steering of all frames, 1 + i for IPv4 to the i-th virtual IP
     * @return the group id
     */
    static long groupId(final int vrid, final int index) {
        return GROUP_TAG | (vrid & 0xFFL) << 8 | index & 0xFFL;
    }

    static String flowId(final String cluster, final String role) {
        return "gwha-" + cluster + "-" + role;
    }

    private static void put(final Map<String, Flow> flows, final Flow flow) {
        flows.put(flow.getId().getValue(), flow);
    }

    private static Group group(final String cluster, final long groupId, final List<Gateway> gateways,
            final java.util.function.Function<Gateway, List<Action>> rewrite) {
        final var buckets = new ArrayList<Bucket>();
        for (int i = 0; i < gateways.size(); i++) {
            final var gw = gateways.get(i);
            final var actions = new ArrayList<>(rewrite.apply(gw));
            actions.add(output(port(gw).toString()));
            buckets.add(new BucketBuilder()
                .setBucketId(new BucketId(Uint32.valueOf(i)))
                .setWatchPort(port(gw))
                .setWatchGroup(ANY_GROUP)
                .setAction(ordered(actions))
                .build());
        }
        return new GroupBuilder()
            .setGroupId(new GroupId(Uint32.valueOf(groupId)))
            .setGroupType(GroupTypes.GroupFf)
            .setGroupName(flowId(cluster, "steer-group-" + Long.toHexString(groupId)))
            .setBarrier(Boolean.FALSE)
            .setBuckets(new BucketsBuilder().setBucket(BindingMap.ordered(buckets)).build())
            .build();
    }

    private static Flow flow(final String id, final int priority, final FlowCookie cookie, final Match match,
            final List<Action> actions) {
        return new FlowBuilder()
            .setId(new FlowId(id))
            .setTableId(Uint8.ZERO)
            .setPriority(Uint16.valueOf(priority))
            .setCookie(new FlowCookie(Uint64.valueOf(cookie.getValue().longValue() | fingerprint(priority, match))))
            .setFlowName(id)
            .setHardTimeout(Uint16.ZERO)
            .setIdleTimeout(Uint16.ZERO)
            .setBarrier(Boolean.FALSE)
            // The model's default, stated so that a plan equals what the datastore hands back.
            .setStrict(Boolean.FALSE)
            .setMatch(match)
            .setInstructions(new InstructionsBuilder().setInstruction(BindingMap.of(new InstructionBuilder()
                .setOrder(0)
                .setInstruction(new ApplyActionsCaseBuilder().setApplyActions(new ApplyActionsBuilder()
                    .setAction(ordered(actions)).build()).build())
                .build())).build())
            .build();
    }

    private static Map<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionKey,
            Action> ordered(final List<Action> actions) {
        final var ordered = new ArrayList<Action>();
        for (int i = 0; i < actions.size(); i++) {
            ordered.add(new ActionBuilder().setOrder(i).setAction(actions.get(i).getAction()).build());
        }
        return BindingMap.ordered(ordered);
    }

    private static Action output(final String port) {
        return new ActionBuilder().setOrder(0).setAction(new OutputActionCaseBuilder()
            .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri(port))
                .setMaxLength(Uint16.MAX_VALUE).build()).build()).build();
    }

    private static Action toGroup(final long groupId) {
        return new ActionBuilder().setOrder(0).setAction(new GroupActionCaseBuilder()
            .setGroupAction(new GroupActionBuilder().setGroupId(Uint32.valueOf(groupId)).build()).build()).build();
    }

    private static Action setEthDestination(final MacAddress mac) {
        return setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
            .setEthernetDestination(new EthernetDestinationBuilder().setAddress(mac).build()).build()));
    }

    private static Action setEthSource(final MacAddress mac) {
        return setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
            .setEthernetSource(new EthernetSourceBuilder().setAddress(mac).build()).build()));
    }

    private static Action setIpv4Destination(final String ip) {
        return setField(new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
            .setIpv4Destination(new Ipv4Prefix(ip + "/32")).build()));
    }

    private static Action setIpv4Source(final String ip) {
        return setField(new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
            .setIpv4Source(new Ipv4Prefix(ip + "/32")).build()));
    }

    private static Action setArp(final ArpMatchBuilder field) {
        return setField(new SetFieldBuilder().setLayer3Match(field.build()));
    }

    private static Action setField(final SetFieldBuilder field) {
        return new ActionBuilder().setOrder(0).setAction(new SetFieldCaseBuilder().setSetField(field.build()).build())
            .build();
    }

    private static EthernetMatch ethType(final int type) {
        return new EthernetMatchBuilder().setEthernetType(new EthernetTypeBuilder()
            .setType(new EtherType(Uint32.valueOf(type))).build()).build();
    }

    private static NodeConnectorId connector(final Gateway gw) {
        return new NodeConnectorId(node(gw) + ":" + port(gw));
    }

    private static long ipBits(final String dotted) {
        long bits = 0;
        for (var octet : dotted.split("\\.", -1)) {
            bits = bits << 8 | Long.parseLong(octet);
        }
        return bits;
    }

    static String node(final Gateway gw) {
        return gw.getAttachment().getNodeId().getValue();
    }

    static Uint32 port(final Gateway gw) {
        return gw.getAttachment().getPortNumber();
    }
}
