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
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceOutput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverOutput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverOutputBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * switch-over and set-maintenance, registered by every controller node over its {@link GatewayHaService}: the
 * engine decides on the node that drives election, {@link RoutedOperations} relays to that node from the others. A
 * refusal (unknown cluster or gateway, a gateway that is down, unknown or in maintenance) is an application error
 * with tag invalid-value, which RESTCONF answers with 400 and the reason; nothing changes. A command that was not
 * carried out otherwise (no node drives election, say) is an operation-failed error with the reason (500).
 *
 * <p>Every node registers these, rather than the arbiter alone with MD-SAL routing the others' calls to it: the
 * remote RPC broker (controller 11, {@code OpsInvoker}) sends a result that carries errors back as an exception,
 * {@code RpcErrorsException}, and the asking node's RESTCONF (netconf 9) answers any exception with 500, rpc /
 * operation-failed and the exception's "Execution of rpc ... failed", not the reason (seen on a three-node cluster).
 * Only an error made on the node RESTCONF runs on keeps its tag and message, so the hop between nodes
 * ({@link RelayedCommands}) carries a refusal as data, which needs nothing of the broker's exception classes.
 */
public final class GatewayHaRpcs implements AutoCloseable {
    private final GatewayHaService service;
    private final Registration registration;

    public GatewayHaRpcs(final RpcProviderService rpcs, final GatewayHaService service) {
        this.service = service;
        registration = rpcs.registerRpcImplementations((SwitchOver) this::switchOver,
            (SetMaintenance) this::setMaintenance);
    }

    ListenableFuture<RpcResult<SwitchOverOutput>> switchOver(final SwitchOverInput input) {
        return answer(service.switchOver(input.getCluster().getValue(), input.getGateway().getValue()),
            previous -> new SwitchOverOutputBuilder().setPreviousGateway(previous.map(GatewayName::new).orElse(null))
                .build());
    }

    ListenableFuture<RpcResult<SetMaintenanceOutput>> setMaintenance(final SetMaintenanceInput input) {
        return answer(service.setMaintenance(input.getCluster().getValue(), input.getGateway().getValue(),
            input.getEnabled()), done -> new SetMaintenanceOutputBuilder().build());
    }

    private static <T, O> ListenableFuture<RpcResult<O>> answer(final ListenableFuture<T> result,
            final Function<T, O> output) {
        return Futures.catching(
            Futures.transform(result, value -> RpcResultBuilder.success(output.apply(value)).build(),
                MoreExecutors.directExecutor()),
            Exception.class,
            failure -> RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION,
                failure instanceof OperationRefusedException ? ErrorTag.INVALID_VALUE : ErrorTag.OPERATION_FAILED,
                Objects.requireNonNullElse(failure.getMessage(), failure.toString())).build(),
            MoreExecutors.directExecutor());
    }

    @Override
    public void close() {
        registration.close();
    }
}
