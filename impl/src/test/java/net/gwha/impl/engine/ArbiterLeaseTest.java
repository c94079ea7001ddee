/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ArbiterLeaseTest {
    private static final Instant WALL = Instant.parse("2026-12-02T12:00:00Z");
    private static final long LENGTH = ArbiterLease.LENGTH.toNanos();
    private static final long MS = 1_000_000;

    @Test
    void aRenewalLetsTheHolderSteerForTheLengthCountedFromItsSubmission() {
        final var lease = new ArbiterLease();
        assertEquals(Duration.ZERO, lease.previousHolder(Optional.empty(), WALL, 0));
        assertFalse(lease.held(0), "nothing confirmed yet");

        lease.confirmed(100 * MS);
        assertTrue(lease.held(150 * MS));
        assertTrue(lease.held(100 * MS + LENGTH - 1));
        assertFalse(lease.held(100 * MS + LENGTH), "cut off: no renewal committed since");

        // A renewal that commits late extends from when it was sent; an older one confirmed after it changes nothing.
        lease.confirmed(1900 * MS);
        lease.confirmed(1000 * MS);
        assertTrue(lease.held(1900 * MS + LENGTH - 1));
        assertFalse(lease.held(1900 * MS + LENGTH));
    }

    @Test
    void noRenewalCountsUntilThePreviousHoldersRecordIsRead() {
        final var lease = new ArbiterLease();
        lease.confirmed(0);
        assertFalse(lease.held(MS));
    }

    @Test
    void aNewHolderWaitsUntilThePreviousLeaseAndTheClockSkewHaveRunOut() {
        final var lease = new ArbiterLease();
        final var renewed = WALL.minusMillis(300);
        final var wait = lease.previousHolder(Optional.of(renewed), WALL, 0);
        assertEquals(ArbiterLease.LENGTH.plus(ArbiterLease.CLOCK_SKEW).minusMillis(300), wait);

        lease.confirmed(0);
        assertFalse(lease.held(wait.toNanos() - 1));
        lease.confirmed(wait.toNanos() - 10 * MS);
        assertTrue(lease.held(wait.toNanos()));
    }

    @Test
    void aLeaseLongRunOutCostsNoWait() {
        final var lease = new ArbiterLease();
        assertEquals(Duration.ZERO, lease.previousHolder(Optional.of(WALL.minusSeconds(4)), WALL, 0));
    }

    @Test
    void anUnreadableRecordCountsAsRenewedJustNow() {
        final var lease = new ArbiterLease();
        final var wait = lease.previousUnknown(0);
        assertEquals(ArbiterLease.LENGTH.plus(ArbiterLease.CLOCK_SKEW), wait);
        lease.confirmed(0);
        assertFalse(lease.held(wait.toNanos() - 1));
    }

    /**
     * Rule: the old and the new holder never steer at the same instant. The old holder renews until it is cut off,
     * some of its renewals commit and it hears of some of those; the new holder takes over at any time after the cut,
     * reads the newest committed renewal, stamped by the old holder's wall clock, which differs from its own by up to
     * the skew allowed; both then steer whenever their own leases say so.
     */
    @Property(tries = 500)
    void theOldHoldersLastSteeringInstantComesBeforeTheNewHoldersFirst(
            @ForAll @Size(min = 1, max = 12) final List<@IntRange(min = 0, max = 2) Integer> renewalFates,
            @ForAll @IntRange(min = 0, max = 6000) final int takeOverAfterCutMs,
            @ForAll @IntRange(min = -500, max = 500) final int clockOffsetMs) {
        final var old = new ArbiterLease();
        old.previousHolder(Optional.empty(), WALL, 0);
        final long renewal = ArbiterLease.RENEWAL.toNanos();
        long newestCommitted = -1;
        for (int index = 0; index < renewalFates.size(); index++) {
            // 0: lost with the cut; 1: committed, the old holder never heard; 2: committed and confirmed to it
            final int fate = renewalFates.get(index);
            final long submitted = index * renewal;
            if (fate > 0) {
                newestCommitted = submitted;
            }
            if (fate == 2) {
                old.confirmed(submitted);
            }
        }
        final long cut = renewalFates.size() * renewal;
        final long takeOver = cut + takeOverAfterCutMs * MS;

        // Both run on one true timeline; each wall clock is the true time plus its own offset.
        final var oldWall = WALL.plusMillis(clockOffsetMs);
        final var newHolder = new ArbiterLease();
        final Optional<Instant> record = newestCommitted < 0 ? Optional.empty()
            : Optional.of(oldWall.plusNanos(newestCommitted));
        final long wait = newHolder.previousHolder(record, WALL.plusNanos(takeOver), takeOver).toNanos();
        final long newStarts = takeOver + wait;
        newHolder.confirmed(newStarts);

        assertFalse(old.held(newStarts), "the old holder still steers when the new one starts");
        assertTrue(newHolder.held(newStarts), "the new holder steers once the wait is over");
        assertTrue(wait == 0 || !newHolder.held(newStarts - 1), "and not before");
    }
}
