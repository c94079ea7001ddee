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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.gwha.impl.runtime.AbstractRunningServiceTest;
import net.gwha.impl.state.FailoverRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.FailoverCause;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverOutput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.GatewayStateKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * The RPCs against the real service: the engine, the state writer and the notifications over the in-memory broker.
 * A command that is carried out shows in the operational state; a refused one answers an application error with
 * the reason and changes nothing.
 */
class GatewayHaRpcsTest extends AbstractRunningServiceTest {
    private GatewayHaRpcs rpcs;

    @BeforeEach
    void registered() throws Exception {
        // Only the registration handle is needed from the RPC broker.
        rpcs = new GatewayHaRpcs(mock(RpcProviderService.class, Mockito.RETURNS_MOCKS), provider);
        startLan();
        awaitState(state -> "gw1".equals(activeGateway(state)));
    }

    @Test
    void switchOverToANamedGatewayMakesItActiveInTheOperationalState() throws Exception {
        final var result = switchOver(LAN, "gw2");

        assertTrue(result.isSuccessful(), result.toString());
        assertEquals("gw1", result.getResult().getPreviousGateway().getValue());
        final var state = awaitState(written -> "gw2".equals(activeGateway(written)));
        assertEquals(GatewayState.Active, state.nonnullGatewayState().get(new GatewayStateKey(new GatewayName("gw2")))
            .getState());
        assertEquals(GatewayState.Passive, state.nonnullGatewayState().get(new GatewayStateKey(new GatewayName("gw1")))
            .getState());
        final var failover = state.nonnullFailoverEvent().values().stream()
            .reduce((first, second) -> second).orElseThrow();
        assertEquals(FailoverCause.SwitchOver, failover.getCause());
        assertEquals("gw1", failover.getFromGateway().getValue());
        waiting().until(() -> activeChanges().stream()
            .anyMatch(changed -> changed.getToGateway().getValue().equals("gw2")
                && changed.getCause() == FailoverCause.SwitchOver));
    }

    @Test
    void anUnknownClusterIsRefusedAndNothingChanges() throws Exception {
        assertRefused(switchOver("wan", "gw2"), "no cluster named 'wan'");
        assertRefused(setMaintenance("wan", "gw2", true), "no cluster named 'wan'");
        assertNothingChanged();
    }

    @Test
    void anUnknownGatewayIsRefusedAndNothingChanges() throws Exception {
        assertRefused(switchOver(LAN, "gw9"), "cluster 'lan' has no gateway named 'gw9'");
        assertRefused(setMaintenance(LAN, "gw9", true), "cluster 'lan' has no gateway named 'gw9'");
        assertNothingChanged();
    }

    @Test
    void switchOverToADownGatewayIsRefusedAndNothingChanges() throws Exception {
        silenceGw3();

        assertRefused(switchOver(LAN, "gw3"), "cluster 'lan': gateway gw3 is down");
        assertNothingChanged();
    }

    @Test
    void maintenanceDrainsTheActiveGatewayAndIsPersisted() throws Exception {
        final var result = setMaintenance(LAN, "gw1", true);

        assertTrue(result.isSuccessful(), result.toString());
        final var state = awaitState(written -> "gw2".equals(activeGateway(written)));
        assertEquals(GatewayState.Maintenance, state.nonnullGatewayState()
            .get(new GatewayStateKey(new GatewayName("gw1"))).getState());
        assertEquals(AdminState.Maintenance, configured(LAN).orElseThrow().nonnullGateway().values().stream()
            .filter(gw -> gw.getName().getValue().equals("gw1")).findFirst().orElseThrow().getAdminState());
    }

    @Test
    void switchOverToAGatewayInMaintenanceIsRefusedAndNothingChanges() throws Exception {
        assertTrue(setMaintenance(LAN, "gw2", true).isSuccessful());
        awaitState(state -> state.nonnullGatewayState().get(new GatewayStateKey(new GatewayName("gw2")))
            .getState() == GatewayState.Maintenance);
        final var history = provider.history(LAN);

        assertRefused(switchOver(LAN, "gw2"), "cluster 'lan': gateway gw2 is in maintenance");
        assertEquals(history, provider.history(LAN));
        assertEquals(Optional.of("gw1"), provider.cluster(LAN).orElseThrow().activeGateway());
    }

    private RpcResult<SwitchOverOutput> switchOver(final String cluster, final String gateway) throws Exception {
        return rpcs.switchOver(new SwitchOverInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).build()).get(10, TimeUnit.SECONDS);
    }

    private RpcResult<?> setMaintenance(final String cluster, final String gateway, final boolean on)
            throws Exception {
        return rpcs.setMaintenance(new SetMaintenanceInputBuilder().setCluster(new ClusterName(cluster))
            .setGateway(new GatewayName(gateway)).setEnabled(on).build()).get(10, TimeUnit.SECONDS);
    }

    private static void assertRefused(final RpcResult<?> result, final String reason) {
        assertFalse(result.isSuccessful(), result.toString());
        final RpcError error = result.getErrors().iterator().next();
        assertEquals(ErrorType.APPLICATION, error.getErrorType());
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertEquals(reason, error.getMessage());
    }

    /** gw1 still active, one failover (the startup election), no gateway in maintenance in the configuration. */
    private void assertNothingChanged() throws Exception {
        final List<FailoverRecord> history = provider.history(LAN);
        assertEquals(1, history.size(), history.toString());
        assertEquals("STARTUP", history.getFirst().cause().name());
        assertEquals(Optional.of("gw1"), provider.cluster(LAN).orElseThrow().activeGateway());
        assertEquals("gw1", activeGateway(readState().orElseThrow()));
        configured(LAN).orElseThrow().nonnullGateway().values()
            .forEach(gw -> assertNotEquals(AdminState.Maintenance, gw.getAdminState(), gw.toString()));
    }

    private ClusterState awaitState(final Predicate<ClusterState> condition) {
        return waiting().until(this::readState,
            state -> state.filter(condition).isPresent()).orElseThrow();
    }

    private Optional<ClusterState> readState() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class)
                .child(ClusterState.class, new ClusterStateKey(new ClusterName(LAN))).build())
                .get(10, TimeUnit.SECONDS);
        }
    }

    private static String activeGateway(final ClusterState state) {
        return state.getActiveGateway() == null ? "-" : state.getActiveGateway().getValue();
    }
}
