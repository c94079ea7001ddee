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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Decision.ClusterStatusChanged;
import net.gwha.impl.engine.Decision.ElectionOrderChanged;
import net.gwha.impl.engine.Handover.GatewayHandover;
import org.junit.jupiter.api.Test;

/**
 * A new arbiter takes a cluster over from the previous one's published state ({@link Handover}): it keeps the
 * active gateway and the election order, judges no silence before one dead interval after it has heard the
 * gateway's switch, and otherwise decides as the previous arbiter would have. Sim's gateways: b (200) is the best,
 * then c (150), then a (100); all on one switch.
 */
class TakeOverTest {
    /** When the new arbiter takes over, in the test's milliseconds. */
    private static final long TAKE_OVER = 10_000;

    private final Sim sim = new Sim();

    private static GatewayHandover up(final GatewayState state) {
        return new GatewayHandover(state, OptionalInt.of(100), OptionalLong.of(nanos(TAKE_OVER - 1_500)));
    }

    private static final GatewayHandover DOWN = new GatewayHandover(GatewayState.DOWN, OptionalInt.empty(),
        OptionalLong.of(nanos(TAKE_OVER - 9_000)));

    /** c active since 2 s, a and b passive: where the previous arbiter left things after b came back. */
    private static Handover cActive(final boolean pinned) {
        return new Handover(Optional.of("c"), OptionalLong.of(nanos(2_000)), pinned,
            Map.of("a", up(GatewayState.PASSIVE), "b", up(GatewayState.PASSIVE), "c", up(GatewayState.ACTIVE)));
    }

    private void takeOver(final ClusterConfig config, final Handover handover) {
        sim.runTo(TAKE_OVER);
        sim.takeOver(config, handover);
    }

    private List<List<String>> orders() {
        return sim.decisions.stream().filter(ElectionOrderChanged.class::isInstance)
            .map(decision -> ((ElectionOrderChanged) decision).order()).toList();
    }

    @Test
    void keepsTheActiveGatewayAndTheElectionOrderWhileTheGatewaysAreHealthy() {
        takeOver(Sim.withPreempt(Sim.config(A, B, C), false, 0), cActive(false));

        // Nothing changed for anyone: the status is active from the start, no gateway changes state, and the
        // order (the fast-failover buckets) is the previous arbiter's, before anyone is heard.
        assertEquals(List.of(new ClusterStatusChanged(Sim.CLUSTER, ClusterStatus.ACTIVE, nanos(TAKE_OVER)),
            new ElectionOrderChanged(Sim.CLUSTER, List.of("c", "b", "a"), nanos(TAKE_OVER))), sim.decisions);
        // b, the best, is heard first: at start-up it would have been elected at once.
        sim.runTo(TAKE_OVER + 50);
        sim.send("b");
        sim.runTo(TAKE_OVER + 300);
        sim.send("a");
        sim.send("c");
        sim.runTo(TAKE_OVER + 60_000);

        assertEquals(List.of(), sim.changes());
        assertEquals("c", sim.active());
        assertEquals(OptionalLong.of(nanos(2_000)), sim.snapshot().activeSince());
        assertEquals(List.of(List.of("c", "b", "a")), orders());
        assertEquals(2, sim.decisions.size(), sim.decisions.toString());
    }

    @Test
    void failsOverWhenTheKeptActiveIsSilentForOneDeadIntervalAfterTheTakeOver() {
        takeOver(Sim.config(A, B, C), new Handover(Optional.of("b"), OptionalLong.empty(), false,
            Map.of("a", up(GatewayState.PASSIVE), "b", up(GatewayState.ACTIVE), "c", up(GatewayState.PASSIVE))));
        // b died during the take-over: only a and c are heard
        sim.send("a");
        sim.send("c");
        sim.runTo(TAKE_OVER + 2_999);
        assertEquals(List.of(), sim.changes());
        assertEquals(GatewayState.ACTIVE, sim.state("b"));

        sim.runTo(TAKE_OVER + 3_000);

        sim.assertLastChange("b", "c", FailoverCause.HEARTBEAT_TIMEOUT, TAKE_OVER + 3_000, TAKE_OVER + 3_000);
        assertEquals(1, sim.changes().size());
    }

    @Test
    void judgesNoSilenceBeforeOneDeadIntervalAfterTheTakeOver() {
        // the switches' connections come back a while after the take-over
        takeOver(Sim.config(A, B, C), new Handover(Optional.of("b"), OptionalLong.empty(), false,
            Map.of("a", up(GatewayState.PASSIVE), "b", up(GatewayState.ACTIVE), "c", up(GatewayState.PASSIVE))));
        sim.runTo(TAKE_OVER + 2_900);
        sim.send("c");
        sim.send("b");
        sim.send("a");
        sim.runTo(TAKE_OVER + 30_000);

        assertEquals(List.of(), sim.changes());
        assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.PASSIVE),
            List.of(sim.state("a"), sim.state("b"), sim.state("c")));
    }

    /** d (50), alone on another switch. */
    private static final GatewayConfig D = new GatewayConfig("d", 50, Ipv4.parse("10.0.0.4"), "openflow:2", true);

    private static Handover bActiveWithD() {
        return new Handover(Optional.of("b"), OptionalLong.empty(), false, Map.of("a", up(GatewayState.PASSIVE),
            "b", up(GatewayState.ACTIVE), "c", up(GatewayState.PASSIVE), "d", up(GatewayState.PASSIVE)));
    }

    @Test
    void aSwitchHeardOnlySecondsAfterTheTakeOverLosesNoGatewayToOneOnASwitchHeardAtOnce() {
        // a, b and c's switch had its OpenFlow master on the previous arbiter's node: its packet-ins come once the
        // new master's device has started, while d's switch is heard at once
        takeOver(Sim.config(A, B, C, D), bActiveWithD());
        sim.send("d");
        sim.runTo(TAKE_OVER + 12_000);
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(TAKE_OVER + 60_000);

        assertEquals(List.of(), sim.changes());
        assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.PASSIVE, GatewayState.PASSIVE),
            List.of(sim.state("a"), sim.state("b"), sim.state("c"), sim.state("d")));
    }

    @Test
    void aSwitchNeverHeardAfterTheTakeOverHasItsGatewaysJudgedAfterTheBound() {
        takeOver(Sim.config(A, B, C, D), bActiveWithD());
        sim.send("d");
        final long bound = TimeUnit.NANOSECONDS.toMillis(LivenessJudge.UNHEARD_SWITCH_NANOS);
        sim.runTo(TAKE_OVER + bound + 2_999);
        assertEquals(List.of(), sim.changes());

        // silent past the bound, and one dead interval more for the judgement that waits on a silent switch
        sim.runTo(TAKE_OVER + bound + 3_000);

        sim.assertLastChange("b", "d", FailoverCause.HEARTBEAT_TIMEOUT, TAKE_OVER + bound, TAKE_OVER + bound + 3_000);
    }

    @Test
    void aGatewayShownDownMustBeHeardForTheHoldUpAgain() {
        takeOver(Sim.config(A, B, C), new Handover(Optional.of("c"), OptionalLong.empty(), false,
            Map.of("a", up(GatewayState.PASSIVE), "b", DOWN, "c", up(GatewayState.ACTIVE))));
        assertEquals(List.of(List.of("c", "a")), orders());
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(TAKE_OVER + 2_999);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        assertEquals(List.of(), sim.changes());

        // held up for 3 s: b, the best, preempts as it would have on the previous arbiter
        sim.runTo(TAKE_OVER + 3_000);

        sim.assertLastChange("c", "b", FailoverCause.PREEMPTED, TAKE_OVER + 3_000, TAKE_OVER + 3_000);
    }

    @Test
    void aBetterGatewayPreemptsOnlyOnceHeardAndAfterThePreemptDelayFromTheTakeOver() {
        // the previous arbiter died while b's preempt delay ran: its share of the delay is not known
        takeOver(Sim.withPreempt(Sim.config(A, B, C), true, 5_000), cActive(false));
        sim.runTo(TAKE_OVER + 4_000);
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(TAKE_OVER + 4_999);
        assertEquals(List.of(), sim.changes());

        sim.runTo(TAKE_OVER + 5_000);

        sim.assertLastChange("c", "b", FailoverCause.PREEMPTED, TAKE_OVER + 5_000, TAKE_OVER + 5_000);
    }

    @Test
    void aSwitchOverStillHoldsAgainstPreemption() {
        takeOver(Sim.config(A, B, C), cActive(true));
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(TAKE_OVER + 30_000);

        assertEquals(List.of(), sim.changes());
        assertEquals("c", sim.active());
    }

    @Test
    void anActiveGatewayPutIntoMaintenanceMeanwhileFailsOverAtOnce() {
        final var inMaintenance = new GatewayConfig("c", 150, C.ipv4(), C.ipv6LinkLocal(), Sim.SWITCH, false);
        takeOver(Sim.config(A, B, inMaintenance), cActive(true));

        sim.assertLastChange("c", "b", FailoverCause.MAINTENANCE, TAKE_OVER, TAKE_OVER);
        assertEquals(GatewayState.MAINTENANCE, sim.state("c"));
    }

    @Test
    void showsTheLastHeartbeatThePreviousArbiterHeardUntilItHearsOne() {
        takeOver(Sim.config(A, B, C), cActive(false));
        final var before = sim.snapshot().gateways().getFirst();
        assertEquals(List.of(OptionalLong.of(nanos(TAKE_OVER - 1_500)), OptionalInt.of(100), OptionalInt.empty()),
            List.of(before.lastHeard(), before.advertisedPriority(), before.advertisedIntervalCentis()));

        sim.runTo(TAKE_OVER + 200);
        sim.heartbeat("a");

        final var after = sim.snapshot().gateways().getFirst();
        assertEquals(List.of(OptionalLong.of(nanos(TAKE_OVER + 200)), OptionalInt.of(100)),
            List.of(after.lastHeard(), after.advertisedIntervalCentis()));
    }

    @Test
    void aClusterTheEngineRunsAlreadyIgnoresAHandover() {
        sim.configure(Sim.config(A, B, C));
        sim.send("b");
        sim.runTo(TAKE_OVER);
        final int before = sim.decisions.size();

        sim.takeOver(Sim.config(A, B, C), cActive(true));

        assertEquals("b", sim.active());
        assertEquals(before, sim.decisions.size(), sim.decisions.toString());
    }
}
