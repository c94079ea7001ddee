/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.gwha.impl.engine.IpAddress;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.packet.Mac;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The directory's index, changed cluster by cluster, answers as one built afresh from the clusters configured now:
 * what a changed or removed cluster no longer has is gone, and ties (several clusters with one key) go to the first
 * by name whatever the order of the changes.
 */
class ClusterDirectoryIndexTest {
    private static final int CLUSTERS = 8;

    /**
     * Cluster {@code c<index>} in one of two variants, which differ in VRID, gw1's port and virtual IP. Clusters
     * share VRIDs, ports and virtual IPs, so that keys are shared and ties broken.
     */
    private static Cluster cluster(final int index, final int variant) {
        return LabClusters.builder(LabClusters.gateway(1, 200, LabClusters.S1, 1 + variant),
                LabClusters.gateway(2, 100, LabClusters.S1, 3))
            .setName(new ClusterName("c" + index))
            .setVrid(Uint8.valueOf(index % 4 + 1 + 10 * variant))
            .setVirtualIp(LabClusters.vips("10.0." + (index % 4 + variant) % 5 + ".1"))
            .build();
    }

    /** Steps: put cluster {@code index} in a variant (0, 1), or remove it (2). */
    @Property(tries = 300)
    void changedClusterByClusterItAnswersAsOneBuiltAfresh(@ForAll("steps") final List<Integer> steps) {
        final var directory = new ClusterDirectory();
        final var configured = new TreeMap<String, Cluster>();
        for (int step : steps) {
            final int index = step / 3;
            final int op = step % 3;
            if (op == 2) {
                directory.remove("c" + index);
                configured.remove("c" + index);
            } else {
                directory.put(cluster(index, op));
                configured.put("c" + index, cluster(index, op));
            }
            assertSameAnswers(afresh(configured), directory);
        }
    }

    @Test
    void aTieGoesToTheFirstByNameAndToTheNextWhenItIsRemoved() {
        final var directory = new ClusterDirectory();
        directory.put(cluster(4, 0));
        directory.put(cluster(0, 0));
        final IpAddress vip = Ipv4.parse("10.0.0.1");
        // c0 and c4 share VRID 1, gw1's port and the virtual IP.
        assertEquals(Optional.of("c0"), directory.withVirtualIp(vip, -1).map(ClusterDirectory.Entry::name));
        assertEquals(new ClusterDirectory.Attribution.Heartbeat(gw1(directory, "c0")),
            gw1Heartbeat(directory, 1, 1));
        directory.remove("c0");
        assertEquals(Optional.of("c4"), directory.withVirtualIp(vip, -1).map(ClusterDirectory.Entry::name));
        assertEquals(new ClusterDirectory.Attribution.Heartbeat(gw1(directory, "c4")),
            gw1Heartbeat(directory, 1, 1));
        directory.put(cluster(4, 1));
        assertEquals(Optional.empty(), directory.withVirtualIp(vip, -1));
        assertEquals(new ClusterDirectory.Attribution.Unattributed(), gw1Heartbeat(directory, 1, 1));
    }

    private static ClusterDirectory.Member gw1(final ClusterDirectory directory, final String cluster) {
        return directory.get(cluster).orElseThrow().members().stream()
            .filter(member -> member.gateway().equals("gw1")).findFirst().orElseThrow();
    }

    private static ClusterDirectory.Attribution gw1Heartbeat(final ClusterDirectory directory, final int vrid,
            final int port) {
        return directory.attribute(vrid, -1, Mac.parse(LabClusters.mac(1)), Ipv4.parse("192.0.2.1"), LabClusters.S1,
            port);
    }

    /** The clusters put in reverse name order into a new directory. */
    private static ClusterDirectory afresh(final Map<String, Cluster> configured) {
        final var directory = new ClusterDirectory();
        new ArrayList<>(configured.values()).reversed().forEach(directory::put);
        return directory;
    }

    private static void assertSameAnswers(final ClusterDirectory expected, final ClusterDirectory actual) {
        for (int index = 0; index < CLUSTERS; index++) {
            assertEquals(expected.get("c" + index), actual.get("c" + index));
        }
        for (int subnet = 0; subnet < 5; subnet++) {
            final IpAddress vip = Ipv4.parse("10.0." + subnet + ".1");
            assertEquals(expected.withVirtualIp(vip, -1), actual.withVirtualIp(vip, -1));
        }
        for (int vrid : List.of(1, 2, 3, 4, 11, 12, 13, 14, 20)) {
            for (int port = 1; port <= 4; port++) {
                for (int gw = 1; gw <= 3; gw++) {
                    final var mac = Mac.parse(LabClusters.mac(gw));
                    final IpAddress ip = Ipv4.parse("192.0.2." + gw);
                    assertEquals(expected.attribute(vrid, -1, mac, ip, LabClusters.S1, port),
                        actual.attribute(vrid, -1, mac, ip, LabClusters.S1, port));
                    assertEquals(expected.attribute(vrid, -1, mac, ip, LabClusters.S2, port),
                        actual.attribute(vrid, -1, mac, ip, LabClusters.S2, port));
                }
            }
            final var virtualMac = Mac.parse("00:00:5e:00:01:%02x".formatted(vrid));
            for (int port = 1; port <= 4; port++) {
                assertEquals(expected.sendersAt(LabClusters.S1, port, virtualMac),
                    actual.sendersAt(LabClusters.S1, port, virtualMac));
            }
        }
        for (int port = 1; port <= 4; port++) {
            for (int gw = 1; gw <= 3; gw++) {
                final var mac = Mac.parse(LabClusters.mac(gw));
                for (var node : List.of(LabClusters.S1, LabClusters.S2)) {
                    assertEquals(expected.sendersAt(node, port, mac), actual.sendersAt(node, port, mac));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, CLUSTERS * 3 - 1).list().ofMaxSize(40);
    }
}
