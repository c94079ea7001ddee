/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tick judges exactly the clusters whose wake-up is due, found without visiting every cluster: whichever cluster's
 * timer it came from, every cluster due is judged, one whose wake-up moved later is not, nor is a removed one, and one
 * whose wake-up moved earlier is judged then; each silent gateway is down in the end. Clusters c1..c4 of one gateway
 * each at 100 ms, dead interval 300 ms, fixed detector, all heard at 0.
 */
class DueClustersTest {
    private static final List<String> CLUSTERS = List.of("c1", "c2", "c3", "c4");

    private final Engine engine = new Engine();

    @BeforeEach
    void allHeard() {
        for (int i = 0; i < CLUSTERS.size(); i++) {
            engine.apply(new Event.ConfigSet(new ClusterConfig(CLUSTERS.get(i), i + 1, 100, 300,
                DetectorConfig.fixed(), true, 0, 0, false,
                List.of(new GatewayConfig("gw", 100, new Ipv4(0xC000_0201 + i), "openflow:1", true)),
                VirtualAddresses.ipv4(i + 1, new Ipv4(0xC000_0264 + i))), 0));
        }
        CLUSTERS.forEach(cluster -> heartbeat(cluster, 0));
        CLUSTERS.forEach(cluster -> assertEquals(GatewayState.ACTIVE, state(cluster)));
    }

    @Test
    void oneTickJudgesEveryClusterDueAndNoOther() {
        // c2 heard again: due later; c4 removed
        heartbeat("c2", 200);
        engine.apply(new Event.ConfigRemoved("c4", nanos(200)));
        final long c1Due = engine.nextWakeup("c1").orElseThrow();
        assertEquals(c1Due, engine.nextWakeup("c3").orElseThrow());
        assertTrue(engine.nextWakeup("c2").orElseThrow() > c1Due);

        // the tick of any one cluster's timer judges both c1 and c3
        assertEquals(List.of("c1", "c3"), tick(c1Due).touched());

        // then, tick after tick at the next wake-up, each judges the clusters due then, until every gateway is down
        for (int ticks = 0; CLUSTERS.subList(0, 3).stream().anyMatch(cluster -> state(cluster) != GatewayState.DOWN);
                ticks++) {
            assertTrue(ticks < 20, "still not every gateway down after 20 ticks");
            tick(CLUSTERS.subList(0, 3).stream().map(engine::nextWakeup).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min().orElseThrow());
        }
    }

    @Test
    void aWakeupMovedEarlierIsJudgedThen() {
        // heard at 200 ms: due at 500 ms; then the dead interval shortened to 150 ms: due at 350 ms
        heartbeat("c1", 200);
        final long before = engine.nextWakeup("c1").orElseThrow();
        engine.apply(new Event.ConfigSet(new ClusterConfig("c1", 1, 50, 150, DetectorConfig.fixed(), true, 0, 0,
            false, List.of(new GatewayConfig("gw", 100, new Ipv4(0xC000_0201), "openflow:1", true)),
            VirtualAddresses.ipv4(1, new Ipv4(0xC000_0264))), nanos(250)));
        final OptionalLong after = engine.nextWakeup("c1");
        assertTrue(after.orElseThrow() < before, after + " is not earlier than " + before);

        assertTrue(tick(after.getAsLong()).touched().contains("c1"));
    }

    /** A tick at {@code at}, which must judge exactly the clusters whose wake-up is due by then. */
    private Outcome tick(final long at) {
        final var due = engine.clusters().stream()
            .filter(cluster -> engine.nextWakeup(cluster).orElse(Long.MAX_VALUE) <= at).toList();
        final var outcome = engine.apply(new Event.Tick(at));
        assertEquals(due, outcome.touched(), "tick at " + at);
        return outcome;
    }

    private void heartbeat(final String cluster, final long millis) {
        engine.apply(new Event.HeartbeatReceived(cluster, "gw", AddressFamily.IPV4, 100, 10, nanos(millis)));
    }

    private GatewayState state(final String cluster) {
        return engine.snapshot(cluster).orElseThrow().gateways().get(0).state();
    }

    private static long nanos(final long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
