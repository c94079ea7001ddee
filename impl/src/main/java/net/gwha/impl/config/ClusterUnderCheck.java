/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.gwha.impl.engine.Ipv6;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;

/**
 * A cluster as the {@link ClusterValidator} rules read it: sorted, normalized, defaults applied; and how they name
 * what they report.
 *
 * @param name the cluster's name
 * @param cluster the binding
 * @param gateways gateways by name
 * @param virtualIps virtual IPs by their text
 * @param virtualMacs the effective virtual MACs that matter: {@code virtual-mac} unless the cluster has IPv6 virtual
 *     IPs only and it is not set, {@code ipv6-virtual-mac} if the cluster has IPv6 virtual IPs or it is set; none
 *     derived from a VRID that is missing or out of range
 * @param gatewaySwitches node ids of the gateways' switches
 * @param configuredSwitches the {@code switch} entries
 */
record ClusterUnderCheck(String name, Cluster cluster, List<Gateway> gateways, List<IpAddress> virtualIps,
        List<VirtualMac> virtualMacs, SortedSet<String> gatewaySwitches, SortedSet<String> configuredSwitches) {
    /**
     * An effective virtual MAC.
     *
     * @param field the leaf that sets it
     * @param mac in lower case
     * @param configured set by the leaf, not the default of the VRID
     */
    record VirtualMac(String field, String mac, boolean configured) {
    }

    /**
     * An IPv6 address as configured and as compared.
     *
     * @param text the configured text
     * @param address the address, without zone index
     */
    record Ipv6UnderCheck(String text, Ipv6 address) {
        /** The text, and the address as compared when that differs: "2001:0DB8::1 (2001:db8::1)". */
        String describe() {
            final var canonical = address.toString();
            return text.equals(canonical) ? text : text + " (" + canonical + ")";
        }
    }

    static ClusterUnderCheck of(final Cluster cluster) {
        final var gateways = cluster.nonnullGateway().values().stream()
            .sorted(Comparator.comparing(ClusterUnderCheck::gatewayName))
            .toList();
        final var configuredVips = cluster.getVirtualIp();
        final var vips = (configuredVips == null ? Set.<IpAddress>of() : configuredVips).stream()
            .sorted(Comparator.comparing(IpAddress::stringValue))
            .toList();
        final var gatewaySwitches = new TreeSet<String>();
        for (var gateway : gateways) {
            final var attachment = gateway.getAttachment();
            if (attachment != null && attachment.getNodeId() != null) {
                gatewaySwitches.add(attachment.getNodeId().getValue());
            }
        }
        final var configured = new TreeSet<String>();
        final var switches = cluster.getSwitch();
        if (switches != null) {
            switches.stream().map(NodeId::getValue).forEach(configured::add);
        }
        final var vrid = cluster.getVrid();
        // none derived from a VRID that is missing or out of range: that is reported as such
        final boolean validVrid = vrid != null && vrid.intValue() >= 1;
        final boolean hasIpv6 = vips.stream().anyMatch(vip -> vip.getIpv6Address() != null);
        final boolean ipv6Only = hasIpv6 && vips.stream().allMatch(vip -> vip.getIpv6Address() != null);
        final var virtualMacs = new ArrayList<VirtualMac>(2);
        if (cluster.getVirtualMac() != null) {
            virtualMacs.add(new VirtualMac("virtual-mac", ClusterDefaults.normalizedMac(cluster.getVirtualMac()),
                true));
        } else if (validVrid && !ipv6Only) {
            virtualMacs.add(new VirtualMac("virtual-mac", ClusterDefaults.defaultVirtualMac(vrid.intValue()), false));
        }
        if (cluster.getIpv6VirtualMac() != null) {
            virtualMacs.add(new VirtualMac("ipv6-virtual-mac",
                ClusterDefaults.normalizedMac(cluster.getIpv6VirtualMac()), true));
        } else if (validVrid && hasIpv6) {
            virtualMacs.add(new VirtualMac("ipv6-virtual-mac", ClusterDefaults.defaultIpv6VirtualMac(vrid.intValue()),
                false));
        }
        return new ClusterUnderCheck(cluster.requireName().getValue(), cluster, gateways, vips,
            List.copyOf(virtualMacs), gatewaySwitches, configured);
    }

    /** The cluster's VLAN id, null when it is untagged. */
    @Nullable Integer vlan() {
        final var vlan = cluster.getVlan();
        return vlan == null ? null : vlan.toJava();
    }

    /**
     * Whether the switches could confuse this cluster's frames with another's: an untagged cluster's flows match
     * frames of any VLAN, a tagged one's only its own.
     */
    boolean vlanOverlaps(final ClusterUnderCheck other) {
        final var vlan = vlan();
        final var otherVlan = other.vlan();
        return vlan == null || otherVlan == null || vlan.equals(otherVlan);
    }

    /**
     * The VLAN two overlapping clusters clash on, as a message says it: empty when neither has one, so that the
     * messages of untagged clusters read as they always have.
     */
    String describeVlanClash(final ClusterUnderCheck other) {
        final var vlan = vlan();
        final var otherVlan = other.vlan();
        if (vlan == null && otherVlan == null) {
            return "";
        }
        if (vlan != null && otherVlan != null) {
            return " on vlan " + vlan;
        }
        return vlan == null
            ? " (this cluster has no vlan: its flows match every vlan, vlan " + otherVlan + " too)"
            : " (cluster '" + other.name() + "' has no vlan: its flows match every vlan, vlan " + vlan + " too)";
    }

    Violation violation(final String field, final String problem) {
        return new Violation(name, field, problem);
    }

    /** IPv4 virtual IPs, without zone index, in order. */
    List<String> ipv4VirtualIps() {
        return virtualIps.stream()
            .map(IpAddress::getIpv4Address)
            .filter(Objects::nonNull)
            .map(ClusterUnderCheck::ipv4Key)
            .toList();
    }

    /** IPv6 virtual IPs that are addresses (others are reported by {@link IpAddressRules#unusableAddresses}). */
    List<Ipv6UnderCheck> ipv6VirtualIps() {
        final var result = new ArrayList<Ipv6UnderCheck>();
        for (var vip : virtualIps) {
            final var ipv6 = vip.getIpv6Address();
            final var address = ipv6 == null ? null : ipv6Key(ipv6);
            if (address != null) {
                result.add(new Ipv6UnderCheck(ipv6.getValue(), address));
            }
        }
        return result;
    }

    /**
     * All virtual IPs as compared, without zone index: an IPv4 one by its text, an IPv6 one in RFC 5952 form (one
     * text per address); one the rules report as no address by its text.
     */
    List<String> virtualIpKeys() {
        return virtualIps.stream().map(ClusterUnderCheck::vipKey).distinct().toList();
    }

    static String vipKey(final IpAddress vip) {
        final var ipv4 = vip.getIpv4Address();
        if (ipv4 != null) {
            return ipv4Key(ipv4);
        }
        final var ipv6 = vip.getIpv6Address();
        final var address = ipv6 == null ? null : ipv6Key(ipv6);
        return address != null ? address.toString() : vip.stringValue();
    }

    /** Whether the cluster has an IPv4 virtual IP. */
    boolean hasIpv4VirtualIp() {
        return virtualIps.stream().anyMatch(vip -> vip.getIpv4Address() != null);
    }

    /** Whether the cluster has an IPv6 virtual IP. */
    boolean hasIpv6VirtualIp() {
        return virtualIps.stream().anyMatch(vip -> vip.getIpv6Address() != null);
    }

    /** The first virtual IP of the family, for messages that say why something is needed. */
    @Nullable String firstVirtualIp(final boolean ipv6) {
        for (var vip : virtualIps) {
            if ((vip.getIpv6Address() != null) == ipv6) {
                return vip.stringValue();
            }
        }
        return null;
    }

    SortedSet<String> allSwitches() {
        final var result = new TreeSet<>(gatewaySwitches);
        result.addAll(configuredSwitches);
        return result;
    }

    String describe(final VirtualMac virtualMac) {
        return virtualMac.configured() ? virtualMac.mac()
            : virtualMac.mac() + " (the default for vrid " + cluster.getVrid() + ")";
    }

    String describeHeartbeat() {
        final long heartbeat = ClusterDefaults.heartbeatIntervalMillis(cluster);
        return cluster.getHeartbeatInterval() != null ? "heartbeat-interval " + heartbeat + " ms"
            : "heartbeat-interval " + heartbeat + " ms (the default)";
    }

    static String gatewayName(final Gateway gateway) {
        return gateway.requireName().getValue();
    }

    static String gatewayField(final Gateway gateway, final String leaf) {
        return "gateway '" + gatewayName(gateway) + "' " + leaf;
    }

    /** An IPv4 address as compared here: without zone index. */
    static String ipv4Key(final Ipv4Address address) {
        final var value = address.getValue();
        final int zone = value.indexOf('%');
        return zone < 0 ? value : value.substring(0, zone);
    }

    /** An IPv6 address as compared here: without zone index; null if the text is no address after all. */
    static @Nullable Ipv6 ipv6Key(final Ipv6Address address) {
        final var value = address.getValue();
        final int zone = value.indexOf('%');
        try {
            return Ipv6.parse(zone < 0 ? value : value.substring(0, zone));
        } catch (IllegalArgumentException e) {
            // the model's pattern admits a few texts that are none, such as a dotted quad with leading zeros
            return null;
        }
    }

    static @Nullable String macKey(final Gateway gateway) {
        final var mac = gateway.getMacAddress();
        return mac == null ? null : ClusterDefaults.normalizedMac(mac);
    }
}
