/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;

/**
 * A cluster as the {@link ClusterValidator} rules read it: sorted, normalized, defaults applied; and how they name
 * what they report.
 *
 * @param name the cluster's name
 * @param cluster the binding
 * @param gateways gateways by name
 * @param virtualIps virtual IPs by their text
 * @param virtualMac the effective virtual MAC in lower case, null when neither it nor a valid VRID is set
 * @param gatewaySwitches node ids of the gateways' switches
 * @param configuredSwitches the {@code switch} entries
 */
record ClusterUnderCheck(String name, Cluster cluster, List<Gateway> gateways, List<IpAddress> virtualIps,
        @Nullable String virtualMac, SortedSet<String> gatewaySwitches, SortedSet<String> configuredSwitches) {

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
        final String virtualMac = cluster.getVirtualMac() != null
            ? ClusterDefaults.normalizedMac(cluster.getVirtualMac())
            : vrid == null || vrid.intValue() < 1 ? null : ClusterDefaults.defaultVirtualMac(vrid.intValue());
        return new ClusterUnderCheck(cluster.requireName().getValue(), cluster, gateways, vips, virtualMac,
            gatewaySwitches, configured);
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

    /** All virtual IPs as compared: IPv4 without zone, IPv6 by its text in lower case (refused anyway). */
    List<String> virtualIpKeys() {
        return virtualIps.stream()
            .map(vip -> {
                final var ipv4 = vip.getIpv4Address();
                return ipv4 != null ? ipv4Key(ipv4) : vip.stringValue().toLowerCase(Locale.ROOT);
            })
            .distinct()
            .toList();
    }

    SortedSet<String> allSwitches() {
        final var result = new TreeSet<>(gatewaySwitches);
        result.addAll(configuredSwitches);
        return result;
    }

    String describeVirtualMac() {
        return cluster.getVirtualMac() != null ? String.valueOf(virtualMac)
            : virtualMac + " (the default for vrid " + cluster.getVrid() + ")";
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

    static @Nullable String macKey(final Gateway gateway) {
        final var mac = gateway.getMacAddress();
        return mac == null ? null : ClusterDefaults.normalizedMac(mac);
    }
}
