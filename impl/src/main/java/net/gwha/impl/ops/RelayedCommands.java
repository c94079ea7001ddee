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
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenanceInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenanceOutput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenanceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOverInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOverOutput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOverOutputBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * relay-switch-over and relay-set-maintenance: the commands other controller nodes were given, carried out by the
 * node that drives election, which alone registers these so that MD-SAL routes them to it ({@link RoutedOperations}
 * is the asking end). A refusal, or a failure, is a successful answer whose output names it: an RPC error would
 * reach the asking node only as the remote RPC broker's exception, without its message (see {@link GatewayHaRpcs}).
 */
public final class RelayedCommands implements AutoCloseable {
    private final GatewayHaService service;
    private final Registration registration;

    public RelayedCommands(final RpcProviderService rpcs, final GatewayHaService service) {
        this.service = service;
        registration = rpcs.registerRpcImplementations((RelaySwitchOver) this::switchOver,
            (RelaySetMaintenance) this::setMaintenance);
    }

    private ListenableFuture<RpcResult<RelaySwitchOverOutput>> switchOver(final RelaySwitchOverInput input) {
        return answer(service.switchOver(input.getCluster().getValue(), input.getGateway().getValue()),
            previous -> new RelaySwitchOverOutputBuilder()
                .setPreviousGateway(previous.map(GatewayName::new).orElse(null)).build(),
            (refusal, failure) -> new RelaySwitchOverOutputBuilder().setRefusal(refusal).setFailure(failure).build());
    }

    private ListenableFuture<RpcResult<RelaySetMaintenanceOutput>> setMaintenance(
            final RelaySetMaintenanceInput input) {
        return answer(service.setMaintenance(input.getCluster().getValue(), input.getGateway().getValue(),
            input.getEnabled()), done -> new RelaySetMaintenanceOutputBuilder().build(),
            (refusal, failure) -> new RelaySetMaintenanceOutputBuilder().setRefusal(refusal).setFailure(failure)
                .build());
    }

    /**
     * The command's outcome as output.
     *
     * @param notDone the output of a refusal (its reason first) or of a failure (its reason second)
     */
    private static <T, O> ListenableFuture<RpcResult<O>> answer(final ListenableFuture<T> result,
            final Function<T, O> done, final BiFunction<@Nullable String, @Nullable String, O> notDone) {
        return Futures.transform(
            Futures.catching(Futures.transform(result, done::apply, MoreExecutors.directExecutor()),
                Exception.class, failure -> failure instanceof OperationRefusedException
                    ? notDone.apply(failure.getMessage(), null)
                    : notDone.apply(null, Objects.requireNonNullElse(failure.getMessage(), failure.toString())),
                MoreExecutors.directExecutor()),
            output -> RpcResultBuilder.success(output).build(), MoreExecutors.directExecutor());
    }

    @Override
    public void close() {
        registration.close();
    }
}
