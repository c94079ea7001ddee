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
 * A cluster none of whose gateways' switches is connected cannot hear them: with no gateway live, its status says
 * so ({@link ClusterStatus#NO_SWITCH}) rather than that every gateway is down.
 */
class NoSwitchTest {
    /** A switch connected to the controller that none of the gateways is attached to. */
    private static final String HOST_SWITCH = "openflow:2";

    private final Sim sim = new Sim();

    private ClusterStatus status() {
        return sim.snapshot().status();
    }

    @Test
    void configuredWithNoSwitchOfItsGatewaysConnectedItSaysSoAfterOneDeadInterval() {
        sim.connect(HOST_SWITCH);
        sim.configure(Sim.withHostSwitches(Sim.config(A, B), HOST_SWITCH));
        sim.runTo(2999);
        assertEquals(ClusterStatus.ELECTING, status());
        sim.runTo(3000);
        assertEquals(ClusterStatus.NO_SWITCH, status());
        assertEquals(List.of(ClusterStatus.ELECTING, ClusterStatus.NO_SWITCH), sim.decisions.stream()
            .filter(ClusterStatusChanged.class::isInstance).map(d -> ((ClusterStatusChanged) d).status()).toList());
    }

    @Test
    void onceTheirSwitchConnectsSilentGatewaysAreAllDownAndHeardOnesElected() {
        sim.configure(Sim.config(A, B));
        sim.runTo(5000);
        assertEquals(ClusterStatus.NO_SWITCH, status());

        sim.connect(Sim.SWITCH);
        assertEquals(ClusterStatus.ALL_DOWN, status());
        sim.send("b");
        sim.runTo(5100);
        assertEquals(ClusterStatus.ACTIVE, status());
        assertEquals("b", sim.active());
    }

    @Test
    void everyGatewayDownAndTheirSwitchLostIsNoSwitchUntilItIsBack() {
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.send("b");
        sim.runTo(1000);
        sim.port("b", false);
        assertEquals(ClusterStatus.ALL_DOWN, status());

        sim.disconnect(Sim.SWITCH);
        assertEquals(ClusterStatus.NO_SWITCH, status());
        assertEquals("b", sim.active(), "steering stays with the last active gateway");
        sim.reconnect(Sim.SWITCH);
        assertEquals(ClusterStatus.ALL_DOWN, status());
    }

    @Test
    void anActiveGatewayWhoseSwitchIsLostStaysActive() {
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.send("b");
        sim.runTo(1000);

        sim.disconnect(Sim.SWITCH);
        sim.runTo(20_000);

        // its silence is its switch's, which proves nothing (see Event.SwitchDisconnected)
        assertEquals(ClusterStatus.ACTIVE, status());
        assertEquals("b", sim.active());
    }
}
