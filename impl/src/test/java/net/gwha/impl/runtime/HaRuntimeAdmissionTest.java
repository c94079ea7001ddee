/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop admits a bounded backlog of packet-ins and refuses the rest at once, without waiting. */
class HaRuntimeAdmissionTest {
    // A bound on waiting for the loop to drain, never reached when it works.
    private static final long BOUND_SECONDS = 30;

    // a clock that stands still: no timer ever fires, no pause is detected
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters(),
        () -> 0, () -> 0, new FakeScheduler(() -> 0));

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aFullQueueRefusesPacketInsUntilTheLoopCatchesUp() throws InterruptedException {
        final var started = new CountDownLatch(1);
        final var release = new CountDownLatch(1);
        assertTrue(runtime.admit(() -> {
            started.countDown();
            awaitQuietly(release);
        }));
        // The loop is busy with it: whatever comes now waits.
        assertTrue(started.await(BOUND_SECONDS, TimeUnit.SECONDS));
        for (int i = 0; i < HaRuntime.MAX_QUEUED_PACKET_INS; i++) {
            assertTrue(runtime.offer(new Event.HeartbeatReceived("none", "gw1", AddressFamily.IPV4, 100, 100, i)),
                "offer " + i);
        }

        assertFalse(runtime.offer(new Event.HeartbeatReceived("none", "gw1", AddressFamily.IPV4, 100, 100, 0)));
        assertFalse(runtime.admit(() -> { }));

        release.countDown();
        final var drained = new CountDownLatch(1);
        // As the backlog is worked off there is room again; this one is queued behind what is left.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        boolean admitted = false;
        while (!admitted && System.nanoTime() < deadline) {
            admitted = runtime.admit(drained::countDown);
        }
        assertTrue(admitted);
        assertTrue(drained.await(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
