/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.datastore;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.GatewayStateBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an operational entry for every configured cluster, so the path RESTCONF, config
 * datastore, this bundle, operational datastore is real before any election runs.
 */
@Component(service = { })
public final class ClusterConfigListener implements DataTreeChangeListener<Cluster>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfigListener.class);

    private final DataBroker broker;
    private final Registration registration;

    @Activate
    public ClusterConfigListener(@Reference final DataBroker broker) {
        this.broker = broker;
        registration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
            DataObjectReference.builder(Clusters.class).child(Cluster.class).build(), this);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Cluster>> changes) {
        final var tx = broker.newWriteOnlyTransaction();
        for (var change : changes) {
            final var node = change.getRootNode();
            final var after = node.dataAfter();
            if (after == null) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, statePath(node.dataBefore().getName()));
            } else {
                tx.put(LogicalDatastoreType.OPERATIONAL, statePath(after.getName()), configured(after));
            }
        }
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("Cluster states published");
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Failed to publish cluster states", cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private static DataObjectIdentifier<ClusterState> statePath(final ClusterName cluster) {
        return DataObjectIdentifier.builder(ClusterStates.class)
            .child(ClusterState.class, new ClusterStateKey(cluster)).build();
    }

    private static ClusterState configured(final Cluster cluster) {
        return new ClusterStateBuilder()
            .setName(cluster.getName())
            .setStatus(ClusterState.Status.Configured)
            .setGatewayState(BindingMap.of(cluster.nonnullGateway().values().stream()
                .map(gw -> new GatewayStateBuilder().setName(gw.getName()).setState(GatewayState.Unknown).build())
                .toList()))
            .build();
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }
}
