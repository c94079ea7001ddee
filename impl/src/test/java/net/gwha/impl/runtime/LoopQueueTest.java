/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's work runs in the order it came, in batches between which the executor's timers run. */
class LoopQueueTest {
    // A bound on waiting for the loop, never reached when it works.
    private static final long BOUND_SECONDS = 10;

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final LoopQueue queue = new LoopQueue(loop);
    // appended to on the loop only, read once it drained
    private final List<String> ran = new ArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    @Test
    void workRunsInOrderAndATimerDueMeanwhileWaitsAtMostOneBatch() throws InterruptedException {
        final var held = new CountDownLatch(1);
        final var holding = new CountDownLatch(1);
        queue.execute(() -> {
            holding.countDown();
            await(held);
        });
        assertTrue(holding.await(BOUND_SECONDS, TimeUnit.SECONDS));
        // three batches' worth wait behind the work that holds the loop; a timer falls due meanwhile
        final int count = 3 * LoopQueue.BATCH;
        for (int i = 0; i < count; i++) {
            final String name = Integer.toString(i);
            queue.execute(() -> ran.add(name));
        }
        loop.schedule(() -> ran.add("timer"), 0, TimeUnit.NANOSECONDS);
        held.countDown();
        drain();

        final var expected = new ArrayList<>(IntStream.range(0, count).mapToObj(Integer::toString).toList());
        // the first batch, the holding work among it, then the timer before the rest
        expected.add(LoopQueue.BATCH - 1, "timer");
        assertEquals(expected, ran);
    }

    @Test
    void failingWorkStopsNothingAfterIt() throws InterruptedException {
        queue.execute(() -> {
            throw new IllegalStateException("fails on purpose");
        });
        queue.execute(() -> ran.add("after"));
        drain();
        assertEquals(List.of("after"), ran);
    }

    @Test
    void workHandedOverOnceTheLoopIsShutDownIsRefused() {
        loop.shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> queue.execute(() -> ran.add("late")));
    }

    private void drain() throws InterruptedException {
        final var done = new CountDownLatch(1);
        queue.execute(done::countDown);
        assertTrue(done.await(BOUND_SECONDS, TimeUnit.SECONDS), "the loop did not drain");
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
