/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives clusters just configured their state entry, status {@code starting}, while their configuration commits: a
 * GET of the state right after the PUT finds it, before the node that drives election has taken the cluster in. That
 * node's {@link StateWriter} replaces the entry; one it wrote first (its listener may hear of the configuration on a
 * replica before the commit returns) is left alone, whichever of the two commits first.
 */
public final class StartingStates {
    private static final Logger LOG = LoggerFactory.getLogger(StartingStates.class);

    private StartingStates() {
        // static helpers only
    }

    /**
     * Writes a starting entry for each cluster that has none.
     *
     * @return completes once written, or found written already; never fails (the entry is a courtesy: the engine
     *     writes the cluster's state anyway)
     */
    public static ListenableFuture<?> write(final DataBroker broker, final Collection<String> clusters) {
        final var tx = broker.newReadWriteTransaction();
        final var checks = new ArrayList<ListenableFuture<String>>();
        for (var cluster : clusters) {
            checks.add(Futures.transform(tx.exists(LogicalDatastoreType.OPERATIONAL, StateWriter.path(cluster)),
                exists -> exists ? "" : cluster, MoreExecutors.directExecutor()));
        }
        final ListenableFuture<CommitInfo> written = Futures.transformAsync(Futures.allAsList(checks), missing -> {
            final List<String> absent = missing.stream().filter(cluster -> !cluster.isEmpty()).toList();
            if (absent.isEmpty()) {
                tx.cancel();
                return Futures.immediateFuture(CommitInfo.empty());
            }
            for (var cluster : absent) {
                // A put, not a merge: should the engine's writer commit the entry meanwhile, this transaction fails
                // rather than overwrite its status.
                tx.put(LogicalDatastoreType.OPERATIONAL, StateWriter.path(cluster), new ClusterStateBuilder()
                    .setName(new ClusterName(cluster)).setStatus(ClusterState.Status.Starting).build());
            }
            return Futures.transform(tx.commit(), CommitInfo.class::cast, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
        return Futures.catching(written, Exception.class, failure -> {
            LOG.debug("Starting state of {} not written; the engine writes the clusters' state", clusters, failure);
            return CommitInfo.empty();
        }, MoreExecutors.directExecutor());
    }
}
