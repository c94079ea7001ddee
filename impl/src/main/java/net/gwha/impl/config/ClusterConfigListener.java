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
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns configuration changes into engine events. Registered by the node that drives election: on registration
 * the datastore replays the whole configuration, which rebuilds the engine after a take-over.
 *
 * <p>Each cluster is applied on its own: one that cannot be (the validator lets no such cluster through, but a
 * bug could) is logged and left out, with its previous configuration, if any, still in force; the others are
 * applied, and the replay still ends with {@link ConfigObserver#loaded()}. The observer hears of a configuration
 * only once the engine took it, on the engine's loop, in datastore order.
 */
public final class ClusterConfigListener implements DataTreeChangeListener<Cluster>, AutoCloseable {
    /** Adapters that keep their own copy of the configuration (flows, packet-in matching); called on the loop. */
    public interface ConfigObserver {
        /** The engine runs this configuration now. */
        void configured(Cluster cluster);

        void removed(String cluster);

        /** The configuration as it was at registration has been handed over (called once, maybe with none). */
        void loaded();

        /**
         * The changes of one notification are about to be handed over; called on the datastore's thread, before the
         * first of them reaches the engine. Each is paired with {@link #handedOver}.
         */
        default void handingOver() {
            // nothing to hold
        }

        /** Every change of the notification announced by {@link #handingOver} has been handed over. */
        default void handedOver() {
            // nothing to release
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfigListener.class);

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
        observer.handingOver();
        try {
            for (var change : changes) {
                apply(change.getRootNode());
            }
        } finally {
            engine.afterPending(observer::handedOver);
            onInitialData();
        }
    }

    // One cluster that cannot be applied must not keep the others from being applied.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void apply(final DataObjectModification<Cluster> node) {
        final var after = node.dataAfter();
        final var name = (after != null ? after : node.dataBefore()).requireName().getValue();
        try {
            if (after == null) {
                engine.remove(name, () -> observer.removed(name));
            } else {
                engine.configure(new Event.ConfigSet(EngineConfigs.of(after), engine.now()),
                    after.requireVirtualIp().stream().map(IpAddress::stringValue).toList(),
                    () -> observer.configured(after));
            }
        } catch (RuntimeException e) {
            LOG.error("Cluster {}: this configuration cannot be applied; the previous one, if any, stays", name, e);
        }
    }

    @Override
    public void onInitialData() {
        if (loaded.compareAndSet(false, true)) {
            engine.afterPending(observer::loaded);
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
