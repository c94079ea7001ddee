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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;

/**
 * Checks a proposed {@code clusters} configuration for what the YANG types cannot express and OpenDaylight's
 * datastore does not enforce ({@code must}, {@code min-elements}, uniqueness across list entries).
 *
 * <p>{@link #validate(Clusters)} is a pure function of the complete proposed container: no datastore, no state.
 * It never throws on odd input (absent mandatory leaves are themselves reported), so a commit cohort can call it
 * on any proposal.
 *
 * <p>The rules, in the order their violations are listed for each cluster:
 * <ol>
 *   <li>{@link #requiredValues}: mandatory leaves and at least one virtual IP are present</li>
 *   <li>{@link #tooFewGateways}: at least two gateways</li>
 *   <li>{@link #ipv6VirtualIps}: IPv6 virtual IPs are refused until the data plane supports them</li>
 *   <li>{@link #unusableAddresses}: virtual IPs and gateway addresses are unicast host addresses without zone</li>
 *   <li>{@link #virtualIpEqualsGatewayAddress}: no virtual IP is the address of any gateway, of any cluster</li>
 *   <li>{@link #virtualIpInTwoClusters}: no virtual IP belongs to two clusters</li>
 *   <li>{@link #duplicateGatewayAddresses}: no two gateways of a cluster share an address</li>
 *   <li>{@link #duplicateGatewayMacs}: no two gateways of a cluster share a MAC</li>
 *   <li>{@link #sharedSwitchPorts}: no two gateways on one switch port, within a cluster or across clusters</li>
 *   <li>{@link #nonOpenflowNodeIds}: attachment node ids and switches are openflowplugin node ids</li>
 *   <li>{@link #groupMacs}: the virtual MAC and gateway MACs are unicast</li>
 *   <li>{@link #virtualMacEqualsGatewayMac}: the virtual MAC is no gateway's MAC, of any cluster</li>
 *   <li>{@link #vridTwiceOnSwitch}: two clusters with one VRID do not share a gateway switch</li>
 *   <li>{@link #virtualMacTwiceOnSwitch}: two clusters with one virtual MAC do not share any switch</li>
 *   <li>{@link #heartbeatNotAdvertisable}: the heartbeat interval fits a VRRPv3 advertisement</li>
 *   <li>{@link #deadIntervalTooShort}: the dead interval is longer than the heartbeat interval</li>
 *   <li>{@link #floorTooShort}: the adaptive detector's floor is longer than the heartbeat interval</li>
 * </ol>
 *
 * <p>Order: violations are grouped by cluster name, then listed in rule order; within a rule, by virtual IP or
 * gateway name, then by the other cluster's name. A conflict between two clusters is reported on each of them,
 * worded from its side, so a caller that shows only the clusters a transaction touched still sees it.
 */
public final class ClusterValidator {
    /** One rule: appends its violations for all clusters, which are sorted by name. */
    @FunctionalInterface
    private interface Rule {
        void check(List<ClusterUnderCheck> clusters, List<Violation> out);
    }

    private static final List<Rule> RULES = List.of(
        ClusterValidator::requiredValues,
        ClusterValidator::tooFewGateways,
        ClusterValidator::ipv6VirtualIps,
        ClusterValidator::unusableAddresses,
        ClusterValidator::virtualIpEqualsGatewayAddress,
        ClusterValidator::virtualIpInTwoClusters,
        ClusterValidator::duplicateGatewayAddresses,
        ClusterValidator::duplicateGatewayMacs,
        ClusterValidator::sharedSwitchPorts,
        ClusterValidator::nonOpenflowNodeIds,
        ClusterValidator::groupMacs,
        ClusterValidator::virtualMacEqualsGatewayMac,
        ClusterValidator::vridTwiceOnSwitch,
        ClusterValidator::virtualMacTwiceOnSwitch,
        ClusterValidator::heartbeatNotAdvertisable,
        ClusterValidator::deadIntervalTooShort,
        ClusterValidator::floorTooShort);

    /** Gateways a cluster needs: one to be active, one to take over. */
    static final int MIN_GATEWAYS = 2;
    /** VRRPv3 carries the advertisement interval in centiseconds ... */
    static final long ADVERTISEMENT_UNIT_MILLIS = 10;
    /** ... in a 12-bit field (RFC 5798 section 5.2.7). */
    static final long MAX_ADVERTISEMENT_INTERVAL_MILLIS = 4095 * ADVERTISEMENT_UNIT_MILLIS;

    private static final Pattern OPENFLOW_NODE_ID = Pattern.compile("openflow:[0-9]{1,20}");

    private ClusterValidator() {
        // utility class
    }

    /**
     * Checks a complete proposed configuration.
     *
     * @param clusters the proposed {@code clusters} container; {@code null} or empty when there is none
     * @return the violations in a deterministic order, empty when the configuration is valid
     */
    public static List<Violation> validate(final @Nullable Clusters clusters) {
        if (clusters == null) {
            return List.of();
        }
        final var views = clusters.nonnullCluster().values().stream()
            .map(ClusterUnderCheck::of)
            .sorted(Comparator.comparing(ClusterUnderCheck::name))
            .toList();
        final var out = new ArrayList<Violation>();
        for (var rule : RULES) {
            rule.check(views, out);
        }
        // stable: within a cluster, rule order is kept
        out.sort(Comparator.comparing(Violation::cluster));
        return List.copyOf(out);
    }

    /**
     * Mandatory leaves the datastore may not have enforced, and {@code virtual-ip}'s {@code min-elements 1}.
     * Other rules skip what is absent, so an absent value is reported here only.
     */
    private static void requiredValues(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var cluster = view.cluster();
            if (cluster.getVrid() == null) {
                out.add(view.violation("vrid", "is missing"));
            }
            if (view.virtualIps().isEmpty()) {
                out.add(view.violation("virtual-ip", "is missing: a cluster needs at least one virtual IP"));
            }
            for (var gateway : view.gateways()) {
                if (gateway.getPriority() == null) {
                    out.add(view.violation(gatewayField(gateway, "priority"), "is missing"));
                }
                if (gateway.getIpAddress() == null) {
                    out.add(view.violation(gatewayField(gateway, "ip-address"), "is missing"));
                }
                if (gateway.getMacAddress() == null) {
                    out.add(view.violation(gatewayField(gateway, "mac-address"), "is missing"));
                }
                final var attachment = gateway.getAttachment();
                if (attachment == null || attachment.getNodeId() == null) {
                    out.add(view.violation(gatewayField(gateway, "attachment node-id"), "is missing"));
                }
                if (attachment == null || attachment.getPortNumber() == null) {
                    out.add(view.violation(gatewayField(gateway, "attachment port-number"), "is missing"));
                }
            }
        }
    }

    /** Rule 5: {@code min-elements 2} on {@code gateway}; with fewer there is nothing to fail over to. */
    private static void tooFewGateways(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final int count = view.gateways().size();
            if (count < MIN_GATEWAYS) {
                out.add(view.violation("gateway", "count is " + count + ": a cluster needs at least " + MIN_GATEWAYS
                    + " gateways"));
            }
        }
    }

    /** The model admits IPv6 virtual IPs for later; the flow planner and ARP responder handle IPv4 only. */
    private static void ipv6VirtualIps(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var vip : view.virtualIps()) {
                if (vip.getIpv4Address() == null) {
                    out.add(view.violation("virtual-ip", vip.stringValue()
                        + " is IPv6: IPv6 virtual IPs are not supported by the data plane yet"));
                }
            }
        }
    }

    /**
     * Virtual IPs and gateway addresses must be unicast host addresses: not in 0.0.0.0/8, loopback, multicast,
     * reserved or broadcast; and without a zone index ({@code 192.0.2.1%eth0}), which the types allow and
     * nothing here can use.
     */
    private static void unusableAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var vip : view.virtualIps()) {
                final var ipv4 = vip.getIpv4Address();
                if (ipv4 != null) {
                    checkAddress(view, "virtual-ip", ipv4, out);
                }
            }
            for (var gateway : view.gateways()) {
                final var ipv4 = gateway.getIpAddress();
                if (ipv4 != null) {
                    checkAddress(view, gatewayField(gateway, "ip-address"), ipv4, out);
                }
            }
        }
    }

    private static void checkAddress(final ClusterUnderCheck view, final String field, final Ipv4Address address,
            final List<Violation> out) {
        final var value = address.getValue();
        if (value.indexOf('%') >= 0) {
            out.add(view.violation(field, value + " has a zone index, which is not supported"));
        }
        final var kind = nonUnicastKind(ipv4Key(address));
        if (kind != null) {
            out.add(view.violation(field, value + " is " + kind + ", not a unicast host address"));
        }
    }

    /**
     * Rule 1: a virtual IP must not be the real address of a gateway. Within a cluster, the gateway's own
     * advertisements and ARP would claim the VIP. Across clusters it is refused as well: the controller answers
     * ARP for the VIP with this cluster's virtual MAC, hijacking the other cluster's gateway. Reported on the
     * cluster with the VIP and, across clusters, on the gateway's cluster.
     */
    private static void virtualIpEqualsGatewayAddress(final List<ClusterUnderCheck> clusters,
            final List<Violation> out) {
        for (var view : clusters) {
            for (var vip : view.ipv4VirtualIps()) {
                for (var other : clusters) {
                    for (var gateway : other.gateways()) {
                        final var address = gateway.getIpAddress();
                        if (address == null || !ipv4Key(address).equals(vip)) {
                            continue;
                        }
                        if (other == view) {
                            out.add(view.violation("virtual-ip", vip + " equals the ip-address of gateway '"
                                + gatewayName(gateway) + "'"));
                        } else {
                            out.add(view.violation("virtual-ip", vip + " equals the ip-address of gateway '"
                                + gatewayName(gateway) + "' of cluster '" + other.name() + "'"));
                            out.add(other.violation(gatewayField(gateway, "ip-address"), address.getValue()
                                + " equals a virtual-ip of cluster '" + view.name() + "'"));
                        }
                    }
                }
            }
        }
    }

    /** Rule 4: a virtual IP belongs to one cluster; two would both answer ARP for it and steer its traffic. */
    private static void virtualIpInTwoClusters(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var vip : view.virtualIpKeys()) {
                for (var other : clusters) {
                    if (other != view && other.virtualIpKeys().contains(vip)) {
                        out.add(view.violation("virtual-ip", vip + " is also a virtual-ip of cluster '"
                            + other.name() + "'"));
                    }
                }
            }
        }
    }

    /**
     * No two gateways of a cluster share an address: heartbeats are matched to gateways by source address, and
     * a tie in priority is broken by it. Reported on the later gateway by name.
     */
    private static void duplicateGatewayAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var gateways = view.gateways();
            for (int later = 1; later < gateways.size(); later++) {
                final var address = gateways.get(later).getIpAddress();
                for (int earlier = 0; address != null && earlier < later; earlier++) {
                    final var earlierAddress = gateways.get(earlier).getIpAddress();
                    if (earlierAddress != null && ipv4Key(earlierAddress).equals(ipv4Key(address))) {
                        out.add(view.violation(gatewayField(gateways.get(later), "ip-address"), address.getValue()
                            + " is also the ip-address of gateway '" + gatewayName(gateways.get(earlier)) + "'"));
                        break;
                    }
                }
            }
        }
    }

    /**
     * No two gateways of a cluster share a MAC: steering rewrites to the active gateway's MAC, and heartbeats
     * are matched by source MAC. Compared case-insensitively; reported on the later gateway by name.
     */
    private static void duplicateGatewayMacs(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var gateways = view.gateways();
            for (int later = 1; later < gateways.size(); later++) {
                final var mac = macKey(gateways.get(later));
                for (int earlier = 0; mac != null && earlier < later; earlier++) {
                    if (mac.equals(macKey(gateways.get(earlier)))) {
                        out.add(view.violation(gatewayField(gateways.get(later), "mac-address"), mac
                            + " is also the mac-address of gateway '" + gatewayName(gateways.get(earlier)) + "'"));
                        break;
                    }
                }
            }
        }
    }

    /**
     * Rule 2: no two gateways on one switch port (node-id and port-number), within a cluster or across clusters:
     * port-down would fail both, and the port identifies the gateway a heartbeat came from. Within a cluster,
     * reported on the later gateway by name; across clusters, on each.
     */
    private static void sharedSwitchPorts(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var gateways = view.gateways();
            for (int index = 0; index < gateways.size(); index++) {
                final var gateway = gateways.get(index);
                final var port = portKey(gateway);
                if (port == null) {
                    continue;
                }
                for (int earlier = 0; earlier < index; earlier++) {
                    if (port.equals(portKey(gateways.get(earlier)))) {
                        out.add(view.violation(gatewayField(gateway, "attachment"), port
                            + " is also the attachment of gateway '" + gatewayName(gateways.get(earlier)) + "'"));
                        break;
                    }
                }
                for (var other : clusters) {
                    if (other == view) {
                        continue;
                    }
                    for (var otherGateway : other.gateways()) {
                        if (port.equals(portKey(otherGateway))) {
                            out.add(view.violation(gatewayField(gateway, "attachment"), port
                                + " is also the attachment of gateway '" + gatewayName(otherGateway)
                                + "' of cluster '" + other.name() + "'"));
                        }
                    }
                }
            }
        }
    }

    /**
     * Attachment node ids and {@code switch} entries must be openflowplugin inventory node ids,
     * {@code openflow:<datapath id in decimal>}: anything else matches no switch, and the cluster would silently
     * never be programmed there.
     */
    private static void nonOpenflowNodeIds(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var gateway : view.gateways()) {
                final var attachment = gateway.getAttachment();
                final var nodeId = attachment == null ? null : attachment.getNodeId();
                if (nodeId != null && !isOpenflowNodeId(nodeId.getValue())) {
                    out.add(view.violation(gatewayField(gateway, "attachment node-id"), "'" + nodeId.getValue()
                        + "' is not an openflowplugin node id such as openflow:1"));
                }
            }
            for (var nodeId : view.configuredSwitches()) {
                if (!isOpenflowNodeId(nodeId)) {
                    out.add(view.violation("switch", "'" + nodeId
                        + "' is not an openflowplugin node id such as openflow:1"));
                }
            }
        }
    }

    /**
     * The virtual MAC and gateway MACs must be unicast: hosts cannot use a group (multicast or broadcast) address
     * as a next hop, and a switch floods it. The all-zero MAC is refused too.
     */
    private static void groupMacs(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var virtualMac = view.cluster().getVirtualMac();
            if (virtualMac != null) {
                checkUnicastMac(view, "virtual-mac", ClusterDefaults.normalizedMac(virtualMac), out);
            }
            for (var gateway : view.gateways()) {
                final var mac = macKey(gateway);
                if (mac != null) {
                    checkUnicastMac(view, gatewayField(gateway, "mac-address"), mac, out);
                }
            }
        }
    }

    private static void checkUnicastMac(final ClusterUnderCheck view, final String field, final String mac,
            final List<Violation> out) {
        final String kind;
        if ("ff:ff:ff:ff:ff:ff".equals(mac)) {
            kind = "the broadcast address";
        } else if ((HexFormat.fromHexDigits(mac, 0, 2) & 1) != 0) {
            kind = "a multicast address";
        } else if ("00:00:00:00:00:00".equals(mac)) {
            kind = "the all-zero address";
        } else {
            return;
        }
        out.add(view.violation(field, mac + " is " + kind + ", not a unicast MAC"));
    }

    /**
     * The (effective) virtual MAC must not be a gateway's real MAC, of this cluster or any other: steering
     * rewrites frames to the virtual MAC, so that gateway's own traffic would be captured. Across clusters,
     * reported on both.
     */
    private static void virtualMacEqualsGatewayMac(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var virtualMac = view.virtualMac();
            if (virtualMac == null) {
                continue;
            }
            for (var other : clusters) {
                for (var gateway : other.gateways()) {
                    if (!virtualMac.equals(macKey(gateway))) {
                        continue;
                    }
                    if (other == view) {
                        out.add(view.violation("virtual-mac", view.describeVirtualMac()
                            + " equals the mac-address of gateway '" + gatewayName(gateway) + "'"));
                    } else {
                        out.add(view.violation("virtual-mac", view.describeVirtualMac()
                            + " equals the mac-address of gateway '" + gatewayName(gateway) + "' of cluster '"
                            + other.name() + "'"));
                        out.add(other.violation(gatewayField(gateway, "mac-address"), virtualMac
                            + " equals the virtual-mac of cluster '" + view.name() + "'"));
                    }
                }
            }
        }
    }

    /**
     * Rule 3: a VRID is unique per switch. Two clusters with one VRID must not have gateways on the same switch,
     * where their advertisements are punted and matched to clusters by VRID. Reported on both clusters.
     */
    private static void vridTwiceOnSwitch(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var vrid = view.cluster().getVrid();
            if (vrid == null) {
                continue;
            }
            for (var other : clusters) {
                if (other != view && vrid.equals(other.cluster().getVrid())) {
                    final var shared = intersection(view.gatewaySwitches(), other.gatewaySwitches());
                    if (!shared.isEmpty()) {
                        out.add(view.violation("vrid", vrid + " is also the vrid of cluster '" + other.name()
                            + "' on " + describeSwitches(shared)));
                    }
                }
            }
        }
    }

    /**
     * Two clusters with one effective virtual MAC (which the default derives from the VRID) must not share any
     * switch, gateways' or hosts': the steering flows match on it. Reported on both clusters.
     */
    private static void virtualMacTwiceOnSwitch(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var virtualMac = view.virtualMac();
            if (virtualMac == null) {
                continue;
            }
            for (var other : clusters) {
                if (other != view && virtualMac.equals(other.virtualMac())) {
                    final var shared = intersection(view.allSwitches(), other.allSwitches());
                    if (!shared.isEmpty()) {
                        out.add(view.violation("virtual-mac", view.describeVirtualMac()
                            + " is also the virtual-mac of cluster '" + other.name() + "' on "
                            + describeSwitches(shared)));
                    }
                }
            }
        }
    }

    /**
     * The gateways advertise the heartbeat interval in VRRPv3, in whole centiseconds up to 4095: an interval
     * that is no multiple of 10 ms, or longer than 40950 ms, cannot be configured on them.
     */
    private static void heartbeatNotAdvertisable(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final long heartbeat = ClusterDefaults.heartbeatIntervalMillis(view.cluster());
            if (heartbeat % ADVERTISEMENT_UNIT_MILLIS != 0) {
                out.add(view.violation("heartbeat-interval", heartbeat
                    + " ms is not a multiple of 10 ms: VRRPv3 advertises the interval in centiseconds"));
            }
            if (heartbeat > MAX_ADVERTISEMENT_INTERVAL_MILLIS) {
                out.add(view.violation("heartbeat-interval", heartbeat + " ms is longer than "
                    + MAX_ADVERTISEMENT_INTERVAL_MILLIS + " ms, the longest interval VRRPv3 can advertise"));
            }
        }
    }

    /**
     * An explicit dead interval must be longer than the heartbeat interval; at or below it, every late heartbeat
     * is a failover. (Refuses equality too: stricter than "dead-interval &lt; heartbeat-interval".)
     */
    private static void deadIntervalTooShort(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var dead = view.cluster().getDeadInterval();
            if (dead != null && dead.toJava() <= ClusterDefaults.heartbeatIntervalMillis(view.cluster())) {
                out.add(view.violation("dead-interval", dead + " ms is not longer than " + view.describeHeartbeat()
                    + ": every late heartbeat would be a failover"));
            }
        }
    }

    /**
     * An explicit adaptive-detector floor must be longer than the heartbeat interval, for the same reason as the
     * dead interval. Checked whatever the detector type, as the value is wrong either way.
     */
    private static void floorTooShort(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var detector = view.cluster().getFailureDetector();
            final var floor = detector == null ? null : detector.getFloor();
            if (floor != null && floor.toJava() <= ClusterDefaults.heartbeatIntervalMillis(view.cluster())) {
                out.add(view.violation("failure-detector floor", floor + " ms is not longer than "
                    + view.describeHeartbeat() + ": every late heartbeat would be a failover"));
            }
        }
    }

    private static String gatewayName(final Gateway gateway) {
        return gateway.requireName().getValue();
    }

    private static String gatewayField(final Gateway gateway, final String leaf) {
        return "gateway '" + gatewayName(gateway) + "' " + leaf;
    }

    /** An IPv4 address as compared here: without zone index. */
    private static String ipv4Key(final Ipv4Address address) {
        final var value = address.getValue();
        final int zone = value.indexOf('%');
        return zone < 0 ? value : value.substring(0, zone);
    }

    private static @Nullable String macKey(final Gateway gateway) {
        final var mac = gateway.getMacAddress();
        return mac == null ? null : ClusterDefaults.normalizedMac(mac);
    }

    /** A gateway's switch port as reported, {@code openflow:1 port 3}, or null when incomplete. */
    private static @Nullable String portKey(final Gateway gateway) {
        final var attachment = gateway.getAttachment();
        if (attachment == null || attachment.getNodeId() == null || attachment.getPortNumber() == null) {
            return null;
        }
        return attachment.getNodeId().getValue() + " port " + attachment.getPortNumber();
    }

    /** What kind of non-unicast address a valid dotted-quad is, or null for a unicast host address. */
    private static @Nullable String nonUnicastKind(final String dottedQuad) {
        final int first = Integer.parseInt(dottedQuad.substring(0, dottedQuad.indexOf('.')));
        if (first == 0) {
            return "in 0.0.0.0/8 (this network)";
        } else if (first == 127) {
            return "a loopback address";
        } else if (first >= 224 && first <= 239) {
            return "a multicast address";
        } else if ("255.255.255.255".equals(dottedQuad)) {
            return "the broadcast address";
        } else if (first >= 240) {
            return "a reserved address (240.0.0.0/4)";
        }
        return null;
    }

    private static boolean isOpenflowNodeId(final String nodeId) {
        if (!OPENFLOW_NODE_ID.matcher(nodeId).matches()) {
            return false;
        }
        try {
            Long.parseUnsignedLong(nodeId.substring("openflow:".length()));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static SortedSet<String> intersection(final SortedSet<String> first, final SortedSet<String> second) {
        final var result = new TreeSet<>(first);
        result.retainAll(second);
        return result;
    }

    private static String describeSwitches(final SortedSet<String> switches) {
        return (switches.size() == 1 ? "switch " : "switches ") + String.join(", ", switches);
    }

    /**
     * A cluster as the rules read it: sorted, normalized, defaults applied.
     *
     * @param name the cluster's name
     * @param cluster the binding
     * @param gateways gateways by name
     * @param virtualIps virtual IPs by their text
     * @param virtualMac the effective virtual MAC in lower case, null when neither it nor the VRID is set
     * @param gatewaySwitches node ids of the gateways' switches
     * @param configuredSwitches the {@code switch} entries
     */
    private record ClusterUnderCheck(String name, Cluster cluster, List<Gateway> gateways, List<IpAddress> virtualIps,
            @Nullable String virtualMac, SortedSet<String> gatewaySwitches, SortedSet<String> configuredSwitches) {

        static ClusterUnderCheck of(final Cluster cluster) {
            final var gateways = cluster.nonnullGateway().values().stream()
                .sorted(Comparator.comparing(ClusterValidator::gatewayName))
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
            final String virtualMac = cluster.getVirtualMac() == null && cluster.getVrid() == null ? null
                : ClusterDefaults.virtualMac(cluster);
            return new ClusterUnderCheck(cluster.requireName().getValue(), cluster, gateways, vips, virtualMac,
                gatewaySwitches, configured);
        }

        Violation violation(final String field, final String problem) {
            return new Violation(name, field, problem);
        }

        /** IPv4 virtual IPs, without zone index, in order. */
        List<String> ipv4VirtualIps() {
            return virtualIps.stream()
                .map(IpAddress::getIpv4Address)
                .filter(Objects::nonNull)
                .map(ClusterValidator::ipv4Key)
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
    }
}
