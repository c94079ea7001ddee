/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.gwha.impl.engine.Event;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification.ModificationType;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Gateway ports as openflowplugin's operational inventory reports them: a port whose link is down or that is
 * removed, and every port of a switch that disconnects, become port-down events; a port with its link up again a
 * port-up event. Only ports that attach a configured gateway matter. Events are stamped on arrival (openflowplugin
 * writes a port-status into the inventory ~ms after the switch sends it) and handed to the consumer on the
 * datastore's notification thread: the consumer must only enqueue.
 */
public final class PortListener implements AutoCloseable {
    private final ClusterDirectory directory;
    private final Consumer<Event.PortStatus> events;
    private final LongSupplier nanoClock;
    private final Registration ports;
    private final Registration nodes;

    /**
     * Starts listening.
     *
     * @param broker the data broker, for openflowplugin's operational inventory
     * @param directory the configured gateways, as the lead keeps it up to date
     * @param events receives a port event per affected gateway; must not block
     * @param nanoClock stamps the events, {@code System::nanoTime} (or the engine loop's clock) in production
     */
    public PortListener(final DataBroker broker, final ClusterDirectory directory,
            final Consumer<Event.PortStatus> events, final LongSupplier nanoClock) {
        this.directory = directory;
        this.events = events;
        this.nanoClock = nanoClock;
        ports = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).child(NodeConnector.class).build(),
            this::onPorts);
        nodes = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).build(), this::onNodes);
    }

    private void onPorts(final List<DataTreeModification<NodeConnector>> changes) {
        final long at = nanoClock.getAsLong();
        for (var change : changes) {
            final var root = change.getRootNode();
            final var after = root.dataAfter();
            final var id = (after != null ? after : root.dataBefore()).getId().getValue();
            final var port = PacketInHandler.port(id);
            if (port.isEmpty()) {
                continue;
            }
            final boolean up = after != null && linkUp(after);
            final boolean wasUp = root.dataBefore() != null && linkUp(root.dataBefore());
            if (up != wasUp) {
                forMembers(port.orElseThrow().node(), port.orElseThrow().port(),
                    member -> events.accept(new Event.PortStatus(member.cluster(), member.gateway(), up, at)));
            }
        }
    }

    private void onNodes(final List<DataTreeModification<Node>> changes) {
        final long at = nanoClock.getAsLong();
        for (var change : changes) {
            if (change.getRootNode().modificationType() == ModificationType.DELETE) {
                final var node = change.getRootNode().dataBefore().getId().getValue();
                forMembers(node, -1,
                    member -> events.accept(new Event.PortStatus(member.cluster(), member.gateway(), false, at)));
            }
        }
    }

    /** Gateways on a port of a switch, or on any port of it when port is -1. */
    private void forMembers(final String node, final long port, final Consumer<ClusterDirectory.Member> action) {
        for (var entry : directory.entries()) {
            for (var member : entry.members()) {
                if (member.node().equals(node) && (port < 0 || member.port() == port)) {
                    action.accept(member);
                }
            }
        }
    }

    private static boolean linkUp(final NodeConnector connector) {
        final var port = connector.augmentation(FlowCapableNodeConnector.class);
        if (port == null || port.getState() == null) {
            return false;
        }
        final var state = port.getState();
        return !Boolean.TRUE.equals(state.getLinkDown()) && !Boolean.TRUE.equals(state.getBlocked());
    }

    @Override
    public void close() {
        ports.close();
        nodes.close();
    }
}
