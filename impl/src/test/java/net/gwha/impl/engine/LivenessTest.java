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
import static net.gwha.impl.engine.Sim.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a gateway is down, and when it is up again.
 */
class LivenessTest {
    private final Sim sim = new Sim();

    @BeforeEach
    void bothUpBActive() {
        sim.connect(Sim.SWITCH);
        sim.configure(Sim.config(A, B));
        sim.send("a");
        sim.send("b");
        sim.runTo(500);
        assertEquals("b", sim.active());
    }

    @Test
    void silentForTheDeadIntervalIsDown() {
        sim.runTo(5000);
        sim.silence("b");
        // last heartbeat at 5000: the engine asks to be woken exactly one dead interval later
        assertEquals(OptionalLong.of(nanos(8000)), sim.engine.nextWakeup(Sim.CLUSTER));
        sim.runTo(7999);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.runTo(8000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void aLateTickReportsTheDeadlineAsCause() {
        sim.runTo(5000);
        aHeardUntil7900();
        // the timer fires 250 ms late: detection latency (decision - cause) shows it
        sim.apply(new Event.Tick(nanos(8250)));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8250);
    }

    @Test
    void aTickTakenLateJudgesAsOfWhenItFellDue() {
        sim.runTo(5000);
        sim.silence("b");
        aHeardUntil7900();
        // b's next heartbeat was stamped at 7990, before the deadline (8000), but waits behind a tick that fell due
        // at 7950 and is taken only at 8100: judged as of 8100, b would look silent
        sim.apply(new Event.Tick(nanos(7950), nanos(8100)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(7990)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void aFailoverDecidedByALateTickIsDecidedWhenTaken() {
        sim.runTo(5000);
        sim.silence("b");
        aHeardUntil7900();
        // the timer fell due at the deadline; the loop took it 120 ms later
        sim.apply(new Event.Tick(nanos(8000), nanos(8120)));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8120);
    }

    /** a's heartbeats at 6000, 7000 and 7900 ms, taken as they come: a stays live past b's deadline (8000). */
    private void aHeardUntil7900() {
        for (long time : new long[] {6000, 7000, 7900}) {
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(time)));
        }
    }

    @Test
    void aPauseOfTheControllerIsNotSilence() {
        sim.runTo(5000);
        sim.silence("a");
        sim.silence("b");
        // held up from 5500 to 9000, past b's deadline (8000); its heartbeats wait in the queue behind the pause
        sim.apply(new Event.Paused(nanos(3500), nanos(9000)));
        sim.apply(new Event.Tick(nanos(9000)));
        for (long time : new long[] {9001, 9002}) {
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(time)));
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(time)));
        }
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void aGatewaySilentBeforeThePauseIsStillDown() {
        sim.runTo(5000);
        sim.silence("b");
        sim.runTo(7500);
        sim.silence("a");
        // b's deadline (8000) passed before the pause (8200 to 8500) began: the pause does not excuse it
        sim.apply(new Event.Paused(nanos(300), nanos(8500)));
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8500);
    }

    @Test
    void heartbeatsHeldUpOnTheWayAreNotSilence() {
        sim.runTo(5000);
        sim.silence("a");
        sim.silence("b");
        // the switch or its connection holds every heartbeat from 5000 to 9500, then delivers the queue
        sim.runTo(9499);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        for (long time : new long[] {9500, 9501, 9502, 9503}) {
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, time % 2 == 0 ? "a" : "b", AddressFamily.IPV4, 100,
                100, nanos(time)));
        }
        sim.apply(new Event.Tick(nanos(9600)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(GatewayState.PASSIVE, sim.state("a"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void whenTheIntakeStopsTheSilentActiveGatewayIsNotReplacedByAnotherSilentOne() {
        sim.runTo(5000);
        sim.silence("b");
        sim.runTo(5500);
        // b was heard last at 5000, a at 5400 (a later deadline); then nothing at all
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(5400)));
        sim.silence("a");
        // one dead interval after b's deadline (8000 + 3000) both are down at once: nobody to take over
        sim.runTo(10_999);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.runTo(11_000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(GatewayState.DOWN, sim.state("a"));
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
        assertEquals("b", sim.active());
        assertEquals(1, sim.changes().size());
        // the intake resumes with a alone: both were declared silent during the stall, so both count as up
        // again, and b, still silent, is down at its deadline moved by the stall's length (5700 ms)
        for (long time = 11_100; time <= 13_600; time += 500) {
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(time)));
        }
        assertEquals("b", sim.active());
        sim.apply(new Event.Tick(nanos(13_699)));
        assertEquals("b", sim.active());
        sim.apply(new Event.Tick(nanos(13_700)));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 13_700, 13_700);
    }

    @Test
    void gatewaysDeclaredSilentDuringAStallAreUpAgainWhenItEnds() {
        // a switch restart: nothing heard from 5000 to 12000, long enough for both to be declared down
        sim.runTo(5000);
        sim.silence("a");
        sim.silence("b");
        sim.runTo(11_000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(12_000)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(12_001)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(GatewayState.PASSIVE, sim.state("a"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void withNobodyHeardASilentGatewayIsDownOneDeadIntervalAfterItsDeadline() {
        sim.runTo(5000);
        sim.silence("a");
        sim.silence("b");
        sim.runTo(10_999);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.runTo(11_000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(GatewayState.DOWN, sim.state("a"));
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
    }

    @Test
    void portDownIsDownAtOnce() {
        sim.runTo(1300);
        sim.port("b", false);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.PORT_DOWN, 1300, 1300);
    }

    @Test
    void priorityZeroResignsAtOnce() {
        sim.runTo(1300);
        sim.advertise("b", 0);
        sim.runTo(2000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.RESIGNED, 2000, 2000);
        // still advertising 0: stays down
        sim.runTo(10_000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
    }

    @Test
    void upAgainOnlyAfterHeardSteadilyForTheHoldUp() {
        sim.port("b", false);
        sim.runTo(2000);
        sim.port("b", true);
        // heartbeats at 3000..5000: 2 s of a 3 s hold-up
        sim.runTo(5999);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals("a", sim.active());
        // 6000 is 3 s after the first heartbeat of the steady period (3000)
        sim.runTo(6000);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.assertLastChange("a", "b", FailoverCause.PREEMPTED, 6000, 6000);
    }

    @Test
    void aFlappingGatewayDoesNotMoveTheVip() {
        sim.port("b", false);
        // b flaps: 2 s heard, then its port goes down again, over and over
        for (long time = 1000; time < 30_000; time += 4000) {
            sim.runTo(time);
            sim.port("b", true);
            sim.runTo(time + 2500);
            sim.port("b", false);
        }
        // the same with silence instead of a port down: two heartbeats, then 5 s quiet
        sim.silence("b");
        sim.port("b", true);
        for (long time = 34_000; time < 60_000; time += 6000) {
            sim.runTo(time);
            sim.send("b");
            sim.runTo(time + 1500);
            sim.silence("b");
        }
        sim.runTo(60_000);
        assertEquals("a", sim.active());
        assertEquals(2, sim.changes().size(), "only start-up and the failover away from b: " + sim.changes());
    }

    @Test
    void silenceDuringHoldUpRestartsIt() {
        sim.runTo(1000);
        sim.silence("b");
        sim.runTo(10_000);
        // heard at 10000 and 11000, then 3 s quiet (down again), heard from 15000
        sim.send("b");
        sim.runTo(11_500);
        sim.silence("b");
        sim.runTo(15_000);
        sim.send("b");
        sim.runTo(17_999);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.runTo(18_000);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
    }
}
