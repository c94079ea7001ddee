/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.VirtualAddresses;
import net.gwha.impl.fixtures.FakeWallClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event loop on a fake clock: its timers fire when the test moves time, and what an adapter does with a
 * configuration comes after the engine took it and before its decisions are carried out, and cannot stop the loop.
 */
class HaRuntimeTest {
    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final List<String> seen = new ArrayList<>();
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> record("state " + changed),
        new HeartbeatCounters(), nanos::get, FakeWallClock.fromEpochFollowing(nanos::get), timers);

    @AfterEach
    void stop() {
        runtime.close();
    }

    private synchronized void record(final String what) {
        seen.add(what);
    }

    private synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** Interval 1 s, dead interval 3 s, gateways gw1 and gw2. */
    private static Event.ConfigSet config(final String cluster, final long at) {
        return new Event.ConfigSet(new ClusterConfig(cluster, 1, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000,
            false, List.of(new GatewayConfig("gw1", 100, Ipv4.parse("192.0.2.1"), "openflow:1", true),
                new GatewayConfig("gw2", 200, Ipv4.parse("192.0.2.2"), "openflow:1", true)),
            VirtualAddresses.ipv4(1, Ipv4.parse("192.0.2.100"))), at);
    }

    private void advance(final Duration duration) {
        nanos.addAndGet(duration.toNanos());
        timers.runDue();
    }

    /** Waits until the loop has done everything queued before, and what that queued in turn. */
    private void drain() throws InterruptedException {
        LoopDrain.drain(runtime);
    }

    private void heartbeat(final String gateway) {
        runtime.submit(new Event.HeartbeatReceived("c1", gateway, AddressFamily.IPV4, 100, 100, nanos.get()));
    }

    @Test
    void eachHeartbeatsWaitBeforeTheEngineTookItIsReported() throws Exception {
        final var delays = new CopyOnWriteArrayList<Long>();
        runtime.intakeDelays(delays::add);
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        // stamped by the packet-in listener 3 ms before the loop takes it
        runtime.submit(new Event.HeartbeatReceived("c1", "gw1", AddressFamily.IPV4, 100, 100,
            nanos.get() - TimeUnit.MILLISECONDS.toNanos(3)));
        drain();
        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(3)), delays);
    }

    @Test
    void aWakeUpFiresWhenTheClockPassesIt() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        heartbeat("gw1");
        heartbeat("gw2");
        drain();
        advance(Duration.ofMillis(2999));
        drain();
        assertEquals(GatewayState.ACTIVE, runtime.view("c1").orElseThrow().gateways().get(1).state());

        // both silent for the dead interval: the engine's wake-up fires, nobody heard, judged one interval later
        advance(Duration.ofSeconds(4));
        drain();
        // judged as of the wake-up's instant, the engine asked for the next one, due by now
        timers.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.view("c1").orElseThrow().gateways().get(1).state()
            == GatewayState.DOWN);
    }

    @Test
    void heartbeatsThatChangeNothingAreWrittenOncePerLiveInterval() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        heartbeat("gw2");
        drain();
        final int configured = seen().size();

        // heard every second, which decides nothing: written in the cluster's turn, once every live interval
        final long live = TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS);
        final var writtenAt = new ArrayList<Long>();
        for (long second = 1; second <= 3 * live; second++) {
            heartbeat("gw2");
            drain();
            advance(Duration.ofSeconds(1));
            drain();
            if (seen().size() > configured + writtenAt.size()) {
                writtenAt.add(second);
            }
        }
        assertEquals(3, writtenAt.size(), writtenAt::toString);
        assertTrue(writtenAt.getFirst() <= live, writtenAt::toString);
        assertEquals(List.of(live, live), List.of(writtenAt.get(1) - writtenAt.get(0),
            writtenAt.get(2) - writtenAt.get(1)));
        assertEquals("state [c1]", seen().getLast());
    }

    @Test
    void manyClustersHeardTogetherAreWrittenSpreadOverTheLiveInterval() throws Exception {
        final var clusters = IntStream.range(0, 20).mapToObj(index -> "c" + index).toList();
        clusters.forEach(cluster -> runtime.configure(config(cluster, nanos.get()), List.of(), () -> { }));
        final Runnable heardAll = () -> clusters.forEach(cluster -> runtime.submit(new Event.HeartbeatReceived(cluster,
            "gw2", AddressFamily.IPV4, 100, 100, nanos.get())));
        // first heard: a decision, written at once
        heardAll.run();
        drain();
        final int configured = seen().size();

        final long live = TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS);
        for (long second = 1; second <= live; second++) {
            heardAll.run();
            drain();
            advance(Duration.ofSeconds(1));
            drain();
        }
        final var writes = seen().subList(configured, seen().size());
        // each once, and never all in one write built on the loop
        assertEquals(clusters.stream().sorted().toList(), writes.stream()
            .flatMap(write -> Arrays.stream(write.replaceAll("state \\[|\\]", "").split(", "))).sorted().toList());
        assertTrue(writes.size() >= 5, writes::toString);
    }

    @Test
    void aClusterThatDecidesIsWrittenAtOnceAndAloneNotWithTheClustersOnlyHeard() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        runtime.configure(config("c2", nanos.get()), List.of(), () -> { });
        heartbeat("gw1");
        heartbeat("gw2");
        runtime.submit(new Event.HeartbeatReceived("c2", "gw2", AddressFamily.IPV4, 200, 200, nanos.get()));
        drain();
        final int heard = seen().size();

        // c1 heard on; c2's gw2, heard once, falls silent: past its hold-up and dead interval (3 s each) c2 decides,
        // c1 does not
        for (int second = 1; second <= 8; second++) {
            advance(Duration.ofMillis(500));
            drain();
            advance(Duration.ofMillis(500));
            heartbeat("gw1");
            heartbeat("gw2");
            drain();
        }
        final var writes = seen().subList(heard, seen().size());
        assertTrue(writes.contains("state [c2]"), writes::toString);
        assertTrue(writes.stream().noneMatch(write -> write.contains("c1") && write.contains("c2")), writes::toString);
    }

    @Test
    void aPauseThatDecidesNothingIsWrittenInTheLiveTurnNotAtOnce() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        heartbeat("gw1");
        heartbeat("gw2");
        drain();
        final int written = seen().size();

        // held up 300 ms: every threshold moves later, nothing written changes: not written at once
        runtime.submit(new Event.Paused(TimeUnit.MILLISECONDS.toNanos(300), nanos.get()));
        drain();
        assertEquals(written, seen().size(), seen()::toString);
        final long live = TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS);
        for (long second = 1; second <= live; second++) {
            advance(Duration.ofSeconds(1));
            drain();
        }
        assertEquals(List.of("state [c1]"), seen().subList(written, seen().size()));
    }

    @Test
    void aStateTheDatastoreRefusedIsWrittenAgainShortlyButNotForAClusterRemovedSince() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> { });
        runtime.configure(config("c2", nanos.get()), List.of(), () -> { });
        drain();
        final int written = seen().size();

        final var retry = Duration.ofNanos(StateFlush.RETRY_NANOS);
        runtime.refused(List.of("c1", "c2"), List.of());
        drain();
        advance(retry.minusMillis(1));
        drain();
        assertEquals(written, seen().size(), seen()::toString);
        advance(Duration.ofMillis(1));
        drain();
        assertEquals(List.of("state [c1, c2]"), seen().subList(written, seen().size()));

        // c2 removed after its write was refused: the removal's write deletes it and writes only c1 again
        runtime.refused(List.of("c1", "c2"), List.of());
        runtime.remove("c2", () -> { });
        drain();
        advance(retry);
        drain();
        assertEquals(List.of("state [c1, c2]", "state [c1]"), seen().subList(written, seen().size()));
    }

    @Test
    void anAdapterHearsOfAConfigurationAfterTheEngineTookItAndBeforeItsDecisions() throws Exception {
        runtime.addDecisionSink(decisions -> decisions.stream().filter(Decision.ClusterStatusChanged.class::isInstance)
            .forEach(decision -> record("decided " + decision.cluster())));
        runtime.configure(config("c1", nanos.get()), List.of(), () -> record("configured c1 "
            + runtime.view("c1").isPresent()));
        drain();

        assertEquals(List.of("configured c1 false", "decided c1"), seen().subList(0, 2));
    }

    @Test
    void aFailingAdapterStopsNeitherTheOtherClustersNorTheLoop() throws Exception {
        runtime.configure(config("c1", nanos.get()), List.of(), () -> {
            throw new IllegalStateException("an adapter that fails on c1");
        });
        runtime.configure(config("c2", nanos.get()), List.of(), () -> record("configured c2"));
        runtime.afterPending(() -> record("loaded"));
        drain();

        assertEquals(List.of("configured c2", "loaded"), seen().stream().filter(what -> !what.startsWith("state"))
            .toList());
        assertEquals(List.of("c1", "c2"), runtime.views().stream().map(view -> view.name()).toList());
    }
}
