/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * When the live state is written. A cluster that decided something (or was configured, removed, confirmed) is written
 * right after the events already queued, so that a burst is written once, and alone: the clusters that were only
 * heard wait for their turn. Those, which moved only last-heard and the counters, are written at most every
 * {@link #LIVE_NANOS}, spread over {@link #LIVE_SLOTS} turns of a tenth of it each, a cluster's turn fixed by its
 * name: a thousand clusters are a hundred writes a second, not a thousand at once every ten seconds, each batch
 * built and serialized on the loop that also takes the heartbeats. Loop-confined.
 */
final class StateFlush {
    /**
     * How often heartbeats alone are written. Each write puts the cluster's whole state entry (39 leaves for three
     * gateways, up to about 480 and 5 kB of values with a full history), in an OpenDaylight cluster a Raft round to
     * every node. Every second (as it was) that was one write a second per cluster for nothing that changed but
     * last-heard and the counters, which the arbiter's own node shows live anyway (console, RPCs) and a new arbiter
     * does not need (it takes the gateways shown up as heard at the take-over). Every 10 s: a tenth of the writes;
     * other nodes see those two up to 10 s late, and at a take-over the counters go on from values up to 10 s old.
     */
    static final long LIVE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The turns a live interval is cut into; each cluster is written in its own. */
    static final int LIVE_SLOTS = 10;

    /**
     * How soon a write the datastore refused is made again. A refusal is usually a conflict (the configuration's
     * cohort writes a new cluster's starting entry while the engine writes its first state) that the next try does
     * not meet; waiting a little keeps a datastore that refuses everything from being written to in a loop.
     */
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Executor loop;
    private final Scheduler timers;
    private final Consumer<Runnable> enqueue;
    private final BiConsumer<List<String>, List<String>> write;
    private final TreeSet<String> urgent = new TreeSet<>();
    // added to with every heartbeat: a hash set, sorted only for a turn's write
    private final HashSet<String> live = new HashSet<>();
    private final TreeSet<String> removed = new TreeSet<>();
    private Optional<ScheduledFuture<?>> retry = Optional.empty();
    private Optional<ScheduledFuture<?>> nextTurn = Optional.empty();
    private int turn;
    private boolean urgentQueued;

    /**
     * Flushes.
     *
     * @param loop runs an urgent flush after the work already queued
     * @param timers runs the retry's and the live turns' timers
     * @param enqueue hands a timer's flush to the loop
     * @param write writes the clusters changed and removed
     */
    StateFlush(final Executor loop, final Scheduler timers, final Consumer<Runnable> enqueue,
            final BiConsumer<List<String>, List<String>> write) {
        this.loop = loop;
        this.timers = timers;
        this.enqueue = enqueue;
        this.write = write;
    }

    /** A change that decided something: written right after the work already queued. */
    void decided(final Collection<String> clusters) {
        if (clusters.isEmpty()) {
            return;
        }
        live.removeAll(clusters);
        urgent.addAll(clusters);
        flushSoon();
    }

    /** A change of last-heard and the counters alone: written in the cluster's next live turn. */
    void heard(final Collection<String> clusters) {
        for (var cluster : clusters) {
            if (!urgent.contains(cluster)) {
                live.add(cluster);
            }
        }
        if (nextTurn.isEmpty() && !live.isEmpty()) {
            nextTurn = Optional.of(timers.schedule(() -> enqueue.accept(this::liveTurn), LIVE_NANOS / LIVE_SLOTS));
        }
    }

    void removed(final String cluster) {
        urgent.remove(cluster);
        live.remove(cluster);
        removed.add(cluster);
        flushSoon();
    }

    /**
     * The datastore refused a write of these: they are written again after {@link #RETRY_NANOS}, with whatever
     * changed meanwhile. A cluster removed since is not written again; one configured again since is not deleted.
     */
    void refused(final Collection<String> changed, final Collection<String> gone) {
        changed.stream().filter(cluster -> !removed.contains(cluster)).forEach(cluster -> {
            live.remove(cluster);
            urgent.add(cluster);
        });
        gone.stream().filter(cluster -> !urgent.contains(cluster)).forEach(removed::add);
        if (retry.isEmpty() && !urgentQueued && !(urgent.isEmpty() && removed.isEmpty())) {
            retry = Optional.of(timers.schedule(() -> enqueue.accept(this::flush), RETRY_NANOS));
        }
    }

    private void flushSoon() {
        if (!urgentQueued) {
            urgentQueued = true;
            loop.execute(this::flush);
        }
    }

    private void flush() {
        urgentQueued = false;
        retry.ifPresent(timer -> timer.cancel(false));
        retry = Optional.empty();
        if (urgent.isEmpty() && removed.isEmpty()) {
            // a retry whose timer fired just as an urgent flush wrote everything
            return;
        }
        final var changed = List.copyOf(urgent);
        final var gone = List.copyOf(removed);
        urgent.clear();
        removed.clear();
        write.accept(changed, gone);
    }

    private void liveTurn() {
        nextTurn = Optional.empty();
        turn = (turn + 1) % LIVE_SLOTS;
        final var due = live.stream().filter(cluster -> slotOf(cluster) == turn).sorted().toList();
        if (!due.isEmpty()) {
            live.removeAll(due);
            write.accept(due, List.of());
        }
        heard(List.of());
    }

    static int slotOf(final String cluster) {
        return Math.floorMod(cluster.hashCode(), LIVE_SLOTS);
    }
}
