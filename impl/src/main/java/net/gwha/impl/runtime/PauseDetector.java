/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.concurrent.TimeUnit;

/**
 * Tells when the engine's loop was held up (a full GC, a starved CPU): the loop beats every pulse, and a beat later
 * than the tolerance ends a pause as long as its lateness. Loop-confined.
 */
final class PauseDetector {
    static final long PULSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long PAUSE_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private long pulseDue;

    PauseDetector(final long now) {
        pulseDue = now + PULSE_NANOS;
    }

    /** A beat at {@code now}: the pause that ended then, or 0; the next beat is due a pulse later. */
    long beat(final long now) {
        final long paused = pauseBefore(pulseDue, now);
        pulseDue = now + PULSE_NANOS;
        return paused;
    }

    /** The pause that ended at {@code now} if the pulse due at {@code pulseDue} is this late, else 0. */
    static long pauseBefore(final long pulseDue, final long now) {
        final long late = now - pulseDue;
        return late > PAUSE_TOLERANCE_NANOS ? late : 0;
    }
}
