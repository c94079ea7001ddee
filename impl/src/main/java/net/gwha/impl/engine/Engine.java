/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.CommandRefused;
import net.gwha.impl.engine.Event.ConfigRemoved;
import net.gwha.impl.engine.Event.ConfigSet;
import net.gwha.impl.engine.Event.HeartbeatReceived;
import net.gwha.impl.engine.Event.LinksChanged;
import net.gwha.impl.engine.Event.Maintenance;
import net.gwha.impl.engine.Event.Paused;
import net.gwha.impl.engine.Event.PortStatus;
import net.gwha.impl.engine.Event.SwitchConnected;
import net.gwha.impl.engine.Event.SwitchDisconnected;
import net.gwha.impl.engine.Event.SwitchOver;
import net.gwha.impl.engine.Event.SwitchRelayed;
import net.gwha.impl.engine.Event.Tick;

/**
 * Liveness and election for every cluster: events in, decisions out. Pure: no clock, no threads, no I/O.
 *
 * <p>Not thread-safe, by design: the adapter feeds it from one event loop. Deterministic: the same events give
 * the same outcomes (clusters are visited in name order, nothing depends on hash order or randomness).
 *
 * <p>Times are the events' nanoseconds. An event stamped earlier than one already applied (stamped on another
 * thread, enqueued later) is taken as happening at the latest instant seen, so time never runs backwards.
 */
public final class Engine {
    /** An entry of the index of wake-ups; ties in name order, so that nothing depends on insertion order. */
    private record Due(long at, Cluster cluster) implements Comparable<Due> {
        @Override
        public int compareTo(final Due other) {
            return at != other.at ? Long.compare(at, other.at) : cluster.name.compareTo(other.cluster.name);
        }
    }

    private static final Comparator<Cluster> BY_NAME = Comparator.comparing(cluster -> cluster.name);

    // Rule: the same events give the same decisions: hash lookup only, on the heartbeat path; every iteration in
    // name order; no randomness, no clock
    private final Map<String, Cluster> byName = new HashMap<>();
    private final TreeMap<String, Cluster> ordered = new TreeMap<>();
    // membership only, never iterated; every cluster reads it
    private final Set<String> disconnected = new HashSet<>();
    private final Set<String> disconnectedView = Collections.unmodifiableSet(disconnected);
    // reported connected and not disconnected since; membership only, like disconnected
    private final Set<String> connectedSwitches = new HashSet<>();
    private final Set<String> connectedView = Collections.unmodifiableSet(connectedSwitches);
    private final Set<String> relayedSwitches = new HashSet<>();
    private final Set<String> relayedView = Collections.unmodifiableSet(relayedSwitches);
    private final Reachability reachability = new Reachability();
    // The clusters by when they are due, so that a tick finds those due without visiting every cluster: each
    // cluster's entry falls due no later than its wake-up. A wake-up that moves later (nearly every heartbeat) keeps
    // the entry, which when it falls due is put back at the wake-up then; one that moves earlier adds an entry, and
    // the one it supersedes is skipped when it falls due, as is a removed cluster's.
    private final PriorityQueue<Due> dueIndex = new PriorityQueue<>();
    // reused by every apply(): no allocation when an event decides nothing
    private final List<Decision> buffer = new ArrayList<>();
    private long now = Long.MIN_VALUE;

    public Outcome apply(final Event event) {
        final long at = Math.max(now, event.at());
        now = at;
        // what the passing of time changed in the partitions, the clusters see when they are next evaluated (each
        // asked for a wake-up at that instant)
        reachability.advance(at);
        try {
            return switch (event) {
                case HeartbeatReceived hb -> {
                    final Cluster cluster = byName.get(hb.cluster());
                    if (cluster == null) {
                        yield Outcome.NONE;
                    }
                    cluster.heartbeat(hb.gateway(), hb.family(), hb.advertisedPriority(),
                        hb.advertisedIntervalCentis(), at, buffer);
                    yield outcome(cluster);
                }
                case PortStatus port -> {
                    final Cluster cluster = byName.get(port.cluster());
                    if (cluster == null) {
                        yield Outcome.NONE;
                    }
                    cluster.port(port.gateway(), port.up(), at, buffer);
                    yield outcome(cluster);
                }
                case SwitchDisconnected cut -> {
                    connectedSwitches.remove(cut.switchId());
                    if (!disconnected.add(cut.switchId())) {
                        yield Outcome.NONE;
                    }
                    // a switch whose place is held needs every cluster's wake-up when the hold runs out
                    yield reachability.disconnected(cut.switchId(), at) ? everyCluster(cut.switchId(), false, at)
                        : switched(cut.switchId(), false, at);
                }
                case SwitchConnected back -> {
                    final boolean news = connectedSwitches.add(back.switchId());
                    if (!disconnected.remove(back.switchId())) {
                        // first reported: news only to the status of the clusters whose gateways it attaches
                        yield news ? switched(back.switchId(), true, at) : Outcome.NONE;
                    }
                    // a switch whose place is held needs every cluster's wake-up when the hold runs out
                    yield reachability.connected(back.switchId(), at) ? everyCluster(back.switchId(), true, at)
                        : switched(back.switchId(), true, at);
                }
                case SwitchRelayed path -> {
                    final boolean changed = path.relayed() ? relayedSwitches.add(path.switchId())
                        : relayedSwitches.remove(path.switchId());
                    yield changed ? judgedAgain(path.switchId(), at) : Outcome.NONE;
                }
                case LinksChanged links -> {
                    reachability.linksChanged(links.links(), at);
                    for (Cluster cluster : ordered.values()) {
                        cluster.tick(at, buffer);
                    }
                    yield touching(List.copyOf(ordered.values()));
                }
                case Tick tick -> tick(at, Math.max(at, tick.takenAt()));
                case Paused paused -> paused(paused.pausedNanos(), at);
                case ConfigSet set -> {
                    final String name = set.config().name();
                    Cluster cluster = byName.get(name);
                    if (cluster == null) {
                        cluster = new Cluster(set.config(), set.handover(), disconnectedView, connectedView,
                            relayedView, reachability, at, buffer);
                        byName.put(name, cluster);
                        ordered.put(name, cluster);
                    } else {
                        cluster.configure(set.config(), at, buffer);
                    }
                    yield outcome(cluster);
                }
                case ConfigRemoved removed -> {
                    final Cluster cluster = byName.remove(removed.cluster());
                    if (cluster == null) {
                        yield Outcome.NONE;
                    }
                    ordered.remove(removed.cluster());
                    yield new Outcome(List.of(), cluster.asList, NEVER);
                }
                case SwitchOver command -> {
                    final Cluster cluster = byName.get(command.cluster());
                    if (cluster == null) {
                        yield refuse(command.cluster(), command.gateway(), at);
                    }
                    cluster.switchOver(command.gateway(), at, buffer);
                    yield outcome(cluster);
                }
                case Maintenance command -> {
                    final Cluster cluster = byName.get(command.cluster());
                    if (cluster == null) {
                        yield refuse(command.cluster(), command.gateway(), at);
                    }
                    cluster.maintenance(command.gateway(), command.on(), at, buffer);
                    yield outcome(cluster);
                }
            };
        } finally {
            buffer.clear();
        }
    }

    /**
     * One cluster's state, or empty if it is not configured.
     */
    public Optional<ClusterSnapshot> snapshot(final String cluster) {
        final Cluster found = byName.get(cluster);
        return found == null ? Optional.empty() : Optional.of(found.snapshot());
    }

    /**
     * The configuration a cluster runs, or empty if it is not configured.
     */
    public Optional<ClusterConfig> config(final String cluster) {
        final Cluster found = byName.get(cluster);
        return found == null ? Optional.empty() : Optional.of(found.config);
    }

    /**
     * The configured clusters, in name order.
     */
    public List<String> clusters() {
        return List.copyOf(ordered.keySet());
    }

    /**
     * The next instant at which {@code cluster} needs a tick: the same as the last outcome that touched it.
     */
    public OptionalLong nextWakeup(final String cluster) {
        final Cluster found = byName.get(cluster);
        return found == null || found.wakeup() == NEVER ? OptionalLong.empty() : OptionalLong.of(found.wakeup());
    }

    /** Judges the clusters due as of {@code at}; what they decide is decided when the tick was taken. */
    private Outcome tick(final long at, final long takenAt) {
        final var due = new ArrayList<Cluster>();
        final var later = new ArrayList<Cluster>();
        while (!dueIndex.isEmpty() && dueIndex.peek().at() <= at) {
            final Due entry = dueIndex.poll();
            final Cluster cluster = entry.cluster();
            if (entry.at() != cluster.indexedWakeup || byName.get(cluster.name) != cluster) {
                // superseded by an earlier entry, or removed
                continue;
            }
            cluster.indexedWakeup = NEVER;
            (cluster.wakeup() <= at ? due : later).add(cluster);
        }
        later.forEach(this::index);
        due.sort(BY_NAME);
        for (Cluster cluster : due) {
            cluster.tick(at, buffer);
        }
        if (takenAt > at) {
            buffer.replaceAll(decision -> decision instanceof ActiveGatewayChanged changed
                ? new ActiveGatewayChanged(changed.cluster(), changed.from(), changed.to(), changed.cause(),
                    changed.causeTime(), takenAt, changed.partition()) : decision);
        }
        return touching(due);
    }

    /** A switch was disconnected or connected again: the clusters with a gateway on it take note. */
    private Outcome switched(final String switchId, final boolean connected, final long at) {
        final var affected = new ArrayList<Cluster>();
        for (Cluster cluster : ordered.values()) {
            if (cluster.switchChanged(switchId, connected, at, buffer)) {
                affected.add(cluster);
            }
        }
        return touching(affected);
    }

    /** How long a switch's gateways may be silent changed: the clusters with a gateway on it judge again. */
    private Outcome judgedAgain(final String switchId, final long at) {
        final var affected = new ArrayList<Cluster>();
        for (Cluster cluster : ordered.values()) {
            if (cluster.attaches(switchId)) {
                cluster.tick(at, buffer);
                affected.add(cluster);
            }
        }
        return touching(affected);
    }

    /**
     * A switch was disconnected or connected again and every cluster must hear of it (its place in the partitions
     * is held): those with a gateway on it take note.
     */
    private Outcome everyCluster(final String switchId, final boolean connected, final long at) {
        for (Cluster cluster : ordered.values()) {
            if (!cluster.switchChanged(switchId, connected, at, buffer)) {
                cluster.tick(at, buffer);
            }
        }
        return touching(List.copyOf(ordered.values()));
    }

    /** The outcome for several clusters, in name order. */
    private Outcome touching(final List<Cluster> touched) {
        if (touched.isEmpty()) {
            return Outcome.NONE;
        }
        final var names = new String[touched.size()];
        final var times = new long[touched.size()];
        for (int i = 0; i < names.length; i++) {
            final Cluster cluster = touched.get(i);
            index(cluster);
            names[i] = cluster.name;
            times[i] = cluster.wakeup();
        }
        return new Outcome(decisions(), List.of(names), times);
    }

    /** Keeps the cluster in the index no later than its wake-up. */
    private void index(final Cluster cluster) {
        final long wakeup = cluster.wakeup();
        if (wakeup < cluster.indexedWakeup) {
            cluster.indexedWakeup = wakeup;
            dueIndex.add(new Due(wakeup, cluster));
        }
    }

    private Outcome paused(final long pausedNanos, final long at) {
        for (Cluster cluster : ordered.values()) {
            cluster.paused(pausedNanos, at, buffer);
        }
        return touching(List.copyOf(ordered.values()));
    }

    private Outcome outcome(final Cluster cluster) {
        index(cluster);
        return new Outcome(decisions(), cluster.asList, cluster.wakeup());
    }

    private Outcome refuse(final String cluster, final String gateway, final long at) {
        return new Outcome(List.of(new CommandRefused(cluster, gateway, "no cluster " + cluster, at)), List.of(),
            NEVER);
    }

    private List<Decision> decisions() {
        return buffer.isEmpty() ? List.of() : List.copyOf(buffer);
    }
}
