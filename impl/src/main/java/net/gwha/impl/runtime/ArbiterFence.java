/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.gwha.impl.engine.ArbiterLease;
import net.gwha.impl.state.ArbiterRecord.Renewal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the arbiter's {@link ArbiterLease}: reads the previous holder's last renewal, renews every
 * {@link ArbiterLease#RENEWAL} through the datastore, and answers whether this node may write to the switches now
 * ({@link #steering()}, asked before every write). Steering stops the instant the lease runs out, without waiting
 * for the cluster to notice anything; it starts again when a renewal commits, and the flow audit then restores what
 * was not written meanwhile. Thread-safe: renewals confirm on the datastore's threads, writers ask on theirs.
 */
final class ArbiterFence implements AutoCloseable {
    /** Bounds the read of the previous renewal; without it this node waits as if the holder had just renewed. */
    static final Duration READ_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ArbiterFence.class);

    private final ArbiterLease lease = new ArbiterLease();
    private final String holder;
    private final BiFunction<String, Instant, ListenableFuture<?>> renew;
    private final LongSupplier nanoClock;
    private final Supplier<Instant> wallClock;
    private final Scheduler timers;
    private final List<Runnable> onceSteering = new ArrayList<>();
    private Runnable resumed = () -> { };
    private Runnable stopTimers = () -> { };
    /**
     * One renewal in flight at most. Two would conflict: each replaces the record its own snapshot saw, so the second
     * to reach the shard fails, and OpenDaylight's shard (controller 11.0.2, {@code ShardDataTree.canCommitEntry})
     * then leaves every transaction queued behind the loser waiting for its commit timeout, 15 s. When the shard
     * stalls (a killed node's transaction left ready does that until it times out) renewals would pile up behind it
     * and stall it again, each a loser, for as long as they come. A node cut off from the majority piles up nothing.
     */
    private boolean inFlight;
    // a renewal fell due while one was in flight: sent as soon as that one ends
    private boolean due;
    private boolean previousRead;
    private boolean wasSteering;
    private boolean lapsed;
    private boolean closed;

    /**
     * A fence, not yet started.
     *
     * @param holder this node's name, for the record
     * @param renew commits a renewal: holder and the submission's wall-clock time
     * @param nanoClock the monotonic clock
     * @param wallClock the wall clock, for the record
     * @param timers fires the renewals on {@code nanoClock}'s time
     */
    ArbiterFence(final String holder, final BiFunction<String, Instant, ListenableFuture<?>> renew,
            final LongSupplier nanoClock, final Supplier<Instant> wallClock, final Scheduler timers) {
        this.holder = holder;
        this.renew = renew;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.timers = timers;
    }

    /**
     * A fence on the real clocks, renewing on a thread of its own, so that a busy engine loop cannot delay a renewal.
     */
    static ArbiterFence onItsOwnThread(final String holder,
            final BiFunction<String, Instant, ListenableFuture<?>> renew) {
        final var thread = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("gwha-lease").setDaemon(true).build());
        final var fence = new ArbiterFence(holder, renew, System::nanoTime, Instant::now,
            (task, delayNanos) -> thread.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        fence.stopTimers = thread::shutdownNow;
        return fence;
    }

    /**
     * Starts renewing, and steering once the previous holder's lease has run out.
     *
     * @param previous the newest committed renewal, read at the take-over
     */
    synchronized void start(final ListenableFuture<Optional<Renewal>> previous) {
        Futures.addCallback(previous, new FutureCallback<>() {
            @Override
            public void onSuccess(final Optional<Renewal> renewal) {
                previousHolder(renewal);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("The arbiter's lease record could not be read", cause);
                previousUnknown();
            }
        }, MoreExecutors.directExecutor());
        timers.schedule(this::previousUnknown, READ_WAIT.toNanos());
        renewal();
    }

    /** Whether this node may write to the switches now. */
    synchronized boolean steering() {
        return !closed && lease.held(nanoClock.getAsLong());
    }

    /** Runs {@code work} now if this node steers, else the first time it does. */
    synchronized void whenSteering(final Runnable work) {
        if (steering()) {
            work.run();
        } else if (!closed) {
            onceSteering.add(work);
        }
    }

    /** Runs {@code work} each time this node steers again after its lease ran out. */
    synchronized void onResumed(final Runnable work) {
        resumed = work;
    }

    @Override
    public synchronized void close() {
        closed = true;
        onceSteering.clear();
        stopTimers.run();
    }

    private synchronized void previousHolder(final Optional<Renewal> renewal) {
        if (!previousRead && !closed) {
            previousRead = true;
            final var wait = lease.previousHolder(renewal.map(Renewal::renewedAt), wallClock.get(),
                nanoClock.getAsLong());
            LOG.info("Arbiter lease: previous holder {}; this node may write to the switches from {} (waits {} ms)",
                renewal.map(found -> found.holder() + " renewed " + found.renewedAt()).orElse("none"),
                wallClock.get().plus(wait), wait.toMillis());
            afterWait(wait);
        }
    }

    private synchronized void previousUnknown() {
        if (!previousRead && !closed) {
            previousRead = true;
            final var wait = lease.previousUnknown(nanoClock.getAsLong());
            LOG.warn("Arbiter lease: the previous holder's record was not read within {}; this node may write to "
                + "the switches from {} (waits {} ms)", READ_WAIT, wallClock.get().plus(wait), wait.toMillis());
            afterWait(wait);
        }
    }

    private void afterWait(final Duration wait) {
        timers.schedule(this::check, wait.toNanos());
    }

    private synchronized void renewal() {
        if (closed) {
            return;
        }
        check();
        if (inFlight) {
            due = true;
        } else {
            submit();
        }
        timers.schedule(this::renewal, ArbiterLease.RENEWAL.toNanos());
    }

    private void submit() {
        inFlight = true;
        due = false;
        final long submittedAt = nanoClock.getAsLong();
        Futures.addCallback(renew.apply(holder, wallClock.get()), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                confirmed(submittedAt);
            }

            @Override
            public void onFailure(final Throwable cause) {
                failed(cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private synchronized void confirmed(final long submittedAt) {
        inFlight = false;
        lease.confirmed(submittedAt);
        check();
        submitIfDue();
    }

    private synchronized void failed(final Throwable cause) {
        inFlight = false;
        LOG.debug("Arbiter lease renewal failed", cause);
        submitIfDue();
    }

    private void submitIfDue() {
        if (due && !closed) {
            submit();
        }
    }

    /** Notes the moments steering starts and stops, which the writers see at once anyway. */
    private synchronized void check() {
        final boolean now = steering();
        if (now != wasSteering) {
            wasSteering = now;
            if (now) {
                LOG.info("Arbiter lease held: this node writes to the switches");
                final var work = new ArrayList<>(onceSteering);
                onceSteering.clear();
                if (lapsed) {
                    work.add(resumed);
                }
                work.forEach(Runnable::run);
            } else if (!closed) {
                lapsed = true;
                // The instant writes stopped, on the wall clock: the lease's end, not this (later) check's.
                final long nowNanos = nanoClock.getAsLong();
                final long lastRenewal = lease.lastRenewal().orElse(nowNanos);
                final long sinceEnd = nowNanos - lastRenewal - ArbiterLease.LENGTH.toNanos();
                LOG.warn("Arbiter lease ran out at {}: no renewal committed for {} ms (cut off from the cluster's "
                    + "majority, or its datastore too slow); this node writes nothing to the switches until one "
                    + "commits", wallClock.get().minusNanos(Math.max(0, sinceEnd)),
                    Duration.ofNanos(nowNanos - lastRenewal).toMillis());
            }
        }
    }
}
