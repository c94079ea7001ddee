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
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.gwha.impl.engine.Decision.ClusterStatusChanged;
import org.junit.jupiter.api.Test;

/**
 * With every gateway down: say so, and keep steering to the last active one.
 */
class AllDownTest {
    @Test
    void everyGatewayDownKeepsTheLastActive() {
        final Sim sim = new Sim();
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.send("b");
        sim.runTo(2000);
        sim.port("a", false);
        sim.runTo(3000);
        sim.port("b", false);
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
        assertEquals("b", sim.active());
        assertEquals(List.of(GatewayState.DOWN, GatewayState.DOWN),
            sim.snapshot().gateways().stream().map(ClusterSnapshot.GatewaySnapshot::state).toList());
        assertEquals(List.of(ClusterStatus.ELECTING, ClusterStatus.ACTIVE, ClusterStatus.ALL_DOWN),
            sim.decisions.stream().filter(ClusterStatusChanged.class::isInstance)
                .map(d -> ((ClusterStatusChanged) d).status()).toList());

        // a comes back first (port up at 5000, heard from 6000, hold-up 3 s): traffic moves to it
        sim.runTo(5000);
        sim.port("a", true);
        sim.runTo(9000);
        sim.assertLastChange("b", "a", FailoverCause.PORT_DOWN, 3000, 9000);
        assertEquals(ClusterStatus.ACTIVE, sim.snapshot().status());
    }
}
