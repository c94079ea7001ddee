/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import net.gwha.impl.ops.GatewayHaService;
import net.gwha.impl.state.YangNames;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code gwha:show CLUSTER}: the cluster's gateways with state, priorities, last heard and counters.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
@Command(scope = "gwha", name = "show",
    description = "Show a cluster's gateways: state, configured/advertised/effective priority, last heard, counters")
public final class ShowClusterCommand implements Action {
    @Reference
    GatewayHaService service;

    @Argument(index = 0, name = "cluster", required = true, description = "The cluster")
    @Completion(ClusterCompleter.class)
    String cluster;

    @Override
    public Object execute() {
        Console.print(Console.render(table()));
        return null;
    }

    ShellTable table() {
        final var view = service.cluster(cluster)
            .orElseThrow(() -> Console.unknownCluster(cluster));
        final var table = new ShellTable();
        table.column("Gateway");
        table.column("State");
        table.column("Configured");
        table.column("Advertised");
        table.column("Effective");
        table.column("Last heard");
        table.column("Accepted");
        table.column("Malformed");
        table.column("Spoofed");
        for (var gw : view.gateways()) {
            table.addRow().addContent(gw.name(), YangNames.of(gw.state()), gw.configuredPriority(),
                gw.advertisedPriority().isPresent() ? Integer.toString(gw.advertisedPriority().getAsInt()) : "-",
                gw.effectivePriority(), Console.time(gw.lastHeard()), gw.heartbeatsAccepted(),
                gw.heartbeatsMalformed(), gw.heartbeatsSpoofed());
        }
        return table;
    }
}
