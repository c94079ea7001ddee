/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.gwha.impl.engine.SwitchLinks;

/**
 * A LAN of OpenFlow switches for {@link FlowTables}: what each switch port leads to (a station, that is a host's or a
 * gateway's NIC, or another switch) and which ports are down. A link is up while both of its ends are.
 */
final class Lan {
    /** A switch port. */
    record Port(String node, long number) {
        @Override
        public String toString() {
            return node + ":" + number;
        }
    }

    /** What is plugged into a port. */
    sealed interface Attachment {
    }

    /** A host's or gateway's NIC. */
    record Station(String name, String mac) implements Attachment {
    }

    /** A cable to another switch's port. */
    record Link(Port peer) implements Attachment {
    }

    private final Map<String, SortedMap<Long, Attachment>> ports = new TreeMap<>();
    private final Set<Port> down = new HashSet<>();

    Lan station(final Port port, final String name, final String mac) {
        return attach(port, new Station(name, mac));
    }

    Lan link(final Port one, final Port other) {
        attach(one, new Link(other));
        return attach(other, new Link(one));
    }

    Lan down(final Port port) {
        down.add(port);
        return this;
    }

    private Lan attach(final Port port, final Attachment attachment) {
        if (ports.computeIfAbsent(port.node(), node -> new TreeMap<>()).put(port.number(), attachment) != null) {
            throw new IllegalArgumentException(port + " is taken");
        }
        return this;
    }

    Set<String> nodes() {
        return ports.keySet();
    }

    SortedMap<Long, Attachment> ports(final String node) {
        return ports.getOrDefault(node, new TreeMap<>());
    }

    Optional<Attachment> at(final Port port) {
        return Optional.ofNullable(ports(port.node()).get(port.number()));
    }

    boolean isUp(final Port port) {
        return !down.contains(port);
    }

    /** Where a station with this MAC is plugged in. */
    Optional<Port> whereIs(final String mac) {
        return ports.entrySet().stream()
            .flatMap(node -> node.getValue().entrySet().stream()
                .filter(port -> port.getValue() instanceof Station station && station.mac().equals(mac))
                .map(port -> new Port(node.getKey(), port.getKey())))
            .findFirst();
    }

    /**
     * The first hop from every switch toward every other over the links that are up, as openflowplugin's LLDP
     * topology would report them; in a tree, the only path.
     */
    SwitchLinks liveLinks() {
        final var hops = new HashMap<String, Map<String, Long>>();
        for (var start : nodes()) {
            final var firstHop = new HashMap<String, Long>();
            final var queue = new ArrayDeque<String>();
            queue.add(start);
            while (!queue.isEmpty()) {
                final var node = queue.poll();
                ports(node).forEach((number, attachment) -> {
                    if (attachment instanceof Link link && isUp(new Port(node, number)) && isUp(link.peer())
                            && !link.peer().node().equals(start) && !firstHop.containsKey(link.peer().node())) {
                        firstHop.put(link.peer().node(), node.equals(start) ? number : firstHop.get(node));
                        queue.add(link.peer().node());
                    }
                });
            }
            hops.put(start, firstHop);
        }
        return new SwitchLinks(hops);
    }

    /** The port on a switch toward a station, over the links that are up: what a learning switch would know. */
    OptionalLong learned(final String node, final String mac, final SwitchLinks live) {
        return whereIs(mac).map(station -> station.node().equals(node) ? OptionalLong.of(station.number())
            : live.portToward(node, station.node())).orElse(OptionalLong.empty());
    }
}
