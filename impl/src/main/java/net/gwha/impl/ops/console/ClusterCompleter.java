/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.List;
import net.gwha.impl.ops.GatewayHaService;
import net.gwha.impl.state.ClusterView;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes cluster names.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
public final class ClusterCompleter implements Completer {
    @Reference
    GatewayHaService service;

    @Override
    public int complete(final Session session, final CommandLine commandLine, final List<String> candidates) {
        return new StringsCompleter(service.clusters().stream().map(ClusterView::name).toList())
            .complete(session, commandLine, candidates);
    }
}
