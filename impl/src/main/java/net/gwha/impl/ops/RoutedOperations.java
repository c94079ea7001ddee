/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.StateReader;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.dom.api.DOMRpcImplementationNotAvailableException;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayedOutcome;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * The operations on a controller node that does not drive election: the state as the node that does wrote it to the
 * datastore, and commands relayed to that node through the internal RPCs only it registers, so that MD-SAL routes
 * them to it ({@link RelayedCommands}). Its refusal comes back as data and fails the command here with
 * {@link OperationRefusedException}, as on that node; a failure there, or no answer, fails it with an
 * {@link IllegalStateException} that says why.
 *
 * <p>A command that finds no node registering the relay is asked again, every {@link #RETRY_EVERY} for up to
 * {@link #ATTEMPTS} attempts: MD-SAL's remote RPC registry replaces a node's remote registrations whole whenever
 * that node registers or closes any RPC (openflowplugin does as switches come and go), so the relay of a node
 * that drives election can be missing for a moment here (a console command on another node failed so in CI),
 * and for longer while the role moves between nodes.
 */
public final class RoutedOperations implements GatewayHaService, AutoCloseable {
    static final Duration RETRY_EVERY = Duration.ofMillis(250);
    static final int ATTEMPTS = 20;

    private final StateReader state;
    private final RelaySwitchOver switchOver;
    private final RelaySetMaintenance setMaintenance;
    private final ScheduledExecutorService retries;

    public RoutedOperations(final StateReader state, final RpcService rpcs) {
        this(state, rpcs, Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("gwha-relay-retry").setDaemon(true).build()));
    }

    /**
     * The same, asking again on a given scheduler (a test's, on a fake clock), which {@link #close()} shuts down.
     */
    RoutedOperations(final StateReader state, final RpcService rpcs, final ScheduledExecutorService retries) {
        this.state = state;
        this.retries = retries;
        switchOver = rpcs.getRpc(RelaySwitchOver.class);
        setMaintenance = rpcs.getRpc(RelaySetMaintenance.class);
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
        final var input = new RelaySwitchOverInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).build();
        return answer(relayed(() -> switchOver.invoke(input), ATTEMPTS),
            output -> Optional.ofNullable(output.getPreviousGateway()).map(GatewayName::getValue));
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        final var input = new RelaySetMaintenanceInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).setEnabled(on).build();
        return answer(relayed(() -> setMaintenance.invoke(input), ATTEMPTS), output -> null);
    }

    /** The relay's answer, asked again while no node registers it, at most {@code attempts} times in all. */
    private <O> ListenableFuture<RpcResult<O>> relayed(final Supplier<ListenableFuture<RpcResult<O>>> relay,
            final int attempts) {
        return Futures.catchingAsync(relay.get(), Exception.class, failure -> {
            if (attempts <= 1 || Throwables.getCausalChain(failure).stream()
                    .noneMatch(DOMRpcImplementationNotAvailableException.class::isInstance)) {
                return Futures.immediateFailedFuture(failure);
            }
            return Futures.scheduleAsync(() -> relayed(relay, attempts - 1), RETRY_EVERY, retries);
        }, MoreExecutors.directExecutor());
    }

    /** Stops asking again: commands still waiting for a retry fail. */
    @Override
    public void close() {
        retries.shutdownNow();
    }

    /** The relayed command's outcome as the node that drives election decided it, or the lack of one. */
    private static <O extends RelayedOutcome, T> ListenableFuture<T> answer(
            final ListenableFuture<RpcResult<O>> result, final Function<O, T> value) {
        return Futures.transformAsync(Futures.catchingAsync(result, Exception.class,
            failure -> Futures.immediateFailedFuture(noAnswer(failure.getMessage(), failure)),
            MoreExecutors.directExecutor()), rpc -> {
                final var output = rpc.getResult();
                if (!rpc.isSuccessful() || output == null) {
                    return Futures.immediateFailedFuture(noAnswer(rpc.getErrors().toString(), null));
                }
                final var refusal = output.getRefusal();
                final var failure = output.getFailure();
                return refusal != null ? Futures.immediateFailedFuture(new OperationRefusedException(refusal))
                    : failure != null ? Futures.immediateFailedFuture(new IllegalStateException(failure))
                    : Futures.immediateFuture(value.apply(output));
            }, MoreExecutors.directExecutor());
    }

    private static IllegalStateException noAnswer(final String why, final @Nullable Throwable cause) {
        return new IllegalStateException("no answer from a controller node that drives Gateway HA election: " + why,
            cause);
    }
}
