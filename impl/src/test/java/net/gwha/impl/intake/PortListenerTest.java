/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static net.gwha.impl.fixtures.LabClusters.S2;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Event;
import net.gwha.impl.fixtures.LabClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.port.rev130925.flow.capable.port.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRemovedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Switch and port events from openflowplugin's operational inventory, written here as openflowplugin writes them,
 * over the real in-memory broker. The lab's gateways gw1 to gw3 are on ports 11 to 13 of openflow:1; port 1 is a
 * host's.
 */
class PortListenerTest extends AbstractConcurrentDataBrokerTest {
    private static final long NOW = 7;

    private final List<Event> events = new ArrayList<>();
    private final ClusterDirectory directory = new ClusterDirectory();
    private PortListener listener;
    private NotificationPublishService notifications;

    PortListenerTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        directory.put(LabClusters.oneSwitch(SteeringMode.MacRewrite));
        final var customizer = getDataBrokerTestCustomizer();
        notifications = customizer.createNotificationPublishService();
        listener = new PortListener(getDataBroker(), customizer.createNotificationService(), directory, this::record,
            () -> NOW);
        connect(S1, List.of(1L, 11L, 12L, 13L), Set.of());
        // The switch connects, and its gateway ports are up: gw1..gw3.
        assertEquals(List.of(new Event.SwitchConnected(S1, NOW), up("gw1"), up("gw2"), up("gw3")), awaitEvents(4));
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private synchronized void record(final Event event) {
        events.add(event);
    }

    private synchronized List<Event> drain() {
        final var drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The next {@code count} events, once they all arrived; the port events of one switch sorted by gateway. */
    private List<Event> awaitEvents(final int count) {
        final var found = new ArrayList<Event>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            found.addAll(drain());
            return found.size() >= count;
        });
        // the inventory hands a switch's ports over in no particular order
        found.sort(Comparator.comparing(event -> event instanceof Event.PortStatus port ? port.gateway() : ""));
        return found;
    }

    private static Event.PortStatus up(final String gateway) {
        return new Event.PortStatus("lab", gateway, true, NOW);
    }

    private static Event.PortStatus down(final String gateway) {
        return new Event.PortStatus("lab", gateway, false, NOW);
    }

    @Test
    void linkDownAndUpOfAGatewayPortAreThatGatewaysEvents() throws Exception {
        write(12, true);
        assertEquals(List.of(down("gw2")), awaitEvents(1));
        write(12, false);
        assertEquals(List.of(up("gw2")), awaitEvents(1));
    }

    /** A router running a VRRP group per subnet on one interface: its port going down fails it in every cluster. */
    @Test
    void aPortSharedByTwoClustersIsDownInBoth() throws Exception {
        directory.put(LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 200, S1, 12))
            .setName(new ClusterName("pair")).setVrid(Uint8.valueOf(52)).setVirtualIp(LabClusters.vips("192.0.2.253"))
            .build());
        write(12, true);
        assertEquals(Set.of(down("gw2"), new Event.PortStatus("pair", "gw2", false, NOW)), Set.copyOf(awaitEvents(2)));
        write(12, false);
        assertEquals(Set.of(up("gw2"), new Event.PortStatus("pair", "gw2", true, NOW)), Set.copyOf(awaitEvents(2)));
    }

    @Test
    void aHostPortChangesNothingAndARemovedGatewayPortIsDown() throws Exception {
        write(1, true);
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, portPath(S1, 13));
        tx.commit().get(10, TimeUnit.SECONDS);

        // The host port's event would have come first: the inventory notifies in commit order.
        assertEquals(List.of(down("gw3")), awaitEvents(1));
    }

    @Test
    void aDisconnectedSwitchIsOneEventAndTakesNoPortDown() throws Exception {
        disconnect(S1);
        // Another switch connecting afterwards marks the end: events come in commit order.
        connect(S2, List.of(), Set.of());

        assertEquals(List.of(new Event.SwitchDisconnected(S1, NOW), new Event.SwitchConnected(S2, NOW)),
            awaitEvents(2));
    }

    @Test
    void openflowpluginsNodeRemovedIsADisconnectBeforeTheInventorySaysSo() throws Exception {
        // openflowplugin publishes it as the connection drops, and removes the node from the inventory ~700 ms later
        notifications.putNotification(new NodeRemovedBuilder().setNodeRef(new NodeRef(LabClusters.nodePath(S1)))
            .build());
        assertEquals(List.of(new Event.SwitchDisconnected(S1, NOW)), awaitEvents(1));
    }

    @Test
    void aSwitchBackBeforeTheInventoryRemovedItIsConnectedWhenItsNodeIsWrittenAgain() throws Exception {
        notifications.putNotification(new NodeRemovedBuilder().setNodeRef(new NodeRef(LabClusters.nodePath(S1)))
            .build());
        assertEquals(List.of(new Event.SwitchDisconnected(S1, NOW)), awaitEvents(1));
        // back within openflowplugin's removal delay: the node stays, its ports are written again as they are
        connect(S1, List.of(1L, 11L, 12L, 13L), Set.of());

        assertEquals(List.of(new Event.SwitchConnected(S1, NOW)), awaitEvents(1));
    }

    @Test
    void aReconnectedSwitchReportsEachGatewayPortDownOrUp() throws Exception {
        disconnect(S1);
        connect(S1, List.of(1L, 11L, 12L, 13L), Set.of(12L));

        assertEquals(List.of(new Event.SwitchDisconnected(S1, NOW), new Event.SwitchConnected(S1, NOW), up("gw1"),
            down("gw2"), up("gw3")), awaitEvents(5));
    }

    private void connect(final String node, final List<Long> ports, final Set<Long> linkDown) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, LabClusters.nodePath(node), new NodeBuilder().setId(new NodeId(node))
            .build());
        for (long port : ports) {
            tx.put(LogicalDatastoreType.OPERATIONAL, portPath(node, port), port(node, port, linkDown.contains(port)));
        }
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private void disconnect(final String node) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, LabClusters.nodePath(node));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private void write(final long port, final boolean linkDown) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, portPath(S1, port), port(S1, port, linkDown));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private static DataObjectIdentifier<NodeConnector> portPath(final String node, final long port) {
        return LabClusters.nodePath(node).toBuilder()
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(node + ":" + port))).build();
    }

    private static NodeConnector port(final String node, final long port, final boolean linkDown) {
        return new NodeConnectorBuilder().setId(new NodeConnectorId(node + ":" + port))
            .addAugmentation(new FlowCapableNodeConnectorBuilder()
                .setState(new StateBuilder().setLinkDown(linkDown).setBlocked(false).setLive(!linkDown).build())
                .build())
            .build();
    }
}
