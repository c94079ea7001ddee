/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.gwha.impl.engine.Event;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Turns configuration changes into engine events. Registered by the node that drives election: on registration
 * the datastore replays the whole configuration, which rebuilds the engine after a take-over.
 */
public final class ClusterConfigListener implements DataTreeChangeListener<Cluster>, AutoCloseable {
    /** Adapters that keep their own copy of the configuration (flows, packet-in matching). */
    public interface ConfigObserver {
        void configured(Cluster cluster);

        void removed(String cluster);

        /** The configuration as it was at registration has been handed over (called once, maybe with none). */
        void loaded();
    }

    private final ConfigSink engine;
    private final ConfigObserver observer;
    private final Registration registration;
    // The datastore replays the configuration in the first notification, or calls onInitialData() when there is none.
    private final AtomicBoolean loaded = new AtomicBoolean();

    public ClusterConfigListener(final DataBroker broker, final ConfigSink engine, final ConfigObserver observer) {
        this.engine = engine;
        this.observer = observer;
        registration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
            DataObjectReference.builder(Clusters.class).child(Cluster.class).build(), this);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Cluster>> changes) {
        for (var change : changes) {
            final var node = change.getRootNode();
            final var after = node.dataAfter();
            if (after == null) {
                final var name = node.dataBefore().getName().getValue();
                observer.removed(name);
                engine.remove(name);
            } else {
                observer.configured(after);
                engine.configure(new Event.ConfigSet(EngineConfigs.of(after), engine.now()),
                    after.requireVirtualIp().stream().map(ip -> ip.stringValue()).toList());
            }
        }
        onInitialData();
    }

    @Override
    public void onInitialData() {
        if (loaded.compareAndSet(false, true)) {
            observer.loaded();
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
