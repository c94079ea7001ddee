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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import net.gwha.impl.steering.DatastoreTransport.FlowInTable;
import net.gwha.impl.steering.FlowWriter.Mode;
import net.gwha.impl.steering.RpcTransport.Holdings;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a switch that connects in line with the ledger. Once the configuration has been read ({@link #loaded()}),
 * every switch that connects (or was connected) is reconciled: in the RPC modes its whole last-applied plan is sent
 * again through the RPCs, so what only the RPCs carried comes back too; then the switch is asked for its flows with the
 * project's cookie tag and its groups (openflowplugin's direct-statistics RPCs), and whatever of the project's no
 * configured cluster owns ({@link FlowPlanner#owned}) is removed by its exact cookie, or group id; in the datastore
 * modes the same stale entries, and stale meters, are deleted from the configuration datastore, so the forwarding-rules
 * manager does not install them again (and removes them from the switch). A stale meter on a switch programmed through
 * the RPCs alone stays: harmless, as no flow of the project's names it any more. Stale: a cluster deleted while this
 * node did not drive, a gateway removed, a flow whose match changed. Runs on the steering loop.
 */
final class SwitchReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchReconciler.class);
    private static final int MAX_RESENDS = 20;
    private static final Duration RESEND_DELAY = Duration.ofMillis(500);

    private final FlowLedger ledger;
    private final Mode mode;
    private final Optional<RpcTransport> rpc;
    private final DatastoreTransport datastore;
    private final SteeringLoop loop;
    private final Consumer<List<Change>> resent;
    private final FlowWriter.WriteListener writes;
    // Switches that connected before the configuration was read; reconciled by loaded().
    private final Set<String> pending = new TreeSet<>();
    private boolean loaded;
    private HostAdopter adopter = (node, cookie, match) -> false;

    SwitchReconciler(final FlowLedger ledger, final Mode mode, final Optional<RpcTransport> rpc,
            final DatastoreTransport datastore, final SteeringLoop loop, final FlowWriter.WriteListener writes,
            final Consumer<List<Change>> resent) {
        this.resent = resent;
        this.writes = writes;
        this.ledger = ledger;
        this.mode = mode;
        this.rpc = rpc;
        this.datastore = datastore;
        this.loop = loop;
    }

    /** Who takes on the learned hosts a switch's flows name, before they are judged stale. */
    void adoptHostsWith(final HostAdopter hostAdopter) {
        adopter = hostAdopter;
    }

    /** The whole configuration is in the ledger: reconcile the switches connected so far, and every one after. */
    void loaded() {
        if (!loaded) {
            loaded = true;
            pending.forEach(this::reconcile);
            pending.clear();
        }
    }

    /** A switch (re)appeared in the operational inventory, which openflowplugin writes when it connects. */
    void connected(final String node) {
        writes.switchConnected(node);
        if (loaded) {
            reconcile(node);
        } else {
            pending.add(node);
        }
    }

    /** A switch left the operational inventory: it is reconciled when it comes back. */
    void disconnected(final String node) {
        pending.remove(node);
    }

    /**
     * Writes may have been lost (this node could not write for a while): the switch's whole plan goes into the
     * datastore again, then the switch is reconciled as if it had just connected.
     */
    void catchUp(final String node) {
        if (mode != Mode.RPC) {
            Futures.addCallback(datastore.write(ledger.everything(node)), logging("catching up " + node
                + " in the datastore"), MoreExecutors.directExecutor());
        }
        reconcile(node);
    }

    /**
     * A switch's RPCs failed: send its whole plan again soon. A switch that just connected answers packet-ins a
     * moment before openflowplugin offers its flow RPCs, and the first failover of a starting controller falls
     * just there; a switch that disconnected is re-sent its plan when it connects, so a few attempts suffice.
     */
    void resendLater(final String node, final int attempt) {
        if (attempt <= MAX_RESENDS) {
            loop.schedule(() -> resend(node, attempt), RESEND_DELAY);
        } else {
            LOG.warn("{}: gave up re-sending its plan after {} attempts; it is sent again when it reconnects", node,
                MAX_RESENDS);
        }
    }

    private void reconcile(final String node) {
        if (mode != Mode.DATASTORE) {
            resend(node, 1);
        }
        if (mode != Mode.RPC) {
            Futures.addCallback(Futures.transformAsync(datastore.read(node),
                found -> found.isEmpty() ? Futures.immediateFuture(null) : deleteStale(node, found.orElseThrow()),
                loop.executor()), logging("stale entries of " + node + " in the datastore"),
                MoreExecutors.directExecutor());
        }
        // After the re-sent plan (the RPCs of one switch are sent in order), so that nothing just sent looks stale.
        rpc.ifPresent(transport -> Futures.addCallback(Futures.transformAsync(transport.holdings(node),
            holdings -> removeStale(transport, node, holdings), loop.executor()),
            logging("stale flows and groups on " + node), MoreExecutors.directExecutor()));
    }

    /** In the RPC modes nothing but the ledger knows the RPC-written flows: send the switch's whole plan again. */
    private void resend(final String node, final int attempt) {
        final var changes = ledger.everything(node);
        if (changes.isEmpty()) {
            return;
        }
        final var plan = ledger.applied(node);
        LOG.info("{}: sending its {} flows, {} groups and {} meters again (attempt {})", node, plan.flows().size(),
            plan.groups().size(), plan.meters().size(), attempt);
        resent.accept(changes);
        writes.planResent(node);
        Futures.addCallback(Futures.allAsList(rpc.orElseThrow().send(changes)), new FutureCallback<>() {
            @Override
            public void onSuccess(final List<Object> result) {
                LOG.debug("{}: plan re-sent", node);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("{}: re-sending the plan failed", node, cause);
                writes.writeFailed(node);
                loop.execute(() -> resendLater(node, attempt + 1));
            }
        }, MoreExecutors.directExecutor());
    }

    private ListenableFuture<?> removeStale(final RpcTransport transport, final String node,
            final Holdings holdings) {
        adoptHosts(node, holdings.flows());
        final var keep = ledger.keep(node);
        final var removals = new ArrayList<ListenableFuture<?>>();
        final var staleCookies = new TreeSet<Long>();
        for (var flow : holdings.flows()) {
            final long cookie = flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue();
            if (FlowIds.isOurs(cookie) && !keep.cookies().contains(cookie) && staleCookies.add(cookie)) {
                // Every flow with exactly this cookie in its table: no other application's, none of the plan's.
                removals.add(transport.removeByCookie(node,
                    flow.getTableId() == null ? InventoryPaths.TABLE : flow.getTableId(), cookie));
            }
        }
        final var staleGroups = new TreeSet<Long>();
        for (var group : holdings.groups()) {
            final long id = group.getGroupId().getValue().toJava();
            if (FlowIds.isOurGroup(id) && !keep.groups().contains(id) && staleGroups.add(id)) {
                // After the stale flows: the switch removes a group's flows with it, but those are stale anyway.
                removals.add(transport.removeGroup(node, id));
            }
        }
        if (removals.isEmpty()) {
            return Futures.immediateFuture(null);
        }
        LOG.info("{}: removing stale flow cookies {} and groups {}", node, staleCookies, staleGroups);
        removals.add(transport.barrier(node));
        return Futures.allAsList(removals);
    }

    private ListenableFuture<?> deleteStale(final String node, final FlowCapableNode config) {
        adoptHosts(node, config.nonnullTable().values().stream().flatMap(table -> table.nonnullFlow().values().stream())
            .toList());
        final var keep = ledger.keep(node);
        final var holds = ledger.applied(node);
        final var staleFlows = new ArrayList<FlowInTable>();
        final var staleGroups = new ArrayList<Long>();
        for (var table : config.nonnullTable().values()) {
            for (var flow : table.nonnullFlow().values()) {
                final long cookie = flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue();
                // A flow the ledger holds is never stale, even when the read predates its latest write.
                if (FlowIds.isOurs(cookie) && !keep.cookies().contains(cookie)
                        && !holds.flows().containsKey(flow.getId().getValue())) {
                    staleFlows.add(new FlowInTable(table, flow));
                }
            }
        }
        for (var group : config.nonnullGroup().values()) {
            final long id = group.getGroupId().getValue().toJava();
            if (FlowIds.isOurGroup(id) && !keep.groups().contains(id) && !holds.groups().containsKey(id)) {
                staleGroups.add(id);
            }
        }
        final var staleMeters = new ArrayList<Long>();
        for (var meter : config.nonnullMeter().values()) {
            final long id = meter.getMeterId().getValue().toJava();
            if (FlowIds.isOurMeter(id) && !keep.meters().contains(id) && !holds.meters().containsKey(id)) {
                staleMeters.add(id);
            }
        }
        if (staleFlows.isEmpty() && staleGroups.isEmpty() && staleMeters.isEmpty()) {
            return Futures.immediateFuture(null);
        }
        LOG.info("{}: deleting stale flows {}, groups {} and meters {} from the configuration datastore", node,
            staleFlows.stream().map(stale -> stale.flow().getId().getValue()).toList(),
            staleGroups.stream().map(Long::toHexString).toList(), staleMeters.stream().map(Long::toHexString).toList());
        return datastore.delete(node, staleFlows, staleGroups, staleMeters);
    }

    /** The hosts a previous arbiter learned, taken on: their re-plan (on the loop, at once) puts them in the ledger. */
    private void adoptHosts(final String node, final Collection<? extends Flow> flows) {
        final var keep = ledger.keep(node);
        for (var flow : flows) {
            final long cookie = flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue();
            if (FlowIds.isOurs(cookie) && !keep.cookies().contains(cookie)) {
                adopter.adopt(node, cookie, flow.getMatch());
            }
        }
    }

    static <T> FutureCallback<T> logging(final String what) {
        return new FutureCallback<>() {
            @Override
            public void onSuccess(final T result) {
                LOG.debug("{} done", what);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{} failed", what, cause);
            }
        };
    }
}
