/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The lab's cluster as bindings (scripts/lab): VRID 51, VIP 192.0.2.254, gw1 to gw3 on openflow:1 ports 11 to 13,
 * gw4 on openflow:2 port 14, the switches linked by port 100 on both sides.
 */
final class LabClusters {
    static final String S1 = "openflow:1";
    static final String S2 = "openflow:2";
    static final String VIP = "192.0.2.254";
    static final String VMAC = "00:00:5e:00:01:33";
    static final long UPLINK = 100;
    static final Topology LINKED = Topology.none().withHop(S1, S2, UPLINK).withHop(S2, S1, UPLINK)
        .withHop("openflow:3", S1, 7).withHop("openflow:3", S2, 7);

    private LabClusters() {
        // utility class
    }

    static Gateway gateway(final int index, final int priority, final String node, final int port) {
        return new GatewayBuilder()
            .setName(new GatewayName("gw" + index))
            .setPriority(Uint8.valueOf(priority))
            .setIpAddress(new Ipv4Address("192.0.2." + index))
            .setMacAddress(new MacAddress(mac(index)))
            .setAttachment(new AttachmentBuilder().setNodeId(new NodeId(node)).setPortNumber(Uint32.valueOf(port))
                .build())
            .build();
    }

    static String mac(final int index) {
        return "02:00:00:00:00:0" + index;
    }

    static ClusterBuilder builder(final Gateway... gateways) {
        return new ClusterBuilder()
            .setName(new ClusterName("lab"))
            .setVrid(Uint8.valueOf(51))
            .setVirtualIp(vips(VIP))
            .setGateway(BindingMap.of(Arrays.asList(gateways)));
    }

    /** gw1..gw3 on openflow:1, priorities 200, 150, 100. */
    static Cluster oneSwitch(final SteeringMode mode) {
        return builder(gateway(1, 200, S1, 11), gateway(2, 150, S1, 12), gateway(3, 100, S1, 13))
            .setSteeringMode(mode).build();
    }

    /** gw1, gw2 on openflow:1, gw4 on openflow:2; hosts also on openflow:3. */
    static Cluster twoSwitches(final SteeringMode mode) {
        return builder(gateway(1, 200, S1, 11), gateway(2, 150, S1, 12), gateway(4, 250, S2, 14))
            .setSteeringMode(mode)
            .setSwitch(Set.of(new NodeId("openflow:3")))
            .build();
    }

    static Set<IpAddress> vips(final String... addresses) {
        return Arrays.stream(addresses).map(address -> new IpAddress(new Ipv4Address(address)))
            .collect(Collectors.toUnmodifiableSet());
    }
}
