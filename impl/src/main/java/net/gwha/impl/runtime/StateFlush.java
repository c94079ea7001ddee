/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * When the live state is written: a change that decided something right after the events already queued, so that
 * a burst is written once; heartbeats alone, which move only last-heard and the counters, at most every
 * {@link #LIVE_NANOS}. Loop-confined.
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
    private final TreeSet<String> dirty = new TreeSet<>();
    private final TreeSet<String> removed = new TreeSet<>();
    private Optional<ScheduledFuture<?>> liveFlush = Optional.empty();
    private boolean urgentQueued;

    /**
     * Flushes.
     *
     * @param loop runs an urgent flush after the work already queued
     * @param timers runs the live flush's timer
     * @param enqueue hands the timer's flush to the loop
     * @param write writes the clusters changed and removed
     */
    StateFlush(final Executor loop, final Scheduler timers, final Consumer<Runnable> enqueue,
            final BiConsumer<List<String>, List<String>> write) {
        this.loop = loop;
        this.timers = timers;
        this.enqueue = enqueue;
        this.write = write;
    }

    void changed(final Collection<String> clusters) {
        dirty.addAll(clusters);
    }

    void removed(final String cluster) {
        dirty.remove(cluster);
        removed.add(cluster);
    }

    /**
     * The datastore refused a write of these: they are written again after {@link #RETRY_NANOS}, with whatever
     * changed meanwhile. A cluster removed since is not written again; one configured again since is not deleted.
     */
    void refused(final Collection<String> changed, final Collection<String> gone) {
        changed.stream().filter(cluster -> !removed.contains(cluster)).forEach(dirty::add);
        gone.stream().filter(cluster -> !dirty.contains(cluster)).forEach(removed::add);
        if (urgentQueued || dirty.isEmpty() && removed.isEmpty()) {
            return;
        }
        liveFlush.ifPresent(timer -> timer.cancel(false));
        liveFlush = Optional.of(timers.schedule(() -> enqueue.accept(this::flush), RETRY_NANOS));
    }

    /** Writes what changed: at once if {@code urgent}, else with the next live flush. */
    void schedule(final boolean urgent) {
        if (dirty.isEmpty() && removed.isEmpty() || urgentQueued) {
            return;
        }
        if (urgent) {
            liveFlush.ifPresent(timer -> timer.cancel(false));
            liveFlush = Optional.empty();
            urgentQueued = true;
            loop.execute(this::flush);
        } else if (liveFlush.isEmpty()) {
            liveFlush = Optional.of(timers.schedule(() -> enqueue.accept(this::flush), LIVE_NANOS));
        }
    }

    private void flush() {
        urgentQueued = false;
        liveFlush.ifPresent(timer -> timer.cancel(false));
        liveFlush = Optional.empty();
        if (dirty.isEmpty() && removed.isEmpty()) {
            // a live flush whose timer fired just as an urgent one wrote everything
            return;
        }
        final var changed = List.copyOf(dirty);
        final var gone = List.copyOf(removed);
        dirty.clear();
        removed.clear();
        write.accept(changed, gone);
    }
}
