/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.steering.InventoryPaths.flowPath;
import static net.gwha.impl.steering.InventoryPaths.groupPath;
import static net.gwha.impl.steering.InventoryPaths.meterPath;
import static net.gwha.impl.steering.InventoryPaths.nodePath;
import static net.gwha.impl.steering.InventoryPaths.tablePath;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetGroupStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetMeterStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetMeterStatisticsInputBuilder;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterRef;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.binding.RpcOutput;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * openflowplugin's flow, group, meter, barrier and direct-statistics RPCs, as the writer uses them. openflowplugin
 * completes a flow-mod's RPC at the next barrier reply, so after a batch of changes a barrier per switch makes the
 * futures the switch's confirmation that it has taken them (without it they wait for openflowplugin's own periodic
 * one).
 */
final class RpcTransport {
    /** What of the project's a switch reported holding. */
    record Holdings(List<FlowAndStatisticsMapList> flows, Collection<GroupStats> groups) {
    }

    /** Replaces a meter a switch refused to add because it holds one with that id already. */
    @FunctionalInterface
    interface MeterReplacer {
        /**
         * Replaces the meter, and whatever the switch removes with it.
         *
         * @return completes when the switch has taken the replacement
         */
        ListenableFuture<?> replace(String node, long meterId);
    }

    private final AddFlow addFlow;
    private final UpdateFlow updateFlow;
    private final RemoveFlow removeFlow;
    private final AddGroup addGroup;
    private final UpdateGroup updateGroup;
    private final RemoveGroup removeGroup;
    private static final RpcResult<?> SUCCESS = RpcResultBuilder.success().build();

    private final AddMeter addMeter;
    private final RemoveMeter removeMeter;
    private final SendBarrier sendBarrier;
    private final GetFlowStatistics flowStatistics;
    private final GetGroupStatistics groupStatistics;
    private final GetMeterStatistics meterStatistics;

    private final BooleanSupplier open;
    private final MeterReplacer replacer;

    /**
     * The RPCs.
     *
     * @param service openflowplugin's RPCs
     * @param open whether anything may still be sent: once false, every call fails without reaching the switch
     * @param replacer replaces a meter whose addition the switch refused because it holds one with that id
     */
    RpcTransport(final RpcService service, final BooleanSupplier open, final MeterReplacer replacer) {
        this.open = open;
        this.replacer = replacer;
        addFlow = service.getRpc(AddFlow.class);
        updateFlow = service.getRpc(UpdateFlow.class);
        removeFlow = service.getRpc(RemoveFlow.class);
        addGroup = service.getRpc(AddGroup.class);
        updateGroup = service.getRpc(UpdateGroup.class);
        removeGroup = service.getRpc(RemoveGroup.class);
        addMeter = service.getRpc(AddMeter.class);
        removeMeter = service.getRpc(RemoveMeter.class);
        sendBarrier = service.getRpc(SendBarrier.class);
        flowStatistics = service.getRpc(GetFlowStatistics.class);
        groupStatistics = service.getRpc(GetGroupStatistics.class);
        meterStatistics = service.getRpc(GetMeterStatistics.class);
    }

    /**
     * Sends changes in a safe order: meter, then group additions and updates before the flows that may point at
     * them, group, then meter removals after; then a barrier per switch.
     *
     * @return one future per RPC; a refused change fails its future
     */
    List<ListenableFuture<?>> send(final List<Change> changes) {
        final var futures = new ArrayList<ListenableFuture<?>>();
        for (var change : changes) {
            if (change instanceof MeterChange meter && meter.adds()) {
                futures.add(checked(sendMeter(meter), meter));
            }
        }
        for (var change : changes) {
            if (change instanceof GroupChange group && group.adds()) {
                futures.add(checked(sendGroup(group), group));
            }
        }
        for (var change : changes) {
            if (change instanceof FlowChange flow) {
                futures.add(checked(sendFlow(flow), flow));
            }
        }
        for (var change : changes) {
            if (change instanceof GroupChange group && !group.adds()) {
                futures.add(checked(sendGroup(group), group));
            }
        }
        for (var change : changes) {
            if (change instanceof MeterChange meter && !meter.adds()) {
                futures.add(checked(sendMeter(meter), meter));
            }
        }
        changes.stream().map(Change::node).distinct().forEach(node -> futures.add(barrier(node)));
        return futures;
    }

    /** Asks a switch for every flow with the project's cookie tag, and for its groups. */
    ListenableFuture<Holdings> holdings(final String node) {
        final var nodeRef = new NodeRef(nodePath(node));
        final var flows = call(flowStatistics, new GetFlowStatisticsInputBuilder().setNode(nodeRef)
            .setCookie(new FlowCookie(Uint64.valueOf(FlowIds.COOKIE_TAG)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits(FlowIds.COOKIE_MASK)))
            .setStoreStats(Boolean.FALSE).build());
        final var groups = call(groupStatistics, new GetGroupStatisticsInputBuilder().setNode(nodeRef)
            .setStoreStats(Boolean.FALSE).build());
        return Futures.whenAllSucceed(flows, groups).call(() -> {
            final var flowReply = Futures.getDone(flows).getResult();
            final var groupReply = Futures.getDone(groups).getResult();
            return new Holdings(flowReply == null ? List.of() : flowReply.nonnullFlowAndStatisticsMapList(),
                groupReply == null ? List.of() : groupReply.nonnullGroupStats().values());
        }, MoreExecutors.directExecutor());
    }

    /** Asks a switch for the ids of its meters. */
    ListenableFuture<Set<Long>> meterIds(final String node) {
        return Futures.transform(call(meterStatistics, new GetMeterStatisticsInputBuilder()
            .setNode(new NodeRef(nodePath(node))).setStoreStats(Boolean.FALSE).build()), reply -> {
                final var output = reply.getResult();
                return output == null ? Set.of() : output.nonnullMeterStats().values().stream()
                    .map(meter -> meter.getMeterId().getValue().toJava()).collect(Collectors.toSet());
            }, MoreExecutors.directExecutor());
    }

    /** Removes every flow with exactly this cookie from a table: nobody else's, whatever its match. */
    ListenableFuture<?> removeByCookie(final String node, final Uint8 table, final long cookie) {
        return checked(call(removeFlow, new RemoveFlowInputBuilder().setNode(new NodeRef(nodePath(node)))
            .setTableId(table)
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setCookieMask(new FlowCookie(Uint64.MAX_VALUE))
            .setStrict(Boolean.FALSE).setMatch(new MatchBuilder().build()).build()),
            "removal of flows with cookie 0x" + Long.toHexString(cookie) + " on " + node);
    }

    /** Removes a group by id. */
    ListenableFuture<?> removeGroup(final String node, final long id) {
        return checked(call(removeGroup, new RemoveGroupInputBuilder().setNode(new NodeRef(nodePath(node)))
            .setGroupId(new GroupId(Uint32.valueOf(id))).setGroupType(GroupTypes.GroupFf)
            .setGroupRef(new GroupRef(groupPath(node, id))).build()),
            "removal of group 0x" + Long.toHexString(id) + " on " + node);
    }

    /** A barrier: completes when the switch has taken everything sent to it before. */
    ListenableFuture<?> barrier(final String node) {
        return call(sendBarrier, new SendBarrierInputBuilder().setNode(new NodeRef(nodePath(node))).build());
    }

    private ListenableFuture<? extends RpcResult<?>> sendFlow(final FlowChange change) {
        final var node = change.node();
        final var nodeRef = new NodeRef(nodePath(node));
        final var flowRef = new FlowRef(flowPath(node, change.id()));
        final var table = new FlowTableRef(tablePath(node));
        final var old = change.before();
        final var flow = change.after();
        if (flow == null) {
            return call(removeFlow, new RemoveFlowInputBuilder(Objects.requireNonNull(old))
                .setNode(nodeRef).setFlowRef(flowRef).setFlowTable(table).setStrict(Boolean.TRUE).build());
        }
        if (old == null) {
            return call(addFlow, new AddFlowInputBuilder(flow)
                .setNode(nodeRef).setFlowRef(flowRef).setFlowTable(table).build());
        }
        return call(updateFlow, new UpdateFlowInputBuilder()
            .setNode(nodeRef).setFlowRef(flowRef)
            .setOriginalFlow(new OriginalFlowBuilder(old).setStrict(Boolean.TRUE).build())
            .setUpdatedFlow(new UpdatedFlowBuilder(flow).setStrict(Boolean.TRUE).build())
            .build());
    }

    private ListenableFuture<? extends RpcResult<?>> sendGroup(final GroupChange change) {
        final var nodeRef = new NodeRef(nodePath(change.node()));
        final var groupRef = new GroupRef(groupPath(change.node(), change.id()));
        final var old = change.before();
        final var group = change.after();
        if (group == null) {
            return call(removeGroup, new RemoveGroupInputBuilder(Objects.requireNonNull(old))
                .setNode(nodeRef).setGroupRef(groupRef).build());
        }
        if (old == null) {
            // OpenFlow 1.3 has no add-or-modify for groups: a group that is already there (the forwarding-rules
            // manager was quicker, or the switch kept it over a reconnect) is modified instead.
            return Futures.transformAsync(widen(call(addGroup, new AddGroupInputBuilder(group)
                .setNode(nodeRef).setGroupRef(groupRef).build())),
                result -> result.isSuccessful() || !exists(result, "GROUPEXISTS") ? Futures.immediateFuture(result)
                    : widen(update(nodeRef, groupRef, group, group)),
                MoreExecutors.directExecutor());
        }
        return update(nodeRef, groupRef, old, group);
    }

    /**
     * A meter change. openflowplugin 0.20.1 sends {@code UpdateMeter} as a meter-mod ADD (its single-layer
     * serializer), which a switch refuses for a meter it has: a changed meter is removed and added again instead,
     * back to back on the switch's connection, and the ledger re-adds the flows that name it, which the switch
     * removes with the meter. A meter the switch refuses to add because it holds one with that id may have other
     * bands (kept from an earlier configuration or controller), which openflowplugin 0.20.1 cannot read back: it
     * is replaced the same way ({@link MeterReplacer}), after whatever was sent before. One that is there after a
     * removal counts as added: the forwarding-rules manager installed the same one in between.
     */
    private ListenableFuture<? extends RpcResult<?>> sendMeter(final MeterChange change) {
        final var nodeRef = new NodeRef(nodePath(change.node()));
        final var meterRef = new MeterRef(meterPath(change.node(), change.id()));
        final var old = change.before();
        final var meter = change.after();
        if (meter == null) {
            return call(removeMeter, new RemoveMeterInputBuilder(Objects.requireNonNull(old))
                .setNode(nodeRef).setMeterRef(meterRef).build());
        }
        if (old == null) {
            return Futures.transformAsync(widen(call(addMeter,
                new AddMeterInputBuilder(meter).setNode(nodeRef).setMeterRef(meterRef).build())),
                result -> result.isSuccessful() || !exists(result, "METEREXISTS") ? Futures.immediateFuture(result)
                    : Futures.transform(replacer.replace(change.node(), change.id()), replaced -> SUCCESS,
                        MoreExecutors.directExecutor()),
                MoreExecutors.directExecutor());
        }
        final var removed = widen(call(removeMeter, new RemoveMeterInputBuilder(old).setNode(nodeRef)
            .setMeterRef(meterRef).build()));
        final ListenableFuture<RpcResult<?>> added = Futures.transform(widen(call(addMeter,
            new AddMeterInputBuilder(meter).setNode(nodeRef).setMeterRef(meterRef).build())),
            result -> result.isSuccessful() || !exists(result, "METEREXISTS") ? result : SUCCESS,
            MoreExecutors.directExecutor());
        return Futures.whenAllComplete(removed, added).callAsync(
            () -> Futures.getDone(removed).isSuccessful() ? added : removed, MoreExecutors.directExecutor());
    }

    private ListenableFuture<? extends RpcResult<?>> update(final NodeRef nodeRef, final GroupRef groupRef,
            final Group old, final Group group) {
        return call(updateGroup, new UpdateGroupInputBuilder()
            .setNode(nodeRef).setGroupRef(groupRef)
            .setOriginalGroup(new OriginalGroupBuilder(old).build())
            .setUpdatedGroup(new UpdatedGroupBuilder(group).build())
            .build());
    }

    /** Invokes an RPC, unless the writer has stopped or may not write (every RPC goes through here). */
    private <I extends RpcInput, O extends RpcOutput> ListenableFuture<RpcResult<O>> call(final Rpc<I, O> rpc,
            final I input) {
        return open.getAsBoolean() ? rpc.invoke(input) : SteeringLoop.stopped();
    }

    private static ListenableFuture<RpcResult<?>> widen(final ListenableFuture<? extends RpcResult<?>> future) {
        return Futures.transform(future, result -> result, MoreExecutors.directExecutor());
    }

    /** Whether the switch refused an addition because the group or meter is there already. */
    private static boolean exists(final RpcResult<?> result, final String code) {
        return result.getErrors().stream().anyMatch(error -> String.valueOf(error.getMessage()).contains(code));
    }

    /** Fails the future when the switch refused: openflowplugin reports that in the result, not as a failure. */
    private static ListenableFuture<?> checked(final ListenableFuture<? extends RpcResult<?>> future,
            final Object what) {
        return Futures.transformAsync(future, result -> result.isSuccessful() ? Futures.immediateFuture(result)
            : Futures.immediateFailedFuture(new IllegalStateException(what + " refused: " + result.getErrors())),
            MoreExecutors.directExecutor());
    }
}
