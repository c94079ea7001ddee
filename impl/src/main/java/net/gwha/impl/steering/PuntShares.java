/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.Ipv6;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * What the configured clusters put into the flows they share ({@link PuntFlows}), summed up as clusters come and
 * go, so that planning a cluster looks each shared flow up once instead of reading every other cluster on its
 * switches: with 250 clusters on one router pair's ports, each plan read 250 clusters, and planning them all grew
 * with the square of their number. Per switch port and VLAN: the heartbeat meter of the port, the sum of the bands
 * of every cluster with a gateway there, under the id of that gateway's meter in the cluster with the lowest VRID.
 * Per switch, VLAN and gateway MAC, IPv4 address or IPv6 link-local: the lowest VRID of the clusters programmed on
 * the switch with such a gateway, whose shared meter the forgery punt goes through.
 *
 * <p>A cluster is taken out as it was put in: {@link #remove} needs the configuration {@link #add} was given. Not
 * thread-safe: the {@link FlowProgrammer} keeps it on the steering loop.
 */
final class PuntShares {
    /** A port's heartbeat meter, as every cluster with a gateway there plans it. */
    record PortMeter(long meterId, long rate, long burst) {
    }

    /** What a gateway of one cluster is matched by in a forgery punt. */
    enum Address {
        MAC,
        IPV4,
        LINK_LOCAL
    }

    private record PortKey(int vlan, String node, Uint32 port) {
    }

    private record AddressKey(int vlan, String node, Address kind, String address) {
    }

    /** The clusters' meters on a port, counted by id (the lowest id is the lowest VRID's), and their bands' sum. */
    private static final class Port {
        private final TreeMap<Long, Integer> meterIds = new TreeMap<>();
        private long rate;
        private long burst;
    }

    private final Map<PortKey, Port> ports = new HashMap<>();
    // The changes on each switch, counted: a plan made from some switches' shares holds while their counts do.
    private final Map<String, Long> revisions = new HashMap<>();
    // The VRIDs of the clusters with such a gateway, each counted as often as it was added.
    private final Map<AddressKey, TreeMap<Integer, Integer>> vrids = new HashMap<>();

    /** The shares of these clusters. */
    static PuntShares of(final Collection<Cluster> clusters) {
        final var shares = new PuntShares();
        clusters.forEach(shares::add);
        return shares;
    }

    void add(final Cluster cluster) {
        change(cluster, 1);
    }

    void remove(final Cluster cluster) {
        change(cluster, -1);
    }

    /**
     * How often clusters on these switches were added or removed: a plan of a cluster on them reads the same shares
     * while this stays the same.
     */
    long revision(final Collection<String> nodes) {
        long sum = 0;
        for (var node : nodes) {
            sum += revisions.getOrDefault(node, 0L);
        }
        return sum;
    }

    /**
     * The heartbeat meter of a gateway's port.
     *
     * @throws IllegalStateException when no cluster added has a gateway there
     */
    PortMeter portMeter(final int vlan, final String node, final Uint32 port) {
        final var there = ports.get(new PortKey(vlan, node, port));
        if (there == null) {
            throw new IllegalStateException("no cluster has a gateway on " + node + ":" + port + " (VLAN " + vlan
                + ")");
        }
        return new PortMeter(there.meterIds.firstKey(), there.rate, there.burst);
    }

    /**
     * The lowest VRID of the clusters on a switch with a gateway of this MAC or address.
     *
     * @param address as {@link #mac}, {@link #linkLocal} or the configured IPv4 address give it
     * @throws IllegalStateException when no cluster added has one there
     */
    int lowestVrid(final int vlan, final String node, final Address kind, final String address) {
        final var there = vrids.get(new AddressKey(vlan, node, kind, address));
        if (there == null) {
            throw new IllegalStateException("no cluster on " + node + " has a gateway with " + kind + " " + address);
        }
        return there.firstKey();
    }

    /** What a gateway is matched by in forgery punts, each in the one text it is compared in. */
    private static void addresses(final Gateway gw, final BiConsumer<Address, String> each) {
        each.accept(Address.MAC, mac(gw));
        if (gw.getIpAddress() != null) {
            each.accept(Address.IPV4, gw.getIpAddress().getValue());
        }
        final var linkLocal = linkLocal(gw);
        if (linkLocal != null) {
            each.accept(Address.LINK_LOCAL, linkLocal);
        }
    }

    /** A gateway's MAC as matched: the model allows either case, a match on it is compared as written. */
    static String mac(final Gateway gw) {
        return gw.getMacAddress().getValue().toLowerCase(Locale.ROOT);
    }

    /** A gateway's IPv6 link-local address in its one text (RFC 5952), or null when it has none. */
    static @Nullable String linkLocal(final Gateway gw) {
        return gw.getIpv6LinkLocal() == null ? null : Ipv6.parse(gw.getIpv6LinkLocal().getValue()).toString();
    }

    private void change(final Cluster cluster, final int sign) {
        final int vlan = FlowPlanner.vlan(cluster);
        final int vrid = cluster.requireVrid().toJava();
        final int families = FlowPlanner.families(cluster);
        final var band = ClusterDefaults.heartbeatMeter(cluster);
        final var gateways = FlowPlanner.byName(cluster);
        for (int i = 0; i < gateways.size(); i++) {
            final var gw = gateways.get(i);
            final var key = new PortKey(vlan, FlowPlanner.node(gw), FlowPlanner.port(gw));
            final var port = ports.computeIfAbsent(key, unused -> new Port());
            count(port.meterIds, FlowIds.meterId(vlan, vrid, i + 1), sign);
            port.rate += sign * band.rate() * families;
            port.burst += sign * band.burst() * families;
            if (port.meterIds.isEmpty()) {
                ports.remove(key);
            }
        }
        // A plan reads the shares of its cluster's switches only, and every gateway's switch is one of them.
        for (var node : FlowPlanner.switchesOf(cluster)) {
            revisions.merge(node, 1L, Long::sum);
            for (var gw : gateways) {
                addresses(gw, (kind, address) -> {
                    final var key = new AddressKey(vlan, node, kind, address);
                    final var there = vrids.computeIfAbsent(key, unused -> new TreeMap<>());
                    count(there, vrid, sign);
                    if (there.isEmpty()) {
                        vrids.remove(key);
                    }
                });
            }
        }
    }

    private static <K> void count(final TreeMap<K, Integer> counts, final K key, final int sign) {
        counts.merge(key, sign, (was, delta) -> was + delta == 0 ? null : was + delta);
    }
}
