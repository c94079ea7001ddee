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
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code gwha:list}: one row per cluster.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
@Command(scope = "gwha", name = "list", description = "List the HA clusters: VIP, active gateway, since when, state")
public final class ListClustersCommand implements Action {
    @Reference
    GatewayHaService service;

    @Override
    public Object execute() {
        Console.print(Console.render(table()));
        return null;
    }

    ShellTable table() {
        final var table = new ShellTable();
        table.column("Cluster");
        table.column("VIP");
        table.column("Active");
        table.column("Since");
        table.column("State");
        for (var cluster : service.clusters()) {
            table.addRow().addContent(cluster.name(), String.join(",", cluster.virtualIps()),
                cluster.activeGateway().orElse("-"), Console.time(cluster.activeSince()),
                YangNames.of(cluster.status()));
        }
        return table;
    }
}
