/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.fixtures.RecordingRpcProvider;
import net.gwha.impl.ops.OperationRefusedException;
import net.gwha.impl.packet.Mac;
import net.gwha.impl.packet.VrrpFrameBuilder;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.StateReader;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketIn;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketInInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketInInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelaySwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenance;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOver;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInput;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInputBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * One node of an OpenDaylight cluster, before and after it hands the election over to another node: the relay RPCs
 * are registered only while it drives election, the operators' RPCs always; the packet-ins it receives as a switch's
 * master and the commands it is given are relayed to the node that does, which answers them as its own, refusals
 * included; its console answers from the datastore.
 */
class ClusteredNodeTest extends AbstractRunningServiceTest {
    @Test
    void theRelaysAreRegisteredOnlyWhileThisNodeDrivesElectionTheOperatorsRpcsAlways() {
        assertTrue(rpcProvider.registered(RelayPacketIn.class).isPresent());
        assertTrue(rpcProvider.registered(RelaySwitchOver.class).isPresent());
        assertTrue(rpcProvider.registered(RelaySetMaintenance.class).isPresent());

        provider.closeServiceInstance();

        assertEquals(Optional.empty(), rpcProvider.registered(RelayPacketIn.class));
        assertEquals(Optional.empty(), rpcProvider.registered(RelaySwitchOver.class));
        assertEquals(Optional.empty(), rpcProvider.registered(RelaySetMaintenance.class));
        assertTrue(rpcProvider.registered(SwitchOver.class).isPresent());
        assertTrue(rpcProvider.registered(SetMaintenance.class).isPresent());

        provider.close();

        assertEquals(Optional.empty(), rpcProvider.registered(SwitchOver.class));
        assertEquals(Optional.empty(), rpcProvider.registered(SetMaintenance.class));
    }

    @Test
    void theNodeThatDrivesElectionTakesRelayedAdvertisementsAsItsOwn() throws Exception {
        startLan();
        final var relay = rpcProvider.registered(RelayPacketIn.class).orElseThrow();
        final long before = gateway(provider.cluster(LAN).orElseThrow(), "gw2").heartbeatsAccepted();

        assertTrue(relay.invoke(relayed("openflow:1:2", 2)).get(10, TimeUnit.SECONDS).isSuccessful());
        waiting().until(() -> gateway(provider.cluster(LAN).orElseThrow(), "gw2").heartbeatsAccepted() > before);

        // Relayed from a port that is not gw2's: the same binding as a local packet-in, so counted as spoofed; once
        // another heartbeat of gw2 was taken, the spoofed one was counted before it.
        relay.invoke(relayed("openflow:1:3", 2)).get(10, TimeUnit.SECONDS);
        relay.invoke(relayed("openflow:1:2", 2)).get(10, TimeUnit.SECONDS);
        final var after = waiting().until(() -> gateway(provider.cluster(LAN).orElseThrow(), "gw2"),
            gw -> gw.heartbeatsAccepted() == before + 2);
        assertEquals(1, after.heartbeatsSpoofed());
        assertFalse(relayCalls().iterator().hasNext(), "the node that drives election relays nothing");
    }

    @Test
    void aNodeThatDoesNotDriveElectionRelaysItsPacketInsAndAnswersFromTheDatastore() throws Exception {
        startLan();
        final var live = provider.cluster(LAN).orElseThrow();
        final var history = provider.history(LAN);
        final var reader = new StateReader(getDataBroker());
        waiting().until(() -> reader.history(LAN).size() == 1
            && reader.cluster(LAN).flatMap(ClusterView::activeGateway).equals(Optional.of("gw1")));

        provider.closeServiceInstance();

        final var stored = provider.cluster(LAN).orElseThrow();
        assertEquals(ClusterStatus.ACTIVE, stored.status());
        assertEquals(Optional.of("gw1"), stored.activeGateway());
        assertEquals(live.virtualIps(), stored.virtualIps());
        assertEquals(List.of(200, 150, 100),
            stored.gateways().stream().map(ClusterView.GatewayView::configuredPriority).toList());
        assertEquals(GatewayState.ACTIVE, gateway(stored, "gw1").state());
        assertEquals(history, provider.history(LAN));
        assertEquals(List.of(LAN), provider.clusters().stream().map(ClusterView::name).toList());

        packetIn(2, 150, 2);
        final var relayed = waiting().until(this::relayCalls, calls -> calls.iterator().hasNext()).iterator().next();
        assertEquals("openflow:1:2", relayed.getIngress());
        assertEquals("02:00:00:00:00:02", macOf(relayed.getPayload()));
    }

    @Test
    void aClusterConfiguredWhileNoNodeDrivesElectionIsStartingOnEveryNode() throws Exception {
        provider.closeServiceInstance();

        write(lan());

        assertEquals(ClusterStatus.STARTING, provider.cluster(LAN).orElseThrow().status());
        assertEquals(List.of(), provider.history(LAN));
    }

    @Test
    void anotherNodeCarriesOutCommandsThroughThisOne() throws Exception {
        startLan();
        final var otherRpcs = new RecordingRpcProvider();
        try (var other = otherNode(otherRpcs)) {
            final var switched = otherRpcs.registered(SwitchOver.class).orElseThrow()
                .invoke(switchOver("gw2")).get(10, TimeUnit.SECONDS);

            assertTrue(switched.isSuccessful(), switched.toString());
            assertEquals("gw1", switched.getResult().getPreviousGateway().getValue());
            awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw2")));
            assertTrue(otherRpcs.registered(SetMaintenance.class).orElseThrow().invoke(maintenance("gw1"))
                .get(10, TimeUnit.SECONDS).isSuccessful());
            awaitView(LAN, view -> gateway(view, "gw1").state() == GatewayState.MAINTENANCE);
            assertEquals(Optional.of("gw2"), other.switchOver(LAN, "gw3").get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anotherNodeAnswersThisOnesRefusalAsThisOneDoes() throws Exception {
        startLan();
        silenceGw3();
        final var otherRpcs = new RecordingRpcProvider();
        try (var other = otherNode(otherRpcs)) {
            for (var node : List.of(rpcProvider, otherRpcs)) {
                assertRefused(node.registered(SwitchOver.class).orElseThrow().invoke(switchOver("gw3")),
                    ErrorTag.INVALID_VALUE, "cluster 'lan': gateway gw3 is down");
                assertRefused(node.registered(SwitchOver.class).orElseThrow().invoke(switchOver("gw9")),
                    ErrorTag.INVALID_VALUE, "cluster 'lan' has no gateway named 'gw9'");
                assertRefused(node.registered(SetMaintenance.class).orElseThrow().invoke(maintenance("gw9")),
                    ErrorTag.INVALID_VALUE, "cluster 'lan' has no gateway named 'gw9'");
            }
            // The console's service on the other node: the same refusal, as the console prints it.
            final var refused = assertThrows(ExecutionException.class,
                () -> other.switchOver(LAN, "gw3").get(10, TimeUnit.SECONDS));
            assertInstanceOf(OperationRefusedException.class, refused.getCause());
            assertEquals("cluster 'lan': gateway gw3 is down", refused.getCause().getMessage());
        }
        assertEquals(Optional.of("gw1"), provider.cluster(LAN).orElseThrow().activeGateway());
    }

    @Test
    void whileNoNodeDrivesElectionACommandFailsAndSaysWhy() throws Exception {
        startLan();
        provider.closeServiceInstance();
        final var otherRpcs = new RecordingRpcProvider();
        try (var other = otherNode(otherRpcs)) {
            assertRefused(otherRpcs.registered(SwitchOver.class).orElseThrow().invoke(switchOver("gw2")),
                ErrorTag.OPERATION_FAILED, "no answer from a controller node that drives Gateway HA election: "
                    + "No implementation of RPC RelaySwitchOver available");
            final var failed = assertThrows(ExecutionException.class,
                () -> other.setMaintenance(LAN, "gw2", true).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
        }
    }

    private Iterable<RelayPacketInInput> relayCalls() {
        return flowRpcs.calls().stream().filter(call -> call.rpc().equals("RelayPacketIn"))
            .map(call -> (RelayPacketInInput) call.input()).toList();
    }

    private static SwitchOverInput switchOver(final String gateway) {
        return new SwitchOverInputBuilder().setCluster(new ClusterName(LAN)).setGateway(new GatewayName(gateway))
            .build();
    }

    private static SetMaintenanceInput maintenance(final String gateway) {
        return new SetMaintenanceInputBuilder().setCluster(new ClusterName(LAN)).setGateway(new GatewayName(gateway))
            .setEnabled(true).build();
    }

    /** An RPC error as RESTCONF reads it: application type, this tag, this message. */
    private static void assertRefused(final ListenableFuture<? extends RpcResult<?>> answer, final ErrorTag tag,
            final String message) throws Exception {
        final var result = answer.get(10, TimeUnit.SECONDS);
        assertFalse(result.isSuccessful(), result.toString());
        final var error = result.getErrors().iterator().next();
        assertEquals(List.of(ErrorType.APPLICATION, tag, message),
            List.of(error.getErrorType(), error.getTag(), error.getMessage()));
    }

    private static RelayPacketInInput relayed(final String ingress, final int number) {
        return new RelayPacketInInputBuilder().setIngress(ingress)
            .setPayload(new VrrpFrameBuilder().vrid(51).priority(150)
                .srcMac(Mac.parse("02:00:00:00:00:0" + number)).srcIp(Ipv4.parse("192.0.2." + number)).build())
            .build();
    }

    private static String macOf(final byte[] frame) {
        final var text = new StringBuilder();
        for (int i = 6; i < 12; i++) {
            text.append(i > 6 ? ":" : "").append(String.format(Locale.ROOT, "%02x", frame[i] & 0xFF));
        }
        return text.toString();
    }

    private static ClusterView.GatewayView gateway(final ClusterView view, final String name) {
        return view.gateways().stream().filter(gw -> gw.name().equals(name)).findFirst().orElseThrow();
    }
}
