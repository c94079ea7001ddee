/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.gwha.impl.config.ClusterDefaults;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.packet.Mac;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;

/**
 * The configured clusters as the packet-in and port handlers need them: by name, with each gateway's identity
 * (address, MAC, switch and port) parsed once. Updated by the config listener, read from packet-in threads.
 */
public final class ClusterDirectory {
    /** A gateway's identity on the wire and its attachment. */
    public record Member(String cluster, String gateway, Ipv4 ip, Mac mac, String node, long port) {
    }

    /** One cluster: VRID, virtual MAC and IPs, members. */
    public record Entry(Cluster config, int vrid, Mac virtualMac, List<Ipv4> virtualIps, List<Member> members) {
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();

    public void put(final Cluster cluster) {
        final var name = cluster.getName().getValue();
        byName.put(name, new Entry(cluster, cluster.getVrid().toJava(), Mac.parse(ClusterDefaults.virtualMac(cluster)),
            cluster.requireVirtualIp().stream().filter(ip -> ip.getIpv4Address() != null)
                .map(ip -> Ipv4.parse(ip.getIpv4Address().getValue())).toList(),
            cluster.nonnullGateway().values().stream().map(gw -> new Member(name, gw.getName().getValue(),
                Ipv4.parse(gw.getIpAddress().getValue()), Mac.parse(gw.getMacAddress().getValue()),
                gw.getAttachment().getNodeId().getValue(), gw.getAttachment().getPortNumber().toJava())).toList()));
    }

    public void remove(final String cluster) {
        byName.remove(cluster);
    }

    public Optional<Entry> get(final String cluster) {
        return Optional.ofNullable(byName.get(cluster));
    }

    public Collection<Entry> entries() {
        return byName.values();
    }
}
