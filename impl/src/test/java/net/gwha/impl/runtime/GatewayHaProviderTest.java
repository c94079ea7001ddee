/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.fixtures.RecordingRpcs;
import net.gwha.impl.state.ClusterView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOverOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.util.BindingMap;

/**
 * The cluster singleton: on losing the role the node stops acting at once (no decision, flow, state write or
 * notification follows, and operations are refused); on taking it again it rebuilds from the datastore.
 */
class GatewayHaProviderTest extends AbstractRunningServiceTest {
    @BeforeEach
    void lanRunning() throws Exception {
        startLan();
        // The startup election's flows are confirmed: nothing of it is still in flight.
        waiting().until(() -> provider.history(LAN).stream().allMatch(failover -> failover.flowsConfirmedTime()
            .isPresent()));
        flowRpcs.takeCalls();
    }

    @Test
    void losingTheRoleStopsActingAtOnce() throws Exception {
        // Every heartbeat so far decided something (an election, a gateway joining the order) and was written at
        // once: no write is pending.
        advance(Duration.ofSeconds(1));
        waiting().until(() -> readState().stream().flatMap(states -> states.nonnullClusterState().values().stream())
            .flatMap(state -> state.nonnullGatewayState().values().stream())
            .filter(gw -> gw.getLastHeard() != null).count() == 3);
        final var stateBefore = readState();
        final var changesBefore = activeChanges();
        // The heartbeats of gw2 and gw3 reorder the fast-failover buckets: that group update has been sent too.
        waiting().during(Duration.ofMillis(300)).until(() -> flowRpcs.takeCalls().isEmpty());

        assertTrue(provider.closeServiceInstance().isDone(), "closing returns without waiting");

        // It answers from the datastore now, and hands commands to the node that drives election, as an RPC.
        assertEquals(List.of(Optional.of("gw1")),
            provider.clusters().stream().map(ClusterView::activeGateway).toList());
        flowRpcs.answer("RelaySwitchOver", new RelaySwitchOverOutputBuilder().build());
        provider.switchOver(LAN, "gw2").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("RelaySwitchOver"), flowRpcs.takeCalls().stream().map(RecordingRpcs.Call::rpc).toList());

        // What would make the engine act: gw1, the active, silent past its dead interval while gw2 is heard, and
        // gw2 put into maintenance. Both are seen by witnesses on the same broker, after the node let go.
        final var packetsSeen = new AtomicInteger();
        try (var witness = getDataBrokerTestCustomizer().createNotificationService()
                .registerListener(PacketReceived.class, packet -> packetsSeen.incrementAndGet())) {
            advance(Duration.ofSeconds(5));
            packetIn(2, 150, 2);
            waiting().until(() -> packetsSeen.get() == 1);
        }
        // Relayed to the node that drives election, not handled here.
        assertEquals(List.of("RelayPacketIn"), waiting().until(
            () -> flowRpcs.takeCalls().stream().map(RecordingRpcs.Call::rpc).toList(), calls -> !calls.isEmpty()));
        final var configSeen = new AtomicInteger();
        try (var witness = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
                DataObjectReference.builder(Clusters.class).child(Cluster.class).build(),
                changes -> configSeen.incrementAndGet())) {
            waiting().until(() -> configSeen.get() == 1);
            write(inMaintenance(lan(), 2));
            waiting().until(() -> configSeen.get() == 2);
        }

        assertEquals(List.of(), flowRpcs.takeCalls());
        assertEquals(changesBefore, activeChanges());
        assertEquals(stateBefore, readState());
    }

    @Test
    void takingTheRoleAgainRebuildsFromTheDatastore() throws Exception {
        provider.closeServiceInstance();
        // Changed while no node drives election: only the datastore has it.
        write(inMaintenance(lan(), 1));

        provider.instantiateServiceInstance();

        final var rebuilt = awaitView(LAN, view -> view.gateways().getFirst().state() == GatewayState.MAINTENANCE);
        assertEquals(List.of("192.0.2.254"), rebuilt.virtualIps());
        // It drives again from the previous state: gw1, active there, is in maintenance now, so gw2, the best of
        // the others (up there), takes over at once, and its flows are written.
        assertEquals(Optional.of("gw2"), rebuilt.activeGateway());
        final var failover = provider.history(LAN).getLast();
        assertEquals(List.of("gw1", "gw2", FailoverCause.MAINTENANCE),
            List.of(failover.from().orElseThrow(), failover.to(), failover.cause()));
        advance(Duration.ofMillis(100));
        heartbeat(2, 150);
        waiting().until(() -> !flowRpcs.takeCalls().isEmpty());
        waiting().until(() -> readState().flatMap(states -> states.nonnullClusterState().values().stream()
            .filter(state -> state.getActiveGateway() != null).findFirst())
            .map(state -> state.getActiveGateway().getValue()).equals(Optional.of("gw2")));
    }

    private static Cluster inMaintenance(final Cluster cluster, final int number) {
        final var gateways = cluster.nonnullGateway().values().stream()
            .map(gw -> gw.getName().getValue().equals("gw" + number)
                ? new GatewayBuilder(gw).setAdminState(AdminState.Maintenance).build() : gw)
            .toList();
        return new ClusterBuilder(cluster).setGateway(BindingMap.of(gateways)).build();
    }

    private Optional<ClusterStates> readState() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class).build())
                .get(10, TimeUnit.SECONDS);
        }
    }
}
