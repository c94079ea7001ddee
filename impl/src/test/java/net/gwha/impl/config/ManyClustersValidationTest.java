/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.Fixtures.cluster;
import static net.gwha.impl.config.Fixtures.gateway;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClustersBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The scale lab's layout: 1,000 clusters, 250 per switch on one router pair's two shared ports, VRIDs 1..250. The
 * rules look clashes up by switch, port, VRID, MAC and address: at that size they find exactly what they find
 * between the clashing clusters alone.
 */
class ManyClustersValidationTest {
    private static final int SWITCHES = 4;
    private static final int PER_SWITCH = 250;

    /** Cluster {@code s<switch>-c<vrid>}: the switch's router pair, VIP 10.(switch).(vrid).1. */
    static Cluster labCluster(final int node, final int vrid) {
        return cluster(name(node, vrid), vrid, "10." + node + "." + vrid + ".1",
            gateway("r1", "10." + node + ".0.11", "02:00:00:00:0" + node + ":11", "openflow:" + node, 1),
            gateway("r2", "10." + node + ".0.12", "02:00:00:00:0" + node + ":12", "openflow:" + node, 2));
    }

    static String name(final int node, final int vrid) {
        return "s" + node + "-c" + String.format("%03d", vrid);
    }

    static List<Cluster> lab() {
        final var clusters = new ArrayList<Cluster>();
        for (int node = 1; node <= SWITCHES; node++) {
            for (int vrid = 1; vrid <= PER_SWITCH; vrid++) {
                clusters.add(labCluster(node, vrid));
            }
        }
        return clusters;
    }

    private static ClusterBuilder renamed(final Cluster cluster, final String name) {
        return new ClusterBuilder(cluster).withKey(new ClusterKey(new ClusterName(name)))
            .setName(new ClusterName(name));
    }

    private static List<Violation> validate(final List<Cluster> clusters) {
        return ClusterValidator.validate(new ClustersBuilder().setCluster(BindingMap.of(clusters)).build());
    }

    private static List<Violation> withLab(final Cluster... extra) {
        final var clusters = lab();
        clusters.addAll(List.of(extra));
        return validate(clusters);
    }

    @Test
    void theLabIsValid() {
        assertEquals(List.of(), validate(lab()));
    }

    @Test
    void aClusterOnTheSharedPortsWithATakenVridAndVipIsRefusedAsAlone() {
        // VRID 7 and the VIP of s2-c007, on switch 2's shared ports
        final var intruder = cluster("zz", 7, "10.2.7.1",
            gateway("r1", "10.2.0.11", "02:00:00:00:02:11", "openflow:2", 1),
            gateway("r2", "10.2.0.12", "02:00:00:00:02:12", "openflow:2", 2));
        final var violations = withLab(intruder);
        assertEquals(validate(List.of(labCluster(2, 7), intruder)), violations);
        final var messages = violations.stream().map(Violation::message).toList();
        assertTrue(messages.contains("cluster 'zz': gateway 'r1' attachment openflow:2 port 1 is also the attachment"
            + " of gateway 'r1' of cluster 's2-c007' with the same vrid 7: clusters that share a port must have "
            + "different vrids"), messages::toString);
        assertTrue(messages.contains("cluster 's2-c007': virtual-ip 10.2.7.1 is also a virtual-ip of cluster 'zz'"),
            messages::toString);
        // on both sides, for each rule it breaks: port (2 gateways), VRID, virtual MAC, VIP
        assertEquals(10, violations.size(), messages::toString);
    }

    @Test
    void aVlanTellsClustersApartAtScaleAsAlone() {
        // the same VRID on the same ports is fine on another VLAN, but not on an untagged cluster's
        final var tagged = renamed(labCluster(3, 9), "vlan-9").setVirtualIp(Fixtures.vips("10.3.9.2"))
            .setVlan(Uint16.valueOf(100)).build();
        final var violations = withLab(tagged);
        assertEquals(validate(List.of(labCluster(3, 9), tagged)), violations);
        assertEquals(8, violations.size(), violations::toString);
        final var otherVlan = renamed(tagged, "vlan-9").setVlan(Uint16.valueOf(200)).build();
        final var apart = new ClusterBuilder(labCluster(3, 9)).setVlan(Uint16.valueOf(100)).build();
        final var clusters = lab();
        clusters.set(2 * PER_SWITCH + 8, apart);
        clusters.add(otherVlan);
        assertEquals(List.of(), validate(clusters));
    }

    @Test
    void aVirtualMacThatIsAGatewaysMacIsFoundAmongAThousand() {
        final var stealing = renamed(labCluster(4, 1), "stealer").setVrid(Uint8.valueOf(251))
            .setVirtualIp(Fixtures.vips("10.9.9.9"))
            .setVirtualMac(new MacAddress("02:00:00:00:01:12")).build();
        final var violations = withLab(stealing);
        // every cluster of switch 1 has that gateway: the virtual MAC is refused 250 times on the stealer and
        // once on each of them
        assertEquals(2 * PER_SWITCH, violations.stream()
            .filter(violation -> violation.message().contains("02:00:00:00:01:12 equals")).count());
    }
}
