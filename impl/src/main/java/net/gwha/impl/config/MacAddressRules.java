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
import static net.gwha.impl.config.ClusterUnderCheck.macKey;

import java.util.HexFormat;
import java.util.List;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;

/**
 * The rules on MAC addresses: the virtual MACs (IPv4 and IPv6) and gateway MACs are unicast, no two gateways of a
 * cluster share one, and no virtual MAC is a gateway's.
 */
final class MacAddressRules {
    private MacAddressRules() {
        // utility class
    }

    /**
     * No two gateways of a cluster share a MAC: steering rewrites to the active gateway's MAC, and heartbeats
     * are matched by source MAC. Compared case-insensitively; reported on the later gateway by name.
     */
    static void duplicateGatewayMacs(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
     * The virtual MACs and gateway MACs must be unicast: hosts cannot use a group (multicast or broadcast) address
     * as a next hop, and a switch floods it. The all-zero MAC is refused too.
     */
    static void groupMacs(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var virtualMac : view.virtualMacs()) {
                if (virtualMac.configured()) {
                    checkUnicastMac(view, virtualMac.field(), virtualMac.mac(), out);
                }
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
     * No (effective) virtual MAC may be a gateway's real MAC, of this cluster or any other: steering rewrites
     * frames to the virtual MAC, so that gateway's own traffic would be captured. Across clusters, reported on both.
     */
    static void virtualMacEqualsGatewayMac(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        final var gatewayMacs = new ClusterIndex<String, Gateway>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            for (var gateway : view.gateways()) {
                final var mac = macKey(gateway);
                if (mac != null) {
                    gatewayMacs.add(mac, view, order, gateway);
                }
            }
        }
        for (var view : clusters) {
            for (var virtualMac : view.virtualMacs()) {
                for (var hit : gatewayMacs.all(virtualMac.mac())) {
                    final var other = hit.cluster();
                    final var gateway = hit.item();
                    if (other == view) {
                        out.add(view.violation(virtualMac.field(), view.describe(virtualMac)
                            + " equals the mac-address of gateway '" + gatewayName(gateway) + "'"));
                    } else {
                        out.add(view.violation(virtualMac.field(), view.describe(virtualMac)
                            + " equals the mac-address of gateway '" + gatewayName(gateway) + "' of cluster '"
                            + other.name() + "'"));
                        out.add(other.violation(gatewayField(gateway, "mac-address"), virtualMac.mac()
                            + " equals the " + virtualMac.field() + " of cluster '" + view.name() + "'"));
                    }
                }
            }
        }
    }
}
