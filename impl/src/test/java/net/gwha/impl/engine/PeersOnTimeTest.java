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

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A silent gateway is judged once another gateway on its switch is heard after its own heartbeat was due (by more
 * than a tenth of the interval); when that one came on time (one interval after its previous one), at once, without
 * waiting for heartbeats queued behind it. Never sooner: a stall that begins right after the others' last heartbeats
 * looks the same as the gateway's own silence until the next of theirs is due. Short intervals (100 ms, 20 ms),
 * adaptive detector with its defaults (phi 8, floor 1.5 intervals).
 */
class PeersOnTimeTest {
    @Test
    void judgedAtThePeersNextHeartbeatWhenItIsOnTimeAt100Ms() {
        // b at 0, 100, ... 10000; a 80 ms behind it. b's deadline is 100 + 5.612 x 10 ms after its last heartbeat
        // (10156); a's heartbeat at 10180, on time, is the first after b's was due: b is down then, not 10 ms later
        final Sim sim = running(100, 80, 10_000);
        sim.runTo(10_179);
        assertEquals(1, sim.changes().size());
        sim.runTo(10_180);
        assertDecided(sim, 10_000 + 156, 10_180);
    }

    @Test
    void judgedAtThePeersNextHeartbeatWhenItIsOnTimeAt20Ms() {
        // b every 20 ms, a 15 ms behind it; b's deadline 20 + 5.612 x 2 ms after its last heartbeat (2031.2), a's next
        // heartbeat at 2035
        final Sim sim = running(20, 15, 2000);
        sim.runTo(2034);
        assertEquals(1, sim.changes().size());
        sim.runTo(2035);
        assertDecided(sim, 2031, 2035);
    }

    @Test
    void atItsDeadlineWhenThePeerWasHeardOnTimeBeforeIt() {
        // a 5 ms behind b at 20 ms: a's heartbeat at 2025 shows b's (due 2020) missing before b's deadline (2031.2)
        final Sim sim = running(20, 5, 2000);
        sim.runTo(2032);
        assertEquals(2, sim.changes().size());
        assertEquals(sim.lastChange().causeTime(), sim.lastChange().decisionTime());
        assertEquals(2031, TimeUnit.NANOSECONDS.toMillis(sim.lastChange().decisionTime()));
    }

    @Test
    void aPeerHeardJustAsTheSilentOnesHeartbeatFellDueIsNoEvidence() {
        // a 1 ms behind b at 20 ms: a's heartbeat at 2021 is within a tenth of an interval of b's due time (2020), so
        // b's may have been right behind it when the switch stalled, holding everything from 2021 to 2060 (seen at 20
        // ms: the switch sent a peer's packet-in, then none for 45 ms). b's deadline (2031.2) passes with no evidence
        stallAfter(running(20, 1, 2000), 2021, 2060);
    }

    @Test
    void aPeerHeardJustAsTheSilentOnesHeartbeatFellDueLeavesItToThePeersNext() {
        // the same without the stall: b is silent, and a's next heartbeat (2041) is the evidence
        final Sim sim = running(20, 1, 2000);
        sim.runTo(2040);
        assertEquals(1, sim.changes().size());
        sim.runTo(2041);
        assertDecided(sim, 2031, 2041);
    }

    @Test
    void aStallThatBeginsAfterThePeersLastHeartbeatDecidesNothing() {
        // a 80 ms behind b; the intake holds everything from 10085 to 10400. At b's deadline (10156) a is not due
        // yet, so nothing shows the stall: b waits for a heartbeat heard after its own was due, which comes out of
        // the stall first; then b's, right behind it
        final Sim sim = running(100, 80, 10_000);
        sim.runTo(10_085);
        sim.silence("a");
        sim.runTo(10_399);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(10_400)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(10_401)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void anIntakeStallDecidesNothingAt100Ms() {
        // a 30 ms behind b; the intake holds everything after a's heartbeat at 10030 until 10300: nobody is heard
        // after b's heartbeat was due (10100), so b's judgement waits
        stallAfter(running(100, 30, 10_000), 10_030, 10_300);
    }

    @Test
    void anIntakeStallDecidesNothingAt20Ms() {
        // a 5 ms behind b; held from 2005 to 2060: nobody is heard after b's heartbeat was due
        stallAfter(running(20, 5, 2000), 2005, 2060);
    }

    @Test
    void thePeerAtTheHeadOfABurstIsNoEvidenceOfRhythm() {
        // as in the stall above, but a's queued heartbeat comes out 5 ms before b's: its gap (270 ms) shows it was
        // held up, so b, queued right behind it, still counts
        final Sim sim = running(100, 30, 10_000);
        sim.runTo(10_030);
        sim.silence("a");
        sim.runTo(10_299);
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(10_300)));
        sim.apply(new Event.Tick(nanos(10_304)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(10_305)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    @Test
    void aPauseOfTheControllerDecidesNothingAt20Ms() {
        // the controller is held up 2005..2060: heartbeats wait in the queue, and the pause moves b's deadline
        final Sim sim = running(20, 15, 2000);
        sim.silence("a");
        sim.apply(new Event.Paused(nanos(55), nanos(2060)));
        sim.apply(new Event.Tick(nanos(2060)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(2061)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(2062)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    /** The only change since b was elected: b to a, caused at b's deadline (whole ms) and decided at decidedMillis. */
    private static void assertDecided(final Sim sim, final long causeMillis, final long decidedMillis) {
        assertEquals(2, sim.changes().size());
        final var change = sim.lastChange();
        assertEquals(List.of("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, causeMillis, nanos(decidedMillis)),
            List.of(change.from().orElseThrow(), change.to(), change.cause(),
                TimeUnit.NANOSECONDS.toMillis(change.causeTime()), change.decisionTime()));
    }

    /** Everything held from just after {@code from} until {@code to}, then the queue arrives: nothing moves. */
    private static void stallAfter(final Sim sim, final long from, final long to) {
        sim.runTo(from);
        sim.silence("a");
        sim.runTo(to - 1);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", AddressFamily.IPV4, 100, 100, nanos(to)));
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "a", AddressFamily.IPV4, 100, 100, nanos(to + 1)));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        assertEquals(1, sim.changes().size());
    }

    /**
     * a and b on one switch, b active, every {@code interval} ms, a {@code phase} ms behind b, until b's heartbeat at
     * {@code lastOfB}, after which b is silent.
     */
    private static Sim running(final long interval, final long phase, final long lastOfB) {
        final Sim sim = new Sim();
        sim.connect(Sim.SWITCH);
        sim.configure(new ClusterConfig(Sim.CLUSTER, 1, interval, 3 * interval,
            DetectorConfig.adaptive(8, (3 * interval + 1) / 2), true, 0, 3 * interval, false, List.of(A, B),
            Sim.VIPS));
        sim.send("b");
        sim.runTo(phase);
        sim.send("a");
        sim.runTo(lastOfB);
        assertEquals("b", sim.active());
        sim.silence("b");
        return sim;
    }
}
