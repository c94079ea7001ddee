/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.SwitchLinks;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NetworkTopology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TopologyId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Link;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The links between switches as openflowplugin's LLDP topology manager (feature
 * {@code odl-openflowplugin-app-topology}, part of {@code odl-openflowplugin-flow-services}) reports them in the
 * operational {@code network-topology:network-topology/topology[flow:1]}, turned into {@link SwitchLinks}: for each
 * switch, the first hop of a shortest path toward every other switch. Each change is a {@link Event.LinksChanged}
 * with the whole new topology (none while the topology does not exist), stamped on arrival and handed to the consumer
 * on the datastore's notification thread: the consumer must only enqueue.
 */
public final class LinkTopology implements AutoCloseable {
    /** openflowplugin's topology id. */
    public static final String FLOW_TOPOLOGY = "flow:1";

    private final Registration registration;

    /**
     * Starts listening.
     *
     * @param broker the data broker, for openflowplugin's operational topology
     * @param events receives the links; must not block
     * @param nanoClock stamps the events, as the other listeners' do
     */
    public LinkTopology(final DataBroker broker, final Consumer<? super Event.LinksChanged> events,
            final LongSupplier nanoClock) {
        registration = broker.registerDataListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectIdentifier.builder(NetworkTopology.class)
                .child(Topology.class, new TopologyKey(new TopologyId(FLOW_TOPOLOGY))).build(),
            topology -> events.accept(new Event.LinksChanged(topology == null ? Optional.empty()
                : Optional.of(fromLinks(topology.nonnullLink().values())), nanoClock.getAsLong())));
    }

    /**
     * The first hops of shortest paths over directed links; ties go to the lower port, so the result is the same for
     * the same links.
     *
     * @param links links whose termination points are openflowplugin node connector ids ({@code openflow:1:100})
     * @return the topology
     */
    static SwitchLinks fromLinks(final Collection<Link> links) {
        // adjacency: node -> neighbour -> lowest port toward it
        final var adjacency = new TreeMap<String, TreeMap<String, Long>>();
        for (var link : links) {
            final var source = link.getSource();
            final var destination = link.getDestination();
            if (source == null || destination == null || source.getSourceNode() == null
                    || source.getSourceTp() == null || destination.getDestNode() == null) {
                continue;
            }
            final var from = source.getSourceNode().getValue();
            final var to = destination.getDestNode().getValue();
            final var port = PacketInHandler.port(source.getSourceTp().getValue());
            if (port.isEmpty() || from.equals(to)) {
                continue;
            }
            adjacency.computeIfAbsent(from, key -> new TreeMap<>())
                .merge(to, port.orElseThrow().port(), Math::min);
        }
        final var hops = new HashMap<String, Map<String, Long>>();
        for (var entry : adjacency.entrySet()) {
            final var start = entry.getKey();
            final var firstHop = new HashMap<String, Long>();
            final var queue = new ArrayDeque<String>();
            // Neighbours first, by port: they fix the first hop of everything reached through them.
            entry.getValue().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(neighbour -> {
                firstHop.put(neighbour.getKey(), neighbour.getValue());
                queue.add(neighbour.getKey());
            });
            while (!queue.isEmpty()) {
                final var node = queue.poll();
                for (var next : adjacency.getOrDefault(node, new TreeMap<>()).keySet()) {
                    if (!next.equals(start) && !firstHop.containsKey(next)) {
                        firstHop.put(next, firstHop.get(node));
                        queue.add(next);
                    }
                }
            }
            hops.put(start, firstHop);
        }
        return new SwitchLinks(hops);
    }

    @Override
    public void close() {
        registration.close();
    }
}
