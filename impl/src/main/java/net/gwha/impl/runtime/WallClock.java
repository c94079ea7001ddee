/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The wall-clock time of the monotonic clock's instants, for the state (last heard, failover times). One origin taken
 * at start would drift from the system clock (10.7 to 11.7 ms behind it after some hours in one trace, NTP slewing
 * it) and miss its steps (NTP stepping it, a virtual machine resumed), so the state's times would disagree with the
 * system's logs. The origin is checked against the system clock at most once a second and taken afresh when the two
 * differ by more than {@link #TOLERANCE_MILLIS}; not at every check, since the system clock's whole milliseconds would
 * jitter the times by as much. Thread-safe.
 */
final class WallClock {
    static final long TOLERANCE_MILLIS = 2;
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private record Origin(long wallMillis, long nanos) {
    }

    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMillis;
    private Origin origin;
    private long checkedAt;

    WallClock(final LongSupplier nanoClock, final LongSupplier wallClockMillis) {
        this.nanoClock = nanoClock;
        this.wallClockMillis = wallClockMillis;
        origin = new Origin(wallClockMillis.getAsLong(), nanoClock.getAsLong());
        checkedAt = origin.nanos();
    }

    /** The wall-clock time of a monotonic instant. */
    Instant at(final long nanos) {
        final var current = current();
        return Instant.ofEpochMilli(current.wallMillis()).plusNanos(nanos - current.nanos());
    }

    /** The monotonic instant of a wall-clock time. */
    long nanos(final Instant wall) {
        final var current = current();
        return current.nanos() + Duration.between(Instant.ofEpochMilli(current.wallMillis()), wall).toNanos();
    }

    private synchronized Origin current() {
        final long now = nanoClock.getAsLong();
        if (now - checkedAt < CHECK_EVERY.toNanos()) {
            return origin;
        }
        checkedAt = now;
        final long wall = wallClockMillis.getAsLong();
        final long predicted = origin.wallMillis() + TimeUnit.NANOSECONDS.toMillis(now - origin.nanos());
        if (Math.abs(wall - predicted) > TOLERANCE_MILLIS) {
            origin = new Origin(wall, now);
        }
        return origin;
    }
}
