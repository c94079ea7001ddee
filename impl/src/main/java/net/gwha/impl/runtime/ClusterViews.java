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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import net.gwha.impl.engine.ClusterSnapshot;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.ClusterView.GatewayView;

/**
 * The clusters as operators read them: the engine's snapshots with their virtual IPs, wall-clock times and
 * heartbeat counters, published by the engine's loop after each event and read from any thread.
 */
final class ClusterViews {
    private final Map<String, ClusterView> published = new ConcurrentHashMap<>();
    // loop-confined
    private final Map<String, List<String>> virtualIps = new HashMap<>();
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

    /** Publishes the cluster's state; on the loop. */
    void publish(final ClusterSnapshot snapshot) {
        published.put(snapshot.name(), new ClusterView(snapshot.name(),
            virtualIps.getOrDefault(snapshot.name(), List.of()), snapshot.status(), snapshot.activeGateway(),
            instant(snapshot.activeSince()), snapshot.gateways().stream().map(gw -> {
                final var count = counters.of(snapshot.name(), gw.name());
                return new GatewayView(gw.name(), gw.state(), instant(gw.lastHeard()), gw.configuredPriority(),
                    gw.advertisedPriority(), gw.effectivePriority(), count.accepted(), count.malformed(),
                    count.spoofed());
            }).toList(), snapshot.partitions()));
    }

    /** The cluster is gone; on the loop. */
    void forget(final String cluster) {
        virtualIps.remove(cluster);
        published.remove(cluster);
    }

    List<ClusterView> all() {
        return published.values().stream().sorted(Comparator.comparing(ClusterView::name)).toList();
    }

    Optional<ClusterView> of(final String cluster) {
        return Optional.ofNullable(published.get(cluster));
    }

    private Optional<Instant> instant(final OptionalLong nanos) {
        return nanos.isPresent() ? Optional.of(wallTime.apply(nanos.getAsLong())) : Optional.empty();
    }
}
