/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.fixtures.RecordingRpcProvider;
import net.gwha.impl.fixtures.RemoteRpcs;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.StateReader;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverOutput;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * A command given to a controller node that does not drive election, relayed to the node that does over MD-SAL's
 * remote RPC broker (as {@link RemoteRpcs} plays it, errors turned into a bare exception): whatever that node's
 * service answers, the asking node's service and its RPCs answer the same — the result, a refusal with its reason
 * (invalid-value, which RESTCONF answers with 400), a failure with its reason (operation-failed, 500).
 */
class RelayTest {
    private final Answering arbiter = new Answering();
    private final RecordingRpcProvider arbiterRpcs = new RecordingRpcProvider();
    private final RecordingRpcProvider askingRpcs = new RecordingRpcProvider();
    private final RoutedOperations asking = new RoutedOperations(new StateReader(mock(DataBroker.class)),
        new RemoteRpcs(arbiterRpcs), new FakeScheduler());

    RelayTest() {
        new RelayedCommands(arbiterRpcs.service(), arbiter);
        new GatewayHaRpcs(askingRpcs.service(), asking);
    }

    @Test
    void theResultComesBackAsTheArbiterGaveIt() throws Exception {
        arbiter.answer(Futures.immediateFuture(Optional.of("gw1")));

        assertEquals(Optional.of("gw1"), await(asking.switchOver("lan", "gw2")));
        final var answer = switchOver("gw2");
        assertTrue(answer.isSuccessful(), answer.toString());
        assertEquals("gw1", answer.getResult().getPreviousGateway().getValue());
        arbiter.answer(Futures.immediateFuture(null));
        final var drained = maintenance("gw2");
        assertTrue(drained.isSuccessful(), drained.toString());
        assertEquals(List.of("switch-over lan gw2", "switch-over lan gw2", "maintenance lan gw2 true"),
            arbiter.commands);
    }

    @Test
    void aRefusalComesBackWithTheArbitersReason() throws Exception {
        final var reason = "cluster 'lan': gateway gw3 is down";
        arbiter.answer(Futures.immediateFailedFuture(new OperationRefusedException(reason)));

        final var refused = assertThrows(ExecutionException.class, () -> await(asking.switchOver("lan", "gw3")));
        assertInstanceOf(OperationRefusedException.class, refused.getCause());
        assertEquals(reason, refused.getCause().getMessage());
        assertError(switchOver("gw3"), ErrorTag.INVALID_VALUE, reason);
        assertError(maintenance("gw3"), ErrorTag.INVALID_VALUE, reason);
    }

    @Test
    void aFailureComesBackWithTheArbitersReason() throws Exception {
        final var reason = "the engine failed on the command, see the log";
        arbiter.answer(Futures.immediateFailedFuture(new IllegalStateException(reason)));

        final var failed = assertThrows(ExecutionException.class, () -> await(asking.setMaintenance("lan", "gw3",
            true)));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(reason, failed.getCause().getMessage());
        assertError(switchOver("gw3"), ErrorTag.OPERATION_FAILED, reason);
        // An exception without a message is named by its class.
        arbiter.answer(Futures.immediateFailedFuture(new ArithmeticException()));
        assertError(switchOver("gw3"), ErrorTag.OPERATION_FAILED, "java.lang.ArithmeticException");
    }

    @Test
    void aRelayMissingForAMomentIsAskedAgain() throws Exception {
        arbiter.answer(Futures.immediateFuture(Optional.of("gw1")));
        // The remote registry without the arbiter's relay for its first two lookups, as while it re-registers.
        final var lookups = new AtomicInteger();
        final var retries = new FakeScheduler();
        final var flapping = new RoutedOperations(new StateReader(mock(DataBroker.class)),
            new RemoteRpcs(arbiterRpcs, () -> lookups.incrementAndGet() > 2), retries);

        final var answer = flapping.switchOver("lan", "gw2");
        retries.advance(RoutedOperations.RETRY_EVERY);
        assertFalse(answer.isDone(), "asked again once so far: " + lookups.get());
        retries.advance(RoutedOperations.RETRY_EVERY);
        assertEquals(Optional.of("gw1"), Futures.getDone(answer));
        assertEquals(3, lookups.get());
        assertEquals(List.of("switch-over lan gw2"), arbiter.commands);
        flapping.close();
    }

    @Test
    void noNodeRegisteringTheRelayFailsTheCommandSayingSo() {
        final var lookups = new AtomicInteger();
        final var retries = new FakeScheduler();
        final var nobody = new RoutedOperations(new StateReader(mock(DataBroker.class)),
            new RemoteRpcs(new RecordingRpcProvider(), () -> lookups.incrementAndGet() > 0), retries);

        final var answer = nobody.setMaintenance("lan", "gw2", true);
        retries.advance(RoutedOperations.RETRY_EVERY.multipliedBy(RoutedOperations.ATTEMPTS));
        final var failed = assertThrows(ExecutionException.class, () -> Futures.getDone(answer));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().startsWith("no answer from a controller node that drives Gateway "
            + "HA election: No implementation of RPC"), failed.getCause().getMessage());
        assertEquals(RoutedOperations.ATTEMPTS, lookups.get());
        nobody.close();
    }

    private RpcResult<SwitchOverOutput> switchOver(final String gateway) throws Exception {
        return await(askingRpcs.registered(SwitchOver.class).orElseThrow().invoke(new SwitchOverInputBuilder()
            .setCluster(new ClusterName("lan")).setGateway(new GatewayName(gateway)).build()));
    }

    private RpcResult<?> maintenance(final String gateway) throws Exception {
        return await(askingRpcs.registered(SetMaintenance.class).orElseThrow().invoke(new SetMaintenanceInputBuilder()
            .setCluster(new ClusterName("lan")).setGateway(new GatewayName(gateway)).setEnabled(true).build()));
    }

    private static <T> T await(final Future<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static void assertError(final RpcResult<?> result, final ErrorTag tag, final String message) {
        assertFalse(result.isSuccessful(), result.toString());
        final var error = result.getErrors().iterator().next();
        assertEquals(List.of(ErrorType.APPLICATION, tag, message),
            List.of(error.getErrorType(), error.getTag(), error.getMessage()));
    }

    /** The arbiter's service: its commands answer as the test says, and are recorded. */
    private static final class Answering implements GatewayHaService {
        final List<String> commands = new ArrayList<>();
        private ListenableFuture<?> next = Futures.immediateFuture(null);

        void answer(final ListenableFuture<?> answer) {
            next = answer;
        }

        @Override
        public List<ClusterView> clusters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ClusterView> cluster(final String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FailoverRecord> history(final String cluster) {
            throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("unchecked")
        public ListenableFuture<Optional<String>> switchOver(final String cluster, final String gateway) {
            commands.add("switch-over " + cluster + " " + gateway);
            return (ListenableFuture<Optional<String>>) next;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
            commands.add("maintenance " + cluster + " " + gateway + " " + on);
            return (ListenableFuture<Void>) next;
        }
    }
}
