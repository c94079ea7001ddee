/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Which switches reach each other, as the engine holds it: the links openflowplugin's LLDP topology reports, taken
 * for what they prove. Owned by the engine, read by every cluster to count its partitions.
 *
 * <p>A missing link proves a cut only once the links are known and LLDP has had time to find them; and not for a
 * switch the controller lost, whose links the topology drops with it while its data plane may well forward on.
 */
final class Reachability {
    /** Three periods of openflowplugin's LLDP speaker (5 s by default): by then every live link has been seen. */
    static final long DISCOVERY_NANOS = TimeUnit.SECONDS.toNanos(15);
    /**
     * How long a lost switch keeps its place: a control channel that drops and comes back is usually back well
     * within it; a switch gone longer may be gone for good (powered off, its links down), and the switches that can
     * no longer reach the gateways behind it must then elect among their own.
     */
    static final long LOST_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * A switch whose place the links do not say: the switches it reached both ways and the hops to and from it when
     * the controller lost it, until when they stand in, and whether it is connected again.
     */
    private record Held(Set<String> peers, Map<String, Map<String, Long>> hops, long until, boolean back) {
    }

    /** The links as last reported, empty when there is no topology. */
    private Optional<SwitchLinks> links = Optional.empty();
    /** When missing links start to prove cuts: DISCOVERY_NANOS after the links were first known; NEVER if unknown. */
    private long splitsFrom = NEVER;
    private boolean splitting;
    private final Map<String, Held> held = new TreeMap<>();
    /** Changes whenever the partitions may have: clusters keep theirs until then. */
    private int version;
    /** The next instant at which time changes something, or NEVER: every event asks, so it is kept at hand. */
    private long wakeup = NEVER;

    /**
     * The links to steer by: as reported, and for a switch whose place is held, the hops to and from it that the
     * topology dropped with it (its data plane keeps forwarding on them, and the other switches' flows must stay).
     */
    SwitchLinks links() {
        SwitchLinks steering = links.orElse(SwitchLinks.none());
        for (Held place : held.values()) {
            for (var from : place.hops().entrySet()) {
                for (var to : from.getValue().entrySet()) {
                    if (steering.portToward(from.getKey(), to.getKey()).isEmpty()) {
                        steering = steering.withHop(from.getKey(), to.getKey(), to.getValue());
                    }
                }
            }
        }
        return steering;
    }

    int version() {
        return version;
    }

    void linksChanged(final Optional<SwitchLinks> reported, final long at) {
        links = reported;
        if (links.isEmpty()) {
            // Rule: without a topology the controller knows nothing of partitions: the LAN counts as whole
            splitsFrom = NEVER;
            splitting = false;
        } else if (splitsFrom == NEVER) {
            // Rule: links just learned are not all found yet: nothing splits for DISCOVERY_NANOS
            splitsFrom = at + DISCOVERY_NANOS;
        }
        // Rule: a switch back from a disconnect counts where the links put it once they show it linked both ways to
        // every switch it reached before (LLDP finds one direction at a time)
        held.entrySet().removeIf(entry -> entry.getValue().back() && relinked(entry.getKey(),
            entry.getValue().peers()));
        version++;
        rewake();
    }

    /**
     * The controller lost a switch: it keeps the place the links gave it (they are about to drop it), for at most
     * LOST_NANOS.
     *
     * @return whether its place is held, so that a wake-up is due at the latest then
     */
    boolean disconnected(final String switchId, final long at) {
        if (links.isEmpty()) {
            return false;
        }
        final SwitchLinks known = links.orElseThrow();
        held.put(switchId, new Held(peers(known, switchId), hops(known, switchId), at + LOST_NANOS, false));
        rewake();
        return true;
    }

    /**
     * The controller has a switch again: if its place is held, it is until the links show it linked, and for at most
     * DISCOVERY_NANOS.
     *
     * @return whether its place is held, so that a wake-up is due at the latest then
     */
    boolean connected(final String switchId, final long at) {
        final Held was = held.get(switchId);
        if (was == null) {
            return false;
        }
        held.put(switchId, new Held(was.peers(), was.hops(), at + DISCOVERY_NANOS, true));
        rewake();
        return true;
    }

    /** Applies what time changes by {@code at}: a hold that ran out, the end of link discovery. */
    void advance(final long at) {
        if (wakeup > at) {
            return;
        }
        held.values().removeIf(place -> place.until() <= at);
        splitting |= at >= splitsFrom;
        version++;
        rewake();
    }

    /** The next instant at which {@link #advance} changes something, or NEVER. */
    long wakeup() {
        return wakeup;
    }

    private void rewake() {
        wakeup = splitting ? NEVER : splitsFrom;
        for (Held place : held.values()) {
            wakeup = Math.min(wakeup, place.until());
        }
    }

    /**
     * The partitions of a set of switches: the groups that reach each other both ways (with a held switch where it
     * was), each in name order, the groups by their first switch.
     *
     * @return the one group {@code switches} while nothing splits
     */
    List<SortedSet<String>> partitions(final SortedSet<String> switches) {
        if (!splitting || links.isEmpty() || switches.size() < 2) {
            return List.of(switches);
        }
        final SwitchLinks known = links.orElseThrow();
        final var parent = new HashMap<String, String>();
        for (String one : switches) {
            for (String other : switches.tailSet(one)) {
                if (known.reaches(one, other) && known.reaches(other, one)) {
                    union(parent, one, other);
                }
            }
        }
        held.forEach((switchId, place) -> place.peers().forEach(peer -> union(parent, switchId, peer)));
        final var groups = new TreeMap<String, SortedSet<String>>();
        for (String switchId : switches) {
            groups.computeIfAbsent(find(parent, switchId), root -> new TreeSet<>()).add(switchId);
        }
        return groups.values().stream().sorted(Comparator.comparing(SortedSet::first)).toList();
    }

    private boolean relinked(final String switchId, final Set<String> peers) {
        return links.map(known -> peers.stream().allMatch(peer -> known.reaches(switchId, peer)
            && known.reaches(peer, switchId))).orElse(false);
    }

    private static Set<String> peers(final SwitchLinks known, final String switchId) {
        final var peers = new HashSet<String>();
        for (String other : known.nextHops().getOrDefault(switchId, Map.of()).keySet()) {
            if (known.reaches(other, switchId)) {
                peers.add(other);
            }
        }
        return Set.copyOf(peers);
    }

    /** The hops from a switch, and the other switches' hops toward it. */
    private static Map<String, Map<String, Long>> hops(final SwitchLinks known, final String switchId) {
        final var hops = new HashMap<String, Map<String, Long>>();
        known.nextHops().forEach((from, toward) -> {
            if (from.equals(switchId)) {
                hops.put(from, toward);
            } else if (toward.containsKey(switchId)) {
                hops.put(from, Map.of(switchId, toward.get(switchId)));
            }
        });
        return Map.copyOf(hops);
    }

    private static void union(final Map<String, String> parent, final String one, final String other) {
        parent.put(find(parent, one), find(parent, other));
    }

    private static String find(final Map<String, String> parent, final String switchId) {
        String root = switchId;
        for (String up = parent.get(root); up != null && !up.equals(root); up = parent.get(root)) {
            root = up;
        }
        if (!root.equals(switchId)) {
            parent.put(switchId, root);
        }
        return root;
    }
}
