/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Timers on a test's clock: nothing fires until the test moves the clock and calls {@link #runDue()}, which runs
 * what is due, in due order, on the test's thread. The runtime's timer tasks only hand work to its loop.
 */
final class FakeScheduler implements Scheduler {
    private final LongSupplier clock;
    private final PriorityQueue<Timer> pending = new PriorityQueue<>();
    private long scheduled;

    FakeScheduler(final LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(final Runnable task, final long delayNanos) {
        final var timer = new Timer(task, clock.getAsLong() + delayNanos, scheduled++);
        pending.add(timer);
        return timer;
    }

    /** How many timers were scheduled so far. */
    synchronized long timersScheduled() {
        return scheduled;
    }

    /** Runs every timer due at the clock's time, those due first first; a task may schedule others. */
    void runDue() {
        while (true) {
            final Timer next;
            synchronized (this) {
                next = pending.peek();
                if (next == null || next.due > clock.getAsLong()) {
                    return;
                }
                pending.remove();
            }
            next.run();
        }
    }

    /** A task due at an instant; ties in scheduling order. */
    private final class Timer extends FutureTask<Void> implements ScheduledFuture<Void> {
        private final long due;
        private final long order;

        Timer(final Runnable task, final long due, final long order) {
            super(task, null);
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(final TimeUnit unit) {
            return unit.convert(due - clock.getAsLong(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(final Delayed other) {
            final var timer = (Timer) other;
            return due != timer.due ? Long.compare(due, timer.due) : Long.compare(order, timer.order);
        }
    }
}
