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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.gwha.impl.engine.Decision.GatewayStateChanged;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A lost control channel is not a gateway failure: while its switch is disconnected a gateway cannot be heard,
 * so it is not judged, and the switch's return moves nothing that did not really change. Interval 1 s, dead
 * interval 3 s, hold-up 3 s, preemption without delay; b (200) is the best, then c (150), then a (100).
 */
class SwitchDisconnectTest {
    private static final String OTHER_SWITCH = "openflow:2";

    private final Sim sim = new Sim();

    /** Heartbeats every second from 0; b elected at once. */
    private void start(final GatewayConfig... gateways) {
        sim.configure(Sim.config(gateways));
        for (GatewayConfig gateway : gateways) {
            sim.send(gateway.name());
        }
        sim.runTo(5000);
        assertEquals("b", sim.active());
    }

    private List<GatewayStateChanged> downs() {
        return sim.decisions.stream().filter(GatewayStateChanged.class::isInstance).map(GatewayStateChanged.class::cast)
            .filter(changed -> changed.newState() == GatewayState.DOWN).toList();
    }

    private static GatewayConfig onOtherSwitch(final GatewayConfig gateway) {
        return new GatewayConfig(gateway.name(), gateway.priority(), gateway.ipv4(), gateway.ipv6LinkLocal(),
            OTHER_SWITCH,
            gateway.inService());
    }

    @Nested
    class OneSwitch {
        @Test
        void aLongDisconnectTakesNoGatewayDownAndTheReconnectMovesNothing() {
            start(A, B, C);
            // the control channel is lost at 5200: heartbeats sent meanwhile never reach the controller
            sim.runTo(5200);
            sim.silence("a");
            sim.silence("b");
            sim.silence("c");
            sim.disconnect(SWITCH);
            sim.runTo(25_200);
            assertEquals(List.of(), downs());
            assertEquals(GatewayState.ACTIVE, sim.state("b"));

            // back 20 s later; the best gateway's heartbeats happen to arrive last
            sim.reconnect(SWITCH);
            sim.runTo(25_250);
            sim.send("a");
            sim.runTo(25_260);
            sim.send("c");
            sim.runTo(25_310);
            sim.send("b");
            sim.runTo(40_000);

            assertEquals(1, sim.changes().size(), sim.changes().toString());
            assertEquals(List.of(), downs());
            assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.PASSIVE),
                List.of(sim.state("a"), sim.state("b"), sim.state("c")));
        }

        @Test
        void aStallNoticedOnlyLateMovesNothingEither() {
            start(A, B, C);
            sim.runTo(5200);
            sim.silence("a");
            sim.silence("b");
            sim.silence("c");
            // nobody heard: after a dead interval's wait everyone is down (status all-down), b still steered to
            sim.runTo(15_000);
            assertEquals(GatewayState.DOWN, sim.state("b"));
            sim.disconnect(SWITCH);
            sim.runTo(25_200);
            sim.reconnect(SWITCH);
            sim.runTo(25_250);
            sim.send("a");
            sim.runTo(25_260);
            sim.send("c");
            sim.runTo(25_310);
            sim.send("b");
            sim.runTo(40_000);

            // the heartbeats resuming all at once tell a stall: as if it never happened
            assertEquals(1, sim.changes().size(), sim.changes().toString());
            assertEquals(GatewayState.ACTIVE, sim.state("b"));
        }

        @Test
        void aGatewayThatDiedWhileItsSwitchWasAwayIsDownOneDeadIntervalAfterTheReconnect() {
            start(A, B, C);
            sim.silence("a");
            sim.silence("b");
            sim.silence("c");
            sim.disconnect(SWITCH);
            sim.runTo(30_000);
            sim.reconnect(SWITCH);
            sim.send("a");
            sim.send("c");
            sim.runTo(40_000);

            sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, 33_000, 33_000);
        }

        @Test
        void aPortReportedDownAfterTheReconnectIsDownAtOnce() {
            start(A, B, C);
            sim.runTo(5200);
            sim.silence("a");
            sim.silence("b");
            sim.silence("c");
            sim.disconnect(SWITCH);
            sim.runTo(15_000);
            sim.reconnect(SWITCH);
            sim.port("b", false);

            sim.assertLastChange("b", "c", FailoverCause.PORT_DOWN, 15_000, 15_000);
        }
    }

    @Nested
    class TwoSwitches {
        @Test
        void cuttingTheActivesSwitchKeepsTheRoleWhileTheOthersAreHeard() {
            start(A, onOtherSwitch(B), C);
            sim.runTo(5200);
            // b's switch is cut off; a and c, on the other switch, go on being heard
            sim.silence("b");
            sim.disconnect(OTHER_SWITCH);
            sim.runTo(25_200);
            assertEquals(GatewayState.ACTIVE, sim.state("b"));
            assertEquals(List.of(), downs());

            sim.reconnect(OTHER_SWITCH);
            sim.runTo(25_300);
            sim.send("b");
            sim.runTo(40_000);

            assertEquals(1, sim.changes().size(), sim.changes().toString());
            assertEquals(List.of(), downs());
        }

        @Test
        void aDisconnectReportedOnlyAfterTheActivesHeartbeatsStoppedMovesNothing() {
            start(A, onOtherSwitch(B), C);
            // b's control channel drops after its heartbeat at 5000; a and c, on the other switch, are heard on
            // time, but they share nothing of b's way to the controller: b's silence may be its switch's
            sim.silence("b");
            sim.runTo(9000);
            assertEquals(GatewayState.ACTIVE, sim.state("b"));
            // the inventory reports the disconnect a second after b's deadline
            sim.disconnect(OTHER_SWITCH);
            sim.runTo(25_000);
            sim.reconnect(OTHER_SWITCH);
            sim.send("b");
            sim.runTo(40_000);

            assertEquals(1, sim.changes().size(), sim.changes().toString());
            assertEquals(List.of(), downs());
        }

        @Test
        void aGatewayAloneOnItsSwitchThatDiesIsDownOneDeadIntervalAfterItsDeadline() {
            start(A, onOtherSwitch(B), C);
            sim.silence("b");
            sim.runTo(20_000);

            // nobody else on its switch to tell its silence from its switch's: it waits a dead interval for a
            // disconnect that never comes
            sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 11_000);
        }

        @Test
        void aPassiveOnTheCutSwitchIsNotJudgedEitherAndTheActiveStillFailsOverToIt() {
            start(onOtherSwitch(A), B, onOtherSwitch(C));
            sim.runTo(5200);
            sim.silence("a");
            sim.silence("c");
            sim.disconnect(OTHER_SWITCH);
            // b, heard all along, really dies
            sim.silence("b");
            sim.runTo(20_000);

            // with nobody else heard, b's judgement waits one dead interval for a stalled intake (LivenessTest)
            sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 11_000);
            assertEquals(List.of("b"), downs().stream().map(GatewayStateChanged::gateway).toList());
        }

        @Test
        void aGatewayDownBeforeTheCutMustBeHeardForTheHoldUpAfterTheReconnect() {
            start(A, B, onOtherSwitch(C));
            // c falls silent at 5000 and, alone on its switch, is down at 11000; it comes back at 12000, heard for
            // 2.5 s of its hold-up
            sim.silence("c");
            sim.runTo(12_000);
            assertEquals(GatewayState.DOWN, sim.state("c"));
            sim.send("c");
            sim.runTo(14_500);
            sim.silence("c");
            sim.disconnect(OTHER_SWITCH);
            sim.runTo(20_000);
            sim.reconnect(OTHER_SWITCH);
            sim.send("c");
            // the steady period restarts with the first heartbeat after the reconnect: up 3 s later, not sooner
            sim.runTo(22_999);
            assertEquals(GatewayState.DOWN, sim.state("c"));
            sim.runTo(23_000);
            assertEquals(GatewayState.PASSIVE, sim.state("c"));
        }
    }

    @Test
    void aGatewayMovedOntoADisconnectedSwitchIsNotJudgedUntilItComesBack() {
        start(A, B, C);
        sim.disconnect(OTHER_SWITCH);
        sim.silence("b");
        sim.configure(Sim.config(A, onOtherSwitch(B), C));
        sim.runTo(20_000);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));

        sim.reconnect(OTHER_SWITCH);
        sim.runTo(30_000);
        // judged from a fresh dead interval after the reconnect, and alone on its switch it waits one more
        sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, 23_000, 26_000);
    }

    @Test
    void newsOfASwitchThatChangedNothingTouchesNoCluster() {
        start(A, B, C);
        // first reported connected: news to the cluster's status (see NoSwitchTest), and only then
        assertEquals(List.of(Sim.CLUSTER), sim.connect(SWITCH).touched());
        assertTrue(sim.reconnect(SWITCH).touched().isEmpty());
        assertTrue(sim.disconnect(OTHER_SWITCH).touched().isEmpty());
        assertEquals(List.of(Sim.CLUSTER), sim.disconnect(SWITCH).touched());
        assertTrue(sim.disconnect(SWITCH).touched().isEmpty());
    }
}
