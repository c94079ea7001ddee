/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import net.gwha.impl.engine.Chaos.Action;
import net.gwha.impl.engine.Chaos.Kind;
import net.gwha.impl.engine.Chaos.Setup;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.GatewayStateChanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine's invariants over random event sequences.
 */
class EnginePropertiesTest {
    @Property(tries = 200)
    void theActiveIsLiveWhileAnyGatewayIsAndAfterAQuietPeriodEveryStateIsWhatTheEventsMake(
            @ForAll("setups") final Setup setup, @ForAll("actions") final List<Action> actions) {
        final Chaos chaos = new Chaos(setup, EnginePropertiesTest::checkActiveIsLive);
        actions.forEach(chaos::act);
        chaos.quiet(quietMillis(setup));

        final ClusterSnapshot snapshot = chaos.snapshot();
        final var expected = expectedStates(chaos);
        final var states = new TreeMap<String, String>();
        snapshot.gateways().forEach(g -> states.put(g.name(), g.state() == GatewayState.ACTIVE
            || g.state() == GatewayState.PASSIVE ? "LIVE" : g.state().name()));
        assertEquals(expected, states, snapshot.toString());
        if (expected.containsValue("LIVE")) {
            assertEquals("LIVE", expected.get(snapshot.activeGateway().orElseThrow()), snapshot.toString());
            assertEquals(1, snapshot.gateways().stream().filter(g -> g.state() == GatewayState.ACTIVE).count(),
                snapshot.toString());
        }
        // shows in the report that the runs do fail over
        final long changes = chaos.outcomes.stream().flatMap(o -> o.decisions().stream())
            .filter(ActiveGatewayChanged.class::isInstance).count();
        Statistics.label("changes of active gateway").collect(changes < 2 ? "0-1" : changes < 5 ? "2-4" : "5+");
        Statistics.label("live after the quiet period").collect(expected.values().stream()
            .filter("LIVE"::equals).count());
    }

    @Property(tries = 100)
    void theSameEventsGiveTheSameDecisions(@ForAll("setups") final Setup setup,
            @ForAll("actions") final List<Action> actions) {
        final Chaos chaos = new Chaos(setup, snapshot -> { });
        actions.forEach(chaos::act);
        final Engine replay = new Engine();
        assertEquals(chaos.outcomes, chaos.events.stream().map(replay::apply).toList());
    }

    @Property(tries = 150)
    void withPreemptionTheActiveIsTheBestGatewayTheEventsLeaveLiveAfterAQuietPeriod(
            @ForAll("setups") final Setup setup, @ForAll("actionsWithoutSwitchOver") final List<Action> actions) {
        final Setup preempting = new Setup(setup.priorities(), true, setup.preemptDelayMillis(), setup.holdUpMillis(),
            setup.advertised(), setup.detector(), setup.jitterMillis(), setup.seed());
        final Chaos chaos = new Chaos(preempting, snapshot -> { });
        // an edit that would turn preemption off edits a priority instead
        actions.stream().map(a -> a.kind() == Kind.EDIT && a.value() % 5 == 3
            ? new Action(a.gapMillis(), a.kind(), a.gateway(), a.value() + 3) : a).forEach(chaos::act);
        chaos.quiet(quietMillis(setup));

        final var best = expectedBest(chaos);
        Statistics.label("a live gateway after the quiet period").collect(best.isPresent());
        best.ifPresent(name -> assertEquals(name, chaos.snapshot().activeGateway().orElseThrow(),
            chaos.snapshot().toString()));
    }

    @Property(tries = 100)
    void adaptiveDetectorNeverFailsOverOnJitterOrLateHeartbeatsWithinTheFloor(
            @ForAll("phis") final double phi, @ForAll("floors") final int floorMillis,
            @ForAll final long seed) {
        final Setup setup = new Setup(new int[] {100, 200, 150}, true, 0, 3000, false,
            DetectorConfig.adaptive(phi, floorMillis), 0, seed);
        final var chaos = new Chaos(setup, snapshot -> { });
        chaos.stop(0);
        chaos.stop(1);
        chaos.stop(2);
        // each gateway on its own rhythm: gaps of 1 s +-20 %, one in twenty late but within the floor
        final var random = new Random(seed);
        final long[] next = new long[3];
        for (int beat = 0; beat < 900; beat++) {
            int gateway = 0;
            for (int i = 1; i < 3; i++) {
                gateway = next[i] < next[gateway] ? i : gateway;
            }
            chaos.advance(next[gateway]);
            chaos.heartbeat(gateway);
            next[gateway] += random.nextInt(20) == 0 ? random.nextLong(Chaos.INTERVAL, floorMillis)
                : random.nextLong(800, 1201);
        }
        final var failures = chaos.outcomes.stream().flatMap(o -> o.decisions().stream())
            .filter(d -> d instanceof ActiveGatewayChanged change && change.cause() != FailoverCause.STARTUP
                || d instanceof GatewayStateChanged state && state.newState() == GatewayState.DOWN).toList();
        assertEquals(List.of(), failures);
    }

    @Property(tries = 100)
    void aGatewayFlappingFasterThanTheHoldUpNeverMovesTheVip(@ForAll("setups") final Setup setup,
            @ForAll("flaps") final List<int[]> flaps) {
        // g1 is the best; its port (and g2's) is down when g0 is first heard, so g0 is elected at once
        final Setup flapping = new Setup(new int[] {100, 200, 150}, setup.preempt(), setup.preemptDelayMillis(),
            Math.max(1500, setup.holdUpMillis()), setup.advertised(), setup.detector(), setup.jitterMillis(),
            setup.seed());
        final List<String> states = new ArrayList<>();
        final var chaos = new Chaos(flapping, snapshot -> states.add(snapshot.gateways().get(1).state().name()));
        chaos.stop(1);
        chaos.stop(2);
        chaos.port(1, false);
        chaos.port(2, false);
        for (int[] flap : flaps) {
            // heard for less than the hold-up, then silent for a dead interval, port down, or resigned
            chaos.port(1, true);
            chaos.start(1);
            chaos.advance(chaos.now() + flap[0] * (flapping.holdUpMillis() - 1L) / 1000);
            chaos.stop(1);
            switch (flap[1]) {
                case 0 -> chaos.advance(chaos.now() + Chaos.DEAD + flap[2]);
                case 1 -> {
                    chaos.port(1, false);
                    chaos.advance(chaos.now() + flap[2]);
                }
                default -> {
                    chaos.advertise(1, 0);
                    chaos.heartbeat(1);
                    chaos.advertise(1, 200);
                    chaos.advance(chaos.now() + flap[2]);
                }
            }
        }
        final var changes = chaos.outcomes.stream().flatMap(o -> o.decisions().stream())
            .filter(ActiveGatewayChanged.class::isInstance).toList();
        assertEquals(1, changes.size(), changes.toString());
        assertTrue(states.stream().noneMatch(s -> s.equals("ACTIVE") || s.equals("PASSIVE")), states.toString());
    }

    /** While any gateway is live (and the start-up election is over), the active one is live. */
    private static void checkActiveIsLive(final ClusterSnapshot snapshot) {
        final boolean anyLive = snapshot.gateways().stream().anyMatch(g -> g.state() == GatewayState.PASSIVE
            || g.state() == GatewayState.ACTIVE);
        if (snapshot.status() != ClusterStatus.ELECTING && anyLive) {
            final String active = snapshot.activeGateway().orElseThrow();
            assertEquals(GatewayState.ACTIVE, snapshot.gateways().stream().filter(g -> g.name().equals(active))
                .findFirst().orElseThrow().state(), snapshot.toString());
        }
    }

    /** Long enough for every gateway that sends to be up (hold-up) and for the best to preempt. */
    private static long quietMillis(final Setup setup) {
        return setup.holdUpMillis() + setup.preemptDelayMillis() + 3 * Chaos.DEAD + 2 * Chaos.INTERVAL;
    }

    /**
     * The oracle: what the events, not the engine, say of each configured gateway once every one of them has sent
     * on an up port for a quiet period: in maintenance if configured so, else down if it resigns (advertises 0),
     * else live.
     */
    private static Map<String, String> expectedStates(final Chaos chaos) {
        final var states = new TreeMap<String, String>();
        for (int i = 0; i < chaos.gateways.length; i++) {
            if (chaos.present(i)) {
                states.put(chaos.gateways[i].name(), !chaos.gateways[i].inService() ? "MAINTENANCE"
                    : chaos.advertised(i) == 0 ? "DOWN" : "LIVE");
            }
        }
        return states;
    }

    /** The oracle's best live gateway: highest effective priority, then highest address (RFC 5798). */
    private static Optional<String> expectedBest(final Chaos chaos) {
        final var live = expectedStates(chaos);
        return IntStream.range(0, chaos.gateways.length)
            .filter(i -> "LIVE".equals(live.get(chaos.gateways[i].name())))
            .boxed()
            .max(Comparator.<Integer>comparingInt(i -> chaos.useAdvertised() ? chaos.advertised(i)
                : chaos.gateways[i].priority()).thenComparing(i -> chaos.gateways[i].ipv4().orElseThrow()))
            .map(i -> chaos.gateways[i].name());
    }

    @Provide
    Arbitrary<Setup> setups() {
        final Arbitrary<DetectorConfig> detectors = Arbitraries.oneOf(Arbitraries.just(DetectorConfig.fixed()),
            Combinators.combine(Arbitraries.doubles().between(3, 16), Arbitraries.integers().between(1000, 3000))
                .as(DetectorConfig::adaptive));
        return Combinators.combine(Arbitraries.integers().between(1, 254).array(int[].class).ofSize(3),
            Arbitraries.of(true, false), Arbitraries.integers().between(0, 3000),
            Arbitraries.integers().between(0, 5000), Arbitraries.of(true, false), detectors,
            Arbitraries.integers().between(0, 150), Arbitraries.longs())
            .as(Setup::new);
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return actionLists(Arbitraries.of(Kind.class));
    }

    @Provide
    Arbitrary<List<Action>> actionsWithoutSwitchOver() {
        return actionLists(Arbitraries.of(Kind.class).filter(kind -> kind != Kind.SWITCH_OVER));
    }

    private static Arbitrary<List<Action>> actionLists(final Arbitrary<Kind> kinds) {
        return Combinators.combine(Arbitraries.integers().between(0, 6000), kinds, Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 1000)).as(Action::new).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<Double> phis() {
        return Arbitraries.doubles().between(3, 16);
    }

    @Provide
    Arbitrary<Integer> floors() {
        return Arbitraries.integers().between(1001, 1500);
    }

    /**
     * Flaps: share of the hold-up heard (per mille), how it ends (0 silence, 1 port down, 2 resign), pause (ms).
     */
    @Provide
    Arbitrary<List<int[]>> flaps() {
        return Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 5000)).as((share, end, pause) -> new int[] {share, end, pause})
            .list().ofMinSize(1).ofMaxSize(20);
    }
}
