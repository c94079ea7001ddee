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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.VirtualAddresses;
import net.gwha.impl.fixtures.FakeWallClock;
import net.gwha.impl.state.ClusterView.GatewayView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's view of a cluster whose gateways are only heard, on a fake clock: last-heard lags the heartbeats by
 * at most {@link ClusterViews#HEARD_NANOS}, the counters not at all, and anything else a heartbeat changes is shown at
 * once. Two gateways at 100 ms, fixed detector.
 */
class ViewLagTest {
    private static final long CYCLE = 100;
    private static final long LAG_MILLIS = TimeUnit.NANOSECONDS.toMillis(ClusterViews.HEARD_NANOS);

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final long base = nanos.get();
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters(),
        nanos::get, FakeWallClock.fromEpochFollowing(nanos::get), timers);

    @BeforeEach
    void firstHeard() throws InterruptedException {
        runtime.configure(new Event.ConfigSet(new ClusterConfig("c1", 1, CYCLE, 3 * CYCLE, new DetectorConfig.Fixed(),
            true, 0, 0, false, List.of(new GatewayConfig("gw1", 200, Ipv4.parse("192.0.2.1"), "openflow:1", true),
                new GatewayConfig("gw2", 100, Ipv4.parse("192.0.2.2"), "openflow:1", true)),
            VirtualAddresses.ipv4(1, Ipv4.parse("192.0.2.100"))), base), List.of(), () -> { });
        heartbeat("gw1", 10, 200);
        heartbeat("gw2", 10, 100);
        // heard for the first time: shown at once
        assertEquals(Optional.of(wall(10)), gateway("gw1").lastHeard());
        assertEquals(Optional.of("gw1"), runtime.view("c1").orElseThrow().activeGateway());
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void lastHeardLagsAtMostItsBoundAndTheCountersNotAtAll() throws InterruptedException {
        long longest = 0;
        long heartbeats = 1;
        for (long millis = 10 + CYCLE; millis <= 3000; millis += CYCLE) {
            heartbeat("gw1", millis, 200);
            heartbeat("gw2", millis, 100);
            heartbeats++;
            final var gw1 = gateway("gw1");
            final long lag = Duration.between(gw1.lastHeard().orElseThrow(), wall(millis)).toMillis();
            assertTrue(lag <= LAG_MILLIS, "last heard " + lag + " ms before the heartbeat at " + millis + " ms");
            longest = Math.max(longest, lag);
            assertEquals(heartbeats, gw1.heartbeatsAccepted());
        }
        // not published with every heartbeat
        assertTrue(longest >= LAG_MILLIS - CYCLE, "last heard lagged at most " + longest + " ms");
    }

    @Test
    void aNewAdvertisedPriorityIsShownWithTheHeartbeatThatBroughtIt() throws InterruptedException {
        heartbeat("gw1", 10 + CYCLE, 200);
        assertEquals(Optional.of(wall(10)), gateway("gw1").lastHeard());

        heartbeat("gw1", 10 + 2 * CYCLE, 190);
        final var gw1 = gateway("gw1");
        assertEquals(OptionalInt.of(190), gw1.advertisedPriority());
        assertEquals(Optional.of(wall(10 + 2 * CYCLE)), gw1.lastHeard());
    }

    private void heartbeat(final String gateway, final long millis, final int priority) throws InterruptedException {
        nanos.set(base + TimeUnit.MILLISECONDS.toNanos(millis));
        timers.runDue();
        runtime.submit(new Event.HeartbeatReceived("c1", gateway, AddressFamily.IPV4, priority, 10, nanos.get()));
        LoopDrain.drain(runtime);
    }

    private Instant wall(final long millis) {
        return runtime.wallTime(base + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private GatewayView gateway(final String name) {
        return runtime.view("c1").orElseThrow().gateways().stream().filter(each -> each.name().equals(name))
            .findFirst().orElseThrow();
    }
}
