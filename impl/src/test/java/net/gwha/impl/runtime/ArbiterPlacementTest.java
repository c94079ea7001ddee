/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The arbiter leaves the node that hosts the entity-ownership supervisor when another node stands for the role, not
 * right after it took the role over and at most once a quiet period, and stands again a little later; otherwise it
 * stays where it is.
 */
class ArbiterPlacementTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final List<String> seat = new ArrayList<>();
    private boolean oldestOfSeveral = true;
    private int candidates = 3;
    private final ArbiterPlacement placement = new ArbiterPlacement(() -> oldestOfSeveral,
        () -> Futures.immediateFuture(candidates), recordingSeat(), nanos::get, timers);

    /** Records in {@code seat} what the placement does with this node's candidacy. */
    private ArbiterPlacement.Seat recordingSeat() {
        return new ArbiterPlacement.Seat() {
            @Override
            public void leave() {
                seat.add("leave");
            }

            @Override
            public void rejoin() {
                seat.add("rejoin");
            }
        };
    }

    private void pass(final Duration time) {
        final long end = nanos.get() + time.toNanos();
        while (nanos.get() < end) {
            nanos.addAndGet(Math.min(Duration.ofMillis(100).toNanos(), end - nanos.get()));
            timers.runDue();
        }
    }

    @Test
    void theOldestMemberHandsTheRoleOverOnceSettledAndStandsAgainLater() {
        placement.driving();
        pass(ArbiterPlacement.SETTLE.minusMillis(100));
        assertEquals(List.of(), seat);

        pass(Duration.ofMillis(100));
        assertEquals(List.of("leave"), seat);

        pass(ArbiterPlacement.REJOIN_AFTER);
        assertEquals(List.of("leave", "rejoin"), seat);
    }

    @Test
    void aYoungerMemberKeepsTheRole() {
        oldestOfSeveral = false;
        placement.driving();
        pass(Duration.ofMinutes(5));
        assertEquals(List.of(), seat);
    }

    @Test
    void theOldestKeepsTheRoleWhileNoOtherNodeStandsForIt() {
        candidates = 1;
        placement.driving();
        pass(Duration.ofMinutes(1));
        assertEquals(List.of(), seat);

        candidates = 2;
        pass(ArbiterPlacement.CHECK_EVERY);
        assertEquals(List.of("leave"), seat);
    }

    @Test
    void aRoleThatComesBackStaysForTheQuietPeriod() {
        placement.driving();
        pass(ArbiterPlacement.SETTLE.plus(ArbiterPlacement.REJOIN_AFTER));
        placement.stopped();
        // The supervisor gave the role back at once.
        placement.driving();
        pass(ArbiterPlacement.QUIET.minus(ArbiterPlacement.REJOIN_AFTER).minusMillis(100));
        assertEquals(List.of("leave", "rejoin"), seat);

        // At the first check after the quiet period.
        pass(ArbiterPlacement.CHECK_EVERY.multipliedBy(2));
        assertEquals(List.of("leave", "rejoin", "leave"), seat);
    }

    @Test
    void aNodeThatStoppedDrivingWhileTheCandidatesWereReadStays() {
        final var answer = SettableFuture.<Integer>create();
        final var slow = new ArbiterPlacement(() -> true, () -> answer, recordingSeat(), nanos::get, timers);
        slow.driving();
        pass(ArbiterPlacement.SETTLE);
        slow.stopped();
        answer.set(3);
        pass(Duration.ofMinutes(1));
        assertEquals(List.of(), seat);
    }

    @Test
    void aClosedNodeDoesNotStandAgain() {
        placement.driving();
        pass(ArbiterPlacement.SETTLE);
        placement.close();
        pass(ArbiterPlacement.REJOIN_AFTER.multipliedBy(2));
        assertEquals(List.of("leave"), seat);
    }
}
