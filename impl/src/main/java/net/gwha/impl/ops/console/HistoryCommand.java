/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.util.Locale;
import java.util.Optional;
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
 * {@code gwha:history CLUSTER}: the recent changes of active gateway with their latencies.
 */
@Service
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
    justification = "Karaf injects the @Reference and @Argument fields before it calls the action")
@Command(scope = "gwha", name = "history", description = "Recent failovers of a cluster with their latencies")
public final class HistoryCommand implements Action {
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
        if (service.cluster(cluster).isEmpty()) {
            throw Console.unknownCluster(cluster);
        }
        final var table = new ShellTable();
        table.column("#");
        table.column("Decided");
        table.column("From");
        table.column("To");
        table.column("Cause");
        table.column("Detection ms");
        table.column("Programming ms");
        table.column("Partition");
        for (var failover : service.history(cluster)) {
            table.addRow().addContent(failover.sequence(), Console.time(Optional.of(failover.decisionTime())),
                failover.from().orElse("-"), failover.to(), YangNames.of(failover.cause()),
                millis(failover.detectionLatency().toNanos()),
                failover.programmingLatency().map(latency -> millis(latency.toNanos())).orElse("-"),
                failover.partition().orElse("-"));
        }
        return table;
    }

    private static String millis(final long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
