/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.IpAddress;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.packet.Mac;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;

/**
 * The configured clusters as the packet-in and port handlers need them: by name, with each gateway's identity
 * (address, MAC, switch and port) parsed once, and indexed to tell whom an advertisement is from. Updated by the
 * config listener, read from packet-in threads without a lock (see the index's fields).
 */
public final class ClusterDirectory {
    /**
     * A gateway's identity on the wire in one address family, and its attachment: a dual-stack gateway is a member
     * per family, as it sends a stream of advertisements per family.
     *
     * @param ip its IPv4 address, or its IPv6 link-local address (the source of its IPv6 advertisements)
     */
    public record Member(String cluster, String gateway, IpAddress ip, Mac mac, String node, long port) {
    }

    /**
     * One cluster: VRID, VLAN ({@link #UNTAGGED} when it names none), virtual MAC and IPs, members, and every switch
     * it is programmed on (its gateways' and those listed for its hosts).
     */
    public record Entry(Cluster config, int vrid, int vlan, Mac virtualMac, List<Ipv4> virtualIps,
            Mac ipv6VirtualMac, List<Ipv6> ipv6VirtualIps, List<Member> members, Set<String> switches) {
        public Entry {
            virtualIps = List.copyOf(virtualIps);
            ipv6VirtualIps = List.copyOf(ipv6VirtualIps);
            members = List.copyOf(members);
            switches = Set.copyOf(switches);
        }

        public String name() {
            return config.getName().getValue();
        }

        /** The virtual MAC of a family: hosts learn it for that family's virtual IPs. */
        public Mac virtualMac(final AddressFamily family) {
            return family == AddressFamily.IPV4 ? virtualMac : ipv6VirtualMac;
        }

        boolean hasGatewayOn(final String node) {
            return members.stream().anyMatch(member -> member.node().equals(node));
        }

        /**
         * Whether a frame with this VLAN id is the cluster's: a VLAN cluster's carry its tag; an untagged cluster's
         * flows match frames whatever their tags, so it takes any, as it always has.
         *
         * @param vlanId the frame's VLAN id, {@code VrrpAdvertisement.NO_VLAN} (negative) when untagged
         */
        public boolean carries(final int vlanId) {
            return vlan == UNTAGGED || vlan == vlanId;
        }
    }

    /** Whom an advertisement is from, as far as the configuration can tell. */
    public sealed interface Attribution {
        /**
         * VRID, switch, port and address all those of this gateway, and the source MAC its own or its cluster's
         * virtual MAC (keepalived's {@code use_vmac}): a heartbeat.
         */
        record Heartbeat(Member member) implements Attribution {
        }

        /** Claims this gateway's MAC or address (with its cluster's VRID) but is not its heartbeat. */
        record ForgedGateway(Member member) implements Attribution {
        }

        /** Names no gateway; the cluster that has the advertisement's VRID on its switch. */
        record ForgedCluster(String cluster) implements Attribution {
        }

        /** No cluster has the VRID on the switch, nor a gateway it names. */
        record Unattributed() implements Attribution {
        }
    }

    /** The VLAN of an {@link Entry} that names none. */
    public static final int UNTAGGED = 0;

    /**
     * Where a heartbeat comes from: several clusters may have a gateway on one port (a router running a VRRP group
     * per subnet on one interface, or per VLAN on a trunk), told apart by VLAN and VRID, which the validator keeps
     * unique per switch and VLAN ({@link #UNTAGGED} for an untagged cluster, which no VLAN cluster on its switches
     * shares a VRID with).
     */
    private record PortVrid(String node, long port, int vlan, int vrid, AddressFamily family) {
    }

    /** A source MAC on a switch port: whom a frame is from when its VRID and addresses cannot be read. */
    private record PortMac(String node, long port, Mac mac) {
    }

    // What is looked up per advertisement. Written under the directory's lock, read from any thread without one:
    // each key's value is immutable and replaced whole, so a change costs what the changed cluster indexes, not a copy
    // of every cluster's, and a reader sees each key before or after it. Several clusters may index one key (a VRID
    // on several switches, the rare VRID shared on a host switch): its values are kept in cluster name order, the
    // first the one a lookup finds, so ties are broken the same way whatever the order of the changes.
    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final Map<PortVrid, List<Member>> byPortVrid = new ConcurrentHashMap<>();
    private final Map<PortMac, List<Member>> byPortMac = new ConcurrentHashMap<>();
    private final Map<Integer, List<Entry>> byVrid = new ConcurrentHashMap<>();
    private final Map<VlanVip, List<Entry>> byVirtualIp = new ConcurrentHashMap<>();

    /**
     * A virtual IP on the VLAN of its cluster ({@link #UNTAGGED} for an untagged one): the validator keeps a
     * link-local virtual IP unique per VLAN only, and any other unique, and no untagged cluster shares one with a VLAN
     * cluster.
     */
    private record VlanVip(int vlan, IpAddress vip) {
    }

    public synchronized void put(final Cluster cluster) {
        final var name = cluster.getName().getValue();
        final var virtualIps = cluster.requireVirtualIp();
        final boolean ipv4 = virtualIps.stream().anyMatch(ip -> ip.getIpv4Address() != null);
        final boolean ipv6 = virtualIps.stream().anyMatch(ip -> ip.getIpv6Address() != null);
        // A member per family the cluster runs: a gateway's address of a family it has no virtual IP of sends
        // nothing the engine waits for.
        final var members = cluster.nonnullGateway().values().stream().flatMap(gw -> {
            final var mac = Mac.parse(gw.getMacAddress().getValue());
            final var node = gw.getAttachment().getNodeId().getValue();
            final long port = gw.getAttachment().getPortNumber().toJava();
            final var gateway = gw.getName().getValue();
            final var ofFamilies = new ArrayList<Member>(2);
            if (ipv4 && gw.getIpAddress() != null) {
                ofFamilies.add(new Member(name, gateway, Ipv4.parse(gw.getIpAddress().getValue()), mac, node, port));
            }
            if (ipv6 && gw.getIpv6LinkLocal() != null) {
                ofFamilies.add(new Member(name, gateway, Ipv6.parse(withoutZone(gw.getIpv6LinkLocal().getValue())),
                    mac, node, port));
            }
            return ofFamilies.stream();
        }).toList();
        final var switches = new TreeSet<String>();
        members.forEach(member -> switches.add(member.node()));
        if (cluster.getSwitch() != null) {
            cluster.getSwitch().forEach(node -> switches.add(node.getValue()));
        }
        final var entry = new Entry(cluster, cluster.getVrid().toJava(),
            cluster.getVlan() == null ? UNTAGGED : cluster.getVlan().toJava(),
            Mac.parse(ClusterDefaults.virtualMac(cluster)),
            virtualIps.stream().filter(ip -> ip.getIpv4Address() != null)
                .map(ip -> Ipv4.parse(ip.getIpv4Address().getValue())).toList(),
            Mac.parse(ClusterDefaults.ipv6VirtualMac(cluster)),
            virtualIps.stream().filter(ip -> ip.getIpv6Address() != null)
                .map(ip -> Ipv6.parse(withoutZone(ip.getIpv6Address().getValue()))).toList(),
            members, switches);
        // Named before it is indexed, and each key's value replaced, not removed and added: a heartbeat of an
        // unchanged gateway is attributed throughout.
        final var old = byName.put(name, entry);
        final var ports = ports(entry);
        ports.forEach((key, member) -> index(byPortVrid, key, member, Member::cluster));
        final var senders = senders(entry);
        senders.forEach((key, member) -> index(byPortMac, key, member, Member::cluster));
        index(byVrid, entry.vrid(), entry, Entry::name);
        final var vips = virtualIps(entry);
        vips.forEach(vip -> index(byVirtualIp, vip, entry, Entry::name));
        if (old != null) {
            ports(old).keySet().stream().filter(key -> !ports.containsKey(key))
                .forEach(key -> unindex(byPortVrid, key, name, Member::cluster));
            senders(old).keySet().stream().filter(key -> !senders.containsKey(key))
                .forEach(key -> unindex(byPortMac, key, name, Member::cluster));
            if (old.vrid() != entry.vrid()) {
                unindex(byVrid, old.vrid(), name, Entry::name);
            }
            virtualIps(old).stream().filter(vip -> !vips.contains(vip))
                .forEach(vip -> unindex(byVirtualIp, vip, name, Entry::name));
        }
    }

    /** A gateway's heartbeat key per member; of two members with one key, the first. */
    private static Map<PortVrid, Member> ports(final Entry entry) {
        final var ports = new HashMap<PortVrid, Member>();
        entry.members().forEach(member -> ports.putIfAbsent(
            new PortVrid(member.node(), member.port(), entry.vlan(), entry.vrid(), member.ip().family()), member));
        return ports;
    }

    /**
     * The MACs a gateway's frames may come from on its port, its own and its cluster's virtual MAC of its family
     * (keepalived's {@code use_vmac}); of a cluster's members with one key, the first.
     */
    private static Map<PortMac, Member> senders(final Entry entry) {
        final var senders = new HashMap<PortMac, Member>();
        entry.members().forEach(member -> {
            senders.putIfAbsent(new PortMac(member.node(), member.port(), member.mac()), member);
            senders.putIfAbsent(new PortMac(member.node(), member.port(), entry.virtualMac(member.ip().family())),
                member);
        });
        return senders;
    }

    /** A cluster's virtual IPs of both families, each on the cluster's VLAN. */
    private static Set<VlanVip> virtualIps(final Entry entry) {
        final var vips = new HashSet<VlanVip>();
        entry.virtualIps().forEach(vip -> vips.add(new VlanVip(entry.vlan(), vip)));
        entry.ipv6VirtualIps().forEach(vip -> vips.add(new VlanVip(entry.vlan(), vip)));
        return vips;
    }

    /** Puts a cluster's value under a key, in place of the value it had there. */
    private static <K, V> void index(final Map<K, List<V>> index, final K key, final V value,
            final Function<V, String> clusterOf) {
        final var cluster = clusterOf.apply(value);
        index.compute(key, (unused, values) -> {
            final var sorted = new ArrayList<V>(values == null ? 1 : values.size() + 1);
            if (values != null) {
                values.stream().filter(other -> !clusterOf.apply(other).equals(cluster)).forEach(sorted::add);
            }
            int at = 0;
            while (at < sorted.size() && clusterOf.apply(sorted.get(at)).compareTo(cluster) < 0) {
                at++;
            }
            sorted.add(at, value);
            return List.copyOf(sorted);
        });
    }

    private static <K, V> void unindex(final Map<K, List<V>> index, final K key, final String cluster,
            final Function<V, String> clusterOf) {
        index.computeIfPresent(key, (unused, values) -> {
            final var rest = values.stream().filter(value -> !clusterOf.apply(value).equals(cluster)).toList();
            return rest.isEmpty() ? null : rest;
        });
    }

    // The model's IPv6 type allows a zone index ("fe80::1%eth0"); the validator refuses one, so this only guards.
    private static String withoutZone(final String text) {
        final int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }

    public synchronized void remove(final String cluster) {
        final var old = byName.get(cluster);
        if (old == null) {
            return;
        }
        // Unindexed before it is unnamed, the reverse of put.
        ports(old).keySet().forEach(key -> unindex(byPortVrid, key, cluster, Member::cluster));
        senders(old).keySet().forEach(key -> unindex(byPortMac, key, cluster, Member::cluster));
        unindex(byVrid, old.vrid(), cluster, Entry::name);
        virtualIps(old).forEach(vip -> unindex(byVirtualIp, vip, cluster, Entry::name));
        byName.remove(cluster);
    }

    public Optional<Entry> get(final String cluster) {
        return Optional.ofNullable(byName.get(cluster));
    }

    /**
     * The cluster with this virtual IP, of either family, that carries this VLAN ({@link Entry#carries}): the
     * validator keeps a virtual IP to one cluster per VLAN (a link-local one, such as fe80::1 as every VLAN's router,
     * may repeat on other VLANs), so ARP and Neighbor Solicitations are answered by a lookup, not a scan of every
     * cluster: the frame's VLAN first, then the untagged clusters, which take any.
     *
     * @param vlanId the VLAN id of the request's tag, negative when it had none
     */
    public Optional<Entry> withVirtualIp(final IpAddress vip, final int vlanId) {
        final var onVlan = vlanId > 0 ? byVirtualIp.get(new VlanVip(vlanId, vip)) : null;
        final var found = onVlan != null ? onVlan : byVirtualIp.get(new VlanVip(UNTAGGED, vip));
        return found == null ? Optional.empty() : Optional.of(found.getFirst());
    }

    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /**
     * Whom an advertisement is from. A heartbeat only when VRID, VLAN, ingress switch and port, source MAC and source
     * address are all those of one gateway (VLAN and VRID pick the cluster among those sharing the port; an untagged
     * cluster takes any VLAN), where the source MAC may also be the cluster's virtual MAC: keepalived with
     * {@code use_vmac} advertises from a macvlan interface that has it. That is as safe as the gateway's own MAC,
     * because what binds a heartbeat to a gateway is its port: whoever sends from that port can use the gateway's MAC
     * as well, and the virtual MAC from any other port, or with another address, is no heartbeat. Anything else with
     * a configured VRID is a forgery, counted on the cluster that has that VRID and carries the advertisement's VLAN
     * on the ingress switch (a VRID is unique per switch and VLAN, not network-wide), on the gateway it claims when
     * that gateway is the cluster's. Where no
     * cluster has the VRID on that switch, a forgery is still counted on the gateway whose MAC or address it claims,
     * if that gateway's cluster has the VRID.
     *
     * @param vrid the advertisement's VRID
     * @param vlanId the VLAN id of its tag, negative when it had none
     * @param mac its source MAC
     * @param ip its source address: IPv4, or IPv6 link-local; its family picks the gateways' address and virtual
     *     MAC it is compared with
     * @param node the switch it came in on
     * @param port the port it came in on
     * @return the attribution
     */
    public Attribution attribute(final int vrid, final int vlanId, final Mac mac, final IpAddress ip,
            final String node, final long port) {
        final var family = ip.family();
        var atPort = vlanId > 0 ? first(byPortVrid.get(new PortVrid(node, port, vlanId, vrid, family))) : null;
        if (atPort == null) {
            atPort = first(byPortVrid.get(new PortVrid(node, port, UNTAGGED, vrid, family)));
        }
        if (atPort != null && atPort.ip().equals(ip) && (atPort.mac().equals(mac) || hasVirtualMac(atPort, mac))) {
            return new Attribution.Heartbeat(atPort);
        }
        final var withVrid = byVrid.getOrDefault(vrid, List.of());
        // Where the cluster has gateways first: the validator keeps a VRID to one cluster per gateway switch and VLAN.
        final var onSwitch = withVrid.stream()
            .filter(entry -> entry.switches().contains(node) && entry.carries(vlanId))
            .sorted(Comparator.comparing((Entry entry) -> !entry.hasGatewayOn(node))).toList();
        for (var entry : onSwitch.isEmpty() ? withVrid : onSwitch) {
            for (var member : entry.members()) {
                if (member.mac().equals(mac) || member.ip().equals(ip)) {
                    return new Attribution.ForgedGateway(member);
                }
            }
        }
        return onSwitch.isEmpty() ? new Attribution.Unattributed()
            : new Attribution.ForgedCluster(onSwitch.getFirst().name());
    }

    /**
     * The gateways a frame that is no readable advertisement came from, judged by its switch port and source MAC (a
     * gateway's own, or its cluster's virtual MAC): one member per cluster with a gateway there, in cluster name order;
     * none when the frame is nobody's. A malformed advertisement's VRID and addresses cannot be trusted, its port and
     * MAC are what the switch saw.
     */
    public List<Member> sendersAt(final String node, final long port, final Mac mac) {
        return byPortMac.getOrDefault(new PortMac(node, port, mac), List.of());
    }

    private static <V> @Nullable V first(final @Nullable List<V> values) {
        return values == null ? null : values.getFirst();
    }

    /** Whether a member's cluster has this virtual MAC; not when the cluster was removed since the member was read. */
    private boolean hasVirtualMac(final Member member, final Mac mac) {
        final var entry = byName.get(member.cluster());
        return entry != null && entry.virtualMac(member.ip().family()).equals(mac);
    }
}
