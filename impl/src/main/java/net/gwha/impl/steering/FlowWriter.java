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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification.ModificationType;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.FlowTableRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.UpdateFlow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.UpdateFlowInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.flow.update.OriginalFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.flow.update.UpdatedFlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.UpdateGroup;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.UpdateGroupInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.group.update.OriginalGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.group.update.UpdatedGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.statistics.reply.GroupStats;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Plan}s to the switches through openflowplugin, idempotently: per switch it keeps what it last
 * applied (the union of every cluster's plan, so flows clusters share stay while one still needs them) and writes
 * only the difference. Other applications' flows and groups are never touched: every flow this writer writes or
 * removes carries the project's cookie tag, every group the project's id tag ({@link FlowPlanner}).
 *
 * <h2>When a switch connects</h2>
 * Once the configuration has been read ({@link #loaded()}), every switch that connects (or was connected) is
 * reconciled: in the RPC modes its whole last-applied plan is sent again through the RPCs, so what only the RPCs
 * carried comes back too; then the switch is asked for its flows with the project's cookie tag and its groups
 * (openflowplugin's direct-statistics RPCs), and whatever of the project's no configured cluster owns
 * ({@link FlowPlanner#owned}) is removed by its exact cookie, or group id; in the datastore modes the same stale
 * entries are deleted from the configuration datastore, so the forwarding-rules manager does not install them
 * again. Stale: a cluster deleted while this node did not drive, a gateway removed, a flow whose match changed.
 *
 * <h2>Two paths, and which one is used</h2>
 * <ul>
 *   <li>{@link Mode#DATASTORE}: the difference goes into the configuration datastore
 *       ({@code nodes/node/flow-node-inventory:table/flow} and {@code .../group}), from which openflowplugin's
 *       forwarding-rules manager (FRM) installs it and re-installs it whenever a switch reconnects. The future
 *       completes when the transaction commits: the FRM then still has to send the flow-mods, and this path
 *       offers no confirmation from the switch.</li>
 *   <li>{@link Mode#RPC}: the difference goes straight to openflowplugin's flow and group RPCs ({@code AddFlow},
 *       {@code UpdateFlow}, {@code RemoveFlow}, the same for groups), then a {@code SendBarrier} per switch:
 *       openflowplugin completes each RPC at the next barrier reply, so the future is the switch's confirmation
 *       that it has taken every change (without the explicit barrier it waits for openflowplugin's own periodic
 *       one, measured at about 200 ms median, up to 500 ms). Nothing is persisted: this
 *       writer re-sends the whole plan of a switch when the switch (re)appears in the operational inventory.</li>
 *   <li>{@link Mode#RPC_AND_DATASTORE}, the default (the path is chosen in {@code etc/net.gwha.cfg}): a
 *       difference that touches steering (a failover) goes through the RPCs at once, the confirmation being theirs;
 *       the whole difference is also written to the datastore in
 *       the same call, so the FRM owns persistence and reconciliation (it re-sends the same flow-mods, which
 *       changes nothing on the switch). A difference without steering (configuration) goes through the datastore
 *       only.</li>
 * </ul>
 * Group additions and updates are sent before the flows that may point at them, group removals after.
 *
 * <p>Thread-safety: {@link #apply(Plan)} and {@link #remove(String)} are synchronized and never block; futures
 * complete on openflowplugin's threads.
 */
public final class FlowWriter implements AutoCloseable {
    /** How plans reach the switches. */
    public enum Mode {
        DATASTORE,
        RPC,
        RPC_AND_DATASTORE
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowWriter.class);
    private static final Uint8 TABLE = Uint8.ZERO;
    private static final int MAX_RESENDS = 20;
    private static final long RESEND_DELAY_MILLIS = 500;

    private final DataBroker broker;
    private final Mode mode;
    private final LongSupplier nanoClock;
    // Empty only in DATASTORE mode. SpotBugs ignores @Nullable on fields.
    private final Optional<Rpcs> rpcs;
    private final Registration nodes;

    // Guarded by this.
    private final Map<String, Plan> plans = new HashMap<>();
    private final Map<String, FlowPlanner.SwitchPlan> applied = new HashMap<>();
    private final Map<String, FlowPlanner.Owned> owned = new HashMap<>();
    // Switches that connected before the configuration was read; reconciled by loaded().
    private final Set<String> pending = new TreeSet<>();
    private boolean loaded;
    private boolean closed;
    // Our datastore writes, in order: a later plan's transaction must not race an earlier one still committing.
    private TransactionChain chain;

    /** openflowplugin's RPCs, resolved once. */
    private record Rpcs(AddFlow addFlow, UpdateFlow updateFlow, RemoveFlow removeFlow, AddGroup addGroup,
            UpdateGroup updateGroup, RemoveGroup removeGroup, SendBarrier sendBarrier,
            GetFlowStatistics flowStatistics, GetGroupStatistics groupStatistics) {
        Rpcs(final RpcService service) {
            this(service.getRpc(AddFlow.class), service.getRpc(UpdateFlow.class), service.getRpc(RemoveFlow.class),
                service.getRpc(AddGroup.class), service.getRpc(UpdateGroup.class), service.getRpc(RemoveGroup.class),
                service.getRpc(SendBarrier.class), service.getRpc(GetFlowStatistics.class),
                service.getRpc(GetGroupStatistics.class));
        }
    }

    /**
     * A writer.
     *
     * @param broker the data broker, for the configuration datastore and the operational inventory
     * @param rpcService openflowplugin's RPCs; may be absent only in {@link Mode#DATASTORE}, where nothing then
     *     removes stale flows from the switches (only from the datastore)
     * @param mode which path carries which change
     * @param nanoClock the clock of the confirmation times, the engine's (failover latencies are differences)
     */
    public FlowWriter(final DataBroker broker, final @Nullable RpcService rpcService, final Mode mode,
            final LongSupplier nanoClock) {
        this.broker = broker;
        this.mode = mode;
        this.nanoClock = nanoClock;
        if (mode != Mode.DATASTORE && rpcService == null) {
            throw new IllegalArgumentException(mode + " needs the RPC service");
        }
        rpcs = rpcService == null ? Optional.empty() : Optional.of(new Rpcs(rpcService));
        chain = newChain();
        nodes = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).build(), this::onNodes);
    }

    /**
     * Makes the switches hold this plan for its cluster: writes what differs from the cluster's last plan.
     *
     * @param plan the cluster's new plan
     * @return completes with the {@code nanoClock} time when the change was confirmed (see the class comment for
     *     what confirms it on each path), at once when nothing differs; fails when a write or RPC fails
     */
    public synchronized ListenableFuture<Long> apply(final Plan plan) {
        final var previous = plans.put(plan.cluster(), plan);
        final var touched = new TreeSet<>(plan.switches().keySet());
        if (previous != null) {
            touched.addAll(previous.switches().keySet());
        }
        return write(touched);
    }

    /**
     * Removes everything of a cluster, except what another cluster's plan on the same switch still holds.
     *
     * @param cluster the cluster name
     * @return completes with the time the removal was confirmed
     */
    public synchronized ListenableFuture<Long> remove(final String cluster) {
        owned.remove(cluster);
        final var previous = plans.remove(cluster);
        return previous == null ? Futures.immediateFuture(nanoClock.getAsLong())
            : write(new TreeSet<>(previous.switches().keySet()));
    }

    /**
     * What a cluster owns under any election order: reconciliation keeps it on the switches.
     *
     * @param cluster the cluster name
     * @param cookiesAndGroups what {@link FlowPlanner#owned} says for its current configuration
     */
    public synchronized void own(final String cluster, final FlowPlanner.Owned cookiesAndGroups) {
        owned.put(cluster, cookiesAndGroups);
    }

    /**
     * The whole configuration has been read (every cluster applied and owned): reconcile the switches connected
     * so far, and from now on every switch as it connects.
     */
    public synchronized void loaded() {
        if (!loaded) {
            loaded = true;
            pending.forEach(this::reconcile);
            pending.clear();
        }
    }

    /** What this writer last applied to a switch (the union of the clusters' plans), for tests and diagnostics. */
    public synchronized FlowPlanner.SwitchPlan applied(final String node) {
        return applied.getOrDefault(node, new FlowPlanner.SwitchPlan(new TreeMap<>(), new TreeMap<>()));
    }

    private ListenableFuture<Long> write(final TreeSet<String> switches) {
        if (chain.future().isDone()) {
            chain = newChain();
        }
        final var tx = chain.newWriteOnlyTransaction();
        final var confirmations = new ArrayList<ListenableFuture<?>>();
        boolean steering = false;
        final var changes = new ArrayList<Change>();
        for (var node : switches) {
            final var before = applied(node);
            final var after = union(node);
            changes.addAll(diff(node, before, after));
            if (after.flows().isEmpty() && after.groups().isEmpty()) {
                applied.remove(node);
            } else {
                applied.put(node, after);
            }
        }
        if (changes.isEmpty()) {
            tx.cancel();
            return Futures.immediateFuture(nanoClock.getAsLong());
        }
        for (var change : changes) {
            steering |= change.steering();
        }
        final boolean viaRpc = mode == Mode.RPC || mode == Mode.RPC_AND_DATASTORE && steering;
        final boolean viaDatastore = mode != Mode.RPC;
        if (viaDatastore) {
            changes.forEach(change -> change.toDatastore(tx));
            final var commit = tx.commit();
            if (!viaRpc) {
                confirmations.add(commit);
            } else {
                commit.addCallback(new LoggingCallback<>("datastore write of " + switches),
                    MoreExecutors.directExecutor());
            }
        } else {
            tx.cancel();
        }
        if (viaRpc) {
            final var sent = sendRpcs(changes);
            confirmations.addAll(sent);
            final var changedSwitches = changes.stream().map(Change::node).distinct().toList();
            Futures.addCallback(Futures.allAsList(sent), new FutureCallback<List<Object>>() {
                @Override
                public void onSuccess(final List<Object> result) {
                    // confirmed
                }

                @Override
                public void onFailure(final Throwable cause) {
                    changedSwitches.forEach(node -> resendLater(node, 1));
                }
            }, MoreExecutors.directExecutor());
        }
        return Futures.transform(Futures.allAsList(confirmations), ignored -> nanoClock.getAsLong(),
            MoreExecutors.directExecutor());
    }

    /** Sends changes in a safe order: group adds/updates, flow changes, group removals. */
    private List<ListenableFuture<?>> sendRpcs(final List<Change> changes) {
        final var rpc = rpcs.orElseThrow();
        final var futures = new ArrayList<ListenableFuture<?>>();
        for (var change : changes) {
            if (change instanceof GroupChange group && group.after() != null) {
                futures.add(checked(group.send(rpc), group));
            }
        }
        for (var change : changes) {
            if (change instanceof FlowChange flow) {
                futures.add(checked(flow.send(rpc), flow));
            }
        }
        for (var change : changes) {
            if (change instanceof GroupChange group && group.after() == null) {
                futures.add(checked(group.send(rpc), group));
            }
        }
        // openflowplugin completes a flow-mod's RPC only at the next barrier, which it sends on its own every few
        // hundred milliseconds; ask for one now, so the confirmation arrives as soon as the switch has taken it.
        changes.stream().map(Change::node).distinct().forEach(node -> futures.add(rpc.sendBarrier()
            .invoke(new SendBarrierInputBuilder().setNode(new NodeRef(nodePath(node))).build())));
        return futures;
    }

    private static ListenableFuture<?> checked(final ListenableFuture<? extends RpcResult<?>> future,
            final Change change) {
        return Futures.transformAsync(future, result -> result.isSuccessful() ? Futures.immediateFuture(result)
            : Futures.immediateFailedFuture(new IllegalStateException(change + " refused: " + result.getErrors())),
            MoreExecutors.directExecutor());
    }

    private static ListenableFuture<?> checked(final ListenableFuture<? extends RpcResult<?>> future,
            final String what) {
        return Futures.transformAsync(future, result -> result.isSuccessful() ? Futures.immediateFuture(result)
            : Futures.immediateFailedFuture(new IllegalStateException(what + " refused: " + result.getErrors())),
            MoreExecutors.directExecutor());
    }

    private FlowPlanner.SwitchPlan union(final String node) {
        final var flows = new TreeMap<String, Flow>();
        final var groups = new TreeMap<Long, Group>();
        for (var plan : plans.values()) {
            final var onSwitch = plan.switches().get(node);
            if (onSwitch != null) {
                flows.putAll(onSwitch.flows());
                groups.putAll(onSwitch.groups());
            }
        }
        return new FlowPlanner.SwitchPlan(flows, groups);
    }

    private static List<Change> diff(final String node, final FlowPlanner.SwitchPlan before,
            final FlowPlanner.SwitchPlan after) {
        final var changes = new ArrayList<Change>();
        after.groups().forEach((id, group) -> {
            final var old = before.groups().get(id);
            if (!group.equals(old)) {
                changes.add(new GroupChange(node, id, old, group));
            }
        });
        before.groups().forEach((id, group) -> {
            if (!after.groups().containsKey(id)) {
                changes.add(new GroupChange(node, id, group, null));
            }
        });
        after.flows().forEach((id, flow) -> {
            final var old = before.flows().get(id);
            if (!flow.equals(old)) {
                changes.add(new FlowChange(node, id, old, flow));
            }
        });
        before.flows().forEach((id, flow) -> {
            if (!after.flows().containsKey(id)) {
                changes.add(new FlowChange(node, id, flow, null));
            }
        });
        return changes;
    }

    /** A switch (re)appeared in the operational inventory, which openflowplugin writes when it connects. */
    private synchronized void onNodes(final List<DataTreeModification<Node>> modifications) {
        for (var modification : modifications) {
            final var root = modification.getRootNode();
            final var after = root.dataAfter();
            if (root.modificationType() == ModificationType.DELETE || root.dataBefore() != null || after == null) {
                continue;
            }
            final var node = after.getId().getValue();
            if (loaded) {
                reconcile(node);
            } else {
                pending.add(node);
            }
        }
    }

    private void reconcile(final String node) {
        if (mode != Mode.DATASTORE) {
            resend(node, 1);
        }
        if (mode != Mode.RPC) {
            Futures.addCallback(removeStaleFromDatastore(node), new LoggingCallback<>("stale entries of " + node
                + " in the datastore"), MoreExecutors.directExecutor());
        }
        // After the re-sent plan (the RPCs of one switch are sent in order), so that nothing just sent looks stale.
        rpcs.ifPresent(rpc -> Futures.addCallback(removeStaleFromSwitch(rpc, node),
            new LoggingCallback<>("stale flows and groups on " + node), MoreExecutors.directExecutor()));
    }

    /** In the RPC modes nothing but this writer knows the RPC-written flows: send the switch's whole plan again. */
    private void resend(final String node, final int attempt) {
        final var plan = applied.get(node);
        if (plan == null || closed) {
            return;
        }
        LOG.info("{}: sending its {} flows and {} groups again (attempt {})", node, plan.flows().size(),
            plan.groups().size(), attempt);
        final var changes = diff(node, new FlowPlanner.SwitchPlan(new TreeMap<>(), new TreeMap<>()), plan);
        Futures.addCallback(Futures.allAsList(sendRpcs(changes)), new FutureCallback<List<Object>>() {
            @Override
            public void onSuccess(final List<Object> result) {
                LOG.debug("{}: plan re-sent", node);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("{}: re-sending the plan failed", node, cause);
                resendLater(node, attempt + 1);
            }
        }, MoreExecutors.directExecutor());
    }

    /**
     * A switch's RPCs failed: send its whole plan again soon. A switch that just connected answers packet-ins a
     * moment before openflowplugin offers its flow RPCs, and the first failover of a starting controller falls
     * just there; a switch that disconnected is re-sent its plan when it connects, so a few attempts suffice.
     */
    private void resendLater(final String node, final int attempt) {
        if (attempt <= MAX_RESENDS) {
            CompletableFuture.delayedExecutor(RESEND_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
                synchronized (this) {
                    resend(node, attempt);
                }
            });
        } else {
            LOG.warn("{}: gave up re-sending its plan after {} attempts; it is sent again when it reconnects", node,
                MAX_RESENDS);
        }
    }

    private ListenableFuture<?> removeStaleFromSwitch(final Rpcs rpc, final String node) {
        final var nodeRef = new NodeRef(nodePath(node));
        final var flows = rpc.flowStatistics().invoke(new GetFlowStatisticsInputBuilder().setNode(nodeRef)
            .setCookie(new FlowCookie(Uint64.valueOf(FlowPlanner.COOKIE_TAG)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits(FlowPlanner.COOKIE_MASK)))
            .setStoreStats(Boolean.FALSE).build());
        final var groups = rpc.groupStatistics().invoke(new GetGroupStatisticsInputBuilder().setNode(nodeRef)
            .setStoreStats(Boolean.FALSE).build());
        return Futures.whenAllSucceed(flows, groups).callAsync(() -> {
            final var flowReply = Futures.getDone(flows).getResult();
            final var groupReply = Futures.getDone(groups).getResult();
            return removeStaleEntries(rpc, node,
                flowReply == null ? List.of() : flowReply.nonnullFlowAndStatisticsMapList(),
                groupReply == null ? List.of() : groupReply.nonnullGroupStats().values());
        }, MoreExecutors.directExecutor());
    }

    private synchronized ListenableFuture<?> removeStaleEntries(final Rpcs rpc, final String node,
            final Collection<FlowAndStatisticsMapList> flows, final Collection<GroupStats> groups) {
        final var keep = keep(node);
        final var nodeRef = new NodeRef(nodePath(node));
        final var removals = new ArrayList<ListenableFuture<?>>();
        final var staleCookies = new TreeSet<Long>();
        for (var flow : flows) {
            final long cookie = flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue();
            if (FlowPlanner.isOurs(cookie) && !keep.cookies().contains(cookie) && staleCookies.add(cookie)) {
                // Every flow with exactly this cookie in its table: no other application's, none of the plan's.
                removals.add(checked(rpc.removeFlow().invoke(new RemoveFlowInputBuilder().setNode(nodeRef)
                    .setTableId(flow.getTableId() == null ? TABLE : flow.getTableId())
                    .setCookie(new FlowCookie(Uint64.valueOf(cookie)))
                    .setCookieMask(new FlowCookie(Uint64.MAX_VALUE))
                    .setStrict(Boolean.FALSE).setMatch(new MatchBuilder().build()).build()),
                    "stale flows with cookie 0x" + Long.toHexString(cookie) + " on " + node));
            }
        }
        final var staleGroups = new TreeSet<Long>();
        for (var group : groups) {
            final long id = group.getGroupId().getValue().toJava();
            if (FlowPlanner.isOurGroup(id) && !keep.groups().contains(id) && staleGroups.add(id)) {
                // After the stale flows: the switch removes a group's flows with it, but those are stale anyway.
                removals.add(checked(rpc.removeGroup().invoke(new RemoveGroupInputBuilder().setNode(nodeRef)
                    .setGroupId(new GroupId(Uint32.valueOf(id))).setGroupType(GroupTypes.GroupFf)
                    .setGroupRef(new GroupRef(groupPath(node, id))).build()), "stale group 0x" + Long.toHexString(id)
                    + " on " + node));
            }
        }
        if (removals.isEmpty()) {
            return Futures.immediateFuture(null);
        }
        LOG.info("{}: removing stale flow cookies {} and groups {}", node, staleCookies, staleGroups);
        removals.add(rpc.sendBarrier().invoke(new SendBarrierInputBuilder().setNode(nodeRef).build()));
        return Futures.allAsList(removals);
    }

    private ListenableFuture<?> removeStaleFromDatastore(final String node) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transformAsync(tx.read(LogicalDatastoreType.CONFIGURATION, nodePath(node).toBuilder()
                .augmentation(FlowCapableNode.class).build()),
                found -> found.isEmpty() ? Futures.immediateFuture(null)
                    : deleteStaleEntries(node, found.orElseThrow()),
                MoreExecutors.directExecutor());
        }
    }

    private synchronized ListenableFuture<?> deleteStaleEntries(final String node,
            final FlowCapableNode config) {
        final var keep = keep(node);
        final var holds = applied(node);
        final var stale = new ArrayList<String>();
        if (chain.future().isDone()) {
            chain = newChain();
        }
        final var tx = chain.newWriteOnlyTransaction();
        for (var table : config.nonnullTable().values()) {
            for (var flow : table.nonnullFlow().values()) {
                final long cookie = flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue();
                final var id = flow.getId().getValue();
                // A flow this writer holds is never stale, even when the read predates its latest write.
                if (FlowPlanner.isOurs(cookie) && !keep.cookies().contains(cookie) && !holds.flows().containsKey(id)) {
                    stale.add(id);
                    tx.delete(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Nodes.class)
                        .child(Node.class, new NodeKey(new NodeId(node))).augmentation(FlowCapableNode.class)
                        .child(Table.class, table.key()).child(Flow.class, flow.key()).build());
                }
            }
        }
        for (var group : config.nonnullGroup().values()) {
            final long id = group.getGroupId().getValue().toJava();
            if (FlowPlanner.isOurGroup(id) && !keep.groups().contains(id) && !holds.groups().containsKey(id)) {
                stale.add("group 0x" + Long.toHexString(id));
                tx.delete(LogicalDatastoreType.CONFIGURATION, groupPath(node, id));
            }
        }
        if (stale.isEmpty()) {
            tx.cancel();
            return Futures.immediateFuture(null);
        }
        LOG.info("{}: deleting stale {} from the configuration datastore", node, stale);
        return tx.commit();
    }

    /** What stays on a switch: everything any configured cluster owns, and what this writer applied there. */
    private FlowPlanner.Owned keep(final String node) {
        final var cookies = new HashSet<Long>();
        final var groups = new HashSet<Long>();
        owned.values().forEach(own -> {
            cookies.addAll(own.cookies());
            groups.addAll(own.groups());
        });
        final var holds = applied(node);
        holds.flows().values().forEach(flow -> cookies.add(flow.getCookie().getValue().longValue()));
        groups.addAll(holds.groups().keySet());
        return new FlowPlanner.Owned(cookies, groups);
    }

    private TransactionChain newChain() {
        final var created = broker.createMergingTransactionChain();
        created.addCallback(new LoggingCallback<Empty>("flow transaction chain (a failed one is replaced)"));
        return created;
    }

    @Override
    public synchronized void close() {
        closed = true;
        nodes.close();
        try {
            chain.close();
        } catch (IllegalStateException e) {
            // A write still committing: it completes on its own, the chain just cannot be closed under it.
            LOG.debug("Flow transaction chain closed with a write in flight", e);
        }
    }

    /** One flow or group to add, update or remove on one switch. */
    private sealed interface Change permits FlowChange, GroupChange {
        String node();

        boolean steering();

        void toDatastore(org.opendaylight.mdsal.binding.api.WriteTransaction tx);
    }

    private record FlowChange(String node, String id, @Nullable Flow before, @Nullable Flow after)
            implements Change {
        @Override
        public boolean steering() {
            return FlowPlanner.isSteering(id);
        }

        @Override
        public void toDatastore(final org.opendaylight.mdsal.binding.api.WriteTransaction tx) {
            final var flow = after;
            if (flow != null) {
                tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, flowPath(node, id), flow);
            } else {
                tx.delete(LogicalDatastoreType.CONFIGURATION, flowPath(node, id));
            }
        }

        ListenableFuture<? extends RpcResult<?>> send(final Rpcs rpc) {
            final var nodeRef = new NodeRef(nodePath(node));
            final var flowRef = new FlowRef(flowPath(node, id));
            final var table = new FlowTableRef(DataObjectIdentifier.builder(Nodes.class)
                .child(Node.class, new NodeKey(new NodeId(node))).augmentation(FlowCapableNode.class)
                .child(Table.class, new TableKey(TABLE)).build());
            final var old = before;
            final var flow = after;
            if (flow == null) {
                return rpc.removeFlow().invoke(new RemoveFlowInputBuilder(Objects.requireNonNull(old))
                    .setNode(nodeRef).setFlowRef(flowRef).setFlowTable(table).setStrict(Boolean.TRUE).build());
            }
            if (old == null) {
                return rpc.addFlow().invoke(new AddFlowInputBuilder(flow)
                    .setNode(nodeRef).setFlowRef(flowRef).setFlowTable(table).build());
            }
            return rpc.updateFlow().invoke(new UpdateFlowInputBuilder()
                .setNode(nodeRef).setFlowRef(flowRef)
                .setOriginalFlow(new OriginalFlowBuilder(old).setStrict(Boolean.TRUE).build())
                .setUpdatedFlow(new UpdatedFlowBuilder(flow).setStrict(Boolean.TRUE).build())
                .build());
        }
    }

    private record GroupChange(String node, long id, @Nullable Group before, @Nullable Group after)
            implements Change {
        @Override
        public boolean steering() {
            return true;
        }

        @Override
        public void toDatastore(final org.opendaylight.mdsal.binding.api.WriteTransaction tx) {
            final var group = after;
            if (group != null) {
                tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, groupPath(node, id), group);
            } else {
                tx.delete(LogicalDatastoreType.CONFIGURATION, groupPath(node, id));
            }
        }

        ListenableFuture<? extends RpcResult<?>> send(final Rpcs rpc) {
            final var nodeRef = new NodeRef(nodePath(node));
            final var groupRef = new GroupRef(groupPath(node, id));
            final var old = before;
            final var group = after;
            if (group == null) {
                return rpc.removeGroup().invoke(new RemoveGroupInputBuilder(Objects.requireNonNull(old))
                    .setNode(nodeRef).setGroupRef(groupRef).build());
            }
            if (old == null) {
                // OpenFlow 1.3 has no add-or-modify for groups: a group that is already there (the forwarding-rules
                // manager was quicker, or the switch kept it over a reconnect) is modified instead.
                return Futures.transformAsync(widen(rpc.addGroup().invoke(new AddGroupInputBuilder(group)
                    .setNode(nodeRef).setGroupRef(groupRef).build())),
                    result -> result.isSuccessful() || !groupExists(result) ? Futures.immediateFuture(result)
                        : widen(update(rpc, nodeRef, groupRef, group, group)),
                    MoreExecutors.directExecutor());
            }
            return update(rpc, nodeRef, groupRef, old, group);
        }

        private static ListenableFuture<? extends RpcResult<?>> update(final Rpcs rpc, final NodeRef nodeRef,
                final GroupRef groupRef, final Group old, final Group group) {
            return rpc.updateGroup().invoke(new UpdateGroupInputBuilder()
                .setNode(nodeRef).setGroupRef(groupRef)
                .setOriginalGroup(new OriginalGroupBuilder(old).build())
                .setUpdatedGroup(new UpdatedGroupBuilder(group).build())
                .build());
        }

        private static ListenableFuture<RpcResult<?>> widen(final ListenableFuture<? extends RpcResult<?>> future) {
            return Futures.transform(future, result -> result, MoreExecutors.directExecutor());
        }

        private static boolean groupExists(final RpcResult<?> result) {
            return result.getErrors().stream().anyMatch(error -> String.valueOf(error.getMessage())
                .contains("GROUPEXISTS"));
        }
    }

    private record LoggingCallback<T>(String what) implements com.google.common.util.concurrent.FutureCallback<T> {
        @Override
        public void onSuccess(final T result) {
            LOG.debug("{} done", what);
        }

        @Override
        public void onFailure(final Throwable cause) {
            LOG.warn("{} failed", what, cause);
        }
    }

    static DataObjectIdentifier<Node> nodePath(final String node) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(node))).build();
    }

    /**
     * The configuration datastore path of one of this project's flows.
     *
     * @param node the openflowplugin node id
     * @param flowId the flow id
     * @return the path under {@code nodes/node/flow-node-inventory:table[0]/flow}
     */
    public static DataObjectIdentifier<Flow> flowPath(final String node, final String flowId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(node)))
            .augmentation(FlowCapableNode.class)
            .child(Table.class, new TableKey(TABLE))
            .child(Flow.class, new FlowKey(new FlowId(flowId)))
            .build();
    }

    /**
     * The configuration datastore path of one of this project's groups.
     *
     * @param node the openflowplugin node id
     * @param groupId the group id
     * @return the path under {@code nodes/node/flow-node-inventory:group}
     */
    public static DataObjectIdentifier<Group> groupPath(final String node, final long groupId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(node)))
            .augmentation(FlowCapableNode.class)
            .child(Group.class, new GroupKey(new GroupId(Uint32.valueOf(groupId))))
            .build();
    }
}
