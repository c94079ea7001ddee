/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** Packet-in work handed to the engine's loop, as much as may wait there and no more; thread-safe. */
final class PacketInAdmission {
    private final Executor loop;
    private final int max;
    private final AtomicInteger waiting = new AtomicInteger();

    PacketInAdmission(final Executor loop, final int max) {
        this.loop = loop;
        this.max = max;
    }

    /**
     * Runs the work on the loop unless as much as allowed is waiting already; never blocks.
     *
     * @return false when refused
     */
    boolean admit(final Runnable work) {
        if (waiting.incrementAndGet() > max) {
            waiting.decrementAndGet();
            return false;
        }
        loop.execute(() -> {
            waiting.decrementAndGet();
            work.run();
        });
        return true;
    }
}
