/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PauseDetectorTest {
    private static long millis(final long value) {
        return TimeUnit.MILLISECONDS.toNanos(value);
    }

    @Test
    void aPulseWithinTheToleranceIsNoPause() {
        assertEquals(0, PauseDetector.pauseBefore(millis(1000), millis(1000)));
        assertEquals(0, PauseDetector.pauseBefore(millis(1000), millis(1025)));
        // an event before the pulse is due
        assertEquals(0, PauseDetector.pauseBefore(millis(1000), millis(995)));
    }

    @Test
    void aLatePulseIsAPauseOfItsLateness() {
        assertEquals(millis(26), PauseDetector.pauseBefore(millis(1000), millis(1026)));
        assertEquals(millis(700), PauseDetector.pauseBefore(millis(1000), millis(1700)));
    }
}
