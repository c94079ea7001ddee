/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.Event;
import net.gwha.impl.ops.GatewayHaService;
import net.gwha.impl.ops.OperationRefusedException;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations service over the engine runtime of the node that drives election. A command reads the cluster's
 * configuration first, so that it sees the configuration committed before it: a cluster or gateway the datastore
 * does not have is refused at once, one it has is waited for until the engine has taken it in
 * ({@link OperatorCommands}).
 */
final class RuntimeOperations implements GatewayHaService {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeOperations.class);

    private final HaRuntime runtime;
    private final MaintenancePersister persister;
    private final ConfigReader configs;

    /** Persists a gateway's admin-state in the configuration, so maintenance survives a controller restart. */
    interface MaintenancePersister {
        ListenableFuture<Void> persist(String cluster, String gateway, boolean on);
    }

    /** Reads a cluster's configuration from the datastore, as the engine would run it; empty if there is none. */
    interface ConfigReader {
        ListenableFuture<Optional<ClusterConfig>> read(String cluster);
    }

    RuntimeOperations(final HaRuntime runtime, final MaintenancePersister persister, final ConfigReader configs) {
        this.runtime = runtime;
        this.persister = persister;
        this.configs = configs;
    }

    @Override
    public List<ClusterView> clusters() {
        return runtime.views();
    }

    @Override
    public Optional<ClusterView> cluster(final String name) {
        return runtime.view(name);
    }

    @Override
    public List<FailoverRecord> history(final String cluster) {
        return runtime.history(cluster);
    }

    @Override
    public ListenableFuture<Optional<String>> switchOver(final String cluster, final String gateway) {
        return command(cluster, gateway, () -> new Event.SwitchOver(cluster, gateway, runtime.now()));
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        // Drain at once through the engine, then persist; the config change that follows agrees with the engine.
        return Futures.transformAsync(
            command(cluster, gateway, () -> new Event.Maintenance(cluster, gateway, on, runtime.now())),
            previous -> persister.persist(cluster, gateway, on),
            MoreExecutors.directExecutor());
    }

    private ListenableFuture<Optional<String>> command(final String cluster, final String gateway,
            final Supplier<Event> event) {
        final var result = SettableFuture.<Optional<String>>create();
        Futures.addCallback(configs.read(cluster), new FutureCallback<>() {
            @Override
            public void onSuccess(final Optional<ClusterConfig> configured) {
                if (configured.isEmpty()) {
                    result.setException(new OperationRefusedException(OperatorCommands.noCluster(cluster)));
                } else if (configured.orElseThrow().gateways().stream().noneMatch(gw -> gw.name().equals(gateway))) {
                    result.setException(new OperationRefusedException(OperatorCommands.noGateway(cluster, gateway)));
                } else {
                    result.setFuture(runtime.command(cluster, gateway, configured, event));
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Cluster {}: its configuration could not be read; the command runs on the engine's", cluster,
                    cause);
                result.setFuture(runtime.command(cluster, gateway, Optional.empty(), event));
            }
        }, MoreExecutors.directExecutor());
        return result;
    }
}
