/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.Event;
import net.gwha.impl.ops.GatewayHaService;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;

/**
 * The operations service over the engine runtime of the node that drives election.
 */
final class RuntimeOperations implements GatewayHaService {
    private final HaRuntime runtime;
    private final MaintenancePersister persister;

    /** Persists a gateway's admin-state in the configuration, so maintenance survives a controller restart. */
    interface MaintenancePersister {
        ListenableFuture<Void> persist(String cluster, String gateway, boolean on);
    }

    RuntimeOperations(final HaRuntime runtime, final MaintenancePersister persister) {
        this.runtime = runtime;
        this.persister = persister;
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
        return runtime.command(cluster, gateway, () -> new Event.SwitchOver(cluster, gateway, runtime.now()));
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        // Drain at once through the engine, then persist; the config change that follows agrees with the engine.
        return Futures.transformAsync(
            runtime.command(cluster, gateway, () -> new Event.Maintenance(cluster, gateway, on, runtime.now())),
            previous -> persister.persist(cluster, gateway, on),
            MoreExecutors.directExecutor());
    }
}
