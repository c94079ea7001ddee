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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the arbiter off the node that hosts OpenDaylight's entity-ownership supervisor. The supervisor, a Pekko
 * singleton on the cluster's oldest member, is what hands the arbiter's role to another node when the arbiter's node
 * dies; on the same node, that death first costs the supervisor's own move (the node downed, then removed) and the
 * arbiter moves only after it. So a node that drives election while it is the oldest member, with another member up
 * and standing for the role, hands the role over: it leaves the candidates and joins them again a little later, once
 * the supervisor has given the role to another. It looks only once it has driven election for a {@link #SETTLE}, so
 * that a hand-over never follows a take-over at once (the new arbiter may be busy with a failover the take-over
 * held up), and hands over at most once a {@link #QUIET}, so that a role that comes back is not thrown back and
 * forth.
 */
final class ArbiterPlacement implements AutoCloseable {
    /** The Pekko cluster's members, as this node sees them. */
    @FunctionalInterface
    interface Membership {
        /** Whether this node is the oldest member that is up while another member is up and reachable. */
        boolean oldestOfSeveral();
    }

    /** The arbiter's candidates: how many nodes stand for the role, this one included. */
    @FunctionalInterface
    interface Candidates {
        ListenableFuture<Integer> count();
    }

    /** This node's candidacy for the arbiter's role. */
    interface Seat {
        void leave();

        void rejoin();
    }

    static final Duration SETTLE = Duration.ofSeconds(30);
    static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    /** Long enough for the supervisor, on this node, to see the candidacy go and give the role to another. */
    static final Duration REJOIN_AFTER = Duration.ofSeconds(3);
    static final Duration QUIET = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ArbiterPlacement.class);

    private final Membership membership;
    private final Candidates candidates;
    private final Seat seat;
    private final LongSupplier nanoClock;
    private final Scheduler timers;
    private Runnable stopTimers = () -> { };
    private final AtomicReference<@Nullable ScheduledFuture<?>> nextCheck = new AtomicReference<>();
    private long lastHandOver;
    private boolean handedOver;
    private boolean closed;

    ArbiterPlacement(final Membership membership, final Candidates candidates, final Seat seat,
            final LongSupplier nanoClock, final Scheduler timers) {
        this.membership = membership;
        this.candidates = candidates;
        this.seat = seat;
        this.nanoClock = nanoClock;
        this.timers = timers;
    }

    /** A placement on the real clock, checking on a thread of its own. */
    static ArbiterPlacement onItsOwnThread(final Membership membership, final Candidates candidates, final Seat seat) {
        final var thread = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("gwha-placement").setDaemon(true).build());
        final var placement = new ArbiterPlacement(membership, candidates, seat, System::nanoTime,
            (task, delayNanos) -> thread.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        placement.stopTimers = thread::shutdownNow;
        return placement;
    }

    /** This node drives election from now on: where it runs is checked until {@link #stopped()}. */
    synchronized void driving() {
        if (!closed && nextCheck.get() == null) {
            nextCheck.set(timers.schedule(this::check, SETTLE.toNanos()));
        }
    }

    /** This node no longer drives election. */
    synchronized void stopped() {
        final var pending = nextCheck.getAndSet(null);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private synchronized void check() {
        if (nextCheck.get() == null) {
            return;
        }
        nextCheck.set(timers.schedule(this::check, CHECK_EVERY.toNanos()));
        if (handedOver && nanoClock.getAsLong() - lastHandOver < QUIET.toNanos() || !membership.oldestOfSeveral()) {
            return;
        }
        Futures.addCallback(candidates.count(), new FutureCallback<>() {
            @Override
            public void onSuccess(final Integer count) {
                if (count > 1) {
                    handOver(count);
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("The arbiter's candidates could not be read", cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private void handOver(final int count) {
        synchronized (this) {
            // Stopped or closed while the candidates were read, or already handing over.
            if (nextCheck.get() == null || closed) {
                return;
            }
            stopped();
            handedOver = true;
            lastHandOver = nanoClock.getAsLong();
            timers.schedule(this::rejoin, REJOIN_AFTER.toNanos());
        }
        LOG.info("This node is the cluster's oldest member, which hosts the entity-ownership supervisor: it hands the "
            + "arbiter's role to one of the {} other candidates, so that its death does not hold up the new arbiter",
            count - 1);
        seat.leave();
    }

    private void rejoin() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        seat.rejoin();
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopped();
        stopTimers.run();
    }
}
