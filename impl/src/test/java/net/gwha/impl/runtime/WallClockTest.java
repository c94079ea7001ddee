/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The state's wall-clock times against a system clock that drifts and steps, on fake clocks. */
class WallClockTest {
    private static final long START_MILLIS = Instant.parse("2026-12-04T12:00:00Z").toEpochMilli();

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(500));
    private final long base = nanos.get();
    private final AtomicLong wallMillis = new AtomicLong(START_MILLIS);
    private final WallClock clock = new WallClock(nanos::get, wallMillis::get);

    @Test
    void atStartTheOriginIsTheSystemClock() {
        assertEquals(Instant.ofEpochMilli(START_MILLIS), clock.at(base));
    }

    @Test
    void followsAStepOfTheSystemClockWithinASecond() {
        advance(5000, 0);
        wallMillis.addAndGet(60_000);
        advance(999, 0);
        assertEquals(Instant.ofEpochMilli(START_MILLIS + 5_999), clock.at(nanos.get()), "not checked again yet");
        advance(1, 0);
        final long heard = nanos.get();
        assertEquals(Instant.ofEpochMilli(START_MILLIS + 66_000), clock.at(heard));
        assertEquals(heard, clock.nanos(Instant.ofEpochMilli(START_MILLIS + 66_000)));
    }

    @Test
    void keepsItsOriginThroughTheSystemClocksMillisecondsAndSmallDrift() {
        // 0.4 ms into a millisecond; the system clock, read in whole ones, runs 2 ms behind after a while
        nanos.addAndGet(400_000);
        final long heard = nanos.get();
        advance(10_000, -2);
        assertEquals(Instant.ofEpochMilli(START_MILLIS).plusNanos(400_000), clock.at(heard), "sub-millisecond kept");
    }

    @Test
    void correctsADriftOnceItExceedsTheTolerance() {
        advance(10_000, -3);
        assertEquals(Instant.ofEpochMilli(START_MILLIS + 10_000 - 3), clock.at(nanos.get()));
        assertEquals(Instant.ofEpochMilli(START_MILLIS + 9_997).minusMillis(1_000), clock.at(nanos.get()
            - TimeUnit.SECONDS.toNanos(1)), "earlier instants as the system clock now tells them");
    }

    /** Moves both clocks on by {@code millis}, the wall clock then by {@code drift} more, and reads the clock. */
    private void advance(final long millis, final long drift) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        wallMillis.addAndGet(millis + drift);
        clock.at(nanos.get());
    }
}
