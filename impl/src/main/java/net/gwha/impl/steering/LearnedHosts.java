/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import net.gwha.impl.steering.FlowPlanner.Host;

/**
 * The hosts each cluster's switches answer ARP for on their own: bounded per cluster, and forgotten a while after
 * the controller last heard them ask, so a scan of addresses cannot fill the switches' tables for good. While a
 * switch answers a host the controller does not hear it, so a host in use is forgotten too and learned again at
 * its next request; the switch-side entry idles out a little later than the controller forgets it
 * ({@link FlowPlanner#HOST_IDLE_SECONDS}), so the controller's removal, not the switch, ends it. Pure, not
 * thread-safe: the programmer keeps it on the steering loop.
 */
final class LearnedHosts {
    private final int maxPerCluster;
    private final long ttlNanos;
    // cluster -> host -> when it last asked (nanoseconds); in the order hosts first asked, which decides a return
    // flow's virtual IP for a host that asked for several (ReturnFlows)
    private final Map<String, Map<Host, Long>> asked = new HashMap<>();

    LearnedHosts(final int maxPerCluster, final Duration ttl) {
        this.maxPerCluster = maxPerCluster;
        ttlNanos = ttl.toNanos();
    }

    /**
     * A host asked at {@code now}.
     *
     * @return whether it is new to the cluster (the plan changes); false when known (its time is renewed) or the
     *     cluster has its fill
     */
    boolean learn(final String cluster, final Host host, final long now) {
        final var hosts = asked.computeIfAbsent(cluster, key -> new LinkedHashMap<>());
        if (hosts.containsKey(host)) {
            hosts.put(host, now);
            return false;
        }
        if (hosts.size() >= maxPerCluster) {
            return false;
        }
        hosts.put(host, now);
        return true;
    }

    /**
     * Forgets every host that has not asked for the time to live.
     *
     * @return the clusters that lost hosts, in name order
     */
    Set<String> expire(final long now) {
        final var changed = new TreeSet<String>();
        asked.forEach((cluster, hosts) -> {
            if (hosts.values().removeIf(at -> now - at >= ttlNanos)) {
                changed.add(cluster);
            }
        });
        asked.values().removeIf(Map::isEmpty);
        return changed;
    }

    /** When the next host is due to be forgotten, if any is known. */
    OptionalLong nextExpiry() {
        return asked.values().stream().flatMap(hosts -> hosts.values().stream()).mapToLong(at -> at + ttlNanos)
            .min();
    }

    /** The cluster's hosts, in the order they first asked. */
    Set<Host> of(final String cluster) {
        final var hosts = asked.get(cluster);
        return hosts == null ? Set.of() : new LinkedHashSet<>(hosts.keySet());
    }

    void forget(final String cluster) {
        asked.remove(cluster);
    }
}
