/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.Fixtures.cluster;
import static net.gwha.impl.config.Fixtures.clusterBuilder;
import static net.gwha.impl.config.Fixtures.clusters;
import static net.gwha.impl.config.Fixtures.gateway;
import static net.gwha.impl.config.Fixtures.otherBuilder;
import static net.gwha.impl.config.Fixtures.validBuilder;
import static net.gwha.impl.config.Fixtures.vips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClustersBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.DetectorType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.FailureDetectorBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

class ClusterValidatorTest {
    private static List<String> check(final Cluster... clusters) {
        return ClusterValidator.validate(clusters(clusters)).stream().map(Violation::message).toList();
    }

    @Test
    void nullAndEmptyAreValid() {
        assertEquals(List.of(), ClusterValidator.validate(null));
        assertEquals(List.of(), ClusterValidator.validate(new ClustersBuilder().build()));
        assertEquals(List.of(), check());
    }

    @Test
    void validClustersPass() {
        assertEquals(List.of(), check(validBuilder().build(), otherBuilder().build()));
    }

    @Test
    void violationCarriesClusterFieldAndProblem() {
        final var violations = ClusterValidator.validate(clusters(validBuilder()
            .setVirtualIp(vips("192.0.2.11")).build()));
        assertEquals(List.of(new Violation("c1", "virtual-ip", "192.0.2.11 equals the ip-address of gateway 'gw1'")),
            violations);
        assertEquals("cluster 'c1': virtual-ip 192.0.2.11 equals the ip-address of gateway 'gw1'",
            violations.get(0).toString());
    }

    @Nested
    class RequiredValues {
        @Test
        void missingVridVipsAndGatewayLeavesAreReported() {
            final var bare = new GatewayBuilder().setName(new GatewayName("gw3")).build();
            final var cluster = new ClusterBuilder(validBuilder().build())
                .setVrid(null)
                .setVirtualIp(Set.of())
                .setGateway(BindingMap.of(validBuilder().build().nonnullGateway().values().iterator().next(), bare))
                .build();
            assertEquals(List.of(
                "cluster 'c1': vrid is missing",
                "cluster 'c1': virtual-ip is missing: a cluster needs at least one virtual IP",
                "cluster 'c1': gateway 'gw3' priority is missing",
                "cluster 'c1': gateway 'gw3' mac-address is missing",
                "cluster 'c1': gateway 'gw3' attachment node-id is missing",
                "cluster 'c1': gateway 'gw3' attachment port-number is missing"), check(cluster));
        }

        @Test
        void absentVirtualIpLeafListIsReported() {
            assertEquals(List.of("cluster 'c1': virtual-ip is missing: a cluster needs at least one virtual IP"),
                check(validBuilder().setVirtualIp(null).build()));
        }
    }

    /**
     * Values out of their YANG range, as a DOM write hands them over (the binding builders would refuse them):
     * reported, never thrown; each is one the engine would refuse.
     */
    @Nested
    class OutOfRange {
        @Test
        void vridZeroIsRefused() {
            final var cluster = DomWrites.with(validBuilder().build(), Uint8.ZERO, "vrid");
            assertEquals(List.of("cluster 'c1': vrid 0 is not in 1..255"), check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void heartbeatIntervalBelowTheModelsRangeIsRefused() {
            final var cluster = DomWrites.with(validBuilder().build(), Uint32.ZERO, "heartbeat-interval");
            assertEquals(List.of("cluster 'c1': heartbeat-interval 0 ms is not in 10..4294967295 ms"),
                check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void gatewayPrioritiesOutOfRangeAreRefused() {
            final var cluster = DomWrites.with(DomWrites.with(validBuilder().build(), Uint8.ZERO, "gateway", "gw1",
                "priority"), Uint8.MAX_VALUE, "gateway", "gw2", "priority");
            assertEquals(List.of("cluster 'c1': gateway 'gw1' priority 0 is not in 1..254",
                "cluster 'c1': gateway 'gw2' priority 255 is not in 1..254"), check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void phiThresholdOutOfRangeIsRefused() {
            final var adaptive = validBuilder().setFailureDetector(new FailureDetectorBuilder()
                .setType(DetectorType.Adaptive).build()).build();
            final var cluster = DomWrites.with(adaptive, Decimal64.valueOf("0.50"), "failure-detector",
                "phi-threshold");
            assertEquals(List.of("cluster 'c1': failure-detector phi-threshold 0.5 is not in 1..50"), check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void portNumberZeroIsRefused() {
            final var cluster = DomWrites.with(validBuilder().build(), Uint32.ZERO, "gateway", "gw2", "attachment",
                "port-number");
            assertEquals(List.of("cluster 'c1': gateway 'gw2' attachment port-number 0 is not in 1..4294967040"),
                check(cluster));
        }

        @Test
        void edgesPass() {
            final var edges = validBuilder().setVrid(Uint8.MAX_VALUE).setHeartbeatInterval(Uint32.TEN).build();
            assertEquals(List.of(), check(DomWrites.with(edges, Uint8.valueOf(254), "gateway", "gw1", "priority")));
        }

        @Test
        void namesCannotBeEmptyByTheirTypes() {
            // ClusterConfig and GatewayConfig refuse empty names: the typedefs' length is checked even when decoding
            assertThrows(IllegalArgumentException.class, () -> new ClusterName(""));
            assertThrows(IllegalArgumentException.class, () -> new GatewayName(""));
        }
    }

    @Nested
    class TooFewGateways {
        @Test
        void oneGatewayIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1));
            assertEquals(List.of("cluster 'c1': gateway count is 1: a cluster needs at least 2 gateways"),
                check(cluster));
        }

        @Test
        void noGatewayIsRefused() {
            assertEquals(List.of("cluster 'c1': gateway count is 0: a cluster needs at least 2 gateways"),
                check(validBuilder().setGateway(null).build()));
        }

        @Test
        void twoGatewaysPass() {
            assertEquals(List.of(), check(validBuilder().build()));
        }
    }

    @Nested
    class UnusableAddresses {
        @Test
        void nonUnicastVipsAreRefused() {
            assertEquals(List.of(
                "cluster 'c1': virtual-ip 0.0.0.0 is in 0.0.0.0/8 (this network), not a unicast host address",
                "cluster 'c1': virtual-ip 127.0.0.1 is a loopback address, not a unicast host address",
                "cluster 'c1': virtual-ip 224.0.0.18 is a multicast address, not a unicast host address",
                "cluster 'c1': virtual-ip 240.0.0.1 is a reserved address (240.0.0.0/4), not a unicast host address",
                "cluster 'c1': virtual-ip 255.255.255.255 is the broadcast address, not a unicast host address"),
                check(validBuilder().setVirtualIp(vips("0.0.0.0", "127.0.0.1", "224.0.0.18", "240.0.0.1",
                    "255.255.255.255")).build()));
        }

        @Test
        void zonedAddressesAreRefused() {
            final var cluster = clusterBuilder("c1", 1, vips("192.0.2.1%eth0"),
                gateway("gw1", "192.0.2.11%eth0", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2)).build();
            assertEquals(List.of(
                "cluster 'c1': virtual-ip 192.0.2.1%eth0 has a zone index, which is not supported",
                "cluster 'c1': gateway 'gw1' ip-address 192.0.2.11%eth0 has a zone index, which is not supported"),
                check(cluster));
        }

        @Test
        void multicastGatewayAddressIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "239.1.1.1", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
            assertEquals(List.of("cluster 'c1': gateway 'gw1' ip-address 239.1.1.1 is a multicast address, "
                + "not a unicast host address"), check(cluster));
        }

        @Test
        void unicastEdgesPass() {
            assertEquals(List.of(), check(validBuilder().setVirtualIp(vips("1.0.0.1", "126.255.255.254",
                "223.255.255.254", "169.254.1.1")).build()));
        }
    }

    @Nested
    class VirtualIpEqualsGatewayAddress {
        @Test
        void ownGatewayAddressIsRefused() {
            assertEquals(List.of("cluster 'c1': virtual-ip 192.0.2.12 equals the ip-address of gateway 'gw2'"),
                check(validBuilder().setVirtualIp(vips("192.0.2.1", "192.0.2.12")).build()));
        }

        @Test
        void otherClustersGatewayAddressIsRefusedOnBothClusters() {
            assertEquals(List.of(
                "cluster 'c1': virtual-ip 198.51.100.11 equals the ip-address of gateway 'gw1' of cluster 'c2'",
                "cluster 'c2': gateway 'gw1' ip-address 198.51.100.11 equals a virtual-ip of cluster 'c1'"),
                check(validBuilder().setVirtualIp(vips("192.0.2.1", "198.51.100.11")).build(),
                    otherBuilder().build()));
        }

        @Test
        void zoneIsIgnoredWhenComparing() {
            assertTrue(check(validBuilder().setVirtualIp(vips("192.0.2.11%eth0")).build())
                .contains("cluster 'c1': virtual-ip 192.0.2.11 equals the ip-address of gateway 'gw1'"));
        }

        @Test
        void distinctAddressesPass() {
            assertEquals(List.of(), check(validBuilder().setVirtualIp(vips("192.0.2.1", "192.0.2.13")).build(),
                otherBuilder().build()));
        }
    }

    @Nested
    class VirtualIpInTwoClusters {
        @Test
        void sharedVipIsReportedOnBothClusters() {
            assertEquals(List.of(
                "cluster 'c1': virtual-ip 192.0.2.1 is also a virtual-ip of cluster 'c2'",
                "cluster 'c2': virtual-ip 192.0.2.1 is also a virtual-ip of cluster 'c1'"),
                check(validBuilder().build(), otherBuilder().setVirtualIp(vips("198.51.100.1", "192.0.2.1"))
                    .build()));
        }

        @Test
        void distinctVipsPass() {
            assertEquals(List.of(), check(validBuilder().build(), otherBuilder().build()));
        }
    }

    @Nested
    class DuplicateGatewayAddresses {
        @Test
        void sameAddressTwiceInClusterIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.11", "02:00:00:00:00:12", "openflow:1", 2));
            assertEquals(List.of("cluster 'c1': gateway 'gw2' ip-address 192.0.2.11 is also the ip-address of "
                + "gateway 'gw1'"), check(cluster));
        }

        @Test
        void distinctAddressesPass() {
            assertEquals(List.of(), check(validBuilder().build()));
        }
    }

    @Nested
    class DuplicateGatewayMacs {
        @Test
        void sameMacTwiceInClusterIsRefusedWhateverTheCase() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:AA", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:aa", "openflow:1", 2));
            assertEquals(List.of("cluster 'c1': gateway 'gw2' mac-address 02:00:00:00:00:aa is also the mac-address "
                + "of gateway 'gw1'"), check(cluster));
        }

        @Test
        void distinctMacsPass() {
            assertEquals(List.of(), check(validBuilder().build()));
        }
    }

    @Nested
    class SharedSwitchPorts {
        @Test
        void samePortInClusterIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 1));
            assertEquals(List.of("cluster 'c1': gateway 'gw2' attachment openflow:1 port 1 is also the attachment of "
                + "gateway 'gw1'"), check(cluster));
        }

        @Test
        void samePortsAcrossClustersWithDifferentVridsPass() {
            // one router pair, one VRRP group per subnet on the same interfaces, opposite priorities
            final var other = clusterBuilder("c2", 2, vips("198.51.100.1"),
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2)).build();
            assertEquals(List.of(), check(validBuilder().build(), other));
        }

        @Test
        void samePortAcrossClustersWithSameVridIsReportedOnBoth() {
            final var other = clusterBuilder("c2", 1, vips("198.51.100.1"),
                gateway("gw7", "198.51.100.11", "02:00:00:00:01:11", "openflow:1", 2),
                gateway("gw8", "198.51.100.12", "02:00:00:00:01:12", "openflow:2", 2))
                .setVirtualMac(new MacAddress("02:00:5e:00:02:01")).build();
            assertEquals(List.of(
                "cluster 'c1': gateway 'gw2' attachment openflow:1 port 2 is also the attachment of gateway 'gw7' of "
                    + "cluster 'c2' with the same vrid 1: clusters that share a port must have different vrids",
                "cluster 'c1': vrid 1 is also the vrid of cluster 'c2' on switch openflow:1",
                "cluster 'c2': gateway 'gw7' attachment openflow:1 port 2 is also the attachment of gateway 'gw2' of "
                    + "cluster 'c1' with the same vrid 1: clusters that share a port must have different vrids",
                "cluster 'c2': vrid 1 is also the vrid of cluster 'c1' on switch openflow:1"),
                check(validBuilder().build(), other));
        }

        @Test
        void samePortNumberOnAnotherSwitchPasses() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:2", 1));
            assertEquals(List.of(), check(cluster));
        }
    }

    @Nested
    class NonOpenflowNodeIds {
        @Test
        void foreignNodeIdsAreRefused() {
            final var cluster = clusterBuilder("c1", 1, vips("192.0.2.1"),
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "of:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:18446744073709551616", 2))
                .setSwitch(Set.of(new NodeId("openflow1"), new NodeId("openflow:3"))).build();
            assertEquals(List.of(
                "cluster 'c1': gateway 'gw1' attachment node-id 'of:1' is not an openflowplugin node id such as "
                    + "openflow:1",
                "cluster 'c1': gateway 'gw2' attachment node-id 'openflow:18446744073709551616' is not an "
                    + "openflowplugin node id such as openflow:1",
                "cluster 'c1': switch 'openflow1' is not an openflowplugin node id such as openflow:1"),
                check(cluster));
        }

        @Test
        void largestDatapathIdPasses() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:18446744073709551615", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
            assertEquals(List.of(), check(cluster));
        }
    }

    @Nested
    class GroupMacs {
        @Test
        void multicastBroadcastAndZeroVirtualMacsAreRefused() {
            assertEquals(List.of("cluster 'c1': virtual-mac 01:00:5e:00:00:12 is a multicast address, "
                + "not a unicast MAC"), check(validBuilder().setVirtualMac(new MacAddress("01:00:5E:00:00:12"))
                    .build()));
            assertEquals(List.of("cluster 'c1': virtual-mac ff:ff:ff:ff:ff:ff is the broadcast address, "
                + "not a unicast MAC"), check(validBuilder().setVirtualMac(new MacAddress("FF:FF:FF:FF:FF:FF"))
                    .build()));
            assertEquals(List.of("cluster 'c1': virtual-mac 00:00:00:00:00:00 is the all-zero address, "
                + "not a unicast MAC"), check(validBuilder().setVirtualMac(new MacAddress("00:00:00:00:00:00"))
                    .build()));
        }

        @Test
        void multicastGatewayMacIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "03:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
            assertEquals(List.of("cluster 'c1': gateway 'gw1' mac-address 03:00:00:00:00:11 is a multicast address, "
                + "not a unicast MAC"), check(cluster));
        }

        @Test
        void unicastVirtualMacPasses() {
            assertEquals(List.of(), check(validBuilder().setVirtualMac(new MacAddress("02:00:5e:00:01:01")).build()));
        }
    }

    @Nested
    class VirtualMacEqualsGatewayMac {
        @Test
        void ownGatewayMacIsRefused() {
            assertEquals(List.of("cluster 'c1': virtual-mac 02:00:00:00:00:12 equals the mac-address of gateway "
                + "'gw2'"), check(validBuilder().setVirtualMac(new MacAddress("02:00:00:00:00:12")).build()));
        }

        @Test
        void defaultVirtualMacEqualToGatewayMacIsRefused() {
            final var cluster = cluster("c1", 1, "192.0.2.1",
                gateway("gw1", "192.0.2.11", "00:00:5E:00:01:01", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
            assertEquals(List.of("cluster 'c1': virtual-mac 00:00:5e:00:01:01 (the default for vrid 1) equals the "
                + "mac-address of gateway 'gw1'"), check(cluster));
        }

        @Test
        void otherClustersGatewayMacIsRefusedOnBoth() {
            assertEquals(List.of(
                "cluster 'c1': virtual-mac 02:00:00:00:01:11 equals the mac-address of gateway 'gw1' of cluster 'c2'",
                "cluster 'c2': gateway 'gw1' mac-address 02:00:00:00:01:11 equals the virtual-mac of cluster 'c1'"),
                check(validBuilder().setVirtualMac(new MacAddress("02:00:00:00:01:11")).build(),
                    otherBuilder().build()));
        }
    }

    @Nested
    class VridTwiceOnSwitch {
        @Test
        void sameVridOnSharedGatewaySwitchIsReportedOnBoth() {
            final var other = clusterBuilder("c2", 1, vips("198.51.100.1"),
                gateway("gw1", "198.51.100.11", "02:00:00:00:01:11", "openflow:1", 3),
                gateway("gw2", "198.51.100.12", "02:00:00:00:01:12", "openflow:2", 2))
                .setVirtualMac(new MacAddress("02:00:5e:00:02:01")).build();
            assertEquals(List.of(
                "cluster 'c1': vrid 1 is also the vrid of cluster 'c2' on switch openflow:1",
                "cluster 'c2': vrid 1 is also the vrid of cluster 'c1' on switch openflow:1"),
                check(validBuilder().build(), other));
        }

        @Test
        void sameVridOnDisjointSwitchesPasses() {
            assertEquals(List.of(), check(validBuilder().build(),
                otherBuilder().setVrid(Uint8.ONE).setVirtualMac(new MacAddress("02:00:5e:00:02:01")).build()));
        }

        @Test
        void sameVridOnlyOnHostSwitchPasses() {
            // VRRP is punted from gateway ports only; a shared host switch is checked by virtual MAC
            assertEquals(List.of(), check(validBuilder().setSwitch(Set.of(new NodeId("openflow:9"))).build(),
                otherBuilder().setVrid(Uint8.ONE)
                    .setVirtualMac(new MacAddress("02:00:5e:00:02:01"))
                    .setSwitch(Set.of(new NodeId("openflow:9"))).build()));
        }
    }

    @Nested
    class VirtualMacTwiceOnSwitch {
        @Test
        void sameVirtualMacOnSharedHostSwitchIsReportedOnBoth() {
            final var mac = new MacAddress("02:00:5e:00:00:01");
            assertEquals(List.of(
                "cluster 'c1': virtual-mac 02:00:5e:00:00:01 is also the virtual-mac of cluster 'c2' on switch "
                    + "openflow:9",
                "cluster 'c2': virtual-mac 02:00:5e:00:00:01 is also the virtual-mac of cluster 'c1' on switch "
                    + "openflow:9"),
                check(validBuilder().setVirtualMac(mac).setSwitch(Set.of(new NodeId("openflow:9"))).build(),
                    otherBuilder().setVirtualMac(mac).setSwitch(Set.of(new NodeId("openflow:9"))).build()));
        }

        @Test
        void sameDefaultMacSaysWhereItComesFrom() {
            final var other = clusterBuilder("c2", 1, vips("198.51.100.1"),
                gateway("gw1", "198.51.100.11", "02:00:00:00:01:11", "openflow:1", 3),
                gateway("gw2", "198.51.100.12", "02:00:00:00:01:12", "openflow:1", 4)).build();
            assertEquals(List.of(
                "cluster 'c1': vrid 1 is also the vrid of cluster 'c2' on switch openflow:1",
                "cluster 'c1': virtual-mac 00:00:5e:00:01:01 (the default for vrid 1) is also the virtual-mac of "
                    + "cluster 'c2' on switch openflow:1",
                "cluster 'c2': vrid 1 is also the vrid of cluster 'c1' on switch openflow:1",
                "cluster 'c2': virtual-mac 00:00:5e:00:01:01 (the default for vrid 1) is also the virtual-mac of "
                    + "cluster 'c1' on switch openflow:1"), check(validBuilder().build(), other));
        }

        @Test
        void sameVirtualMacOnDisjointSwitchesPasses() {
            final var mac = new MacAddress("02:00:5e:00:00:01");
            assertEquals(List.of(), check(validBuilder().setVirtualMac(mac).build(),
                otherBuilder().setVirtualMac(mac).build()));
        }
    }

    /**
     * VLAN trunks: a VRID and a virtual MAC are unique per switch and VLAN, and an untagged cluster, whose flows
     * match every VLAN, overlaps them all.
     */
    @Nested
    class VlanTrunks {
        /** c2 on c1's gateway ports with c1's VRID (so its default virtual MAC too), on a VLAN of its own. */
        private static ClusterBuilder sameRouterPair(final String name, final String vip) {
            return clusterBuilder(name, 1, vips(vip),
                gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "02:00:00:00:00:12", "openflow:1", 2));
        }

        @Test
        void sameVridOnTwoVlansOfTheSamePortsPasses() {
            assertEquals(List.of(), check(validBuilder().setVlan(Uint16.valueOf(10)).build(),
                sameRouterPair("c2", "198.51.100.1").setVlan(Uint16.valueOf(20)).build()));
        }

        @Test
        void sameVridOnTheSameVlanAndPortIsRefusedNamingTheVlan() {
            assertEquals(List.of(
                "cluster 'c1': gateway 'gw1' attachment openflow:1 port 1 is also the attachment of gateway 'gw1' of "
                    + "cluster 'c2' with the same vrid 1 on vlan 10: clusters that share a port must have different "
                    + "vrids or vlans",
                "cluster 'c1': gateway 'gw2' attachment openflow:1 port 2 is also the attachment of gateway 'gw2' of "
                    + "cluster 'c2' with the same vrid 1 on vlan 10: clusters that share a port must have different "
                    + "vrids or vlans",
                "cluster 'c1': vrid 1 is also the vrid of cluster 'c2' on switch openflow:1 on vlan 10",
                "cluster 'c1': virtual-mac 00:00:5e:00:01:01 (the default for vrid 1) is also the virtual-mac of "
                    + "cluster 'c2' on switch openflow:1 on vlan 10",
                "cluster 'c2': gateway 'gw1' attachment openflow:1 port 1 is also the attachment of gateway 'gw1' of "
                    + "cluster 'c1' with the same vrid 1 on vlan 10: clusters that share a port must have different "
                    + "vrids or vlans",
                "cluster 'c2': gateway 'gw2' attachment openflow:1 port 2 is also the attachment of gateway 'gw2' of "
                    + "cluster 'c1' with the same vrid 1 on vlan 10: clusters that share a port must have different "
                    + "vrids or vlans",
                "cluster 'c2': vrid 1 is also the vrid of cluster 'c1' on switch openflow:1 on vlan 10",
                "cluster 'c2': virtual-mac 00:00:5e:00:01:01 (the default for vrid 1) is also the virtual-mac of "
                    + "cluster 'c1' on switch openflow:1 on vlan 10"),
                check(validBuilder().setVlan(Uint16.valueOf(10)).build(),
                    sameRouterPair("c2", "198.51.100.1").setVlan(Uint16.valueOf(10)).build()));
        }

        @Test
        void untaggedClusterOverlapsEveryVlanAndSaysSo() {
            final var other = sameRouterPair("c2", "198.51.100.1").setVlan(Uint16.valueOf(20))
                .setVirtualMac(new MacAddress("02:00:5e:00:02:01")).build();
            final var violations = check(validBuilder().build(), other);
            assertEquals(List.of(
                "cluster 'c1': vrid 1 is also the vrid of cluster 'c2' on switch openflow:1 (this cluster has no vlan: "
                    + "its flows match every vlan, vlan 20 too)",
                "cluster 'c2': vrid 1 is also the vrid of cluster 'c1' on switch openflow:1 (cluster 'c1' has no "
                    + "vlan: its flows match every vlan, vlan 20 too)"),
                violations.stream().filter(message -> message.contains("vrid 1 is also")).toList());
            assertTrue(violations.stream().filter(message -> message.contains("attachment"))
                .allMatch(message -> message.endsWith("must have different vrids or vlans")), violations::toString);
            assertEquals(4 + 2, violations.size(), violations::toString);
        }

        @Test
        void sameVirtualMacOnTwoVlansOfOneHostSwitchPasses() {
            final var mac = new MacAddress("02:00:5e:00:00:01");
            assertEquals(List.of(), check(
                validBuilder().setVlan(Uint16.valueOf(10)).setVirtualMac(mac)
                    .setSwitch(Set.of(new NodeId("openflow:9"))).build(),
                otherBuilder().setVlan(Uint16.valueOf(11)).setVirtualMac(mac)
                    .setSwitch(Set.of(new NodeId("openflow:9"))).build()));
        }

        @Test
        void vlanOutsideTheModelsRangeIsRefused() {
            assertEquals(List.of("cluster 'c1': vlan 4095 is not in 1..4094"),
                check(DomWrites.with(validBuilder().build(), Uint16.valueOf(4095), "vlan")));
            assertEquals(List.of("cluster 'c1': vlan 0 is not in 1..4094"),
                check(DomWrites.with(validBuilder().build(), Uint16.ZERO, "vlan")));
        }
    }

    @Nested
    class HeartbeatNotAdvertisable {
        @Test
        void nonCentisecondIntervalIsRefused() {
            assertEquals(List.of("cluster 'c1': heartbeat-interval 15 ms is not a multiple of 10 ms: VRRPv3 "
                + "advertises the interval in centiseconds"),
                check(validBuilder().setHeartbeatInterval(Uint32.valueOf(15)).build()));
        }

        @Test
        void tooLongIntervalIsRefused() {
            assertEquals(List.of("cluster 'c1': heartbeat-interval 40960 ms is longer than 40950 ms, the longest "
                + "interval VRRPv3 can advertise"),
                check(validBuilder().setHeartbeatInterval(Uint32.valueOf(40960)).build()));
        }

        @Test
        void boundsPass() {
            assertEquals(List.of(), check(validBuilder().setHeartbeatInterval(Uint32.TEN).build()));
            assertEquals(List.of(), check(validBuilder().setHeartbeatInterval(Uint32.valueOf(40950)).build()));
        }
    }

    @Nested
    class DeadIntervalTooShort {
        @Test
        void deadIntervalShorterThanHeartbeatIsRefused() {
            assertEquals(List.of("cluster 'c1': dead-interval 500 ms is not longer than heartbeat-interval 1000 ms "
                + "(the default): every late heartbeat would be a failover"),
                check(validBuilder().setDeadInterval(Uint32.valueOf(500)).build()));
        }

        @Test
        void deadIntervalEqualToHeartbeatIsRefused() {
            assertEquals(List.of("cluster 'c1': dead-interval 200 ms is not longer than heartbeat-interval 200 ms: "
                + "every late heartbeat would be a failover"), check(validBuilder()
                    .setHeartbeatInterval(Uint32.valueOf(200)).setDeadInterval(Uint32.valueOf(200)).build()));
        }

        @Test
        void longerDeadIntervalPasses() {
            assertEquals(List.of(), check(validBuilder().setHeartbeatInterval(Uint32.valueOf(200))
                .setDeadInterval(Uint32.valueOf(210)).build()));
        }
    }

    @Nested
    class FloorTooShort {
        @Test
        void floorShorterThanHeartbeatIsRefused() {
            assertEquals(List.of("cluster 'c1': failure-detector floor 100 ms is not longer than heartbeat-interval "
                + "200 ms: every late heartbeat would be a failover"), check(validBuilder()
                    .setHeartbeatInterval(Uint32.valueOf(200))
                    .setFailureDetector(new FailureDetectorBuilder().setFloor(Uint32.valueOf(100)).build()).build()));
        }

        @Test
        void longerFloorPasses() {
            assertEquals(List.of(), check(validBuilder()
                .setFailureDetector(new FailureDetectorBuilder().setFloor(Uint32.valueOf(1500)).build()).build()));
        }
    }

    @Nested
    class FloorNotShorterThanDeadInterval {
        private static ClusterBuilder adaptive(final Long floor) {
            return validBuilder().setFailureDetector(new FailureDetectorBuilder().setType(DetectorType.Adaptive)
                .setFloor(floor == null ? null : Uint32.valueOf(floor)).build());
        }

        @Test
        void floorLongerThanTheDefaultDeadIntervalIsRefused() {
            // the engine cannot run it: before this rule it was accepted and failed while being applied
            final var cluster = adaptive(4000L).build();
            assertEquals(List.of("cluster 'c1': failure-detector floor 4000 ms is not shorter than dead-interval "
                + "3000 ms (the default: 3 x heartbeat-interval): the adaptive detector could never find a gateway "
                + "dead sooner than the fixed one"), check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void defaultFloorNotShorterThanAnExplicitDeadIntervalIsRefused() {
            final var cluster = adaptive(null).setDeadInterval(Uint32.valueOf(1200)).build();
            assertEquals(List.of("cluster 'c1': failure-detector floor 1500 ms (the default: 1.5 x heartbeat-interval) "
                + "is not shorter than dead-interval 1200 ms: the adaptive detector could never find a gateway dead "
                + "sooner than the fixed one"), check(cluster));
            assertThrows(IllegalArgumentException.class, () -> EngineConfigs.of(cluster));
        }

        @Test
        void floorEqualToTheDeadIntervalIsRefused() {
            assertEquals(1, check(adaptive(3000L).setDeadInterval(Uint32.valueOf(3000)).build()).size());
        }

        @Test
        void withTheFixedDetectorOnlyAnExplicitFloorCounts() {
            assertEquals(List.of(), check(validBuilder().setDeadInterval(Uint32.valueOf(1200)).build()));
            assertEquals(List.of("cluster 'c1': failure-detector floor 5000 ms is not shorter than dead-interval "
                + "3000 ms (the default: 3 x heartbeat-interval): the adaptive detector could never find a gateway "
                + "dead sooner than the fixed one"), check(validBuilder().setFailureDetector(
                    new FailureDetectorBuilder().setFloor(Uint32.valueOf(5000)).build()).build()));
        }

        @Test
        void shorterFloorPasses() {
            assertEquals(List.of(), check(adaptive(2999L).build()));
            assertEquals(List.of(), check(adaptive(null).setDeadInterval(Uint32.valueOf(1501)).build()));
        }
    }

    @Test
    void violationsAreGroupedByClusterThenRuleOrder() {
        // c2 sorts after c1 although it was built first; the map order does not matter
        final var first = otherBuilder().setName(new ClusterName("c2")).setDeadInterval(Uint32.TEN).build();
        final var second = cluster("c1", 1, "192.0.2.11",
            gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1));
        final var expected = List.of(
            "cluster 'c1': gateway count is 1: a cluster needs at least 2 gateways",
            "cluster 'c1': virtual-ip 192.0.2.11 equals the ip-address of gateway 'gw1'",
            "cluster 'c2': dead-interval 10 ms is not longer than heartbeat-interval 1000 ms (the default): "
                + "every late heartbeat would be a failover");
        assertEquals(expected, check(first, second));
        assertEquals(expected, check(second, first));
    }
}
