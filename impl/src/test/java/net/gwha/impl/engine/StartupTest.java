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

import org.junit.jupiter.api.Test;

/**
 * The first election: never steer to a worse gateway first and then preempt.
 */
class StartupTest {
    private final Sim sim = new Sim();

    @Test
    void electsAsSoonAsTheBestIsHeard() {
        sim.configure(Sim.config(A, B, C));
        assertEquals(ClusterStatus.ELECTING, sim.snapshot().status());
        sim.runTo(100);
        sim.send("a");
        sim.runTo(700);
        sim.send("c");
        sim.runTo(1200);
        // a and c heard, b (the best) not yet: no election
        assertEquals("-", sim.active());
        sim.send("b");
        sim.runTo(1300);
        assertEquals(1, sim.changes().size());
        sim.assertLastChange("-", "b", FailoverCause.STARTUP, 1200, 1200);
    }

    @Test
    void afterOneDeadIntervalTakesTheBestOfThoseHeard() {
        sim.configure(Sim.config(A, B, C));
        sim.send("a");
        sim.runTo(500);
        sim.send("c");
        sim.runTo(2999);
        assertEquals("-", sim.active());
        sim.runTo(3000);
        sim.assertLastChange("-", "c", FailoverCause.STARTUP, 3000, 3000);
    }

    @Test
    void aBestGatewayKnownDownDoesNotHoldTheElection() {
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.runTo(400);
        sim.port("b", false);
        sim.assertLastChange("-", "a", FailoverCause.STARTUP, 400, 400);
    }

    @Test
    void nobodyHeardIsAllDownAfterOneDeadInterval() {
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.runTo(3000);
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
        assertEquals(GatewayState.UNKNOWN, sim.state("a"));
        // first heard later: a gets one dead interval from then for b, the better one, to be heard
        sim.runTo(5000);
        sim.send("a");
        sim.runTo(7000);
        sim.send("a");
        sim.runTo(7999);
        assertEquals("-", sim.active());
        sim.runTo(8000);
        sim.assertLastChange("-", "a", FailoverCause.STARTUP, 8000, 8000);
        assertEquals(ClusterStatus.ACTIVE, sim.snapshot().status());
    }

    @Test
    void aControllerThatHearsNobodyForLongWaitsForTheBestAfterTheFirstHeartbeat() {
        // the controller restarted long before its switches reconnect: the gateways are heard late, worst first
        sim.configure(Sim.config(A, B, C));
        sim.runTo(20_000);
        sim.send("c");
        sim.runTo(20_400);
        sim.send("a");
        sim.runTo(20_900);
        assertEquals("-", sim.active());
        sim.send("b");
        sim.runTo(21_000);
        assertEquals(1, sim.changes().size());
        sim.assertLastChange("-", "b", FailoverCause.STARTUP, 20_900, 20_900);
    }

    @Test
    void aControllerThatHearsNobodyForLongElectsOneDeadIntervalAfterTheFirstHeartbeat() {
        sim.configure(Sim.config(A, B, C));
        sim.runTo(20_000);
        sim.send("c");
        sim.runTo(22_000);
        sim.send("c");
        sim.runTo(22_999);
        assertEquals("-", sim.active());
        sim.runTo(23_000);
        sim.assertLastChange("-", "c", FailoverCause.STARTUP, 23_000, 23_000);
    }
}
