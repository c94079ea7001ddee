/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.FlowEntries.output;
import static net.gwha.impl.steering.FlowIds.flowId;
import static net.gwha.impl.steering.FlowIds.meterId;
import static net.gwha.impl.steering.FlowIds.sharedCookie;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_ARP_REPLY;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_FORGED_IP;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_FORGED_MAC;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_GUARD;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_PUNT;
import static net.gwha.impl.steering.FlowPlanner.connector;
import static net.gwha.impl.steering.FlowPlanner.node;
import static net.gwha.impl.steering.FlowPlanner.put;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.gwha.impl.config.ClusterDefaults.MeterBand;
import net.gwha.impl.steering.FlowPlanner.Host;
import net.gwha.impl.steering.PuntShares.Address;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;

/**
 * The part of a cluster's plan that brings packets to the controller, or keeps them from the gateways: heartbeat
 * punts through each gateway port's meter, forgery and ARP punts through the cluster's shared meter, the ARP guards
 * and the switch-side ARP replies ({@link FlowPlanner} lists them). Pure.
 *
 * <p>The heartbeat punt of a gateway port and the forgery punts of a gateway's MAC and address match nothing of
 * the cluster's own, so several clusters whose gateways share a port (a router running a VRRP group per subnet on
 * one interface) would plan the same match at the same priority, which a switch holds once: whichever cluster
 * wrote it last would own it, and deleting that cluster would take it from the others. They are therefore shared
 * flows ({@code gwha--}, the shared cookie), named after what they match, and every cluster that needs one plans it
 * alike from the configuration of all of them, summed up in {@link PuntShares}: a port's punt goes through one meter
 * sized for every cluster's heartbeats there, the meter of the gateway there of the cluster with the lowest VRID; a
 * forgery punt through the shared meter of the lowest VRID among the clusters on that switch with that gateway MAC
 * or address. The flow stays while any of them plans it.
 *
 * <p>A VLAN cluster's flows all match its VLAN, so its shared flows are those of the clusters on that VLAN and carry
 * it in their name ({@code gwha--vrrp-<port>-vlan<id>}): clusters with one VRID on two VLANs of a port plan two.
 *
 * @param vlan the cluster's VLAN id, 0 when it names none
 * @param gateways every gateway of the cluster
 * @param shares what every configured cluster, this one included, puts into the shared flows
 */
record PuntFlows(String cluster, FlowCookie cookie, int vrid, int vlan, MacAddress vmac, List<String> vips,
        List<String> vips6, List<Gateway> gateways, MeterBand sharedBand, PuntShares shares) {
    PuntFlows {
        vips = List.copyOf(vips);
        vips6 = List.copyOf(vips6);
        gateways = List.copyOf(gateways);
    }

    /** Adds what one switch holds to its flows and meters. */
    void plan(final String node, final Collection<Host> hosts, final Map<String, Flow> flows,
            final Map<Long, Meter> meters) {
        final long sharedMeter = meterId(vlan, vrid, 0);
        final var suffix = vlan == 0 ? "" : "-vlan" + vlan;
        meters.put(sharedMeter, FlowEntries.meter(flowId(cluster, "punt-meter"), sharedMeter, sharedBand.rate(),
            sharedBand.burst()));
        for (var gw : gateways) {
            final var gwName = gw.getName().getValue();
            if (node(gw).equals(node)) {
                heartbeatPunt(gw, suffix, flows, meters);
                for (var vip : vips) {
                    put(flows, flowId(cluster, "guard-" + gwName + "-" + vip), PRIORITY_GUARD, cookie,
                        Matches.onVlan(Matches.arpSentFrom(connector(gw), vip), vlan), OptionalLong.empty(),
                        List.of());
                }
                // The IPv6 counterpart of the ARP guard: no gateway advertises itself as a virtual IP's neighbour.
                for (var vip : vips6) {
                    put(flows, flowId(cluster, "na-guard-" + gwName + "-" + vip), PRIORITY_GUARD, cookie,
                        Matches.onVlan(Matches.neighborAdvertisementFrom(connector(gw), vip), vlan),
                        OptionalLong.empty(), List.of());
                }
                // Hosts take every Router Advertisement's source as a router: one from the gateway's own
                // link-local would have them route around the virtual router, out of the controller's reach.
                final var linkLocal = PuntShares.linkLocal(gw);
                if (!vips6.isEmpty() && linkLocal != null) {
                    put(flows, flowId(cluster, "ra-guard-" + gwName), PRIORITY_GUARD, cookie,
                        Matches.onVlan(Matches.routerAdvertisementFrom(connector(gw), linkLocal), vlan),
                        OptionalLong.empty(), List.of());
                }
            }
            final var mac = PuntShares.mac(gw);
            put(flows, FlowIds.SHARED_PREFIX + "forged-" + mac.replace(":", "") + suffix, PRIORITY_FORGED_MAC,
                sharedCookie(), Matches.onVlan(Matches.vrrpFrom(new MacAddress(mac)), vlan),
                OptionalLong.of(sharedMeterOf(node, Address.MAC, mac)), List.of(output("CONTROLLER")));
            if (gw.getIpAddress() != null) {
                final var ip = gw.getIpAddress().getValue();
                put(flows, FlowIds.SHARED_PREFIX + "forged-" + ip + suffix, PRIORITY_FORGED_IP, sharedCookie(),
                    Matches.onVlan(Matches.vrrpFrom(ip), vlan),
                    OptionalLong.of(sharedMeterOf(node, Address.IPV4, ip)), List.of(output("CONTROLLER")));
            }
            if (!vips6.isEmpty()) {
                forged6(node, gw, mac, suffix, flows);
            }
        }
        for (var vip : vips) {
            put(flows, flowId(cluster, "arp-" + vip), PRIORITY_PUNT, cookie,
                Matches.onVlan(Matches.arpRequestFor(vip), vlan), OptionalLong.of(sharedMeter),
                List.of(output("CONTROLLER")));
        }
        for (var vip : vips6) {
            put(flows, flowId(cluster, "ns-" + vip), PRIORITY_PUNT, cookie,
                Matches.onVlan(Matches.neighborSolicitationFor(vip), vlan), OptionalLong.of(sharedMeter),
                List.of(output("CONTROLLER")));
        }
        for (var host : hosts) {
            if (host.node().equals(node) && vips.contains(host.vip())) {
                put(flows, flowId(cluster, "arp-reply-" + host.vip() + "-" + host.mac().getValue().replace(":", "")),
                    PRIORITY_ARP_REPLY, cookie, FlowPlanner.HOST_IDLE_SECONDS,
                    Matches.onVlan(Matches.arpRequestFrom(host.mac(), host.ip(), host.vip()), vlan),
                    OptionalLong.empty(), FlowEntries.answerArp(vmac, host.vip(), host.mac(), host.ip()));
            }
        }
    }

    /**
     * The forgery punts of a gateway's IPv6 advertisements: its MAC, and its link-local address if it has one, as
     * source from any other port.
     */
    private void forged6(final String node, final Gateway gw, final String mac, final String suffix,
            final Map<String, Flow> flows) {
        put(flows, FlowIds.SHARED_PREFIX + "forged6-" + mac.replace(":", "") + suffix, PRIORITY_FORGED_MAC,
            sharedCookie(), Matches.onVlan(Matches.vrrp6From(new MacAddress(mac)), vlan),
            OptionalLong.of(sharedMeterOf(node, Address.MAC, mac)), List.of(output("CONTROLLER")));
        final var linkLocal = PuntShares.linkLocal(gw);
        if (linkLocal != null) {
            put(flows, FlowIds.SHARED_PREFIX + "forged-" + linkLocal.replace(":", "-") + suffix, PRIORITY_FORGED_IP,
                sharedCookie(), Matches.onVlan(Matches.vrrp6FromAddress(linkLocal), vlan),
                OptionalLong.of(sharedMeterOf(node, Address.LINK_LOCAL, linkLocal)), List.of(output("CONTROLLER")));
        }
    }

    /**
     * The heartbeat punt of a gateway's port and its meter, alike in every cluster with a gateway there: the meter
     * passes the sum of their heartbeat meters' rates and bursts (a dual-stack gateway sends a stream per family),
     * under the id of the gateway's meter in the cluster with the lowest VRID there (VRIDs are unique per switch and
     * VLAN).
     */
    private void heartbeatPunt(final Gateway gw, final String suffix, final Map<String, Flow> flows,
            final Map<Long, Meter> meters) {
        final var port = FlowPlanner.port(gw);
        final var shared = shares.portMeter(vlan, node(gw), port);
        final long meter = shared.meterId();
        meters.put(meter, FlowEntries.meter(FlowIds.SHARED_PREFIX + "vrrp-meter-" + port + suffix, meter,
            shared.rate(), shared.burst()));
        if (!vips.isEmpty()) {
            put(flows, FlowIds.SHARED_PREFIX + "vrrp-" + port + suffix, PRIORITY_PUNT, sharedCookie(),
                Matches.onVlan(Matches.vrrpFrom(connector(gw)), vlan), OptionalLong.of(meter),
                List.of(output("CONTROLLER")));
        }
        if (!vips6.isEmpty()) {
            put(flows, FlowIds.SHARED_PREFIX + "vrrp6-" + port + suffix, PRIORITY_PUNT, sharedCookie(),
                Matches.onVlan(Matches.vrrp6From(connector(gw)), vlan), OptionalLong.of(meter),
                List.of(output("CONTROLLER")));
        }
    }

    /** The shared meter of the cluster with the lowest VRID on a switch with a gateway of this MAC or address. */
    private long sharedMeterOf(final String node, final Address kind, final String address) {
        return meterId(vlan, shares.lowestVrid(vlan, node, kind, address), 0);
    }
}
