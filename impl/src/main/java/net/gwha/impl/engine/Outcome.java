/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one event led to: decisions, in the order they were taken, and for every cluster the event touched the
 * next instant at which the engine must get a {@link Event.Tick}. The adapter keeps one timer per cluster and
 * re-arms (or cancels) exactly the {@link #touched()} ones. A timer that fires early is harmless (the tick
 * returns the new wake-up), so an adapter may also re-arm only when the wake-up comes earlier; one that fires
 * late delays detection by as much.
 *
 * <p>Immutable. The one-cluster case, which is every heartbeat, allocates nothing but this object.
 */
public final class Outcome {
    static final Outcome NONE = new Outcome(List.of(), List.of(), NEVER);

    private final List<Decision> decisions;
    private final List<String> touched;
    // one wake-up per touched cluster: the field for one cluster, the array for more
    private final long wakeup;
    private final long[] wakeups;

    Outcome(final List<Decision> decisions, final List<String> touched, final long wakeup) {
        this.decisions = decisions;
        this.touched = touched;
        this.wakeup = wakeup;
        wakeups = new long[0];
    }

    /**
     * For several clusters.
     *
     * @param touched in ascending order
     * @param wakeups parallel to {@code touched}
     */
    Outcome(final List<Decision> decisions, final List<String> touched, final long[] wakeups) {
        this.decisions = decisions;
        this.touched = touched;
        this.wakeups = wakeups;
        wakeup = NEVER;
    }

    public List<Decision> decisions() {
        return decisions;
    }

    /**
     * The clusters whose wake-up this outcome reports, in ascending order: those the event concerned (none for an
     * event naming an unknown cluster), or for a tick those that were due.
     */
    public List<String> touched() {
        return touched;
    }

    /**
     * The next instant at which the engine must be woken for {@code cluster}; empty when it needs no wake-up (no
     * timer pending, or the cluster was removed).
     *
     * @throws IllegalArgumentException if {@code cluster} is not {@link #touched()}
     */
    public OptionalLong nextWakeup(final String cluster) {
        final long at = wakeupAt(cluster);
        return at == NEVER ? OptionalLong.empty() : OptionalLong.of(at);
    }

    private long wakeupAt(final String cluster) {
        if (wakeups.length == 0) {
            if (touched.size() == 1 && touched.get(0).equals(cluster)) {
                return wakeup;
            }
        } else {
            final int index = Collections.binarySearch(touched, cluster);
            if (index >= 0) {
                return wakeups[index];
            }
        }
        throw new IllegalArgumentException("cluster " + cluster + " was not touched by this event");
    }

    @Override
    public boolean equals(final Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Outcome other) || !decisions.equals(other.decisions) || !touched.equals(other.touched)) {
            return false;
        }
        for (String cluster : touched) {
            if (wakeupAt(cluster) != other.wakeupAt(cluster)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(decisions, touched) * 31 + (wakeups.length == 0 ? Long.hashCode(wakeup)
            : Arrays.hashCode(wakeups));
    }

    @Override
    public String toString() {
        final var sb = new StringBuilder("Outcome[decisions=").append(decisions).append(", wakeups={");
        for (String cluster : touched) {
            sb.append(cluster).append('=').append(nextWakeup(cluster)).append(", ");
        }
        if (!touched.isEmpty()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append("}]").toString();
    }
}
