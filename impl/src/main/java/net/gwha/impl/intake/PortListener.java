/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.gwha.impl.engine.Event;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRemoved;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Switches and gateway ports as openflowplugin's operational inventory reports them. A switch (inventory node) that
 * disappears has lost its connection to the controller: that is a {@link Event.SwitchDisconnected}, and says nothing
 * of its ports, which the switch may well keep up and forwarding. A switch that appears is connected (again): a
 * {@link Event.SwitchConnected}, then a {@link Event.PortStatus} for every gateway port on it, down or up, as the
 * switch reports it. On a connected switch, a gateway port whose link goes down or up, or that is removed, is a port
 * event of the gateways on it; other ports do not matter. Events are stamped on arrival (openflowplugin writes a
 * port-status into the inventory ~ms after the switch sends it) and handed to the consumer on the datastore's
 * notification thread: the consumer must only enqueue.
 *
 * <p>A disconnect is also taken from openflowplugin's node-removed notification, which it publishes at once: it
 * removes the node from the inventory only some 700 ms later (its node cleaner), and by then the heartbeats that
 * stopped with the connection would have been judged as silence. The later removal repeats the news, harmlessly.
 * A switch that reconnects within that delay is never removed from the inventory ("transient"): openflowplugin
 * writes its node again instead, so after a node-removed any write of the node that leaves it there is its return.
 */
public final class PortListener implements AutoCloseable {
    private final ClusterDirectory directory;
    private final Consumer<Event> events;
    private final LongSupplier nanoClock;
    private final Registration registration;
    private final Registration removals;
    /** Switches openflowplugin said were removed while the inventory still has them. */
    private final Set<String> removedAhead = ConcurrentHashMap.newKeySet();

    /**
     * Starts listening.
     *
     * @param broker the data broker, for openflowplugin's operational inventory
     * @param notifications openflowplugin's notifications, for its node-removed
     * @param directory the configured gateways, as the lead keeps it up to date
     * @param events receives switch events and a port event per affected gateway; must not block
     * @param nanoClock stamps the events, {@code System::nanoTime} (or the engine loop's clock) in production
     */
    public PortListener(final DataBroker broker, final NotificationService notifications,
            final ClusterDirectory directory, final Consumer<Event> events, final LongSupplier nanoClock) {
        this.directory = directory;
        this.events = events;
        this.nanoClock = nanoClock;
        // One listener on the nodes, not one on their ports: a disconnected switch's ports vanish with it, and
        // only the node's own modification tells that apart from ports removed from a switch still connected.
        registration = broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).build(), this::onNodes);
        removals = notifications.registerListener(NodeRemoved.class, this::onNodeRemoved,
            MoreExecutors.directExecutor());
    }

    private void onNodeRemoved(final NodeRemoved removed) {
        final long at = nanoClock.getAsLong();
        nodeId(removed.getNodeRef()).ifPresent(node -> {
            removedAhead.add(node);
            events.accept(new Event.SwitchDisconnected(node, at));
        });
    }

    /** The switch a node reference names, as "openflow:1". */
    static Optional<String> nodeId(final NodeRef ref) {
        return ref == null ? Optional.empty()
            : PacketInHandler.firstKey(ref.getValue(), NodeKey.class).map(key -> key.getId().getValue());
    }

    private void onNodes(final List<DataTreeModification<Node>> changes) {
        final long at = nanoClock.getAsLong();
        for (var change : changes) {
            final var root = change.getRootNode();
            final var after = root.dataAfter();
            if (after == null) {
                final String node = root.dataBefore().getId().getValue();
                removedAhead.remove(node);
                events.accept(new Event.SwitchDisconnected(node, at));
                continue;
            }
            if (removedAhead.remove(after.getId().getValue()) || root.dataBefore() == null) {
                events.accept(new Event.SwitchConnected(after.getId().getValue(), at));
            }
            for (var port : root.getModifiedChildren(NodeConnector.class)) {
                final var before = port.dataBefore();
                final var now = port.dataAfter();
                final var id = (now != null ? now : before).getId().getValue();
                final var parsed = PacketInHandler.port(id);
                final boolean up = now != null && linkUp(now);
                // a port first seen, as when its switch connects, is reported whatever its state; later, changes
                if (parsed.isPresent() && (before == null || up != linkUp(before))) {
                    forMembers(parsed.orElseThrow().node(), parsed.orElseThrow().port(),
                        member -> events.accept(new Event.PortStatus(member.cluster(), member.gateway(), up, at)));
                }
            }
        }
    }

    /** Gateways on a port of a switch. */
    private void forMembers(final String node, final long port, final Consumer<ClusterDirectory.Member> action) {
        for (var entry : directory.entries()) {
            for (var member : entry.members()) {
                if (member.node().equals(node) && member.port() == port) {
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
        removals.close();
        registration.close();
    }
}
