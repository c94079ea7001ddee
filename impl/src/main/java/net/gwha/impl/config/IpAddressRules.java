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
import static net.gwha.impl.config.ClusterUnderCheck.ipv4Key;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;

/**
 * The rules on IP addresses: virtual IPs and gateway addresses are usable unicast IPv4 addresses, and none is
 * claimed twice (a VIP by two clusters or by a gateway, an address by two gateways).
 */
final class IpAddressRules {
    private IpAddressRules() {
        // utility class
    }

    /** The model admits IPv6 virtual IPs for later; the flow planner and ARP responder handle IPv4 only. */
    static void ipv6VirtualIps(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
    static void unusableAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
    static void virtualIpEqualsGatewayAddress(final List<ClusterUnderCheck> clusters,
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
    static void virtualIpInTwoClusters(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
    static void duplicateGatewayAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
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
}
