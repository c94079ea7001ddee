/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Sim.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One router pair, r1 and r2, running two VRRP groups on the same ports with opposite priorities: two clusters
 * with the same gateways. Each elects its own active router, so both carry traffic; a router's port going down
 * (which the intake reports to every cluster with a gateway there) or its silence fails it in both. A fake clock in
 * milliseconds, heartbeats every second, ticks when the engine asks.
 */
class RouterPairTest {
    private static final String SWITCH = "openflow:1";
    private static final GatewayConfig R1_HIGH = new GatewayConfig("r1", 200, Ipv4.parse("10.0.0.1"), SWITCH, true);
    private static final GatewayConfig R2_LOW = new GatewayConfig("r2", 100, Ipv4.parse("10.0.0.2"), SWITCH, true);
    private static final GatewayConfig R1_LOW = new GatewayConfig("r1", 100, Ipv4.parse("10.0.0.1"), SWITCH, true);
    private static final GatewayConfig R2_HIGH = new GatewayConfig("r2", 200, Ipv4.parse("10.0.0.2"), SWITCH, true);
    private static final List<String> CLUSTERS = List.of("left", "right");

    private final Engine engine = new Engine();
    private final List<ActiveGatewayChanged> changes = new ArrayList<>();
    private final Set<String> silent = new TreeSet<>();
    private long now;
    private long nextBeat;

    @BeforeEach
    void elect() {
        apply(new Event.SwitchConnected(SWITCH, 0));
        apply(new Event.ConfigSet(config("left", 1, R1_HIGH, R2_LOW), 0));
        apply(new Event.ConfigSet(config("right", 2, R1_LOW, R2_HIGH), 0));
        runTo(5000);
        assertEquals(List.of("r1", "r2"), actives());
        changes.clear();
    }

    @Test
    void aRoutersPortDownFailsItInEveryGroupAtOnce() {
        runTo(5500);
        // what the intake hands the engine for one port-status message: one event per cluster on the port
        CLUSTERS.forEach(cluster -> apply(new Event.PortStatus(cluster, "r2", false, nanos(now))));

        assertEquals(List.of("r1", "r1"), actives());
        assertEquals(1, changes.size());
        final var change = changes.getFirst();
        assertEquals(List.of("right", "r2", "r1", FailoverCause.PORT_DOWN, nanos(5500)), List.of(change.cluster(),
            change.from().orElseThrow(), change.to(), change.cause(), change.decisionTime()));
        CLUSTERS.forEach(cluster -> assertEquals(GatewayState.DOWN, state(cluster, "r2")));
    }

    @Test
    void aFrozenRouterMovesEveryGroupItCarriedToTheOther() {
        runTo(5500);
        silent.add("r1");
        runTo(12_000);

        assertEquals(List.of("r2", "r2"), actives());
        assertEquals(List.of("left"), changes.stream().map(ActiveGatewayChanged::cluster).toList());
        assertEquals(FailoverCause.HEARTBEAT_TIMEOUT, changes.getFirst().cause());
        CLUSTERS.forEach(cluster -> assertEquals(GatewayState.DOWN, state(cluster, "r1")));
    }

    private static ClusterConfig config(final String name, final int vrid, final GatewayConfig... gateways) {
        return new ClusterConfig(name, vrid, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000, false,
            List.of(gateways), VirtualAddresses.ipv4(vrid, Sim.VIP));
    }

    private void apply(final Event event) {
        engine.apply(event).decisions().stream().filter(ActiveGatewayChanged.class::isInstance)
            .map(ActiveGatewayChanged.class::cast).forEach(changes::add);
    }

    /** Heartbeats from the routers not silent, on every whole second, and the ticks asked for, in time order. */
    private void runTo(final long millis) {
        while (true) {
            long tick = Long.MAX_VALUE;
            for (var cluster : CLUSTERS) {
                tick = Math.min(tick, engine.nextWakeup(cluster).orElse(Long.MAX_VALUE));
            }
            if (nextBeat <= millis && nanos(nextBeat) <= tick) {
                now = nextBeat;
                nextBeat += 1000;
                for (var cluster : CLUSTERS) {
                    for (var router : List.of("r1", "r2")) {
                        if (!silent.contains(router)) {
                            apply(new Event.HeartbeatReceived(cluster, router, AddressFamily.IPV4, 100, 100,
                                nanos(now)));
                        }
                    }
                }
            } else if (tick <= nanos(millis)) {
                now = tick / 1_000_000;
                apply(new Event.Tick(tick));
            } else {
                now = millis;
                return;
            }
        }
    }

    private List<String> actives() {
        return CLUSTERS.stream().map(cluster -> engine.snapshot(cluster).orElseThrow().activeGateway().orElse("-"))
            .toList();
    }

    private GatewayState state(final String cluster, final String gateway) {
        return engine.snapshot(cluster).orElseThrow().gateways().stream().filter(gw -> gw.name().equals(gateway))
            .findFirst().orElseThrow().state();
    }
}
