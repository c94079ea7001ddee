/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits for a runtime's loop in tests on a fake clock. */
final class LoopDrain {
    private LoopDrain() {
        // static helpers only
    }

    /** Waits until the loop has done everything queued before, and what that queued in turn. */
    static void drain(final HaRuntime runtime) throws InterruptedException {
        final var done = new CountDownLatch(1);
        runtime.afterPending(() -> runtime.afterPending(done::countDown));
        assertTrue(done.await(10, TimeUnit.SECONDS), "the runtime's loop did not drain within 10 s");
    }
}
