/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClustersBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Bindings for tests, built with the generated builders as the datastore would hand them over: no defaults.
 */
final class Fixtures {
    private Fixtures() {
        // utility class
    }

    static Gateway gateway(final String name, final String ip, final String mac, final String node, final int port) {
        return new GatewayBuilder()
            .setName(new GatewayName(name))
            .setPriority(Uint8.valueOf(100))
            .setIpAddress(new Ipv4Address(ip))
            .setMacAddress(new MacAddress(mac))
            .setAttachment(new AttachmentBuilder().setNodeId(new NodeId(node)).setPortNumber(Uint32.valueOf(port))
                .build())
            .build();
    }

    /** A gateway with an IPv6 link-local address, and an IPv4 address unless {@code ip} is null. */
    static Gateway gateway(final String name, final @Nullable String ip, final String linkLocal, final String mac,
            final String node, final int port) {
        return new GatewayBuilder(gateway(name, "192.0.2.250", mac, node, port))
            .setIpAddress(ip == null ? null : new Ipv4Address(ip))
            .setIpv6LinkLocal(new Ipv6Address(linkLocal))
            .build();
    }

    /**
     * d1: dual-stack, VRID 1, VIPs 192.0.2.1, fe80::1 and 2001:db8::1, gateways gw1 and gw2 on openflow:1 ports 1
     * and 2, each with an IPv4 and an IPv6 link-local address.
     */
    static ClusterBuilder dualStackBuilder() {
        return clusterBuilder("d1", 1, vips("192.0.2.1", "fe80::1", "2001:db8::1"),
            gateway("gw1", "192.0.2.11", "fe80::11", "02:00:00:00:00:11", "openflow:1", 1),
            gateway("gw2", "192.0.2.12", "fe80::12", "02:00:00:00:00:12", "openflow:1", 2));
    }

    /** v6: IPv6 only, VRID 6, VIP 2001:db8:6::1, gateways gw1 and gw2 on openflow:6 with link-local addresses only. */
    static ClusterBuilder ipv6Builder() {
        return clusterBuilder("v6", 6, vips("2001:db8:6::1"),
            gateway("gw1", null, "fe80::61", "02:00:00:00:06:11", "openflow:6", 1),
            gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2));
    }

    /** A valid cluster builder: the given VRID and VIPs, the given gateways. */
    static ClusterBuilder clusterBuilder(final String name, final int vrid, final Set<IpAddress> vips,
            final Gateway... gateways) {
        return new ClusterBuilder()
            .setName(new ClusterName(name))
            .setVrid(Uint8.valueOf(vrid))
            .setVirtualIp(vips)
            .setGateway(BindingMap.of(Arrays.asList(gateways)));
    }

    static Cluster cluster(final String name, final int vrid, final String vip, final Gateway... gateways) {
        return clusterBuilder(name, vrid, vips(vip), gateways).build();
    }

    /** c1: VRID 1, VIP 192.0.2.1, gateways gw1 and gw2 on openflow:1 ports 1 and 2. */
    static ClusterBuilder validBuilder() {
        return clusterBuilder("c1", 1, vips("192.0.2.1"),
            gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
            gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
    }

    /** c2: VRID 2, VIP 198.51.100.1, gateways gw1 and gw2 on openflow:2 ports 1 and 2. */
    static ClusterBuilder otherBuilder() {
        return clusterBuilder("c2", 2, vips("198.51.100.1"),
            gateway("gw1", "198.51.100.11", "02:00:00:00:01:11", "openflow:2", 1),
            gateway("gw2", "198.51.100.12", "02:00:00:00:01:12", "openflow:2", 2));
    }

    static Set<IpAddress> vips(final String... addresses) {
        return Arrays.stream(addresses)
            .map(address -> address.indexOf(':') >= 0 ? new IpAddress(new Ipv6Address(address))
                : new IpAddress(new Ipv4Address(address)))
            .collect(Collectors.toUnmodifiableSet());
    }

    static Clusters clusters(final Cluster... clusters) {
        return new ClustersBuilder().setCluster(BindingMap.of(Arrays.asList(clusters))).build();
    }
}
