/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.FlowEntries.output;
import static net.gwha.impl.steering.FlowEntries.setEthSource;
import static net.gwha.impl.steering.FlowEntries.setIpv4Source;
import static net.gwha.impl.steering.FlowIds.flowId;
import static net.gwha.impl.steering.FlowPlanner.PRIORITY_RETURN;
import static net.gwha.impl.steering.FlowPlanner.connector;
import static net.gwha.impl.steering.FlowPlanner.put;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.steering.FlowPlanner.Host;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;

/**
 * The return flows of mac-and-ip-rewrite mode: the active gateway's replies to a host that asked for a virtual IP
 * leave as from that virtual IP and the virtual MAC ({@link FlowPlanner} says why per host). Pure.
 */
final class ReturnFlows {
    private ReturnFlows() {
        // utility class
    }

    /**
     * Adds the active gateway's return flows, one per host address, on the active gateway's switch.
     *
     * @param hosts the hosts that asked, with the virtual IP each asked for, in the order they asked: the first
     *     wins for a host that asked for several (its first is usually the one it uses most, its default gateway,
     *     and a later one does not take its replies); virtual IPs the cluster no longer has are ignored
     * @param vips the cluster's virtual IPs
     * @param vlan the cluster's VLAN id, which the flows match (the tag stays on), 0 when it names none
     */
    static void plan(final String cluster, final FlowCookie cookie, final MacAddress vmac, final Gateway active,
            final Collection<Host> hosts, final List<String> vips, final int vlan, final Map<String, Flow> flows) {
        final var byHost = new TreeMap<String, String>(Comparator.comparing(Ipv4::parse));
        for (var host : hosts) {
            if (vips.contains(host.vip())) {
                byHost.putIfAbsent(host.ip(), host.vip());
            }
        }
        final var gwName = active.getName().getValue();
        final var realIp = active.getIpAddress().getValue();
        byHost.forEach((host, vip) -> put(flows, flowId(cluster, "return-" + gwName + "-" + host), PRIORITY_RETURN,
            cookie, Matches.onVlan(Matches.ipv4Between(connector(active), active.getMacAddress(), realIp, host), vlan),
            OptionalLong.empty(),
            List.of(setIpv4Source(vip), setEthSource(vmac), output("NORMAL"))));
    }
}
