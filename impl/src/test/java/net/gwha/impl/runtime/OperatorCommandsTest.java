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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
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
import net.gwha.impl.ops.OperationRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command follows the configuration its caller read: it waits, event-driven and a few seconds at most, for the
 * engine to take that configuration in, rather than be refused or judged on the one before. On a fake clock.
 */
class OperatorCommandsTest {
    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters(),
        nanos::get, FakeWallClock.fromEpochFollowing(nanos::get), timers);

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** Cluster c1: gw1 (priority 200) and gw2 (100) on openflow:1, gw2 in service or not. */
    private static ClusterConfig config(final boolean gw2InService) {
        return new ClusterConfig("c1", 1, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000, false,
            List.of(new GatewayConfig("gw1", 200, Ipv4.parse("192.0.2.1"), "openflow:1", true),
                new GatewayConfig("gw2", 100, Ipv4.parse("192.0.2.2"), "openflow:1", gw2InService)),
            VirtualAddresses.ipv4(1, Ipv4.parse("192.0.2.100")));
    }

    /** What the configuration listener does once the datastore notified it. */
    private void handOver(final ClusterConfig config) {
        runtime.configure(new Event.ConfigSet(config, nanos.get()), List.of("192.0.2.254"), () -> { });
    }

    private ListenableFuture<Optional<String>> switchOver(final String gateway, final ClusterConfig read) {
        return runtime.command("c1", gateway, Optional.of(read),
            () -> new Event.SwitchOver("c1", gateway, nanos.get()));
    }

    private void advance(final Duration duration) {
        nanos.addAndGet(duration.toNanos());
        timers.runDue();
    }

    /** Waits until the loop has done everything queued before, and what that queued in turn. */
    private void drain() throws InterruptedException {
        LoopDrain.drain(runtime);
    }

    private static String refusal(final ListenableFuture<?> command) {
        final var failure = assertThrows(ExecutionException.class, () -> command.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(OperationRefusedException.class, failure.getCause()).getMessage();
    }

    @Test
    void aCommandForAClusterNotYetHandedOverWaitsForIt() throws Exception {
        final var maintenance = runtime.command("c1", "gw2", Optional.of(config(true)),
            () -> new Event.Maintenance("c1", "gw2", true, nanos.get()));
        drain();
        assertFalse(maintenance.isDone());

        handOver(config(true));

        assertEquals(Optional.empty(), maintenance.get(10, TimeUnit.SECONDS));
        drain();
        assertEquals(GatewayState.MAINTENANCE, runtime.view("c1").orElseThrow().gateways().get(1).state());
    }

    @Test
    void aSwitchOverRightAfterAnEditIsJudgedOnTheEdit() throws Exception {
        handOver(config(false));
        runtime.submit(new Event.HeartbeatReceived("c1", "gw1", AddressFamily.IPV4, 200, 100, nanos.get()));
        runtime.submit(new Event.HeartbeatReceived("c1", "gw2", AddressFamily.IPV4, 100, 100, nanos.get()));
        drain();

        // gw2 back in service in the datastore; the listener has not handed the edit over yet
        final var switched = switchOver("gw2", config(true));
        drain();
        assertFalse(switched.isDone(), "judged on the configuration before, it would be refused: in maintenance");
        handOver(config(true));

        assertEquals(Optional.of("gw1"), switched.get(10, TimeUnit.SECONDS));
        drain();
        assertEquals(Optional.of("gw2"), runtime.view("c1").orElseThrow().activeGateway());
    }

    @Test
    void aConfigurationNeverHandedOverIsRefusedByNameAfterFiveSeconds() throws Exception {
        final var switched = switchOver("gw1", config(true));
        drain();
        advance(Duration.ofMillis(4999));
        drain();
        assertFalse(switched.isDone());

        advance(Duration.ofMillis(1));

        assertEquals("cluster 'c1' is configured, but the controller has not taken it in within 5 s",
            refusal(switched));
    }

    @Test
    void aGatewayNeverHandedOverIsRefusedByNameAfterFiveSeconds() throws Exception {
        final var withoutGw2 = new ClusterConfig("c1", 1, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000, false,
            List.of(config(true).gateways().getFirst()), config(true).virtualAddresses());
        handOver(withoutGw2);
        drain();

        final var switched = switchOver("gw2", config(true));
        drain();
        advance(Duration.ofSeconds(5));

        assertEquals("gateway 'gw2' of cluster 'c1' is configured, but the controller has not taken it in within 5 s",
            refusal(switched));
    }

    @Test
    void withoutAConfigurationToWaitForAnUnknownNameIsRefusedAtOnce() {
        final var switched = runtime.command("c9", "gw1", Optional.empty(),
            () -> new Event.SwitchOver("c9", "gw1", nanos.get()));

        assertEquals("no cluster named 'c9'", refusal(switched));
    }

    @Test
    void aCommandStillWaitingWhenTheNodeLetsGoIsRefused() throws Exception {
        final var switched = switchOver("gw1", config(true));
        drain();

        runtime.close();

        assertEquals("this controller node no longer drives Gateway HA election", refusal(switched));
    }
}
