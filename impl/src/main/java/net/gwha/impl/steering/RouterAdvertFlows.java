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
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_GUARD;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_PUNT;
import static net.gwha.impl.steering.FlowPlanner.connector;
import static net.gwha.impl.steering.FlowPlanner.node;
import static net.gwha.impl.steering.FlowPlanner.put;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.gwha.impl.engine.Ipv6;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;

/**
 * Router Advertisements from the virtual link-local address pass from the active gateway's port only: every
 * gateway runs radvd as the virtual router, and a passive one's RAs would reach the hosts as the virtual router's
 * too, among them the router lifetime 0 that radvd sends when it stops, which has every host withdraw the virtual
 * router while the active gateway is fine. Steering flows: they move with the active gateway ({@link FlowPlanner}
 * lists them). Pure.
 *
 * <p>The active gateway's RAs go to the controller ({@code ra-punt}, through the cluster's shared meter: radvd sends
 * one every few minutes and answers Router Solicitations), which puts the virtual MAC into their source link-layer
 * option and sends them on through the switch's normal forwarding from the gateway's port, as the switch would have
 * forwarded them: a host takes that option as the router's MAC, and radvd's default ({@code AdvSourceLLAddress on})
 * would give it the gateway's own, past the steering. OpenFlow 1.3 cannot match or rewrite an ND option, so every
 * RA from there comes up, with the option or without. Planned only with the project's normal forwarding: the
 * packet-out forwards by it, and where another application forwards the controller cannot tell how.
 *
 * <p>Matched by source address, not by port alone: clusters whose gateways share a port (one per subnet, with
 * opposite priorities) have different active gateways there, and each cluster's RAs come from its own virtual
 * link-local (unique per VLAN). RAs from a gateway's own link-local are dropped whatever its role ({@code ra-guard}).
 */
final class RouterAdvertFlows {
    private RouterAdvertFlows() {
        // utility class
    }

    /**
     * Adds to one switch's flows a drop of RAs from each virtual link-local address on the ports of the gateways
     * there that are not the active one of the switch's partition, and the punt of those from the active one's port
     * if it is there.
     *
     * @param vips6 the cluster's IPv6 virtual IPs; only the link-local ones are routers in RAs
     * @param gateways every gateway of the cluster
     * @param ordered the gateways the switch's partition steers to, the active one first; not empty
     * @param punt whether the active gateway's RAs go through the controller (normal forwarding on)
     * @param sharedMeter the cluster's shared punt meter on the switch
     */
    static void plan(final String cluster, final FlowCookie cookie, final int vlan, final List<String> vips6,
            final List<Gateway> gateways, final String node, final List<Gateway> ordered, final boolean punt,
            final long sharedMeter, final Map<String, Flow> flows) {
        final var routers = vips6.stream().filter(vip -> Ipv6.parse(vip).isLinkLocal()).toList();
        final var active = ordered.getFirst();
        for (var gw : gateways) {
            if (!node(gw).equals(node)) {
                continue;
            }
            if (gw.equals(active)) {
                if (punt) {
                    for (var router : routers) {
                        put(flows, flowId(cluster, "ra-punt-" + gw.getName().getValue() + "-" + router),
                            PRIORITY_PUNT, cookie,
                            Matches.onVlan(Matches.routerAdvertisementFrom(connector(gw), router), vlan),
                            OptionalLong.of(sharedMeter), List.of(output("CONTROLLER")));
                    }
                }
                continue;
            }
            for (var router : routers) {
                put(flows, flowId(cluster, "ra-passive-" + gw.getName().getValue() + "-" + router), PRIORITY_GUARD,
                    cookie, Matches.onVlan(Matches.routerAdvertisementFrom(connector(gw), router), vlan),
                    OptionalLong.empty(), List.of());
            }
        }
    }
}
