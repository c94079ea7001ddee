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
import static net.gwha.impl.engine.Sim.SWITCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Decision.GatewayStateChanged;
import org.junit.jupiter.api.Test;

/**
 * In an OpenDaylight cluster a switch's heartbeats may reach the arbiter relayed by the switch's OpenFlow master
 * node. When that node dies, every gateway of the switch falls silent at once until the cluster has moved the
 * mastership: their silence proves nothing for {@link LivenessJudge#RELAY_GRACE_NANOS}. b (200) and c (150) sit on
 * the relayed switch, a (100) on a switch this node masters itself and keeps hearing; interval 1 s, dead 3 s,
 * hold-up 3 s.
 */
class RelayedSwitchTest {
    private static final String OWN_SWITCH = "openflow:2";
    private static final GatewayConfig A_ON_OWN_SWITCH = new GatewayConfig(A.name(), A.priority(), A.ipv4(),
        A.ipv6LinkLocal(),
        OWN_SWITCH, true);

    private static final long GRACE_MS = TimeUnit.NANOSECONDS.toMillis(LivenessJudge.RELAY_GRACE_NANOS);
    /** b's and c's last heartbeat, 5 s, plus the dead interval. */
    private static final long DEADLINE_MS = 8000;

    private final Sim sim = new Sim();

    private void start(final boolean relayed) {
        sim.configure(Sim.config(A_ON_OWN_SWITCH, B, C));
        if (relayed) {
            sim.relayed(SWITCH, true);
        }
        List.of("a", "b", "c").forEach(sim::send);
        sim.runTo(5000);
        assertEquals("b", sim.active());
        // The relay's node dies just after b's and c's heartbeats of 5 s were passed on.
        sim.runTo(5200);
        sim.silence("b");
        sim.silence("c");
    }

    private List<GatewayStateChanged> downs() {
        return sim.decisions.stream().filter(GatewayStateChanged.class::isInstance).map(GatewayStateChanged.class::cast)
            .filter(changed -> changed.newState() == GatewayState.DOWN).toList();
    }

    @Test
    void theMastershipMovingOffADeadRelayMovesNothing() {
        start(true);
        // 9 s later the switch's new master passes its heartbeats on again, c's first.
        sim.runTo(14_230);
        sim.send("c");
        sim.runTo(14_290);
        sim.send("b");
        sim.runTo(40_000);

        assertEquals(List.of(), downs());
        assertEquals(1, sim.changes().size(), sim.changes().toString());
        assertEquals("b", sim.active());
    }

    @Test
    void aRelayedSwitchSilentForLongerThanTheGraceIsDown() {
        start(true);
        sim.runTo(DEADLINE_MS + GRACE_MS - 1);
        assertEquals(List.of(), downs());
        sim.runTo(DEADLINE_MS + GRACE_MS);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(GatewayState.DOWN, sim.state("c"));
        assertEquals("a", sim.active());
    }

    @Test
    void aSwitchThisNodeHearsDirectlyIsJudgedAfterOneDeadIntervalAsBefore() {
        start(false);
        sim.runTo(DEADLINE_MS + 3000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(GatewayState.DOWN, sim.state("c"));
        assertEquals("a", sim.active());
    }

    @Test
    void oneSilentGatewayOfARelayedSwitchWhoseNeighbourIsHeardIsDownAtItsDeadline() {
        start(true);
        sim.send("c");
        sim.runTo(DEADLINE_MS + 100);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals("c", sim.active());
    }

    @Test
    void aGatewayFoundSilentStaysDownWhenItsNeighboursNextHeartbeatComesLate() {
        start(true);
        // b frozen; c heard at 5.2, 6.2 and 7.2 s, after b's heartbeat of 6 s was due: b is down at its deadline
        sim.send("c");
        sim.runTo(DEADLINE_MS + 100);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        // the relay holds c's next heartbeat up: it comes 1.7 s after the last, a pause of the switch's relay that
        // spans b's deadline, but b's silence was shown before it began
        sim.silence("c");
        sim.runTo(8900);
        sim.send("c");
        sim.runTo(30_000);

        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(2, sim.changes().size(), sim.changes().toString());
        assertEquals("c", sim.active());
    }

    @Test
    void heardDirectlyAgainTheUsualWaitApplies() {
        start(true);
        sim.relayed(SWITCH, false);
        sim.runTo(DEADLINE_MS + 3000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals("a", sim.active());
    }
}
