/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.StateReader;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInputBuilder;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * The operations on a controller node that does not drive election: the state as the node that does wrote it to the
 * datastore, and commands as the YANG RPCs, which only that node registers, so that MD-SAL routes them to it.
 */
public final class RoutedOperations implements GatewayHaService {
    private final StateReader state;
    private final SwitchOver switchOver;
    private final SetMaintenance setMaintenance;

    public RoutedOperations(final StateReader state, final RpcService rpcs) {
        this.state = state;
        switchOver = rpcs.getRpc(SwitchOver.class);
        setMaintenance = rpcs.getRpc(SetMaintenance.class);
    }

    @Override
    public List<ClusterView> clusters() {
        return state.clusters();
    }

    @Override
    public Optional<ClusterView> cluster(final String name) {
        return state.cluster(name);
    }

    @Override
    public List<FailoverRecord> history(final String cluster) {
        return state.history(cluster);
    }

    @Override
    public ListenableFuture<Optional<String>> switchOver(final String cluster, final String gateway) {
        return answer(switchOver.invoke(new SwitchOverInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).build()),
            output -> Optional.ofNullable(output.getPreviousGateway()).map(GatewayName::getValue));
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        return answer(setMaintenance.invoke(new SetMaintenanceInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).setEnabled(on).build()), output -> null);
    }

    /** The RPC's refusal, or its failure to reach a node that drives election, as the operator reads it. */
    private static <O, T> ListenableFuture<T> answer(final ListenableFuture<RpcResult<O>> result,
            final Function<O, T> value) {
        final var answered = Futures.transformAsync(result, rpc -> rpc.isSuccessful()
            ? Futures.immediateFuture(value.apply(rpc.getResult()))
            : Futures.immediateFailedFuture(new OperationRefusedException(rpc.getErrors().stream()
                .map(RpcError::getMessage).findFirst().orElse("refused without a reason"))),
            MoreExecutors.directExecutor());
        return Futures.catchingAsync(answered, Exception.class, failure -> Futures.immediateFailedFuture(
            failure instanceof OperationRefusedException ? failure : new OperationRefusedException(
                "no controller node that drives Gateway HA election answered: " + failure.getMessage())),
            MoreExecutors.directExecutor());
    }
}
