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
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;

/**
 * The part of a cluster's plan that brings packets to the controller, or keeps them from the gateways: heartbeat
 * punts through each gateway's meter, forgery and ARP punts through the cluster's shared meter, the ARP guards and
 * the switch-side ARP replies ({@link FlowPlanner} lists them). Pure.
 *
 * @param gateways every gateway of the cluster, by name: a gateway's meter index is its position here
 */
record PuntFlows(String cluster, FlowCookie cookie, int vrid, MacAddress vmac, List<String> vips,
        List<Gateway> gateways, MeterBand heartbeatBand, MeterBand sharedBand) {
    PuntFlows {
        vips = List.copyOf(vips);
        gateways = List.copyOf(gateways);
    }

    /** Adds what one switch holds to its flows and meters. */
    void plan(final String node, final Collection<Host> hosts, final Map<String, Flow> flows,
            final Map<Long, Meter> meters) {
        final long sharedMeter = meterId(vrid, 0);
        meters.put(sharedMeter, FlowEntries.meter(flowId(cluster, "punt-meter"), sharedMeter, sharedBand.rate(),
            sharedBand.burst()));
        for (int i = 0; i < gateways.size(); i++) {
            final var gw = gateways.get(i);
            final var gwName = gw.getName().getValue();
            if (node(gw).equals(node)) {
                final long meter = meterId(vrid, i + 1);
                meters.put(meter, FlowEntries.meter(flowId(cluster, "vrrp-meter-" + gwName), meter,
                    heartbeatBand.rate(), heartbeatBand.burst()));
                put(flows, flowId(cluster, "vrrp-" + gwName), PRIORITY_PUNT, cookie, Matches.vrrpFrom(connector(gw)),
                    OptionalLong.of(meter), List.of(output("CONTROLLER")));
                for (var vip : vips) {
                    put(flows, flowId(cluster, "guard-" + gwName + "-" + vip), PRIORITY_GUARD, cookie,
                        Matches.arpSentFrom(connector(gw), vip), OptionalLong.empty(), List.of());
                }
            }
            put(flows, flowId(cluster, "forged-" + gwName + "-mac"), PRIORITY_FORGED_MAC, cookie,
                Matches.vrrpFrom(gw.getMacAddress()), OptionalLong.of(sharedMeter), List.of(output("CONTROLLER")));
            put(flows, flowId(cluster, "forged-" + gwName + "-ip"), PRIORITY_FORGED_IP, cookie,
                Matches.vrrpFrom(gw.getIpAddress().getValue()), OptionalLong.of(sharedMeter),
                List.of(output("CONTROLLER")));
        }
        for (var vip : vips) {
            put(flows, flowId(cluster, "arp-" + vip), PRIORITY_PUNT, cookie, Matches.arpRequestFor(vip),
                OptionalLong.of(sharedMeter), List.of(output("CONTROLLER")));
        }
        for (var host : hosts) {
            if (host.node().equals(node) && vips.contains(host.vip())) {
                put(flows, flowId(cluster, "arp-reply-" + host.vip() + "-" + host.mac().getValue().replace(":", "")),
                    PRIORITY_ARP_REPLY, cookie, FlowPlanner.HOST_IDLE_SECONDS,
                    Matches.arpRequestFrom(host.mac(), host.ip(), host.vip()),
                    OptionalLong.empty(), FlowEntries.answerArp(vmac, host.vip(), host.mac(), host.ip()));
            }
        }
    }
}
