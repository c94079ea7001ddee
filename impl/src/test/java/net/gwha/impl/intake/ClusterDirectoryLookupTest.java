/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.IpAddress;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.packet.VrrpAdvertisement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The virtual IP lookup that answers ARP and Neighbor Solicitations finds what a scan of every cluster found, as
 * clusters come and go, on every VLAN: clusters on VLANs of their own share fe80::1 as their router.
 */
class ClusterDirectoryLookupTest {
    private static final String LINK_LOCAL = "fe80::1";

    /**
     * Cluster {@code c<n>}: VRID n, VIPs 10.0.(n).1 and 2001:db8::(n); every fourth untagged, the others on VLAN
     * 100 + n with fe80::1 too (as the validator has it: a link-local VIP unique per VLAN, none beside an untagged
     * cluster).
     */
    private static Cluster cluster(final int index) {
        final boolean tagged = index % 4 != 0;
        final var vips = new HashSet<org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715
            .IpAddress>();
        vips.add(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress(
            new Ipv4Address("10.0." + index + ".1")));
        vips.add(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress(
            new Ipv6Address("2001:db8::" + Integer.toHexString(index))));
        if (tagged) {
            vips.add(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress(
                new Ipv6Address(LINK_LOCAL)));
        }
        return LabClusters.builder(LabClusters.gateway(1, 200, LabClusters.S1, 1),
                LabClusters.gateway(2, 100, LabClusters.S1, 2))
            .setName(new ClusterName("c" + index))
            .setVrid(Uint8.valueOf(index))
            .setVlan(tagged ? Uint16.valueOf(100 + index) : null)
            .setVirtualIp(vips)
            .build();
    }

    private static Optional<String> scan(final ClusterDirectory directory, final IpAddress vip, final int vlanId) {
        return directory.entries().stream()
            .filter(entry -> entry.virtualIps().contains(vip) || entry.ipv6VirtualIps().contains(vip))
            .filter(entry -> entry.carries(vlanId))
            .map(ClusterDirectory.Entry::name).findFirst();
    }

    /** Steps: a positive n puts cluster n, a negative one removes it. */
    @Property(tries = 200)
    void theLookupFindsWhatAScanFinds(@ForAll("steps") final List<Integer> steps) {
        final var directory = new ClusterDirectory();
        for (int step : steps) {
            if (step > 0) {
                directory.put(cluster(step));
            } else {
                directory.remove("c" + -step);
            }
            for (int index = 1; index <= 20; index++) {
                // the frame's VLAN: none, the VLAN of cluster index (if it has one), a VLAN nobody has
                for (int vlanId : new int[] {VrrpAdvertisement.NO_VLAN, 100 + index, 99}) {
                    for (IpAddress vip : List.of(Ipv4.parse("10.0." + index + ".1"),
                            Ipv6.parse("2001:db8::" + Integer.toHexString(index)), Ipv6.parse(LINK_LOCAL))) {
                        assertEquals(scan(directory, vip, vlanId),
                            directory.withVirtualIp(vip, vlanId).map(ClusterDirectory.Entry::name));
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(1, 20).flatMap(index -> Arbitraries.of(index, -index)).list()
            .ofMaxSize(30);
    }
}
