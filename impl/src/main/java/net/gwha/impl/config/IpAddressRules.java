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
import static net.gwha.impl.config.ClusterUnderCheck.ipv6Key;
import static net.gwha.impl.config.ClusterUnderCheck.vipKey;

import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import net.gwha.impl.engine.Ipv6;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;

/**
 * The rules on IP addresses: virtual IPs and gateway addresses are usable unicast addresses (a gateway's IPv6 one
 * link-local), and none is claimed twice (a VIP by two clusters or by a gateway, an address by two gateways). IPv6
 * addresses are compared as addresses, not as text: {@code 2001:db8::1} and {@code 2001:0DB8:0:0::1} are one.
 */
final class IpAddressRules {
    private IpAddressRules() {
        // utility class
    }

    /**
     * {@code mac-and-ip-rewrite} rewrites IPv4 destinations only (the flow planner and the return path know no
     * IPv6 rewrite), so a cluster with an IPv6 virtual IP steers by MAC alone.
     */
    static void ipv6WithIpRewrite(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var ipv6 = view.firstVirtualIp(true);
            if (ipv6 != null && view.cluster().getSteeringMode() == SteeringMode.MacAndIpRewrite) {
                out.add(view.violation("steering-mode", "mac-and-ip-rewrite rewrites IPv4 addresses only, and the "
                    + "cluster has IPv6 virtual IP " + ipv6 + ": use mac-rewrite"));
            }
        }
    }

    /**
     * Virtual IPs and gateway addresses must be unicast host addresses: an IPv4 one not in 0.0.0.0/8, loopback,
     * multicast, reserved or broadcast; an IPv6 virtual IP not unspecified, loopback, multicast or IPv4-mapped (it
     * may be link-local: the router address hosts learn from Router Advertisements, which keepalived's vrrp_strict
     * wants first, or global); a gateway's ipv6-link-local in fe80::/10. None with a zone index
     * ({@code 192.0.2.1%eth0}), which the types allow and nothing here can use.
     */
    static void unusableAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            for (var vip : view.virtualIps()) {
                final var ipv4 = vip.getIpv4Address();
                if (ipv4 != null) {
                    checkAddress(view, "virtual-ip", ipv4, out);
                }
                final var ipv6 = vip.getIpv6Address();
                if (ipv6 != null) {
                    checkVirtualIpv6(view, ipv6, out);
                }
            }
            for (var gateway : view.gateways()) {
                final var ipv4 = gateway.getIpAddress();
                if (ipv4 != null) {
                    checkAddress(view, gatewayField(gateway, "ip-address"), ipv4, out);
                }
                final var linkLocal = gateway.getIpv6LinkLocal();
                if (linkLocal != null) {
                    checkLinkLocal(view, gateway, linkLocal, out);
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

    private static void checkVirtualIpv6(final ClusterUnderCheck view, final Ipv6Address vip,
            final List<Violation> out) {
        final var address = checkIpv6(view, "virtual-ip", vip, out);
        if (address == null) {
            return;
        }
        final String kind;
        if (address.isUnspecified()) {
            kind = "the unspecified address";
        } else if (address.isLoopback()) {
            kind = "the loopback address";
        } else if (address.isMulticast()) {
            kind = "a multicast address";
        } else if (address.high() == 0 && address.low() >>> 32 == 0xFFFF) {
            kind = "an IPv4-mapped address (::ffff:0:0/96)";
        } else {
            return;
        }
        out.add(view.violation("virtual-ip", vip.getValue() + " is " + kind + ", not a unicast host address"));
    }

    private static void checkLinkLocal(final ClusterUnderCheck view, final Gateway gateway,
            final Ipv6Address linkLocal, final List<Violation> out) {
        final var field = gatewayField(gateway, "ipv6-link-local");
        final var address = checkIpv6(view, field, linkLocal, out);
        if (address != null && !address.isLinkLocal()) {
            out.add(view.violation(field, linkLocal.getValue() + " is not a link-local address (fe80::/10): "
                + "VRRP sends IPv6 advertisements from the gateway's link-local address"));
        }
    }

    /** Reports a zone index or a text that is no address; the address without zone, or null if none. */
    private static @Nullable Ipv6 checkIpv6(final ClusterUnderCheck view, final String field,
            final Ipv6Address address, final List<Violation> out) {
        final var value = address.getValue();
        if (value.indexOf('%') >= 0) {
            out.add(view.violation(field, value + " has a zone index, which is not supported"));
        }
        final var key = ipv6Key(address);
        if (key == null) {
            out.add(view.violation(field, value + " is not an IPv6 address"));
        }
        return key;
    }

    /**
     * Rule 1: a virtual IP must not be the real address of a gateway, of either family. Within a cluster, the
     * gateway's own advertisements and ARP or Neighbor Discovery would claim the VIP. Across clusters it is refused
     * as well: the controller answers for the VIP with this cluster's virtual MAC, hijacking the other cluster's
     * gateway. Reported on the cluster with the VIP and, across clusters, on the gateway's cluster.
     */
    static void virtualIpEqualsGatewayAddress(final List<ClusterUnderCheck> clusters,
            final List<Violation> out) {
        final var ipv4 = new ClusterIndex<String, Gateway>();
        final var ipv6 = new ClusterIndex<Ipv6, Gateway>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            for (var gateway : view.gateways()) {
                final var address = gateway.getIpAddress();
                if (address != null) {
                    ipv4.add(ipv4Key(address), view, order, gateway);
                }
                final var linkLocal = gateway.getIpv6LinkLocal();
                final var key = linkLocal == null ? null : ipv6Key(linkLocal);
                if (key != null) {
                    ipv6.add(key, view, order, gateway);
                }
            }
        }
        for (var view : clusters) {
            for (var vip : view.ipv4VirtualIps()) {
                for (var hit : ipv4.all(vip)) {
                    reportVipOfGateway(view, vip, hit.cluster(), hit.item(), "ip-address",
                        hit.item().requireIpAddress().getValue(), out);
                }
            }
            for (var vip : view.ipv6VirtualIps()) {
                for (var hit : ipv6.all(vip.address())) {
                    reportVipOfGateway(view, vip.describe(), hit.cluster(), hit.item(), "ipv6-link-local",
                        hit.item().requireIpv6LinkLocal().getValue(), out);
                }
            }
        }
    }

    private static void reportVipOfGateway(final ClusterUnderCheck view, final String vip,
            final ClusterUnderCheck other, final Gateway gateway, final String leaf, final String address,
            final List<Violation> out) {
        if (other == view) {
            out.add(view.violation("virtual-ip", vip + " equals the " + leaf + " of gateway '"
                + gatewayName(gateway) + "'"));
        } else {
            out.add(view.violation("virtual-ip", vip + " equals the " + leaf + " of gateway '"
                + gatewayName(gateway) + "' of cluster '" + other.name() + "'"));
            out.add(other.violation(gatewayField(gateway, leaf), address + " equals a virtual-ip of cluster '"
                + view.name() + "'"));
        }
    }

    /**
     * A virtual IP is listed once: IPv6 texts that differ may be one address ({@code 2001:db8::1},
     * {@code 2001:DB8::1}), which the leaf-list keeps apart as text.
     */
    static void virtualIpListedTwice(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var vips = view.virtualIps();
            for (int later = 1; later < vips.size(); later++) {
                final var key = vipKey(vips.get(later));
                for (int earlier = 0; earlier < later; earlier++) {
                    if (key.equals(vipKey(vips.get(earlier)))) {
                        out.add(view.violation("virtual-ip", vips.get(later).stringValue() + " is "
                            + vips.get(earlier).stringValue() + ", listed twice"));
                        break;
                    }
                }
            }
        }
    }

    /**
     * Rule 4: a virtual IP belongs to one cluster; two would both answer ARP or Neighbor Discovery for it and steer
     * its traffic. A link-local one (fe80::/10) only per link: its scope is the link, here the VLAN on every switch
     * that carries it, so clusters on different VLANs may each have fe80::1 as their router. Not per switch: switches
     * joined by links carry one VLAN as one link, and links come and go. An untagged cluster's flows match every
     * VLAN, so it shares its link-local virtual IPs with no cluster.
     */
    static void virtualIpInTwoClusters(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        // each cluster's first virtual IP with each address, by address
        final var byAddress = new ClusterIndex<String, IpAddress>();
        for (int order = 0; order < clusters.size(); order++) {
            final var view = clusters.get(order);
            final var seen = new HashSet<String>();
            for (var vip : view.virtualIps()) {
                final var key = vipKey(vip);
                if (seen.add(key)) {
                    byAddress.add(key, view, order, vip);
                }
            }
        }
        for (var view : clusters) {
            for (var key : view.virtualIpKeys()) {
                final var vip = view.virtualIps().stream().filter(each -> vipKey(each).equals(key)).findFirst()
                    .orElseThrow();
                final var address = vip.getIpv6Address() == null ? null : ipv6Key(vip.getIpv6Address());
                final boolean linkLocal = address != null && address.isLinkLocal();
                for (var hit : byAddress.all(key)) {
                    if (hit.cluster() == view || linkLocal && !view.vlanOverlaps(hit.cluster())) {
                        continue;
                    }
                    final var theirs = hit.item();
                    final var mine = vip.getIpv6Address() == null ? key : vip.stringValue();
                    out.add(view.violation("virtual-ip", mine + " is also a virtual-ip of cluster '"
                        + hit.cluster().name() + "'" + (theirs.stringValue().equals(mine) ? ""
                            : " (as " + theirs.stringValue() + ")")
                        + (linkLocal ? view.describeVlanClash(hit.cluster()) + ": a link-local virtual-ip is unique "
                            + "per link, so clusters that share one must be on different vlans" : "")));
                }
            }
        }
    }

    /**
     * No two gateways of a cluster share an address of either family: heartbeats are matched to gateways by source
     * address, and a tie in priority is broken by it. Reported on the later gateway by name.
     */
    static void duplicateGatewayAddresses(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            duplicates(view, "ip-address", gateway -> {
                final var address = gateway.getIpAddress();
                return address == null ? null : ipv4Key(address);
            }, gateway -> gateway.requireIpAddress().getValue(), out);
            duplicates(view, "ipv6-link-local", gateway -> {
                final var address = gateway.getIpv6LinkLocal();
                final var key = address == null ? null : ipv6Key(address);
                return key == null ? null : key.toString();
            }, gateway -> gateway.requireIpv6LinkLocal().getValue(), out);
        }
    }

    /**
     * Gateways whose addresses in the leaf are one by their {@code key} (null when absent or no address), reported
     * with the {@code text} of the later.
     */
    private static void duplicates(final ClusterUnderCheck view, final String leaf,
            final Function<Gateway, @Nullable String> key, final Function<Gateway, String> text,
            final List<Violation> out) {
        final var gateways = view.gateways();
        for (int later = 1; later < gateways.size(); later++) {
            final var address = key.apply(gateways.get(later));
            for (int earlier = 0; address != null && earlier < later; earlier++) {
                if (address.equals(key.apply(gateways.get(earlier)))) {
                    out.add(view.violation(gatewayField(gateways.get(later), leaf), text.apply(gateways.get(later))
                        + " is also the " + leaf
                        + " of gateway '" + gatewayName(gateways.get(earlier)) + "'"));
                    break;
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
