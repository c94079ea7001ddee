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

import java.util.List;
import java.util.Optional;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster's wake-up timer on a fake clock: steady heartbeats keep the timer that falls due first instead of
 * replacing it with each heartbeat, and a gateway that falls silent is still failed over when its dead interval runs
 * out, as are gateways that all fall silent together. Two gateways at 20 ms, fixed detector (dead interval 60 ms).
 */
class WakeupTimersTest {
    private static final long CYCLE = 20;
    private static final int CYCLES = 100;

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final long base = nanos.get();
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters(),
        nanos::get, FakeWallClock.fromEpochFollowing(nanos::get), timers);

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void steadyHeartbeatsKeepTheTimerAndASilentGatewayIsStillDownOnTime() throws Exception {
        configure();
        final long before = timers.timersScheduled();
        for (long cycle = 1; cycle <= CYCLES; cycle++) {
            heartbeat("gw1", cycle * CYCLE);
            heartbeat("gw2", cycle * CYCLE + 5);
        }
        assertEquals(Optional.of("gw1"), view().activeGateway());
        final long scheduled = timers.timersScheduled() - before;
        // about one each time a kept timer ran out early (then re-armed for the wake-up due), not one per heartbeat
        assertTrue(scheduled <= CYCLES, scheduled + " timers for " + 2 * CYCLES + " heartbeats");

        // gw1 falls silent after its last heartbeat; gw2 goes on
        final long last = CYCLES * CYCLE;
        for (long cycle = CYCLES + 1; cycle <= CYCLES + 5; cycle++) {
            heartbeat("gw2", cycle * CYCLE + 5);
        }
        at(last + 3 * CYCLE + 10);
        drain();
        assertEquals(GatewayState.DOWN, state("gw1"));
        assertEquals(Optional.of("gw2"), view().activeGateway());
        final var failover = runtime.history("c1").getLast();
        assertEquals(runtime.wallTime(base + TimeUnit.MILLISECONDS.toNanos(last + 3 * CYCLE)), failover.causeTime(),
            failover::toString);
    }

    @Test
    void gatewaysThatAllFallSilentAtOnceAreDownOnTime() throws Exception {
        configure();
        for (long cycle = 1; cycle <= CYCLES; cycle++) {
            heartbeat("gw1", cycle * CYCLE);
            heartbeat("gw2", cycle * CYCLE + 5);
        }

        // nobody heard after the last cycle: no heartbeat re-arms a timer that a kept one's early tick used up
        final long last = CYCLES * CYCLE + 5;
        for (long millis = last + CYCLE; millis <= last + 6 * CYCLE; millis += CYCLE) {
            at(millis);
        }
        assertEquals(List.of(GatewayState.DOWN, GatewayState.DOWN), List.of(state("gw1"), state("gw2")));
    }

    @Test
    void theOnlyGatewayHeardFallingSilentIsDownOnTime() throws Exception {
        configure();
        for (long cycle = 1; cycle <= CYCLES; cycle++) {
            heartbeat("gw1", cycle * CYCLE);
        }

        // each heartbeat moved the wake-up a cycle later, past the timer kept; nobody is heard after the last one
        final long last = CYCLES * CYCLE;
        for (long millis = last + CYCLE; millis <= last + 6 * CYCLE; millis += CYCLE) {
            at(millis);
        }
        assertEquals(GatewayState.DOWN, state("gw1"));
    }

    private void configure() {
        runtime.configure(new Event.ConfigSet(new ClusterConfig("c1", 1, CYCLE, 3 * CYCLE, new DetectorConfig.Fixed(),
            true, 0, 0, false, List.of(new GatewayConfig("gw1", 200, Ipv4.parse("192.0.2.1"), "openflow:1", true),
                new GatewayConfig("gw2", 100, Ipv4.parse("192.0.2.2"), "openflow:1", true)),
            VirtualAddresses.ipv4(1, Ipv4.parse("192.0.2.100"))), base), List.of(), () -> { });
    }

    private void heartbeat(final String gateway, final long millis) throws InterruptedException {
        at(millis);
        runtime.submit(new Event.HeartbeatReceived("c1", gateway, AddressFamily.IPV4, 100, 1, nanos.get()));
        drain();
    }

    /** Moves the fake clock to {@code millis} after the start, and fires the timers due by then. */
    private void at(final long millis) throws InterruptedException {
        nanos.set(base + TimeUnit.MILLISECONDS.toNanos(millis));
        drain();
        timers.runDue();
        drain();
    }

    private void drain() throws InterruptedException {
        LoopDrain.drain(runtime);
    }

    private ClusterView view() {
        return runtime.view("c1").orElseThrow();
    }

    private GatewayState state(final String gateway) {
        return view().gateways().stream().filter(each -> each.name().equals(gateway)).findFirst().orElseThrow()
            .state();
    }
}
