/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.FlowEntries.output;
import static net.gwha.impl.steering.FlowEntries.setEthDestination;
import static net.gwha.impl.steering.FlowEntries.setIpv4Destination;
import static net.gwha.impl.steering.FlowEntries.toGroup;
import static net.gwha.impl.steering.FlowIds.flowId;
import static net.gwha.impl.steering.FlowIds.groupId;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_STEER;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_STEER_IP;
import static net.gwha.impl.steering.FlowPlanner.node;
import static net.gwha.impl.steering.FlowPlanner.port;
import static net.gwha.impl.steering.FlowPlanner.put;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.steering.FlowEntries.FailoverBucket;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;

/**
 * The steering flows and fast-failover groups of a cluster's plan, the only part a failover changes: frames to the
 * virtual MAC toward the active gateway of the switch's partition ({@link FlowPlanner} lists them). Pure.
 *
 * <p>A VLAN cluster's steering matches its VLAN, and no action touches the tag: frames leave tagged as they came,
 * toward the gateways' trunk ports.
 *
 * <p>Each family the cluster has steers its own virtual MAC ({@code steer} for IPv4's, {@code steer-v6} for IPv6's)
 * alike, through the same group: a dual-stack cluster's families move together.
 *
 * @param vlan the cluster's VLAN id, 0 when it names none
 * @param vmacs the virtual MACs steered, by flow id suffix: those of the families the cluster has virtual IPs of
 * @param vmac the IPv4 virtual MAC, which the IP rewrite matches
 * @param topology the port toward another switch, for switches without the active gateway
 */
record SteerFlows(String cluster, FlowCookie cookie, int vrid, int vlan, Map<String, MacAddress> vmacs,
        MacAddress vmac, List<String> vips, boolean ipRewrite, SwitchLinks topology) {
    SteerFlows {
        vmacs = Map.copyOf(vmacs);
        vips = List.copyOf(vips);
    }

    /**
     * Adds what one switch holds to its flows and groups.
     *
     * @param ordered the gateways its partition's traffic may go to, the active one first; not empty
     */
    void plan(final String node, final List<Gateway> ordered, final Map<String, Flow> flows,
            final Map<Long, Group> groups) {
        final var active = ordered.getFirst();
        final List<Action> actions;
        final boolean failover;
        final var local = ordered.stream().filter(gw -> node(gw).equals(node)).toList();
        if (!node(active).equals(node)) {
            // Unchanged toward the active gateway's switch, which rewrites; no known path, no steering here.
            final var toward = topology.portToward(node, node(active));
            if (toward.isEmpty()) {
                return;
            }
            actions = List.of(output(Long.toString(toward.getAsLong())));
            failover = false;
        } else if (local.size() > 1) {
            final long groupId = groupId(vlan, vrid, 0);
            groups.put(groupId, group(groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()))));
            actions = List.of(toGroup(groupId));
            failover = true;
        } else {
            actions = List.of(setEthDestination(active.getMacAddress()), output(port(active).toString()));
            failover = false;
        }
        vmacs.forEach((suffix, mac) -> put(flows, flowId(cluster, suffix), PRIORITY_STEER, cookie,
            Matches.onVlan(Matches.toMac(mac), vlan), OptionalLong.empty(), actions));
        if (!node(active).equals(node)) {
            return;
        }
        if (!ipRewrite) {
            return;
        }
        for (int i = 0; i < vips.size(); i++) {
            final var vip = vips.get(i);
            final var match = Matches.onVlan(Matches.ipv4To(vmac, vip), vlan);
            if (failover) {
                final long groupId = groupId(vlan, vrid, i + 1);
                groups.put(groupId, group(groupId, local, gw -> List.of(setEthDestination(gw.getMacAddress()),
                    setIpv4Destination(gw.getIpAddress().getValue()))));
                put(flows, flowId(cluster, "steer-" + vip), PRIORITY_STEER_IP, cookie, match, OptionalLong.empty(),
                    List.of(toGroup(groupId)));
            } else {
                put(flows, flowId(cluster, "steer-" + vip), PRIORITY_STEER_IP, cookie, match, OptionalLong.empty(),
                    List.of(setEthDestination(active.getMacAddress()),
                        setIpv4Destination(active.getIpAddress().getValue()), output(port(active).toString())));
            }
        }
    }

    /** A fast-failover group over gateways of one switch, in election order. */
    private Group group(final long groupId, final List<Gateway> gateways,
            final Function<Gateway, List<Action>> rewrite) {
        return FlowEntries.failoverGroup(flowId(cluster, "steer-group-" + Long.toHexString(groupId)),
            groupId, gateways.stream().map(gw -> new FailoverBucket(port(gw), rewrite.apply(gw))).toList());
    }
}
