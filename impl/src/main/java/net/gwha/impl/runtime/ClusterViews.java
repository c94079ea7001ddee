/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.gwha.impl.engine.ClusterSnapshot;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.ClusterView.GatewayView;

/**
 * The clusters as operators read them: the engine's snapshots with their virtual IPs and wall-clock times, published
 * by the engine's loop and read from any thread, with the heartbeat counters as they are when read.
 *
 * <p>A change an operator acts on (a state, the active gateway, a priority, the status, the partitions) is published
 * with the event that made it. Heartbeats that move only last-heard leave the view as it is, to be published within
 * {@link #HEARD_NANOS}: building every cluster's view with every heartbeat cost the loop a third of its time at a
 * thousand clusters.
 */
final class ClusterViews {
    /**
     * How far behind the engine a view's last-heard may be when only heartbeats moved it (and the loop's backlog on
     * top): half a second, well under a person reading a console; at 100 ms heartbeats a fifth of the view builds.
     */
    static final long HEARD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Map<String, ClusterView> published = new ConcurrentHashMap<>();
    // loop-confined
    private final Map<String, List<String>> virtualIps = new HashMap<>();
    // the snapshot each published view was built from, and the clusters whose view lags their last heartbeats
    private final Map<String, ClusterSnapshot> shown = new HashMap<>();
    private final Set<String> lagging = new HashSet<>();
    private final HeartbeatCounters counters;
    private final LongFunction<Instant> wallTime;

    ClusterViews(final HeartbeatCounters counters, final LongFunction<Instant> wallTime) {
        this.counters = counters;
        this.wallTime = wallTime;
    }

    /** The cluster's virtual IPs, as configured; on the loop. */
    void virtualIps(final String cluster, final List<String> vips) {
        virtualIps.put(cluster, List.copyOf(vips));
    }

    /**
     * The cluster's state after heartbeats, ticks or a pause; on the loop. Published if anything but last-heard
     * changed, else left lagging until {@link #lagging()} is published.
     */
    void heard(final ClusterSnapshot snapshot) {
        final var before = shown.get(snapshot.name());
        if (before != null && sameButHeard(before, snapshot)) {
            lagging.add(snapshot.name());
        } else {
            publish(snapshot);
        }
    }

    /** Whether some view lags its cluster's heartbeats; on the loop. */
    boolean anyLagging() {
        return !lagging.isEmpty();
    }

    /** The clusters whose view lags their heartbeats, which then no longer do; on the loop. */
    List<String> lagging() {
        final var names = List.copyOf(lagging);
        lagging.clear();
        return names;
    }

    /** Publishes the cluster's state; on the loop. */
    void publish(final ClusterSnapshot snapshot) {
        shown.put(snapshot.name(), snapshot);
        lagging.remove(snapshot.name());
        published.put(snapshot.name(), new ClusterView(snapshot.name(),
            virtualIps.getOrDefault(snapshot.name(), List.of()), snapshot.status(), snapshot.activeGateway(),
            instant(snapshot.activeSince()), snapshot.gateways().stream().map(gw -> new GatewayView(gw.name(),
                gw.state(), instant(gw.lastHeard()), gw.configuredPriority(), gw.advertisedPriority(),
                gw.effectivePriority(), 0, 0, 0)).toList(), snapshot.partitions()));
    }

    /** The cluster is gone; on the loop. */
    void forget(final String cluster) {
        virtualIps.remove(cluster);
        shown.remove(cluster);
        lagging.remove(cluster);
        published.remove(cluster);
    }

    List<ClusterView> all() {
        return published.values().stream().sorted(Comparator.comparing(ClusterView::name)).map(this::counted)
            .toList();
    }

    Optional<ClusterView> of(final String cluster) {
        return Optional.ofNullable(published.get(cluster)).map(this::counted);
    }

    /** The view with its gateways' counters as they are now: they are thread-safe, and read when the view is. */
    private ClusterView counted(final ClusterView view) {
        return new ClusterView(view.name(), view.virtualIps(), view.status(), view.activeGateway(), view.activeSince(),
            view.gateways().stream().map(gw -> {
                final var count = counters.of(view.name(), gw.name());
                return new GatewayView(gw.name(), gw.state(), gw.lastHeard(), gw.configuredPriority(),
                    gw.advertisedPriority(), gw.effectivePriority(), count.accepted(), count.malformed(),
                    count.spoofed());
            }).toList(), view.partitions());
    }

    /** Whether the views of these two differ in last-heard alone (the advertised interval is not shown). */
    private static boolean sameButHeard(final ClusterSnapshot before, final ClusterSnapshot after) {
        if (before.status() != after.status() || !before.activeGateway().equals(after.activeGateway())
                || !before.activeSince().equals(after.activeSince()) || !before.partitions().equals(after.partitions())
                || before.gateways().size() != after.gateways().size()) {
            return false;
        }
        for (int i = 0; i < before.gateways().size(); i++) {
            final var was = before.gateways().get(i);
            final var is = after.gateways().get(i);
            if (!was.name().equals(is.name()) || was.state() != is.state()
                    || !was.advertisedPriority().equals(is.advertisedPriority())
                    || was.configuredPriority() != is.configuredPriority()
                    || was.effectivePriority() != is.effectivePriority()
                    || was.lastHeard().isPresent() != is.lastHeard().isPresent()) {
                return false;
            }
        }
        return true;
    }

    private Optional<Instant> instant(final OptionalLong nanos) {
        return nanos.isPresent() ? Optional.of(wallTime.apply(nanos.getAsLong())) : Optional.empty();
    }
}
