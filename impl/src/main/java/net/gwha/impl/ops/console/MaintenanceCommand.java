/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.concurrent.TimeoutException;
import net.gwha.impl.ops.GatewayHaService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code gwha:maintenance CLUSTER GATEWAY on|off}: drain a gateway at once, or return it to service.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
@Command(scope = "gwha", name = "maintenance", description = "Put a gateway into maintenance (on) or back (off)")
public final class MaintenanceCommand implements Action {
    @Reference
    GatewayHaService service;

    @Argument(index = 0, name = "cluster", required = true, description = "The cluster")
    @Completion(ClusterCompleter.class)
    String cluster;

    @Argument(index = 1, name = "gateway", required = true, description = "The gateway")
    @Completion(GatewayCompleter.class)
    String gateway;

    @Argument(index = 2, name = "on|off", required = true, description = "on: drain; off: back in service")
    @Completion(value = StringsCompleter.class, values = { "on", "off" })
    String mode;

    @Override
    public Object execute() throws InterruptedException, TimeoutException {
        final boolean on = switch (mode) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("say on or off, not '" + mode + "'");
        };
        Console.await(service.setMaintenance(cluster, gateway, on));
        final var message = cluster + ": " + gateway + (on ? " is in maintenance" : " is back in service");
        Console.print(message + System.lineSeparator());
        return message;
    }
}
