/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that plans and writes flows. Everything of the steering side's state lives on it, so none of it
 * needs a lock, and no work runs on openflowplugin's or the datastore's threads: their callbacks only enqueue.
 * Once closed it runs nothing more, and what is handed to it is dropped (or, for a future, failed).
 */
public final class SteeringLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SteeringLoop.class);

    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    // Whether the current thread runs one of the loop's tasks now.
    private final ThreadLocal<Boolean> running = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean closed;

    /** A loop on its own thread, shut down by {@link #close()}. */
    public SteeringLoop() {
        this(ownExecutor(), true);
    }

    /**
     * A loop on an executor someone else owns: one that runs a task at a time (a test's scheduler on a fake clock).
     *
     * @param executor runs the tasks one after the other
     */
    public SteeringLoop(final ScheduledExecutorService executor) {
        this(executor, false);
    }

    private SteeringLoop(final ScheduledExecutorService executor, final boolean ownsExecutor) {
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    private static ScheduledExecutorService ownExecutor() {
        final var executor = new ScheduledThreadPoolExecutor(1, new ThreadFactoryBuilder()
            .setNameFormat("gwha-steering").setDaemon(true).build());
        // Closed: the timers (retries, audits) are dropped; what is queued runs out as no-ops (see guarded).
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Whether the caller runs on the loop now. */
    boolean inLoop() {
        return running.get();
    }

    /** Whether the loop was closed: nothing more may reach a switch. */
    boolean closed() {
        return closed;
    }

    /** Runs a task on the loop: at once when already there, else after what is queued. Never throws. */
    void run(final Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Queues a task. Never throws: a closed loop drops it. */
    void execute(final Runnable task) {
        try {
            executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Steering stopped: a task is dropped", e);
        }
    }

    /**
     * Runs a task that produces a future on the loop: at once when already there, else after what is queued.
     *
     * @return the task's future; failed when the loop is closed
     */
    <T> ListenableFuture<T> call(final Supplier<ListenableFuture<T>> task) {
        if (inLoop()) {
            return closed ? stopped() : task.get();
        }
        try {
            return Futures.submitAsync(task::get, executor());
        } catch (RejectedExecutionException e) {
            return stopped();
        }
    }

    /** Runs a task on the loop after a delay, unless the loop is closed by then. */
    void schedule(final Runnable task, final Duration delay) {
        try {
            executor.schedule(() -> guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Steering stopped: a timer is dropped", e);
        }
    }

    /**
     * The loop as an executor for future callbacks: it rejects tasks once closed, so that a future waiting for one
     * fails instead of never completing.
     */
    Executor executor() {
        return task -> {
            if (closed) {
                throw new RejectedExecutionException("steering stopped");
            }
            executor.execute(() -> guarded(task));
        };
    }

    static <T> ListenableFuture<T> stopped() {
        return Futures.immediateFailedFuture(new IllegalStateException("steering stopped"));
    }

    // A failing task must not stop the loop nor the tasks after it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void guarded(final Runnable task) {
        if (closed) {
            // A future's own task (a submitted call, a callback's transformation) ends it, so nobody waits forever.
            if (task instanceof Future<?> future) {
                future.cancel(false);
            }
            return;
        }
        running.set(Boolean.TRUE);
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Steering task failed", e);
        } finally {
            running.set(Boolean.FALSE);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ownsExecutor) {
            executor.shutdown();
        }
    }
}
