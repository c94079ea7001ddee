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

/**
 * {@code gwha:switch-over CLUSTER GATEWAY}: make a live gateway active now.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
@Command(scope = "gwha", name = "switch-over", description = "Make a gateway active now")
public final class SwitchOverCommand implements Action {
    @Reference
    GatewayHaService service;

    @Argument(index = 0, name = "cluster", required = true, description = "The cluster")
    @Completion(ClusterCompleter.class)
    String cluster;

    @Argument(index = 1, name = "gateway", required = true, description = "The gateway to make active")
    @Completion(GatewayCompleter.class)
    String gateway;

    @Override
    public Object execute() throws InterruptedException, TimeoutException {
        final var previous = Console.await(service.switchOver(cluster, gateway));
        final var message = cluster + ": " + gateway + " is active (was " + previous.orElse("none") + ")";
        Console.print(message + System.lineSeparator());
        return message;
    }
}
