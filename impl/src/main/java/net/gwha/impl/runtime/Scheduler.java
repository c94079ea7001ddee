/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.concurrent.ScheduledFuture;

/**
 * Fires the runtime's timers (cluster wake-ups, the quiet state flush). In production the engine loop's own
 * executor on the real clock; in tests a fake clock's, which runs what is due when the test moves time. The runtime's
 * tasks only hand work to its loop, so they may run on any thread.
 */
@FunctionalInterface
interface Scheduler {
    /**
     * Runs {@code task} once, {@code delayNanos} from now on the runtime's clock.
     *
     * @return cancels it; its delay is the time left
     */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos);
}
