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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phi accrual detector: faster than three intervals on a quiet LAN, never before its floor.
 */
class AdaptiveDetectorTest {
    @Test
    void quantileMatchesTheNormalTable() {
        // P(X > 1.2816) = 0.1, P(X > 3.7190) = 1e-4, P(X > 5.6120) = 1e-8
        assertEquals(1.2816, PhiAccrual.quantile(1), 1e-3);
        assertEquals(3.7190, PhiAccrual.quantile(4), 1e-3);
        assertEquals(5.6120, PhiAccrual.quantile(8), 1e-3);
    }

    @Test
    void aRegularSenderIsDeclaredDeadWellUnderThreeIntervals() {
        // interval 1 s, stddev at its minimum of 100 ms: 1000 + 5.612 x 100 = 1561.2 ms
        assertEquals(1561, detectionAfterSilence(adaptive(8, 1000)));
    }

    @Test
    void neverSoonerThanTheFloor() {
        assertEquals(2500, detectionAfterSilence(adaptive(8, 2500)));
    }

    @Test
    void neverLaterThanTheDeadInterval() {
        // phi 50 alone would wait 1000 + 14.9 x 100 ms
        assertEquals(2000, detectionAfterSilence(new ClusterConfig(Sim.CLUSTER, 1, 1000, 2000,
            DetectorConfig.adaptive(50, 1000), true, 0, 3000, false, List.of(A, B), Sim.VIPS)));
    }

    @Test
    void jitterWidensTheThreshold() {
        final Sim sim = new Sim();
        sim.configure(Sim.withDetector(Sim.config(A, B), DetectorConfig.adaptive(8, 1000)));
        sim.send("a");
        // b alternates gaps of 700 and 1300 ms: stddev 300 ms, threshold 1000 + 5.612 x 300 = 2684 ms
        long time = 0;
        for (int i = 0; i < 41; i++) {
            sim.runTo(time);
            sim.heartbeat("b");
            time += i % 2 == 0 ? 700 : 1300;
        }
        final long last = sim.now();
        sim.runTo(last + 2683);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.runTo(last + 2684);
        assertEquals(GatewayState.DOWN, sim.state("b"));
    }

    @Test
    void aSenderThatLooksFastAtFirstDoesNotMakeItTriggerHappy() {
        final Sim sim = new Sim();
        sim.configure(adaptive(3, 1000));
        sim.send("a");
        // five gaps of 800 ms, then one of 1250: from the samples alone, 800 + 3.09 x 100 = 1109 ms would fire;
        // with the mean held at the configured 1 s it is 1309 ms
        for (long time = 0; time <= 4000; time += 800) {
            sim.runTo(time);
            sim.heartbeat("b");
        }
        sim.runTo(5250);
        sim.heartbeat("b");
        assertEquals(List.of(FailoverCause.STARTUP), sim.changes().stream().map(c -> c.cause()).toList());
    }

    @Test
    void aHeartbeatHeldUpWithTheOthersIsNotSilenceEvenBeforeTheIntakeLooksQuiet() {
        // b at 0, 1000, ... 5000 and a 400 ms after it; from 5400 the intake holds everything until 6700. At b's
        // deadline (5000 + 1561) a was heard 1161 ms ago, less than the quiet time, but nobody was heard after b's
        // next heartbeat was due (6000): b's heartbeat may be on its way with the others, so b is not judged
        final Sim sim = heldUpFrom5400();
        sim.apply(new Event.Tick(nanos(6600)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(6700)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(6701)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void aHeartbeatRightBehindAnotherInABurstIsNotLate() {
        // as above, but a's queued heartbeat comes out first (gateways on two switches share no queue): b's,
        // 5 ms behind it, still counts
        final Sim sim = heldUpFrom5400();
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(6700)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(6705)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void aSilentGatewayIsJudgedOnceAnotherIsHeardAfterItsHeartbeatWasDue() {
        // b stays silent: a's heartbeat at 6700 is heard after b's was due, and b is down once the burst had
        // 10 ms to drain, with the cause at its deadline (1000 + 5.612 x 100 ms after its last heartbeat)
        final Sim sim = heldUpFrom5400();
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(6700)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.apply(new Event.Tick(nanos(6710)));
        final var change = sim.lastChange();
        assertEquals(List.of("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, nanos(5000) + 1_561_200_124L, nanos(6710)),
            List.of(change.from().orElseThrow(), change.to(), change.cause(), change.causeTime(),
                change.decisionTime()));
    }

    private static Sim heldUpFrom5400() {
        final Sim sim = new Sim();
        sim.configure(adaptive(8, 1000));
        for (long time = 0; time <= 5000; time += 1000) {
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(time)));
            sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(time + 400)));
        }
        assertEquals("b", sim.active());
        return sim;
    }

    private static ClusterConfig adaptive(final double phi, final long floorMillis) {
        return Sim.withDetector(Sim.config(A, B), DetectorConfig.adaptive(phi, floorMillis));
    }

    /**
     * Runs two gateways for a minute on a 1 s interval, silences the active one and returns how long after
     * its last heartbeat it was declared dead, in milliseconds.
     */
    private static long detectionAfterSilence(final ClusterConfig config) {
        final Sim sim = new Sim();
        sim.configure(config);
        sim.send("b");
        // half an interval behind b: a's heartbeats show b's missing as soon as it is due
        sim.runTo(500);
        sim.send("a");
        sim.runTo(60_000);
        sim.silence("b");
        sim.runTo(70_000);
        final var change = sim.lastChange();
        assertEquals(List.of("b", "a", FailoverCause.HEARTBEAT_TIMEOUT),
            List.of(change.from().orElseThrow(), change.to(), change.cause()));
        // the tick came exactly at the crossing: no detection latency beyond the threshold itself
        assertEquals(change.causeTime(), change.decisionTime());
        final long millis = (change.causeTime() - nanos(60_000)) / 1_000_000;
        assertTrue(millis >= 1000);
        return millis;
    }
}
