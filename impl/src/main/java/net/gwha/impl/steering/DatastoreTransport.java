/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.InventoryPaths.flowCapablePath;
import static net.gwha.impl.steering.InventoryPaths.flowPath;
import static net.gwha.impl.steering.InventoryPaths.groupPath;
import static net.gwha.impl.steering.InventoryPaths.meterPath;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yangtools.yang.common.Empty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration datastore (the flows, groups and meters under {@code nodes/node/flow-node-inventory}), from
 * which openflowplugin's forwarding-rules manager installs them and re-installs them whenever a switch reconnects. A
 * commit confirms only that the datastore has the change: the forwarding-rules manager then still has to send it. It
 * sends a group a new flow needs first, but not a meter: its meter and flow listeners run independently, so on this
 * path alone a flow may reach the switch before its meter and be refused (the writer's default mode sends meter
 * additions through the RPCs, in order). Writes go through one transaction chain, so a later write never races an
 * earlier one still committing. Called on the steering loop only.
 */
final class DatastoreTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreTransport.class);

    private final DataBroker broker;
    private final BooleanSupplier open;
    private TransactionChain chain;

    /**
     * The datastore.
     *
     * @param open whether anything may still be written: once false, every write fails without a transaction
     */
    DatastoreTransport(final DataBroker broker, final BooleanSupplier open) {
        this.broker = broker;
        this.open = open;
        chain = newChain();
    }

    /** Writes changes in one transaction. */
    FluentFuture<?> write(final List<Change> changes) {
        if (!open.getAsBoolean()) {
            return FluentFuture.from(SteeringLoop.stopped());
        }
        final var tx = transaction();
        for (var change : changes) {
            switch (change) {
                case FlowChange flow -> {
                    final var after = flow.after();
                    if (after != null) {
                        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                            flowPath(flow.node(), flow.id()), after);
                    } else {
                        tx.delete(LogicalDatastoreType.CONFIGURATION, flowPath(flow.node(), flow.id()));
                    }
                }
                case MeterChange meter -> {
                    final var after = meter.after();
                    if (after != null) {
                        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                            meterPath(meter.node(), meter.id()), after);
                    } else {
                        tx.delete(LogicalDatastoreType.CONFIGURATION, meterPath(meter.node(), meter.id()));
                    }
                }
                case GroupChange group -> {
                    final var after = group.after();
                    if (after != null) {
                        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                            groupPath(group.node(), group.id()), after);
                    } else {
                        tx.delete(LogicalDatastoreType.CONFIGURATION, groupPath(group.node(), group.id()));
                    }
                }
            }
        }
        return tx.commit();
    }

    /** What the datastore holds for a switch, if anything. */
    ListenableFuture<Optional<FlowCapableNode>> read(final String node) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, flowCapablePath(node));
        }
    }

    /**
     * Deletes flows, groups and meters of a switch in one transaction.
     *
     * @param flows the flows, each in its table
     * @param groups the group ids
     * @param meters the meter ids
     */
    FluentFuture<?> delete(final String node, final List<FlowInTable> flows,
            final List<Long> groups, final List<Long> meters) {
        if (!open.getAsBoolean()) {
            return FluentFuture.from(SteeringLoop.stopped());
        }
        final var tx = transaction();
        for (var flow : flows) {
            tx.delete(LogicalDatastoreType.CONFIGURATION, flowCapablePath(node).toBuilder()
                .child(Table.class, flow.table().key()).child(Flow.class, flow.flow().key()).build());
        }
        for (var group : groups) {
            tx.delete(LogicalDatastoreType.CONFIGURATION, groupPath(node, group));
        }
        for (var meter : meters) {
            tx.delete(LogicalDatastoreType.CONFIGURATION, meterPath(node, meter));
        }
        return tx.commit();
    }

    /** A flow as the datastore holds it, with its table. */
    record FlowInTable(Table table, Flow flow) {
    }

    private WriteTransaction transaction() {
        if (chain.future().isDone()) {
            chain = newChain();
        }
        return chain.newWriteOnlyTransaction();
    }

    private TransactionChain newChain() {
        final var created = broker.createMergingTransactionChain();
        created.addCallback(new FutureCallback<Empty>() {
            @Override
            public void onSuccess(final Empty result) {
                LOG.debug("Flow transaction chain closed");
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Flow transaction chain failed; the next write starts a new one", cause);
            }
        });
        return created;
    }

    @Override
    public void close() {
        try {
            chain.close();
        } catch (IllegalStateException e) {
            // A write still committing: it completes on its own, the chain just cannot be closed under it.
            LOG.debug("Flow transaction chain closed with a write in flight", e);
        }
    }
}
