/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.state.FailoverRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last changes of active gateway of every cluster, as operators see them: written on the engine's loop, read
 * from any thread.
 */
final class FailoverHistory {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverHistory.class);
    private static final int SIZE = 50;

    private final Map<String, ArrayDeque<FailoverRecord>> byCluster = new ConcurrentHashMap<>();
    private final LongFunction<Instant> wallTime;
    // loop-confined
    private long nextSequence = 1;

    /**
     * An empty history.
     *
     * @param wallTime the wall-clock instant of an engine time
     */
    FailoverHistory(final LongFunction<Instant> wallTime) {
        this.wallTime = wallTime;
    }

    void record(final ActiveGatewayChanged changed) {
        LOG.info("{}: active gateway {}{} -> {} ({}, detected after {} ms)", changed.cluster(),
            changed.partition().map(partition -> "of partition " + partition + " ").orElse(""),
            changed.from().orElse("none"), changed.to(), changed.cause(),
            TimeUnit.NANOSECONDS.toMillis(changed.decisionTime() - changed.causeTime()));
        final var history = byCluster.computeIfAbsent(changed.cluster(), key -> new ArrayDeque<>());
        synchronized (history) {
            if (history.size() == SIZE) {
                history.removeFirst();
            }
            history.addLast(new FailoverRecord(nextSequence++, changed.cluster(), changed.from(), changed.to(),
                changed.cause(), wallTime.apply(changed.causeTime()), wallTime.apply(changed.decisionTime()),
                Optional.empty(), changed.partition()));
        }
    }

    /**
     * The switches confirmed the flows of the failover decided at {@code decided}.
     *
     * @return whether the cluster has a history to note it in
     */
    boolean flowsConfirmed(final String cluster, final Instant decided, final Instant confirmed) {
        final var history = byCluster.get(cluster);
        if (history == null) {
            return false;
        }
        synchronized (history) {
            final var updated = new ArrayDeque<FailoverRecord>(history.size());
            for (var failover : history) {
                updated.addLast(failover.decisionTime().equals(decided) && failover.flowsConfirmedTime().isEmpty()
                    ? new FailoverRecord(failover.sequence(), failover.cluster(), failover.from(), failover.to(),
                        failover.cause(), failover.causeTime(), failover.decisionTime(), Optional.of(confirmed),
                        failover.partition())
                    : failover);
            }
            history.clear();
            history.addAll(updated);
        }
        return true;
    }

    /** The previous arbiter's history of a cluster, which this one goes on from; on the loop. */
    void continueFrom(final String cluster, final List<FailoverRecord> previous) {
        final var history = new ArrayDeque<FailoverRecord>(previous.subList(Math.max(0, previous.size() - SIZE),
            previous.size()));
        byCluster.put(cluster, history);
    }

    /** Sequence numbers go on after {@code last}, the previous arbiter's last; on the loop. */
    void continueAfter(final long last) {
        nextSequence = Math.max(nextSequence, last + 1);
    }

    void forget(final String cluster) {
        byCluster.remove(cluster);
    }

    List<FailoverRecord> of(final String cluster) {
        final var history = byCluster.get(cluster);
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }
}
