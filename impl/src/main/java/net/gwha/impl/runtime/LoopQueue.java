/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine loop's work, in the order it came from every thread, taken in batches: the loop's executor holds one
 * task that takes up to {@link #BATCH} of it, not one task per heartbeat. A scheduled executor keeps its tasks in a
 * heap: at ten thousand heartbeats waiting, putting each in and taking it out cost the loop a fifth of its time. The
 * executor's timers (wake-ups, the pause detector's pulse) run between batches, so a timer's work joins this queue
 * at most one batch after it fell due, behind the heartbeats offered before then. Thread-safe.
 */
final class LoopQueue implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(LoopQueue.class);
    /** Work taken in one turn of the executor: a millisecond or so of heartbeats, for which a timer may wait. */
    static final int BATCH = 128;

    private final ExecutorService loop;
    private final Queue<Runnable> work = new ConcurrentLinkedQueue<>();
    // work added and not yet run; the one that finds none waiting hands the executor a drain
    private final AtomicInteger pending = new AtomicInteger();

    LoopQueue(final ExecutorService loop) {
        this.loop = loop;
    }

    /**
     * Runs the work on the loop after all work handed over before it; never blocks.
     *
     * @throws RejectedExecutionException once the loop is shut down
     */
    @Override
    public void execute(final Runnable task) {
        if (loop.isShutdown()) {
            throw new RejectedExecutionException("the engine's loop is shut down");
        }
        work.add(task);
        if (pending.getAndIncrement() == 0) {
            loop.execute(this::drain);
        }
    }

    // One failing piece of work must not stop the rest, as the executor did not.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void drain() {
        boolean more = true;
        try {
            for (int taken = 0; more && taken < BATCH; taken++) {
                // counted only once added: there is work whenever some is pending
                final Runnable task = work.remove();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Work on the engine's loop failed", e);
                } finally {
                    more = pending.decrementAndGet() > 0;
                }
            }
        } finally {
            if (more) {
                loop.execute(this::drain);
            }
        }
    }
}
