/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.state.ClusterView;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.port.rev130925.flow.capable.port.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The lab's switch loses its control channel for 20 s and comes back, as openflowplugin reports it: its node leaves
 * the operational inventory and returns with its ports. The switch kept its flows and the gateways their
 * heartbeats, which could not reach the controller: nothing moves, nor goes down. A second cluster on another
 * switch marks when the service has taken note (the inventory notifies in commit order).
 */
class SwitchDisconnectServiceTest extends AbstractRunningServiceTest {
    private static final String LAB_SWITCH = "openflow:1";
    private static final String MARKER_SWITCH = "openflow:2";

    @Test
    void aSwitchThatLosesItsControlChannelMovesNothing() throws Exception {
        connect(LAB_SWITCH, 1, 2, 3);
        connect(MARKER_SWITCH, 1, 2);
        configure(marker());
        startLan();
        final var before = states(LAN);

        disconnect(LAB_SWITCH);
        linkDown(MARKER_SWITCH, 1);
        awaitView("marker", view -> view.gateways().getFirst().state() == GatewayState.DOWN);
        // the switch is away for 20 s: nothing heard from its gateways meanwhile
        for (int second = 0; second < 20; second++) {
            advance(Duration.ofSeconds(1));
        }
        assertEquals(before, states(LAN));

        connect(LAB_SWITCH, 1, 2, 3);
        linkDown(MARKER_SWITCH, 2);
        awaitView("marker", view -> view.gateways().get(1).state() == GatewayState.DOWN);
        // the heartbeats resume, the best gateway's last
        for (int second = 0; second < 10; second++) {
            advance(Duration.ofSeconds(1));
            heartbeat(3, 100);
            heartbeat(2, 150);
            heartbeat(1, 200);
        }

        assertEquals(before, states(LAN));
        assertEquals(1, provider.history(LAN).size(), provider.history(LAN).toString());
    }

    private List<GatewayState> states(final String cluster) {
        return provider.cluster(cluster).orElseThrow().gateways().stream().map(ClusterView.GatewayView::state)
            .toList();
    }

    /** Cluster "marker": VRID 52, gateways m1 and m2 on the other switch's ports 1 and 2. */
    private static Cluster marker() {
        return new ClusterBuilder(lan()).withKey(new ClusterKey(new ClusterName("marker")))
            .setName(new ClusterName("marker")).setVrid(Uint8.valueOf(52))
            .setVirtualIp(Set.of(new IpAddress(new Ipv4Address("198.51.100.254"))))
            .setGateway(BindingMap.of(markerGateway(1), markerGateway(2)))
            .build();
    }

    private static Gateway markerGateway(final int number) {
        return new GatewayBuilder()
            .setName(new GatewayName("m" + number))
            .setPriority(Uint8.valueOf(100))
            .setIpAddress(new Ipv4Address("198.51.100." + number))
            .setMacAddress(new MacAddress("02:00:00:00:01:0" + number))
            .setAttachment(new AttachmentBuilder().setNodeId(new NodeId(MARKER_SWITCH))
                .setPortNumber(Uint32.valueOf(number)).build())
            .build();
    }

    private void connect(final String node, final int... ports) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, nodePath(node), new NodeBuilder().setId(inventoryId(node)).build());
        for (int port : ports) {
            tx.put(LogicalDatastoreType.OPERATIONAL, portPath(node, port), port(node, port, false));
        }
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private void disconnect(final String node) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, nodePath(node));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private void linkDown(final String node, final int port) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, portPath(node, port), port(node, port, true));
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private static DataObjectIdentifier<Node> nodePath(final String node) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(inventoryId(node))).build();
    }

    private static DataObjectIdentifier<NodeConnector> portPath(final String node, final int port) {
        return nodePath(node).toBuilder()
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(node + ":" + port))).build();
    }

    private static NodeConnector port(final String node, final int port, final boolean linkDown) {
        return new NodeConnectorBuilder().setId(new NodeConnectorId(node + ":" + port))
            .addAugmentation(new FlowCapableNodeConnectorBuilder()
                .setState(new StateBuilder().setLinkDown(linkDown).setBlocked(false).setLive(!linkDown).build())
                .build())
            .build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId inventoryId(
            final String node) {
        return new org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId(node);
    }
}
