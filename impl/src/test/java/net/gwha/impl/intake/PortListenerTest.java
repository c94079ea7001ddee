/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.gwha.impl.engine.Event;
import net.gwha.impl.fixtures.LabClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.port.rev130925.flow.capable.port.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * Port events from openflowplugin's operational inventory, written here as openflowplugin writes them, over the
 * real in-memory broker.
 */
class PortListenerTest extends AbstractConcurrentDataBrokerTest {
    private static final long NOW = 7;

    private final List<Event.PortStatus> events = new ArrayList<>();
    private PortListener listener;

    PortListenerTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var directory = new ClusterDirectory();
        directory.put(LabClusters.oneSwitch(SteeringMode.MacRewrite));
        listener = new PortListener(getDataBroker(), directory, this::record, () -> NOW);
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, LabClusters.nodePath(S1), new NodeBuilder().setId(new NodeId(S1))
            .build());
        for (long port : List.of(1L, 11L, 12L, 13L)) {
            tx.put(LogicalDatastoreType.OPERATIONAL, portPath(port), port(port, false));
        }
        tx.commit().get(10, TimeUnit.SECONDS);
        // Ports that come up are port-up events for their gateways: gw1..gw3.
        await().atMost(Duration.ofSeconds(10)).until(() -> taken().size() == 3);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private synchronized void record(final Event.PortStatus event) {
        events.add(event);
    }

    private synchronized List<Event.PortStatus> taken() {
        return List.copyOf(events);
    }

    private synchronized List<Event.PortStatus> drain() {
        final var drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    @Test
    void linkDownAndUpOfAGatewayPortAreThatGatewaysEvents() throws Exception {
        drain();
        write(12, true);
        assertEquals(List.of(new Event.PortStatus("lab", "gw2", false, NOW)),
            await().atMost(Duration.ofSeconds(10)).until(this::drain, found -> !found.isEmpty()));
        write(12, false);
        assertEquals(List.of(new Event.PortStatus("lab", "gw2", true, NOW)),
            await().atMost(Duration.ofSeconds(10)).until(this::drain, found -> !found.isEmpty()));
    }

    @Test
    void aHostPortChangesNothingAndARemovedGatewayPortIsDown() throws Exception {
        drain();
        write(1, true);
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, portPath(13));
        tx.commit().get(10, TimeUnit.SECONDS);

        // The host port's event would have come first: the inventory notifies in commit order.
        assertEquals(List.of(new Event.PortStatus("lab", "gw3", false, NOW)),
            await().atMost(Duration.ofSeconds(10)).until(this::drain, found -> !found.isEmpty()));
    }

    @Test
    void aDisconnectedSwitchTakesDownEveryGatewayOnIt() throws Exception {
        drain();
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, LabClusters.nodePath(S1));
        tx.commit().get(10, TimeUnit.SECONDS);

        final var downs = await().atMost(Duration.ofSeconds(10)).until(this::taken,
            found -> found.stream().map(Event.PortStatus::gateway).collect(Collectors.toSet())
                .equals(Set.of("gw1", "gw2", "gw3")));
        downs.forEach(event -> assertEquals(false, event.up(), event::toString));
    }

    private void write(final long port, final boolean linkDown) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, portPath(port), port(port, linkDown));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private static DataObjectIdentifier<NodeConnector> portPath(final long port) {
        return LabClusters.nodePath(S1).toBuilder()
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(S1 + ":" + port))).build();
    }

    private static NodeConnector port(final long port, final boolean linkDown) {
        return new NodeConnectorBuilder().setId(new NodeConnectorId(S1 + ":" + port))
            .addAugmentation(new FlowCapableNodeConnectorBuilder()
                .setState(new StateBuilder().setLinkDown(linkDown).setBlocked(false).setLive(!linkDown).build())
                .build())
            .build();
    }
}
