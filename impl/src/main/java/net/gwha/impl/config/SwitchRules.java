/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.ClusterUnderCheck.gatewayField;
import static net.gwha.impl.config.ClusterUnderCheck.gatewayName;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;

/**
 * The rules on switches and ports: attachments name openflowplugin switches, no two gateways share a port, and two
 * clusters that a switch would confuse (one VRID, one virtual MAC) do not share it.
 */
final class SwitchRules {
    private static final Pattern OPENFLOW_NODE_ID = Pattern.compile("openflow:[0-9]{1,20}");
    // a cluster has a virtual MAC per family at most
    private static final int MAX_VIRTUAL_MACS = 2;

    /** A switch port ({@link #portKey}) and a VRID. */
    private record PortVrid(String port, int vrid) {
    }

    /** A switch and what must not be on it twice (a VRID, a virtual MAC). */
    private record SwitchKey(String node, String what) {
    }

    private SwitchRules() {
        // utility class
    }

    /**
     * Rule 2: no two gateways of a cluster on one switch port (node-id and port-number): the port identifies the
     * gateway a heartbeat came from. Across clusters a port may be shared, as one router runs a VRRP group per
     * subnet on one interface: switch, port, VLAN and VRID then tell the clusters' heartbeats apart, so two
     * clusters on one port must have different VRIDs, or name two different VLANs (an untagged cluster's flows
     * match every VLAN). Within a cluster, reported on the later gateway by name; across
     * clusters, on each.
     */
    static void sharedSwitchPorts(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        // by port and VRID: 250 clusters on one router pair's ports differ in VRID, and only a clash is compared
        final var atPort = new ClusterIndex<PortVrid, Gateway>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            final var vrid = view.cluster().getVrid();
            for (var gateway : view.gateways()) {
                final var port = portKey(gateway);
                if (vrid != null && port != null) {
                    atPort.add(new PortVrid(port, vrid.intValue()), view, order, gateway);
                }
            }
        }
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
                final var vrid = view.cluster().getVrid();
                if (vrid == null) {
                    continue;
                }
                for (var hit : atPort.overlapping(new PortVrid(port, vrid.intValue()), view)) {
                    final var other = hit.cluster();
                    if (other == view) {
                        continue;
                    }
                    out.add(view.violation(gatewayField(gateway, "attachment"), port
                        + " is also the attachment of gateway '" + gatewayName(hit.item())
                        + "' of cluster '" + other.name() + "' with the same vrid " + vrid
                        + view.describeVlanClash(other) + ": clusters that share a port must have different "
                        + (view.vlan() == null && other.vlan() == null ? "vrids" : "vrids or vlans")));
                }
            }
        }
    }

    /**
     * Attachment node ids and {@code switch} entries must be openflowplugin inventory node ids,
     * {@code openflow:<datapath id in decimal>}: anything else matches no switch, and the cluster would silently
     * never be programmed there.
     */
    static void nonOpenflowNodeIds(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
     * Rule 3: a VRID is unique per switch and VLAN. Two clusters with one VRID must not have gateways on the same
     * switch, where their advertisements are punted and matched to clusters by VRID, unless both name a VLAN and
     * the VLANs differ (frames of one never match the other's flows). Reported on both clusters.
     */
    static void vridTwiceOnSwitch(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        final var onSwitch = new ClusterIndex<SwitchKey, Boolean>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            final var vrid = view.cluster().getVrid();
            if (vrid != null) {
                for (var node : view.gatewaySwitches()) {
                    onSwitch.add(new SwitchKey(node, vrid.toString()), view, order, Boolean.TRUE);
                }
            }
        }
        for (var view : clusters) {
            final var vrid = view.cluster().getVrid();
            if (vrid == null) {
                continue;
            }
            // the clusters it clashes with, in name order
            final var others = new TreeMap<Integer, ClusterUnderCheck>();
            for (var node : view.gatewaySwitches()) {
                for (var hit : onSwitch.overlapping(new SwitchKey(node, vrid.toString()), view)) {
                    if (hit.cluster() != view) {
                        others.put(hit.order(), hit.cluster());
                    }
                }
            }
            for (var other : others.values()) {
                final var shared = intersection(view.gatewaySwitches(), other.gatewaySwitches());
                out.add(view.violation("vrid", vrid + " is also the vrid of cluster '" + other.name()
                    + "' on " + describeSwitches(shared) + view.describeVlanClash(other)));
            }
        }
    }

    /**
     * Two clusters with one effective virtual MAC, of either family (the defaults derive from the VRID), must not
     * share any switch, gateways' or hosts', unless both name a VLAN and the VLANs differ: the steering flows match on
     * it (and on the VLAN). Reported on both clusters.
     */
    static void virtualMacTwiceOnSwitch(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        final var allSwitches = new ArrayList<SortedSet<String>>(clusters.size());
        final var onSwitch = new ClusterIndex<SwitchKey, Integer>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            final var switches = view.allSwitches();
            allSwitches.add(switches);
            final var macs = view.virtualMacs();
            for (int which = 0; which < macs.size(); which++) {
                for (var node : switches) {
                    onSwitch.add(new SwitchKey(node, macs.get(which).mac()), view, order, which);
                }
            }
        }
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            final var switches = allSwitches.get(order);
            for (var virtualMac : view.virtualMacs()) {
                // each other cluster's virtual MAC that clashes, in name order, then in its order of virtual MACs
                final var clashes = new TreeMap<Long, ClusterIndex.Hit<Integer>>();
                for (var node : switches) {
                    for (var hit : onSwitch.overlapping(new SwitchKey(node, virtualMac.mac()), view)) {
                        if (hit.cluster() != view) {
                            clashes.putIfAbsent((long) hit.order() * MAX_VIRTUAL_MACS + hit.item(), hit);
                        }
                    }
                }
                for (var hit : clashes.values()) {
                    final var other = hit.cluster();
                    final var otherMac = other.virtualMacs().get(hit.item());
                    final var shared = intersection(switches, allSwitches.get(hit.order()));
                    out.add(view.violation(virtualMac.field(), view.describe(virtualMac) + " is also the "
                        + otherMac.field() + " of cluster '" + other.name() + "' on "
                        + describeSwitches(shared) + view.describeVlanClash(other)));
                }
            }
        }
    }

    /** A gateway's switch port as reported, {@code openflow:1 port 3}, or null when incomplete. */
    private static @Nullable String portKey(final Gateway gateway) {
        final var attachment = gateway.getAttachment();
        if (attachment == null || attachment.getNodeId() == null || attachment.getPortNumber() == null) {
            return null;
        }
        return attachment.getNodeId().getValue() + " port " + attachment.getPortNumber();
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
}
