/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.Fixtures.clusterBuilder;
import static net.gwha.impl.config.Fixtures.clusters;
import static net.gwha.impl.config.Fixtures.dualStackBuilder;
import static net.gwha.impl.config.Fixtures.gateway;
import static net.gwha.impl.config.Fixtures.ipv6Builder;
import static net.gwha.impl.config.Fixtures.validBuilder;
import static net.gwha.impl.config.Fixtures.vips;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The validator's rules on IPv6: virtual IPs of either family or both, gateways' link-local addresses, the IPv6
 * virtual MAC. Each rule's message names the field and the value and says what is wrong.
 */
class ClusterValidatorIpv6Test {
    private static List<String> check(final Cluster... clusters) {
        return ClusterValidator.validate(clusters(clusters)).stream().map(Violation::toString).toList();
    }

    @Test
    void dualStackAndIpv6OnlyClustersPass() {
        assertEquals(List.of(), check(dualStackBuilder().build(), ipv6Builder().build(), Fixtures.otherBuilder()
            .build()));
    }

    @Test
    void theEngineRunsADualStackClusterWithBothFamilies() {
        final var config = EngineConfigs.of(dualStackBuilder().setVirtualIp(vips("192.0.2.1", "2001:0DB8:0:0::1"))
            .build());
        assertEquals(Set.of(AddressFamily.IPV4, AddressFamily.IPV6), config.families());
        assertEquals(List.of(Ipv4.parse("192.0.2.1")), config.virtualAddresses().ipv4());
        assertEquals(List.of(Ipv6.parse("2001:db8::1")), config.virtualAddresses().ipv6());
        assertEquals("00:00:5e:00:01:01", config.virtualAddresses().ipv4Mac());
        assertEquals("00:00:5e:00:02:01", config.virtualAddresses().ipv6Mac());
        final var gw1 = config.gateways().getFirst();
        assertEquals(Optional.of(Ipv4.parse("192.0.2.11")), gw1.ipv4());
        assertEquals(Optional.of(Ipv6.parse("fe80::11")), gw1.ipv6LinkLocal());
    }

    @Test
    void theEngineRunsAnIpv6OnlyClusterWithoutIpv4Addresses() {
        final var config = EngineConfigs.of(ipv6Builder().setIpv6VirtualMac(new MacAddress("02:00:00:00:06:FF"))
            .build());
        assertEquals(Set.of(AddressFamily.IPV6), config.families());
        assertEquals("02:00:00:00:06:ff", config.virtualAddresses().ipv6Mac());
        assertEquals(Optional.empty(), config.gateways().getFirst().ipv4());
    }

    @Nested
    class RequiredAddresses {
        @Test
        void aGatewayWithoutLinkLocalInAClusterWithAnIpv6VipIsRefused() {
            final var cluster = clusterBuilder("c", 1, vips("192.0.2.1", "2001:db8::1"),
                Fixtures.gateway("gw1", "192.0.2.11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.12", "fe80::12", "02:00:00:00:00:12", "openflow:1", 2)).build();
            assertEquals(List.of("cluster 'c': gateway 'gw1' ipv6-link-local is missing, and the cluster has IPv6 "
                + "virtual IP 2001:db8::1 (the gateway's IPv6 advertisements come from its ipv6-link-local)"),
                check(cluster));
        }

        @Test
        void aGatewayWithoutIpv4AddressInAClusterWithAnIpv4VipIsRefused() {
            final var cluster = ipv6Builder().setVirtualIp(vips("2001:db8:6::1", "192.0.2.6")).build();
            assertEquals(List.of(
                "cluster 'v6': gateway 'gw1' ip-address is missing, and the cluster has IPv4 virtual IP 192.0.2.6 "
                    + "(the gateway's IPv4 advertisements come from its ip-address)",
                "cluster 'v6': gateway 'gw2' ip-address is missing, and the cluster has IPv4 virtual IP 192.0.2.6 "
                    + "(the gateway's IPv4 advertisements come from its ip-address)"), check(cluster));
        }

        @Test
        void anIpv4OnlyClusterNeedsNoLinkLocalAndAnIpv6OneNoIpv4Address() {
            assertEquals(List.of(), check(validBuilder().build(), ipv6Builder().build()));
        }
    }

    @Nested
    class UnusableAddresses {
        @Test
        void unspecifiedLoopbackMulticastAndMappedIpv6VipsAreRefused() {
            assertEquals(List.of(
                "cluster 'v6': virtual-ip :: is the unspecified address, not a unicast host address",
                "cluster 'v6': virtual-ip ::1 is the loopback address, not a unicast host address",
                "cluster 'v6': virtual-ip ::ffff:192.0.2.1 is an IPv4-mapped address (::ffff:0:0/96), not a unicast "
                    + "host address",
                "cluster 'v6': virtual-ip ff02::12 is a multicast address, not a unicast host address"),
                check(ipv6Builder().setVirtualIp(vips("::", "::1", "ff02::12", "::ffff:192.0.2.1")).build()));
        }

        @Test
        void linkLocalGlobalAndUniqueLocalVipsPass() {
            assertEquals(List.of(), check(ipv6Builder().setVirtualIp(vips("fe80::1", "2001:db8:6::1", "fd00::1"))
                .build()));
        }

        @Test
        void zonedIpv6AddressesAreRefused() {
            final var cluster = clusterBuilder("v6", 6, vips("fe80::1%eth0"),
                gateway("gw1", null, "fe80::61%eth0", "02:00:00:00:06:11", "openflow:6", 1),
                gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2)).build();
            assertEquals(List.of(
                "cluster 'v6': virtual-ip fe80::1%eth0 has a zone index, which is not supported",
                "cluster 'v6': gateway 'gw1' ipv6-link-local fe80::61%eth0 has a zone index, which is not supported"),
                check(cluster));
        }

        @Test
        void aGatewaysIpv6AddressMustBeLinkLocal() {
            final var cluster = clusterBuilder("v6", 6, vips("2001:db8:6::1"),
                gateway("gw1", null, "2001:db8:6::11", "02:00:00:00:06:11", "openflow:6", 1),
                gateway("gw2", null, "ff02::1", "02:00:00:00:06:12", "openflow:6", 2)).build();
            assertEquals(List.of(
                "cluster 'v6': gateway 'gw1' ipv6-link-local 2001:db8:6::11 is not a link-local address (fe80::/10): "
                    + "VRRP sends IPv6 advertisements from the gateway's link-local address",
                "cluster 'v6': gateway 'gw2' ipv6-link-local ff02::1 is not a link-local address (fe80::/10): "
                    + "VRRP sends IPv6 advertisements from the gateway's link-local address"), check(cluster));
        }
    }

    @Nested
    class VirtualIpEqualsGatewayAddress {
        @Test
        void aVipThatIsTheClustersGatewaysLinkLocalInAnotherTextIsRefused() {
            assertEquals(List.of(
                "cluster 'v6': virtual-ip FE80:0::61 (fe80::61) equals the ipv6-link-local of gateway 'gw1'"),
                check(ipv6Builder().setVirtualIp(vips("2001:db8:6::1", "FE80:0::61")).build()));
        }

        @Test
        void aVipThatIsAnotherClustersGatewaysLinkLocalIsRefusedOnBoth() {
            assertEquals(List.of(
                "cluster 'd1': virtual-ip fe80::61 equals the ipv6-link-local of gateway 'gw1' of cluster 'v6'",
                "cluster 'v6': gateway 'gw1' ipv6-link-local fe80::61 equals a virtual-ip of cluster 'd1'"),
                check(dualStackBuilder().setVirtualIp(vips("192.0.2.1", "fe80::61")).build(),
                    ipv6Builder().build()));
        }

        @Test
        void aVipThatIsAGatewaysIpv4AddressInADualStackClusterIsRefused() {
            assertEquals(List.of("cluster 'd1': virtual-ip 192.0.2.12 equals the ip-address of gateway 'gw2'"),
                check(dualStackBuilder().setVirtualIp(vips("192.0.2.12", "2001:db8::1")).build()));
        }
    }

    @Nested
    class OneAddressInTwoTexts {
        @Test
        void aVipInTwoClustersIsRefusedWhateverItsText() {
            assertEquals(List.of(
                "cluster 'd1': virtual-ip 2001:db8::1 is also a virtual-ip of cluster 'v6' (as 2001:0db8:0:0::1)",
                "cluster 'v6': virtual-ip 2001:0db8:0:0::1 is also a virtual-ip of cluster 'd1' (as 2001:db8::1)"),
                check(dualStackBuilder().build(), ipv6Builder().setVirtualIp(vips("2001:0db8:0:0::1")).build()));
        }

        @Test
        void aVipListedTwiceInOneClusterIsRefused() {
            assertEquals(List.of("cluster 'v6': virtual-ip 2001:db8:6:0::1 is 2001:DB8:6::1, listed twice"),
                check(ipv6Builder().setVirtualIp(vips("2001:DB8:6::1", "2001:db8:6:0::1")).build()));
        }

        @Test
        void twoGatewaysWithOneLinkLocalAreRefused() {
            final var cluster = clusterBuilder("v6", 6, vips("2001:db8:6::1"),
                gateway("gw1", null, "fe80::61", "02:00:00:00:06:11", "openflow:6", 1),
                gateway("gw2", null, "FE80:0:0::61", "02:00:00:00:06:12", "openflow:6", 2)).build();
            assertEquals(List.of("cluster 'v6': gateway 'gw2' ipv6-link-local FE80:0:0::61 is also the "
                + "ipv6-link-local of gateway 'gw1'"), check(cluster));
        }

        @Test
        void gatewaysOfOneClusterMayShareNoAddressOfEitherFamily() {
            final var cluster = clusterBuilder("d1", 1, vips("192.0.2.1", "2001:db8::1"),
                gateway("gw1", "192.0.2.11", "fe80::11", "02:00:00:00:00:11", "openflow:1", 1),
                gateway("gw2", "192.0.2.11", "fe80::11", "02:00:00:00:00:12", "openflow:1", 2)).build();
            assertEquals(List.of(
                "cluster 'd1': gateway 'gw2' ip-address 192.0.2.11 is also the ip-address of gateway 'gw1'",
                "cluster 'd1': gateway 'gw2' ipv6-link-local fe80::11 is also the ipv6-link-local of gateway 'gw1'"),
                check(cluster));
        }
    }

    @Nested
    class Steering {
        @Test
        void ipRewriteIsRefusedWithAnIpv6Vip() {
            assertEquals(List.of("cluster 'd1': steering-mode mac-and-ip-rewrite rewrites IPv4 addresses only, and "
                + "the cluster has IPv6 virtual IP 2001:db8::1: use mac-rewrite"),
                check(dualStackBuilder().setSteeringMode(SteeringMode.MacAndIpRewrite).build()));
        }

        @Test
        void ipRewritePassesWithIpv4VipsOnly() {
            assertEquals(List.of(), check(validBuilder().setSteeringMode(SteeringMode.MacAndIpRewrite).build()));
        }
    }

    @Nested
    class Ipv6VirtualMac {
        @Test
        void aGroupIpv6VirtualMacIsRefused() {
            assertEquals(List.of("cluster 'v6': ipv6-virtual-mac 33:33:00:00:00:01 is a multicast address, not a "
                + "unicast MAC"), check(ipv6Builder().setIpv6VirtualMac(new MacAddress("33:33:00:00:00:01"))
                    .build()));
        }

        @Test
        void theDefaultIpv6VirtualMacOfAGatewayIsRefused() {
            final var cluster = ipv6Builder().setGateway(BindingMap.of(
                gateway("gw1", null, "fe80::61", "00:00:5E:00:02:06", "openflow:6", 1),
                gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2))).build();
            assertEquals(List.of("cluster 'v6': ipv6-virtual-mac 00:00:5e:00:02:06 (the default for vrid 6) equals "
                + "the mac-address of gateway 'gw1'"), check(cluster));
        }

        @Test
        void anotherClustersGatewayMacIsRefusedOnBoth() {
            assertEquals(List.of(
                "cluster 'd1': gateway 'gw1' mac-address 02:00:00:00:06:11 equals the ipv6-virtual-mac of cluster "
                    + "'v6'",
                "cluster 'v6': ipv6-virtual-mac 02:00:00:00:06:11 equals the mac-address of gateway 'gw1' of "
                    + "cluster 'd1'"),
                check(ipv6Builder().setIpv6VirtualMac(new MacAddress("02:00:00:00:06:11")).setGateway(BindingMap.of(
                        gateway("gw1", null, "fe80::61", "02:00:00:00:06:21", "openflow:6", 1),
                        gateway("gw2", null, "fe80::62", "02:00:00:00:06:22", "openflow:6", 2))).build(),
                    dualStackBuilder().setGateway(BindingMap.of(
                        gateway("gw1", "192.0.2.11", "fe80::11", "02:00:00:00:06:11", "openflow:1", 1),
                        gateway("gw2", "192.0.2.12", "fe80::12", "02:00:00:00:00:12", "openflow:1", 2))).build()));
        }

        @Test
        void oneVirtualMacOfEitherFamilyInTwoClustersOnASwitchIsRefusedOnBoth() {
            final var shared = new MacAddress("02:00:5e:00:00:01");
            assertEquals(List.of(
                "cluster 'd1': ipv6-virtual-mac 02:00:5e:00:00:01 is also the virtual-mac of cluster 'v6' on switch "
                    + "openflow:1",
                "cluster 'v6': virtual-mac 02:00:5e:00:00:01 is also the ipv6-virtual-mac of cluster 'd1' on switch "
                    + "openflow:1"),
                check(dualStackBuilder().setIpv6VirtualMac(shared).build(), ipv6Builder().setVirtualMac(shared)
                    .setSwitch(Set.of(new NodeId("openflow:1"))).build()));
        }

        @Test
        void anIpv6OnlyClusterHasNoDefaultIpv4VirtualMacToCollide() {
            // 00:00:5e:00:01:06 would be the IPv4 default of vrid 6: unused without IPv4 virtual IPs
            final var cluster = ipv6Builder().setGateway(BindingMap.of(
                gateway("gw1", null, "fe80::61", "00:00:5e:00:01:06", "openflow:6", 1),
                gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2))).build();
            assertEquals(List.of(), check(cluster));
        }
    }

    @Test
    void aLinkLocalTheModelAdmitsButNoAddressIsReportedNotThrown() {
        // the model's pattern admits a dotted quad with leading zeros, which some parsers read as octal
        final var cluster = ipv6Builder().setGateway(BindingMap.of(
            gateway("gw1", null, "fe80::01.2.3.4", "02:00:00:00:06:11", "openflow:6", 1),
            gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2))).build();
        assertEquals(List.of("cluster 'v6': gateway 'gw1' ipv6-link-local fe80::01.2.3.4 is not an IPv6 address"),
            check(cluster));
    }

    /**
     * A link-local virtual IP is unique per link, the VLAN: the same router address in clusters on two VLANs of the
     * same router pair is fine; on one VLAN, or beside an untagged cluster (whose flows match every VLAN), it is not.
     * A global virtual IP stays unique whatever the VLANs.
     */
    @Nested
    class LinkLocalPerVlan {
        /** d2: d1's router pair and ports, VIPs 192.0.2.2, fe80::1 and 2001:db8:20::1. */
        private static ClusterBuilder secondGroup(final int vrid) {
            return dualStackBuilder().setName(new ClusterName("d2")).setVrid(Uint8.valueOf(vrid))
                .setVirtualIp(vips("192.0.2.2", "fe80::1", "2001:db8:20::1"));
        }

        @Test
        void theSameLinkLocalVipOnTwoVlansPasses() {
            assertEquals(List.of(), check(dualStackBuilder().setVlan(Uint16.valueOf(10)).build(),
                secondGroup(1).setVlan(Uint16.valueOf(20)).build()));
        }

        @Test
        void theSameLinkLocalVipOnOneVlanIsRefused() {
            assertEquals(List.of(
                "cluster 'd1': virtual-ip fe80::1 is also a virtual-ip of cluster 'd2' on vlan 10: a link-local "
                    + "virtual-ip is unique per link, so clusters that share one must be on different vlans",
                "cluster 'd2': virtual-ip fe80::1 is also a virtual-ip of cluster 'd1' on vlan 10: a link-local "
                    + "virtual-ip is unique per link, so clusters that share one must be on different vlans"),
                check(dualStackBuilder().setVlan(Uint16.valueOf(10)).build(),
                    secondGroup(2).setVlan(Uint16.valueOf(10)).build()));
        }

        @Test
        void theSameLinkLocalVipBesideAnUntaggedClusterIsRefused() {
            assertEquals(List.of(
                "cluster 'd1': virtual-ip fe80::1 is also a virtual-ip of cluster 'd2' (as FE80::0:1) (this cluster "
                    + "has no vlan: its flows match every vlan, vlan 20 too): a link-local virtual-ip is unique per "
                    + "link, so clusters that share one must be on different vlans",
                "cluster 'd2': virtual-ip FE80::0:1 is also a virtual-ip of cluster 'd1' (as fe80::1) "
                    + "(cluster 'd1' has no vlan: its flows match every vlan, vlan 20 too): a link-local virtual-ip is "
                    + "unique per link, so clusters that share one must be on different vlans"),
                check(dualStackBuilder().build(), secondGroup(2).setVlan(Uint16.valueOf(20))
                    .setVirtualIp(vips("192.0.2.2", "FE80::0:1")).build()));
        }

        @Test
        void aGlobalVipOnTwoVlansIsStillRefused() {
            assertEquals(List.of(
                "cluster 'd1': virtual-ip 2001:db8::1 is also a virtual-ip of cluster 'd2'",
                "cluster 'd2': virtual-ip 2001:db8::1 is also a virtual-ip of cluster 'd1'"),
                check(dualStackBuilder().setVlan(Uint16.valueOf(10)).build(), secondGroup(1).setVlan(Uint16.valueOf(20))
                    .setVirtualIp(vips("192.0.2.2", "fe80::1", "2001:db8::1")).build()));
        }
    }
}
