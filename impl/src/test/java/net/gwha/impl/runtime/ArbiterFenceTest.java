/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.gwha.impl.engine.ArbiterLease;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.state.ArbiterRecord.Renewal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fence on a fake clock; each renewal's commit is a future the test completes, as the datastore would with a
 * majority, or leaves pending, as it does for a node cut off from it.
 */
class ArbiterFenceTest {
    private static final Instant WALL = Instant.parse("2026-12-02T12:00:00Z");

    private final FakeScheduler scheduler = new FakeScheduler();
    private final long start = scheduler.nanoTime();
    private final List<SettableFuture<Object>> renewals = new ArrayList<>();
    private final List<Instant> stamps = new ArrayList<>();
    private final ArbiterFence fence = new ArbiterFence("member-1", (holder, at) -> {
        final var commit = SettableFuture.create();
        renewals.add(commit);
        stamps.add(at);
        return commit;
    }, scheduler::nanoTime, () -> WALL.plusNanos(scheduler.nanoTime() - start),
        (task, delayNanos) -> scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS));

    @AfterEach
    void close() {
        fence.close();
    }

    @Test
    void steersOnceARenewalCommitsAndStopsWhenNoneHasForTheLeasesLength() {
        final var reconciled = new AtomicInteger();
        fence.whenSteering(reconciled::incrementAndGet);
        fence.start(Futures.immediateFuture(Optional.empty()));
        assertFalse(fence.steering(), "no renewal committed yet");

        commitAll();
        assertTrue(fence.steering());
        assertEquals(1, reconciled.get(), "what waited for steering ran");

        // Healthy: every renewal commits.
        for (int step = 0; step < 20; step++) {
            scheduler.advance(ArbiterLease.RENEWAL);
            commitAll();
        }
        assertTrue(fence.steering());

        // Cut off: nothing commits any more. Steering stops the lease's length after the last renewal committed
        // was sent, whatever the cluster's own failure detection makes of it.
        final var lastSent = scheduler.nanoTime();
        scheduler.advance(ArbiterLease.LENGTH.minusMillis(1));
        assertTrue(fence.steering());
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(ArbiterLease.LENGTH.toNanos(), scheduler.nanoTime() - lastSent);
        assertFalse(fence.steering());
        assertEquals(1, reconciled.get());
    }

    @Test
    void aNodeCutOffPilesUpNoRenewalsAndCatchesUpWhenOneCommitsAgain() {
        final var caughtUp = new AtomicInteger();
        fence.onResumed(caughtUp::incrementAndGet);
        fence.start(Futures.immediateFuture(Optional.empty()));
        commitAll();
        assertTrue(fence.steering());
        assertEquals(0, caughtUp.get(), "the first start is not a resumption");

        final int before = renewals.size();
        scheduler.advance(Duration.ofSeconds(10));
        assertFalse(fence.steering());
        assertEquals(1, renewals.size() - before, "one renewal in flight: a second would conflict with it");

        // The datastore gives up on the pending one; healed before the cluster removed the node, the next, sent at
        // once as renewals fell due meanwhile, commits.
        renewals.getLast().setException(new IllegalStateException("no shard leader"));
        assertEquals(before + 2, renewals.size());
        assertFalse(fence.steering());
        renewals.getLast().set(null);
        assertTrue(fence.steering(), "steers again; the renewal that committed was sent just now");
        assertEquals(1, caughtUp.get(), "what was not written meanwhile is written again");
    }

    @Test
    void aSlowCommitDefersTheNextRenewalUntilItEnds() {
        fence.start(Futures.immediateFuture(Optional.empty()));
        scheduler.advance(ArbiterLease.RENEWAL.multipliedBy(3));
        assertEquals(1, renewals.size(), "none sent beside the one in flight");
        scheduler.advance(Duration.ofMillis(10));
        renewals.getFirst().set(null);
        assertEquals(2, renewals.size(), "the renewal that fell due meanwhile goes when the slow one commits");
        assertEquals(WALL.plus(ArbiterLease.RENEWAL.multipliedBy(3)).plusMillis(10), stamps.getLast());
        renewals.getLast().set(null);
        scheduler.advance(ArbiterLease.RENEWAL.minusMillis(11));
        assertEquals(2, renewals.size(), "and the cadence goes on from the timer");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(3, renewals.size());
    }

    @Test
    void aNewHolderWaitsUntilThePreviousHoldersLeaseHasRunOut() {
        final var steered = new AtomicInteger();
        fence.whenSteering(steered::incrementAndGet);
        // The previous holder renewed 500 ms ago by its clock, which agrees with ours.
        fence.start(Futures.immediateFuture(Optional.of(new Renewal("member-2", WALL.minusMillis(500)))));
        final var wait = ArbiterLease.LENGTH.plus(ArbiterLease.CLOCK_SKEW).minusMillis(500);

        while (scheduler.nanoTime() - start < wait.toNanos()) {
            commitAll();
            assertFalse(fence.steering(), "steering " + (scheduler.nanoTime() - start) / 1_000_000 + " ms in");
            scheduler.advance(ArbiterLease.RENEWAL);
        }
        commitAll();
        assertTrue(fence.steering());
        assertEquals(1, steered.get());
        assertEquals(WALL.plus(wait), WALL.plusNanos(scheduler.nanoTime() - start));
    }

    @Test
    void withoutThePreviousRecordItWaitsAsIfTheHolderHadJustRenewed() {
        final ListenableFuture<Optional<Renewal>> neverRead = SettableFuture.create();
        fence.start(neverRead);
        scheduler.advance(ArbiterFence.READ_WAIT);
        commitAll();
        scheduler.advance(ArbiterLease.LENGTH.plus(ArbiterLease.CLOCK_SKEW).minusMillis(1));
        commitAll();
        assertFalse(fence.steering());
        scheduler.advance(Duration.ofMillis(1));
        commitAll();
        assertTrue(fence.steering());
    }

    @Test
    void closedItNeitherSteersNorRenews() {
        fence.start(Futures.immediateFuture(Optional.empty()));
        commitAll();
        assertTrue(fence.steering());
        fence.close();
        assertFalse(fence.steering());
        final int sent = renewals.size();
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(sent, renewals.size());
    }

    @Test
    void eachRenewalIsStampedWithTheWallClockOfItsSubmission() {
        fence.start(Futures.immediateFuture(Optional.empty()));
        commitAll();
        scheduler.advance(ArbiterLease.RENEWAL);
        assertEquals(List.of(WALL, WALL.plus(ArbiterLease.RENEWAL)), stamps);
    }

    /** Commits every renewal pending, and one that a commit sends at once. */
    private void commitAll() {
        for (int i = 0; i < renewals.size(); i++) {
            renewals.get(i).set(null);
        }
    }
}
