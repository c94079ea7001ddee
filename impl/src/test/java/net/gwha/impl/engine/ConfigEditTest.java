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
import static net.gwha.impl.engine.Sim.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Config edits keep what was learned; removal and maintenance of the active one re-elect.
 */
class ConfigEditTest {
    private final Sim sim = new Sim();

    @BeforeEach
    void threeUpBActive() {
        sim.configure(Sim.config(A, B, C));
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(5000);
        assertEquals("b", sim.active());
    }

    @Test
    void anEditKeepsTheLivenessOfGatewaysThatRemain() {
        final int before = sim.decisions.size();
        sim.configure(Sim.withPreempt(Sim.config(A, B, C), true, 1000));
        assertEquals(before, sim.decisions.size(), "nothing to decide: " + sim.decisions);
        final var a = sim.snapshot().gateways().get(0);
        assertEquals(List.of(GatewayState.PASSIVE, OptionalLong.of(nanos(5000))), List.of(a.state(), a.lastHeard()));
    }

    @Test
    void removedGatewaysVanish() {
        sim.configure(Sim.config(A, B));
        assertEquals(List.of("a", "b"), sim.snapshot().gateways().stream().map(g -> g.name()).toList());
        sim.runTo(10_000);
        assertEquals("b", sim.active());
    }

    @Test
    void removingTheActiveReElects() {
        sim.runTo(5500);
        sim.configure(Sim.config(A, C));
        sim.assertLastChange("b", "c", FailoverCause.CONFIG_CHANGED, 5500, 5500);
    }

    @Test
    void takingTheActiveOutOfServiceReElects() {
        sim.configure(Sim.config(A, new GatewayConfig("b", 200, B.ipv4(), B.ipv6LinkLocal(), B.switchId(), false), C));
        sim.assertLastChange("b", "c", FailoverCause.MAINTENANCE, 5000, 5000);
        assertEquals(GatewayState.MAINTENANCE, sim.state("b"));
    }

    @Test
    void aPriorityEditPreemptsAsAConfigChange() {
        sim.configure(Sim.config(new GatewayConfig("a", 250, A.ipv4(), A.ipv6LinkLocal(), A.switchId(), true), B, C));
        sim.assertLastChange("b", "a", FailoverCause.CONFIG_CHANGED, 5000, 5000);
    }

    @Test
    void aShorterDeadIntervalAppliesToTheLastHeartbeat() {
        sim.silence("b");
        sim.runTo(6000);
        // b last heard at 5000; a dead interval of 1.5 s makes it dead since 6500, judged at 7000: a and c send in
        // step with b, so their heartbeats at 6000 may have left the switch just before b's and show nothing
        sim.configure(new ClusterConfig(Sim.CLUSTER, 1, 1000, 1500, DetectorConfig.fixed(), true, 0, 3000, false,
            List.of(A, B, C), Sim.VIPS));
        sim.runTo(7000);
        sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, 6500, 7000);
    }

    @Test
    void removingTheClusterCancelsItsTimer() {
        final Outcome outcome = sim.apply(new Event.ConfigRemoved(Sim.CLUSTER, nanos(6000)));
        assertEquals(List.of(Sim.CLUSTER), outcome.touched());
        assertEquals(OptionalLong.empty(), outcome.nextWakeup(Sim.CLUSTER));
        assertTrue(sim.engine.snapshot(Sim.CLUSTER).isEmpty());
    }
}
