/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the planner needs to know of the network between switches: for a switch, the port that leads toward
 * another switch (the first hop of a path, from openflowplugin's LLDP topology or configured). Immutable.
 *
 * @param nextHops {@code nextHops.get(from).get(to)} is the port number on {@code from} toward {@code to}
 */
public record SwitchLinks(Map<String, Map<String, Long>> nextHops) {
    private static final SwitchLinks NONE = new SwitchLinks(Map.of());

    public SwitchLinks {
        final var copy = new HashMap<String, Map<String, Long>>();
        nextHops.forEach((from, hops) -> copy.put(from, Map.copyOf(hops)));
        nextHops = Map.copyOf(copy);
    }

    /** No links known: every switch stands alone (the single-switch case). */
    public static SwitchLinks none() {
        return NONE;
    }

    /**
     * The same topology with one more hop.
     *
     * @param from the switch the traffic is on
     * @param to the switch it must reach
     * @param port the port on {@code from} toward {@code to}
     * @return a new topology
     */
    public SwitchLinks withHop(final String from, final String to, final long port) {
        final var copy = new HashMap<String, Map<String, Long>>(nextHops);
        final var hops = new HashMap<>(copy.getOrDefault(from, Map.of()));
        hops.put(to, port);
        copy.put(from, hops);
        return new SwitchLinks(copy);
    }

    /** Whether a path is known from one switch to another. */
    public boolean reaches(final String from, final String to) {
        return nextHops.getOrDefault(from, Map.of()).containsKey(to);
    }

    /**
     * The port on one switch that leads toward another.
     *
     * @param from the switch the traffic is on
     * @param to the switch it must reach
     * @return the port number, or empty when no path is known
     */
    public OptionalLong portToward(final String from, final String to) {
        final var port = nextHops.getOrDefault(from, Map.of()).get(to);
        return port == null ? OptionalLong.empty() : OptionalLong.of(port);
    }
}
