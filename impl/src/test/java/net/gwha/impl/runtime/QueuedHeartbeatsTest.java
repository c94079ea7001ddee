/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.VirtualAddresses;
import net.gwha.impl.fixtures.FakeWallClock;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog on the engine's loop at 20 ms heartbeats, on a fake clock: the loop is held while heartbeats, stamped on
 * arrival, queue up behind it, and a cluster's timer falls due in between. The tick must judge only what was stamped
 * before it fell due: a healthy gateway whose next heartbeat waits behind the tick stays active, and a silent one is
 * still down as soon as the loop gets to it.
 *
 * <p>Three gateways on one switch at 20 ms, adaptive detector (phi 8, floor 30 ms), at steady phases in each 20 ms
 * cycle: gw1 at 12 ms, gw2 (the active one) at 0, gw3 at 3. With every gap exactly 20 ms a detector's threshold is
 * the interval plus z(phi 8) times its least deviation (2 ms): about 31.2 ms.
 */
class QueuedHeartbeatsTest {
    private static final long CYCLE = 20;
    /** The cycle whose heartbeats are the last the loop takes before it is held up. */
    private static final long LAST = 10 * CYCLE;

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final long base = nanos.get();
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters(),
        nanos::get, FakeWallClock.fromEpochFollowing(nanos::get), timers);
    private final CountDownLatch held = new CountDownLatch(1);

    @BeforeEach
    void steadyRhythm() throws Exception {
        runtime.configure(new Event.ConfigSet(new ClusterConfig("c1", 1, CYCLE, 3 * CYCLE,
            new DetectorConfig.Adaptive(8, 30), true, 0, 300, false,
            List.of(new GatewayConfig("gw1", 150, Ipv4.parse("192.0.2.1"), "openflow:1", true),
                new GatewayConfig("gw2", 200, Ipv4.parse("192.0.2.2"), "openflow:1", true),
                new GatewayConfig("gw3", 100, Ipv4.parse("192.0.2.3"), "openflow:1", true)),
            VirtualAddresses.ipv4(1, Ipv4.parse("192.0.2.100"))), base), List.of(), () -> { });
        for (long cycle = CYCLE; cycle <= LAST; cycle += CYCLE) {
            heartbeat("gw1", cycle - 8);
            heartbeat("gw2", cycle);
            heartbeat("gw3", cycle + 3);
            drain();
        }
        assertEquals(Optional.of("gw2"), view().activeGateway());
        // the loop is held up (a starved CPU, other work ahead) from 2 ms into the cycle after
        at(LAST + 2);
        runtime.admit(() -> {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // on time, both taken before any tick that falls due after them; gw3's, more than a tenth of the interval
        // after gw2's heartbeat was due, shows it missing
        heartbeat("gw1", LAST + 12);
        heartbeat("gw3", LAST + 23);
        // gw1's threshold after its heartbeat at LAST - 8, judged on what the loop took: a tick is handed over
        at(LAST + 24);
    }

    @AfterEach
    void stop() {
        held.countDown();
        runtime.close();
    }

    @Test
    void aHealthyGatewayWhoseHeartbeatWaitsBehindATickStaysActive() throws Exception {
        // gw2's heartbeat 5 ms late, well within its detector's 11 ms, behind the tick
        heartbeat("gw2", LAST + 25);
        // the loop gets to its backlog 16 ms later; judged then, gw2 would have been silent 40 ms, past its threshold
        at(LAST + 40);
        catchUp();

        assertEquals(Optional.of("gw2"), view().activeGateway());
        assertEquals(GatewayState.ACTIVE, state("gw2"));
        // the start-up election alone
        assertEquals(List.of("gw2"), runtime.history("c1").stream().map(FailoverRecord::to).toList());
    }

    @Test
    void aSilentGatewayIsDownAsSoonAsTheLoopGetsToItsSilence() throws Exception {
        // gw2 sends nothing more; the loop gets to its backlog at the same time
        at(LAST + 40);
        catchUp();

        assertEquals(Optional.of("gw1"), view().activeGateway());
        assertEquals(GatewayState.DOWN, state("gw2"));
        final var failover = runtime.history("c1").getLast();
        // silent from its threshold, 31.2 ms after its last heartbeat; decided once the loop took the backlog
        assertTrue(failover.causeTime().isAfter(wall(LAST + 31)) && failover.causeTime().isBefore(wall(LAST + 32)),
            failover::toString);
        assertEquals(wall(LAST + 40), failover.decisionTime());
    }

    private void heartbeat(final String gateway, final long millis) {
        at(millis);
        runtime.submit(new Event.HeartbeatReceived("c1", gateway, AddressFamily.IPV4, 100, 2, nanos.get()));
    }

    /** Moves the fake clock to {@code millis} after the start, and fires the timers due by then. */
    private void at(final long millis) {
        nanos.set(base + TimeUnit.MILLISECONDS.toNanos(millis));
        timers.runDue();
    }

    /** Lets the loop take its backlog, then the ticks it asked for, due meanwhile. */
    private void catchUp() throws InterruptedException {
        held.countDown();
        drain();
        timers.runDue();
        drain();
    }

    private void drain() throws InterruptedException {
        LoopDrain.drain(runtime);
    }

    private Instant wall(final long millis) {
        return runtime.wallTime(base + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private ClusterView view() {
        return runtime.view("c1").orElseThrow();
    }

    private GatewayState state(final String gateway) {
        return view().gateways().stream().filter(each -> each.name().equals(gateway)).findFirst().orElseThrow()
            .state();
    }
}
