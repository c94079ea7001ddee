/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Sim.A;
import static net.gwha.impl.engine.Sim.B;
import static net.gwha.impl.engine.Sim.C;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.gwha.impl.engine.Decision.ElectionOrderChanged;
import org.junit.jupiter.api.Test;

/**
 * The election order the engine publishes, which the fast-failover buckets follow: the active gateway, then the
 * live, in-service ones by the engine's own preference.
 */
class ElectionOrderTest {
    private final Sim sim = new Sim();

    private List<List<String>> orders() {
        return sim.decisions.stream().filter(ElectionOrderChanged.class::isInstance)
            .map(decision -> ((ElectionOrderChanged) decision).order()).toList();
    }

    @Test
    void aGatewayNeverHeardIsNotListedUntilItIs() {
        sim.configure(Sim.config(A, B, C));
        sim.send("a");
        sim.send("b");
        sim.runTo(500);
        assertEquals(List.of(List.of("b", "a")), orders(), "c, never heard, is not a fallback");

        sim.send("c");
        sim.runTo(1500);
        assertEquals(List.of(List.of("b", "a"), List.of("b", "c", "a")), orders());
    }

    @Test
    void aGatewayDownOrInMaintenanceLeavesTheOrderAndComesBack() {
        sim.configure(Sim.config(A, B, C));
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(500);
        sim.port("a", false);
        sim.maintenance("c", true);
        sim.maintenance("c", false);
        sim.port("a", true);
        // heard again steadily for the hold-up (3 s) before it is up
        sim.runTo(5000);

        // at 0 a, b and c are heard in that order
        assertEquals(List.of(List.of("b", "a"), List.of("b", "c", "a"), List.of("b", "c"), List.of("b"),
            List.of("b", "c"), List.of("b", "c", "a")), orders());
    }

    @Test
    void theOrderIsTheEnginesPreferenceAdvertisedPrioritiesAndTiesIncluded() {
        final var low = new GatewayConfig("low", 100, Ipv4.parse("10.0.0.9"), "openflow:1", true);
        final var high = new GatewayConfig("high", 100, Ipv4.parse("10.0.0.10"), "openflow:1", true);
        sim.configure(Sim.withAdvertised(Sim.config(A, B, C, low, high)));
        sim.send("b", 200);
        // a is configured below c, but advertises more (keepalived's tracking weights)
        sim.send("a", 180);
        sim.send("c", 150);
        sim.send("low", 100);
        sim.send("high", 100);
        sim.runTo(500);

        assertEquals(List.of("b", "a", "c", "high", "low"), orders().getLast());
        // a's tracked interface fails: it advertises less and falls behind
        sim.advertise("a", 50);
        sim.runTo(1500);
        assertEquals(List.of("b", "c", "high", "low", "a"), orders().getLast());
    }

    @Test
    void withEveryGatewayDownTheLastActiveStaysListedAlone() {
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.send("b");
        sim.runTo(500);
        sim.port("b", false);
        sim.port("a", false);

        assertEquals(List.of(List.of("b", "a"), List.of("a")), orders());
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
    }

    @Test
    void aHeartbeatThatChangesNothingDecidesNothing() {
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.send("b");
        sim.runTo(2500);

        assertEquals(List.of(), sim.heartbeat("a").decisions());
    }
}
