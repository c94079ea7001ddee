/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Optional;
import net.gwha.impl.engine.ClusterConfig;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * Reads one cluster's committed configuration, as the engine runs it ({@link EngineConfigs}), so that an operator's
 * command can tell what the datastore has from what the engine has taken in so far.
 */
public final class ClusterConfigReader {
    private final DataBroker broker;

    public ClusterConfigReader(final DataBroker broker) {
        this.broker = broker;
    }

    /**
     * The cluster's configuration; empty if it is not configured. Fails if the datastore cannot be read, or holds a
     * configuration the validator would refuse.
     */
    public ListenableFuture<Optional<ClusterConfig>> read(final String cluster) {
        final var tx = broker.newReadOnlyTransaction();
        final var read = tx.read(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
            .child(Cluster.class, new ClusterKey(new ClusterName(cluster))).build());
        read.addListener(tx::close, MoreExecutors.directExecutor());
        return Futures.transform(read, found -> found.map(EngineConfigs::of), MoreExecutors.directExecutor());
    }
}
