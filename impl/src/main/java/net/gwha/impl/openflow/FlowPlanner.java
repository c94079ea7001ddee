/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import net.gwha.impl.datastore.ClusterDefaults;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Turns a cluster and its active gateway into the exact flows per switch, in table 0. Pure: no I/O, deterministic
 * ids ({@code gwha-<cluster>-<role>}), and a cookie whose high 16 bits mark this project and low 32 bits the
 * cluster, so the flows can be found, reconciled and removed without touching anyone else's.
 *
 * <p>Per switch that carries the cluster (its gateways' switches and the listed host switches):
 * <ol>
 *   <li>{@value #PRIORITY_PUNT}: VRRP advertisements (IP protocol 112 to 224.0.0.18) to the controller only, so
 *       gateways never hear each other and every advertisement is a heartbeat;</li>
 *   <li>{@value #PRIORITY_PUNT}: ARP requests for a virtual IP to the controller, which answers with the virtual
 *       MAC;</li>
 *   <li>{@value #PRIORITY_GUARD}: ARP from a gateway port that claims a virtual IP is dropped;</li>
 *   <li>{@value #PRIORITY_STEER}: steering, frames to the virtual MAC get the active gateway's MAC and go out of
 *       its port (on its switch) or to the switch's normal forwarding toward it (elsewhere);</li>
 *   <li>{@value #PRIORITY_NORMAL}: everything else of this LAN is forwarded normally, since the switches run
 *       fail-secure with no other flows.</li>
 * </ol>
 * A failover changes only the steering flows.
 */
public final class FlowPlanner {
    static final int PRIORITY_GUARD = 1100;
    static final int PRIORITY_PUNT = 1000;
    static final int PRIORITY_STEER = 900;
    static final int PRIORITY_NORMAL = 1;
    static final long COOKIE_TAG = 0x4757L << 48;
    static final String STEER = "steer";

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_ARP = 0x0806;
    private static final int IP_PROTOCOL_VRRP = 112;
    private static final int ARP_REQUEST = 1;

    private FlowPlanner() {
        // utility class
    }

    /** The flows of each switch, by node id, in a stable order. */
    public static Map<String, List<Flow>> plan(final Cluster cluster, final Optional<String> activeGateway) {
        final var name = cluster.getName().getValue();
        final var cookie = cookie(name);
        final var vips = cluster.requireVirtualIp().stream()
            .filter(ip -> ip.getIpv4Address() != null)
            .map(ip -> ip.getIpv4Address().getValue())
            .sorted()
            .toList();
        final var vmac = ClusterDefaults.virtualMac(cluster);
        final var gateways = cluster.nonnullGateway().values().stream()
            .sorted((left, right) -> left.getName().getValue().compareTo(right.getName().getValue()))
            .toList();
        final var active = activeGateway.flatMap(gw -> gateways.stream()
            .filter(candidate -> candidate.getName().getValue().equals(gw)).findFirst());

        final var switches = new TreeSet<String>();
        gateways.forEach(gw -> switches.add(node(gw)));
        if (cluster.getSwitch() != null) {
            cluster.getSwitch().forEach(sw -> switches.add(sw.getValue()));
        }

        final var plan = new TreeMap<String, List<Flow>>();
        for (var node : switches) {
            final var flows = new ArrayList<Flow>();
            flows.add(flow(name, "vrrp", PRIORITY_PUNT, cookie, new MatchBuilder()
                .setEthernetMatch(ethType(ETH_IPV4))
                .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_VRRP)).build())
                .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(new Ipv4Prefix("224.0.0.18/32")).build())
                .build(), List.of(output("CONTROLLER"))));
            for (var vip : vips) {
                flows.add(flow(name, "arp-" + vip, PRIORITY_PUNT, cookie, new MatchBuilder()
                    .setEthernetMatch(ethType(ETH_ARP))
                    .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REQUEST))
                        .setArpTargetTransportAddress(new Ipv4Prefix(vip + "/32")).build())
                    .build(), List.of(output("CONTROLLER"))));
            }
            for (var gw : gateways) {
                if (!node(gw).equals(node)) {
                    continue;
                }
                for (var vip : vips) {
                    flows.add(flow(name, "guard-" + gw.getName().getValue() + "-" + vip, PRIORITY_GUARD, cookie,
                        new MatchBuilder()
                            .setInPort(new NodeConnectorId(node + ":" + port(gw)))
                            .setEthernetMatch(ethType(ETH_ARP))
                            .setLayer3Match(new ArpMatchBuilder()
                                .setArpSourceTransportAddress(new Ipv4Prefix(vip + "/32")).build())
                            .build(), List.of()));
                }
            }
            active.ifPresent(gw -> flows.add(steering(name, cookie, vmac, gw, node)));
            flows.add(flow(name, "normal", PRIORITY_NORMAL, cookie, new MatchBuilder().build(),
                List.of(output("NORMAL"))));
            plan.put(node, List.copyOf(flows));
        }
        return plan;
    }

    private static Flow steering(final String cluster, final FlowCookie cookie, final String vmac, final Gateway gw,
            final String node) {
        final var rewrite = new ActionBuilder().setOrder(0).setAction(new SetFieldCaseBuilder()
            .setSetField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                .setEthernetDestination(new EthernetDestinationBuilder()
                    .setAddress(gw.getMacAddress()).build()).build()).build()).build()).build();
        // On the gateway's own switch straight to its port; elsewhere the switch forwards toward its MAC.
        final var out = output(node(gw).equals(node) ? port(gw).toString() : "NORMAL");
        return flow(cluster, STEER, PRIORITY_STEER, cookie, new MatchBuilder()
            .setEthernetMatch(new EthernetMatchBuilder().setEthernetDestination(new EthernetDestinationBuilder()
                .setAddress(new MacAddress(vmac)).build()).build())
            .build(), List.of(rewrite, out));
    }

    static FlowCookie cookie(final String cluster) {
        final var crc = new CRC32();
        crc.update(cluster.getBytes(StandardCharsets.UTF_8));
        return new FlowCookie(Uint64.valueOf(COOKIE_TAG | crc.getValue()));
    }

    static String flowId(final String cluster, final String role) {
        return "gwha-" + cluster + "-" + role;
    }

    private static Flow flow(final String cluster, final String role, final int priority, final FlowCookie cookie,
            final Match match, final List<Action> actions) {
        final var ordered = new ArrayList<Action>();
        for (int i = 0; i < actions.size(); i++) {
            ordered.add(new ActionBuilder().setOrder(i).setAction(actions.get(i).getAction()).build());
        }
        return new FlowBuilder()
            .setId(new FlowId(flowId(cluster, role)))
            .setTableId(Uint8.ZERO)
            .setPriority(Uint16.valueOf(priority))
            .setCookie(cookie)
            .setFlowName(flowId(cluster, role))
            .setMatch(match)
            .setInstructions(new InstructionsBuilder().setInstruction(BindingMap.of(new InstructionBuilder()
                .setOrder(0)
                .setInstruction(new ApplyActionsCaseBuilder().setApplyActions(new ApplyActionsBuilder()
                    .setAction(BindingMap.ordered(ordered)).build()).build())
                .build())).build())
            .build();
    }

    private static Action output(final String port) {
        return new ActionBuilder().setOrder(0).setAction(new OutputActionCaseBuilder()
            .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri(port))
                .setMaxLength(Uint16.MAX_VALUE).build()).build()).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatch
            ethType(final int type) {
        return new EthernetMatchBuilder().setEthernetType(new EthernetTypeBuilder()
            .setType(new EtherType(Uint32.valueOf(type))).build()).build();
    }

    static String node(final Gateway gw) {
        return gw.getAttachment().getNodeId().getValue();
    }

    static Uint32 port(final Gateway gw) {
        return gw.getAttachment().getPortNumber();
    }
}
