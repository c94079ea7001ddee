/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import net.gwha.impl.steering.Change.MeterChange;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification.ModificationType;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Plan}s to the switches through openflowplugin, idempotently: the {@link FlowLedger} says what
 * differs from what was last applied, and only that is written. Other applications' flows and groups are never
 * touched: every flow this writer writes or removes carries the project's cookie tag, every group the project's
 * id tag ({@link FlowIds}). A switch that connects is reconciled ({@link SwitchReconciler}); while it stays
 * connected, what it loses or holds changed is restored ({@link FlowAudit}).
 *
 * <h2>Two paths, and which one is used</h2>
 * <ul>
 *   <li>{@link Mode#DATASTORE}: the difference goes into the configuration datastore ({@link DatastoreTransport}),
 *       from which openflowplugin's forwarding-rules manager (FRM) installs it and re-installs it whenever a switch
 *       reconnects. The future completes when the transaction commits: this path offers no confirmation from the
 *       switch.</li>
 *   <li>{@link Mode#RPC}: the difference goes straight to openflowplugin's flow and group RPCs, then a barrier per
 *       switch ({@link RpcTransport}): the future is the switch's confirmation that it has taken every change.
 *       Nothing is persisted: the whole plan of a switch is sent again when the switch (re)appears in the
 *       operational inventory.</li>
 *   <li>{@link Mode#RPC_AND_DATASTORE}, the default (the path is chosen in {@code etc/net.gwha.cfg}): a
 *       difference that touches steering (a failover) goes through the RPCs at once, the confirmation being theirs;
 *       the whole difference is also written to the datastore in the same call, so the FRM owns persistence and
 *       reconciliation (it re-sends the same flow-mods, which changes nothing on the switch). A difference without
 *       steering (configuration) goes through the datastore only, unless it adds or changes a meter:
 *       openflowplugin's forwarding-rules manager does not hold a flow back until the meter it names is on the
 *       switch, and cannot change a meter (openflowplugin 0.20.1 sends a meter update as an addition), so then the
 *       RPCs carry it too, in order, a changed meter removed and added again with the flows that name it.</li>
 * </ul>
 *
 * <p>Thread-safety: every method may be called from any thread and never blocks; the work runs on the
 * {@link SteeringLoop}, and futures complete on openflowplugin's threads or the loop.
 */
public final class FlowWriter implements FlowSink, AutoCloseable {
    /** How plans reach the switches. */
    public enum Mode {
        DATASTORE,
        RPC,
        RPC_AND_DATASTORE
    }

    /** Told what became of the writes to the switches. */
    @FunctionalInterface
    public interface WriteListener {
        /** A cluster's new total of flows and groups restored on a switch ({@link FlowAudit}). */
        void flowsRepaired(String cluster, long total);

        /** Flows, groups or meters sent to a switch through the RPCs failed; its plan is sent again soon. */
        default void writeFailed(final String node) {
            // only counted where someone counts
        }

        /** A switch (re)connected: it is reconciled with its plan. */
        default void switchConnected(final String node) {
            // only counted where someone counts
        }

        /** A switch's whole plan was sent again: it (re)connected, or a write to it failed. */
        default void planResent(final String node) {
            // only counted where someone counts
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowWriter.class);

    private final Mode mode;
    private final WriteListener writes;
    private final LongSupplier nanoClock;
    private final SteeringLoop loop;
    // Empty only in DATASTORE mode. SpotBugs ignores @Nullable on fields.
    private final Optional<RpcTransport> rpc;
    private final DatastoreTransport datastore;
    private final Registration nodes;
    // Returned and not yet complete: failed at close, so nobody waits for a switch that will not be asked again.
    private final Set<SettableFuture<Long>> unconfirmed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    // Confined to the loop.
    private final FlowLedger ledger = new FlowLedger();
    private final SwitchReconciler reconciler;
    // Empty without the RPCs, which it reads the switches with.
    private final Optional<FlowAudit> audit;

    /**
     * A writer.
     *
     * @param broker the data broker, for the configuration datastore and the operational inventory
     * @param rpcService openflowplugin's RPCs; may be absent only in {@link Mode#DATASTORE}, where nothing then
     *     removes stale flows from the switches (only from the datastore)
     * @param mode which path carries which change
     * @param nanoClock the clock of the confirmation times, the engine's (failover latencies are differences)
     * @param loop the thread the writer works on
     * @param writes told when flows or groups lost or changed on a switch were restored, when writes fail and plans
     *     are sent again
     * @param mayWrite whether this node may write to the switches now (the split-brain fence), asked before every
     *     write and RPC: while false they fail without reaching the datastore or a switch, the plan is re-sent a
     *     few times, and the flow audit restores what is missing once it is true again
     */
    public FlowWriter(final DataBroker broker, final @Nullable RpcService rpcService, final Mode mode,
            final LongSupplier nanoClock, final SteeringLoop loop, final WriteListener writes,
            final BooleanSupplier mayWrite) {
        this.mode = mode;
        this.writes = writes;
        this.nanoClock = nanoClock;
        this.loop = loop;
        if (mode != Mode.DATASTORE && rpcService == null) {
            throw new IllegalArgumentException(mode + " needs the RPC service");
        }
        final BooleanSupplier open = () -> !closed && mayWrite.getAsBoolean();
        rpc = rpcService == null ? Optional.empty() : Optional.of(new RpcTransport(rpcService, open,
            this::replaceMeter));
        datastore = new DatastoreTransport(broker, open);
        audit = rpc.map(transport -> new FlowAudit(ledger, transport, loop, writes));
        reconciler = new SwitchReconciler(ledger, mode, rpc, datastore, loop, writes,
            changes -> audit.ifPresent(auditor -> auditor.written(changes)));
        nodes = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).build(), this::onNodes);
    }

    /** Who takes on the learned hosts a switch's flows name, before the reconciliation judges them stale. */
    public void adoptHostsWith(final HostAdopter adopter) {
        loop.run(() -> reconciler.adoptHostsWith(adopter));
    }

    /**
     * Makes the switches hold this plan for its cluster: writes what differs from the cluster's last plan.
     *
     * @param plan the cluster's new plan
     * @return completes with the {@code nanoClock} time when the change was confirmed (see the class comment for
     *     what confirms it on each path), at once when nothing differs; fails when a write or RPC fails
     */
    @Override
    public ListenableFuture<Long> apply(final Plan plan) {
        return tracked(loop.call(() -> write(ledger.apply(plan))));
    }

    /**
     * Removes everything of a cluster, except what another cluster's plan on the same switch still holds.
     *
     * @param cluster the cluster name
     * @return completes with the time the removal was confirmed
     */
    @Override
    public ListenableFuture<Long> remove(final String cluster) {
        return tracked(loop.call(() -> {
            audit.ifPresent(auditor -> auditor.forget(cluster));
            return write(ledger.remove(cluster));
        }));
    }

    /**
     * How many flows and groups of a cluster were found lost or changed on a switch and restored.
     *
     * @param cluster the cluster name
     * @return the count since this writer started; any thread
     */
    public long repairs(final String cluster) {
        return audit.map(auditor -> auditor.repairs(cluster)).orElse(0L);
    }

    /**
     * What a cluster owns under any election order: reconciliation keeps it on the switches.
     *
     * @param cluster the cluster name
     * @param cookiesAndGroups what {@link FlowPlanner#owned} says for its current configuration
     */
    @Override
    public void own(final String cluster, final Owned cookiesAndGroups) {
        loop.run(() -> ledger.own(cluster, cookiesAndGroups));
    }

    /**
     * The whole configuration has been read (every cluster applied and owned): reconcile the switches connected
     * so far, and from now on every switch as it connects.
     */
    @Override
    public void loaded() {
        loop.run(reconciler::loaded);
    }

    private ListenableFuture<Long> tracked(final ListenableFuture<Long> confirmation) {
        if (closed) {
            confirmation.cancel(false);
            return SteeringLoop.stopped();
        }
        final var result = SettableFuture.<Long>create();
        // Not setFuture(): a future set from another cannot be failed at close.
        Futures.addCallback(confirmation, new FutureCallback<>() {
            @Override
            public void onSuccess(final Long confirmedAt) {
                result.set(confirmedAt);
            }

            @Override
            public void onFailure(final Throwable cause) {
                result.setException(cause);
            }
        }, MoreExecutors.directExecutor());
        unconfirmed.add(result);
        result.addListener(() -> unconfirmed.remove(result), MoreExecutors.directExecutor());
        return result;
    }

    private ListenableFuture<Long> write(final List<Change> changes) {
        if (closed) {
            return SteeringLoop.stopped();
        }
        if (changes.isEmpty()) {
            return Futures.immediateFuture(nanoClock.getAsLong());
        }
        audit.ifPresent(auditor -> auditor.written(changes));
        // A new or changed meter goes the fast way too: the RPCs keep it ahead of the flows that name it (the FRM
        // does not), and only they replace a changed one (the FRM's meter update fails on openflowplugin 0.20.1).
        final boolean fast = changes.stream().anyMatch(change -> change.steering()
            || change instanceof MeterChange meter && meter.adds());
        final boolean viaRpc = mode == Mode.RPC || mode == Mode.RPC_AND_DATASTORE && fast;
        // The RPCs before the datastore: they reach the switch before the forwarding-rules manager's copies of the
        // same changes, which the datastore's commit sets off, and are not held up by building its transaction. A
        // meter the manager added first would be refused to the RPC as one the switch held, and replaced.
        ListenableFuture<Long> confirmed = null;
        if (viaRpc) {
            final var sent = rpc.orElseThrow().send(changes);
            // Timed from now on: the switch may confirm while the datastore write below is being built.
            confirmed = confirmedAt(sent);
            final var changedSwitches = changes.stream().map(Change::node).distinct().toList();
            Futures.addCallback(Futures.allAsList(sent), new FutureCallback<>() {
                @Override
                public void onSuccess(final List<Object> result) {
                    // confirmed
                }

                @Override
                public void onFailure(final Throwable cause) {
                    changedSwitches.forEach(writes::writeFailed);
                    loop.execute(() -> changedSwitches.forEach(node -> reconciler.resendLater(node, 1)));
                }
            }, MoreExecutors.directExecutor());
        }
        if (mode != Mode.RPC) {
            final var commit = datastore.write(changes);
            if (viaRpc) {
                Futures.addCallback(commit, SwitchReconciler.logging("datastore write"),
                    MoreExecutors.directExecutor());
            } else {
                confirmed = confirmedAt(List.of(commit));
            }
        }
        return Objects.requireNonNull(confirmed);
    }

    private ListenableFuture<Long> confirmedAt(final List<? extends ListenableFuture<?>> confirmations) {
        return Futures.transform(Futures.allAsList(confirmations), ignored -> nanoClock.getAsLong(),
            MoreExecutors.directExecutor());
    }

    /**
     * A switch refused to add a meter because it holds one with that id, whose bands openflowplugin 0.20.1 cannot
     * read back: one kept from an earlier configuration or controller (a cluster re-created with another heartbeat
     * interval, a controller restarted), or the planned one already. The planned meter replaces it and the flows
     * that name it, which the switch removes with it, are added again: queued on the loop, so after everything
     * sent before, from the ledger as it is then.
     */
    private ListenableFuture<?> replaceMeter(final String node, final long meterId) {
        try {
            return Futures.submitAsync(() -> {
                final var changes = ledger.replacement(node, meterId);
                if (changes.isEmpty()) {
                    return Futures.immediateFuture(null);
                }
                LOG.info("{}: meter 0x{} was on the switch already, perhaps with other bands: replacing it with the "
                    + "planned one and adding the {} flows that name it again", node, Long.toHexString(meterId),
                    changes.size() - 1);
                audit.ifPresent(auditor -> auditor.written(changes));
                return Futures.allAsList(rpc.orElseThrow().send(changes));
            }, loop.executor());
        } catch (RejectedExecutionException e) {
            return SteeringLoop.stopped();
        }
    }

    /**
     * This node may write again after a while in which it could not (see {@code mayWrite}): every switch's plan is
     * written again through every path, so that nothing decided meanwhile stays unwritten.
     */
    public void caughtUp() {
        loop.run(() -> ledger.switches().forEach(reconciler::catchUp));
    }

    /** Switches come and go in the operational inventory, which openflowplugin writes as they connect. */
    // Called on the datastore's thread: nothing may be thrown into it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void onNodes(final List<DataTreeModification<Node>> modifications) {
        try {
            nodesChanged(modifications);
        } catch (RuntimeException e) {
            LOG.warn("Switch inventory change not handled: {}", modifications, e);
        }
    }

    private void nodesChanged(final List<DataTreeModification<Node>> modifications) {
        for (var modification : modifications) {
            final var root = modification.getRootNode();
            final var before = root.dataBefore();
            final var after = root.dataAfter();
            if (root.modificationType() == ModificationType.DELETE || after == null) {
                if (before != null) {
                    final var node = before.getId().getValue();
                    loop.execute(() -> {
                        reconciler.disconnected(node);
                        audit.ifPresent(auditor -> auditor.disconnected(node));
                    });
                }
            } else if (before == null) {
                final var node = after.getId().getValue();
                loop.execute(() -> {
                    reconciler.connected(node);
                    audit.ifPresent(auditor -> auditor.connected(node));
                });
            }
        }
    }

    /**
     * Stops at once: nothing more is sent or written, and every confirmation still awaited fails. Never blocks.
     */
    @Override
    public void close() {
        closed = true;
        nodes.close();
        final var stopped = new IllegalStateException("steering stopped");
        unconfirmed.forEach(future -> future.setException(stopped));
        datastore.close();
    }
}
