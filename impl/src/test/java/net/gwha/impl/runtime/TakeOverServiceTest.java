/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.fixtures.RecordingRpcs.Call;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.steering.FlowPlanner;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.cluster.state.GatewayState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.AddFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.RemoveFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.service.rev130819.UpdateFlowInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.AddGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.RemoveGroupInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.service.rev130918.UpdateGroupInput;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * Another node takes the arbiter's role over (here: the singleton instance is closed and instantiated again on the
 * same broker, which is all a take-over changes for it): it goes on from the operational state, so with the
 * gateways healthy nothing moves, the history and the counters go on, and the switches' steering never changes.
 */
class TakeOverServiceTest extends AbstractRunningServiceTest {
    /**
     * The lab with gw2 active by a switch-over: a fresh start would elect gw1, the best, heard first. Every gateway
     * heard every second for a live interval more, and the state written.
     */
    private void gw2ChosenByAnOperator() throws Exception {
        startLan();
        assertEquals(Optional.of("gw1"), provider.switchOver(LAN, "gw2").get(10, TimeUnit.SECONDS));
        for (long second = 0; second <= TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS); second++) {
            advance(Duration.ofSeconds(1));
            heartbeatsOfAll();
        }
        waiting().until(() -> provider.history(LAN).size() == 2 && provider.history(LAN).stream()
            .allMatch(failover -> failover.flowsConfirmedTime().isPresent()));
        // the counters written lag by up to the live interval: what the next arbiter goes on from
        waiting().until(() -> state().map(state -> state.nonnullFailoverEvent().size() == 2
            && accepted(state, "gw1") > 1 && state.nonnullFailoverEvent().values().stream()
                .allMatch(event -> event.getFlowsConfirmedTime() != null)).orElse(false));
    }

    private void heartbeatsOfAll() {
        heartbeat(1, 200);
        heartbeat(2, 150);
        heartbeat(3, 100);
    }

    /** Closes the node's instance, lets time pass with nobody driving, and instantiates it again. */
    private void takeOver() {
        provider.closeServiceInstance();
        advance(Duration.ofSeconds(2));
        provider.instantiateServiceInstance();
        awaitView(LAN, view -> true);
    }

    @Test
    void withHealthyGatewaysNothingMovesAndTheSteeringIsNeverChanged() throws Exception {
        gw2ChosenByAnOperator();
        final var before = state().orElseThrow();
        final var calls = flowRpcs.calls();
        final var steering = Switch.after(calls).steering();
        final var notified = activeChanges();
        final var history = provider.history(LAN);

        takeOver();
        // gw1, the best, is heard first; then all of them for two live intervals, written in the cluster's turn
        final long live = TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS);
        for (int second = 0; second < 2 * live; second++) {
            heartbeatsOfAll();
            advance(Duration.ofSeconds(1));
        }

        assertEquals(Optional.of("gw2"), provider.cluster(LAN).orElseThrow().activeGateway());
        assertEquals(history, provider.history(LAN));
        assertEquals(notified, activeChanges());
        waiting().until(() -> state().map(state -> accepted(state, "gw1") >= accepted(before, "gw1") + live)
            .orElse(false));
        final var after = state().orElseThrow();
        assertEquals(before.getActiveGateway(), after.getActiveGateway());
        assertEquals(before.getActiveSince(), after.getActiveSince());
        assertEquals(before.getFailoverEvent(), after.getFailoverEvent());
        // the counts went on from the previous arbiter's, all three heard alike
        final long heard = accepted(after, "gw1") - accepted(before, "gw1");
        for (var gateway : List.of("gw2", "gw3")) {
            assertEquals(accepted(before, gateway) + heard, accepted(after, gateway), gateway);
        }
        // Whatever the new arbiter sent the switch, the steering it held was the same after every single message.
        // It writes once the lease is its own: at once if the release was read, else when the old one ran out.
        waiting().until(() -> flowRpcs.calls().size() > calls.size());
        final var sent = flowRpcs.calls();
        final var replayed = new Switch();
        calls.forEach(replayed::take);
        for (var call : sent.subList(calls.size(), sent.size())) {
            replayed.take(call);
            assertEquals(steering, replayed.steering(), "after " + call);
        }
    }

    @Test
    void theHistoryGoesOnWithTheNextSequenceNumber() throws Exception {
        gw2ChosenByAnOperator();
        takeOver();
        heartbeatsOfAll();

        assertEquals(Optional.of("gw2"), provider.switchOver(LAN, "gw3").get(10, TimeUnit.SECONDS));

        final var history = provider.history(LAN);
        assertEquals(List.of(1L, 2L, 3L), history.stream().map(FailoverRecord::sequence).toList());
        assertEquals(FailoverCause.SWITCH_OVER, history.getLast().cause());
        waiting().until(() -> state().map(state -> state.nonnullFailoverEvent().size() == 3).orElse(false));
    }

    @Test
    void theKeptActiveGatewaySilentForOneDeadIntervalAfterTheTakeOverFailsOver() throws Exception {
        gw2ChosenByAnOperator();
        takeOver();
        // gw2 died with the previous arbiter: the others are heard, it never is
        for (int second = 0; second < 2; second++) {
            heartbeat(1, 200);
            heartbeat(3, 100);
            advance(Duration.ofSeconds(1));
        }
        heartbeat(1, 200);
        assertEquals(Optional.of("gw2"), provider.cluster(LAN).orElseThrow().activeGateway());

        // dead interval (3 s) after the take-over
        advance(Duration.ofSeconds(1));

        awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw1")));
        final var failover = provider.history(LAN).getLast();
        assertEquals(List.of(3L, FailoverCause.HEARTBEAT_TIMEOUT), List.of(failover.sequence(), failover.cause()));
    }

    private Optional<ClusterState> state() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class).build())
                .get(10, TimeUnit.SECONDS).flatMap(states -> states.nonnullClusterState().values().stream()
                    .findFirst());
        }
    }

    private static long accepted(final ClusterState state, final String gateway) {
        return state.nonnullGatewayState().values().stream().filter(gw -> gw.getName().getValue().equals(gateway))
            .map(GatewayState::getHeartbeatsAccepted).filter(count -> count != null)
            .mapToLong(count -> count.getValue().longValue()).findFirst().orElse(0);
    }

    /** What the recorded flow and group RPCs leave on the lab's one switch, as far as steering goes. */
    private static final class Switch {
        private final Map<String, List<Object>> flows = new TreeMap<>();
        private final Map<Long, Object> groups = new TreeMap<>();

        static Switch after(final List<Call> calls) {
            final var modelled = new Switch();
            calls.forEach(modelled::take);
            return modelled;
        }

        void take(final Call call) {
            switch (call.input()) {
                case AddFlowInput add -> put(add);
                case UpdateFlowInput update -> put(update.getUpdatedFlow());
                case RemoveFlowInput remove -> flows.entrySet().removeIf(entry -> remove.getFlowName() != null
                    ? entry.getKey().equals(remove.getFlowName())
                    : entry.getValue().get(0).equals(remove.getCookie()));
                case AddGroupInput add -> groups.put(add.getGroupId().getValue().toJava(), add.getBuckets());
                case UpdateGroupInput update -> groups.put(update.getUpdatedGroup().getGroupId().getValue().toJava(),
                    update.getUpdatedGroup().getBuckets());
                case RemoveGroupInput remove -> groups.remove(remove.getGroupId().getValue().toJava());
                default -> {
                    // meters, barriers and statistics steer nothing
                }
            }
        }

        private void put(final Flow flow) {
            flows.put(flow.getFlowName(), List.of(flow.getCookie(), flow.getPriority(), flow.getMatch(),
                flow.getInstructions()));
        }

        /** The steering flows by name and the groups by id. */
        Map<String, Object> steering() {
            final var held = new TreeMap<String, Object>();
            flows.forEach((name, flow) -> {
                if (FlowPlanner.isSteering(name)) {
                    held.put(name, flow);
                }
            });
            groups.forEach((id, buckets) -> held.put("group " + Long.toHexString(id), buckets));
            assertTrue(held.containsKey("gwha-" + LAN + "-steer"), "steers: " + held.keySet());
            return held;
        }
    }
}
