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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import net.gwha.impl.engine.Decision.CommandRefused;
import org.junit.jupiter.api.Test;

/**
 * Who is active: priorities, tie-break, preemption, switch-over and maintenance.
 */
class ElectionTest {
    private final Sim sim = new Sim();

    private void start(final ClusterConfig config, final String... senders) {
        sim.configure(config);
        for (String sender : senders) {
            sim.send(sender);
        }
        sim.runTo(500);
    }

    @Test
    void highestEffectivePriorityWins() {
        start(Sim.config(A, B, C), "a", "b", "c");
        assertEquals("b", sim.active());
        assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.PASSIVE),
            sim.snapshot().gateways().stream().map(ClusterSnapshot.GatewaySnapshot::state).toList());
    }

    @Test
    void advertisedPriorityCountsOnlyWhenTheClusterSaysSo() {
        // configured: a advertising 250 changes nothing
        start(Sim.config(A, B), "a", "b");
        sim.advertise("a", 250);
        sim.runTo(5000);
        assertEquals("b", sim.active());
        assertEquals(100, sim.snapshot().gateways().get(0).effectivePriority());

        final Sim advertised = new Sim();
        advertised.configure(Sim.withAdvertised(Sim.config(A, B)));
        advertised.send("a", 100);
        advertised.send("b", 200);
        advertised.runTo(3000);
        assertEquals("b", advertised.active());
        // b's tracked interface fails: keepalived lowers its priority by a weight of 150
        advertised.advertise("b", 50);
        advertised.runTo(4000);
        advertised.assertLastChange("b", "a", FailoverCause.PRIORITY_CHANGED, 4000, 4000);
    }

    @Test
    void aTieGoesToTheHigherAddress() {
        final var low = new GatewayConfig("low", 100, Ipv4.parse("10.0.0.9"), Sim.SWITCH, true);
        final var high = new GatewayConfig("high", 100, Ipv4.parse("10.0.0.10"), Sim.SWITCH, true);
        start(Sim.config(high, low), "low", "high");
        assertEquals("high", sim.active());
    }

    @Test
    void preemptionWaitsForTheDelay() {
        start(Sim.withPreempt(Sim.config(A, B), true, 2000), "a");
        sim.port("b", false);
        sim.runTo(3500);
        assertEquals("a", sim.active());
        sim.port("b", true);
        sim.send("b");
        // heard from 3500: up at 6500 (hold-up 3 s), takes over at 8500 (delay 2 s)
        sim.runTo(8499);
        assertEquals(GatewayState.PASSIVE, sim.state("b"));
        sim.runTo(8500);
        sim.assertLastChange("a", "b", FailoverCause.PREEMPTED, 8500, 8500);
    }

    @Test
    void withoutPreemptionTheActiveKeepsTheRoleWhileUp() {
        start(Sim.withPreempt(Sim.config(A, B), false, 0), "a");
        sim.port("b", false);
        sim.runTo(1000);
        sim.port("b", true);
        sim.send("b");
        sim.runTo(20_000);
        assertEquals("a", sim.active());
        assertEquals(GatewayState.PASSIVE, sim.state("b"));
        sim.silence("a");
        sim.runTo(25_000);
        assertEquals("b", sim.active());
    }

    @Test
    void switchOverIsRefusedForAGatewayThatIsDownUnknownOrInMaintenance() {
        sim.connect(Sim.SWITCH);
        start(Sim.config(A, B, C), "a", "b");
        sim.port("a", false);
        sim.maintenance("b", true);
        for (String target : List.of("a", "b", "c", "nope")) {
            final Outcome outcome = sim.switchOver(target);
            assertInstanceOf(CommandRefused.class, outcome.decisions().get(0), target);
        }
        assertEquals(List.of("gateway a is down", "gateway b is in maintenance", "gateway c has not been heard yet",
            "cluster c1 has no gateway nope"), sim.decisions.stream().filter(CommandRefused.class::isInstance)
                .map(d -> ((CommandRefused) d).reason()).toList());
        assertEquals("b", sim.active(), "b in maintenance but nothing else is up: steering stays");
        assertEquals(ClusterStatus.ALL_DOWN, sim.snapshot().status());
    }

    @Test
    void aSwitchedToGatewayKeepsTheRoleWhileItIsUpAndInService() {
        start(Sim.config(A, B), "a", "b");
        sim.runTo(2000);
        sim.switchOver("a");
        sim.assertLastChange("b", "a", FailoverCause.SWITCH_OVER, 2000, 2000);
        // preemption is on and b is better, but the operator's choice stands
        sim.runTo(20_000);
        assertEquals("a", sim.active());
        // until a fails; then the normal election applies again, and does not come back to a
        sim.port("a", false);
        sim.assertLastChange("a", "b", FailoverCause.PORT_DOWN, 20_000, 20_000);
        sim.port("a", true);
        sim.runTo(40_000);
        assertEquals("b", sim.active());
    }

    @Test
    void maintenanceDrainsAtOnce() {
        start(Sim.config(A, B), "a", "b");
        sim.runTo(1200);
        sim.maintenance("b", true);
        sim.assertLastChange("b", "a", FailoverCause.MAINTENANCE, 1200, 1200);
        assertEquals(GatewayState.MAINTENANCE, sim.state("b"));
        sim.runTo(10_000);
        assertEquals("a", sim.active());
        // back in service, up all along: preempts at once
        sim.maintenance("b", false);
        sim.assertLastChange("a", "b", FailoverCause.PREEMPTED, 10_000, 10_000);
    }

    @Test
    void aMaintenanceCommandThatChangesNothingLeavesTheNextEditInForce() {
        start(Sim.config(A, new GatewayConfig("b", B.priority(), B.ipv4(), B.ipv6LinkLocal(), B.switchId(), false)),
            "a", "b");
        sim.runTo(1200);
        // already in maintenance: persisting it again writes nothing, so no configuration follows
        sim.maintenance("b", true);
        sim.configure(Sim.config(A, B));
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
    }

    @Test
    void aConfigurationWrittenBeforeAMaintenanceCommandDoesNotUndoIt() {
        start(Sim.config(A, B), "a", "b");
        sim.runTo(1200);
        sim.maintenance("b", true);
        sim.maintenance("b", false);
        // the admin-state persisted by the first command arrives after the second command
        sim.configure(Sim.config(A, new GatewayConfig("b", B.priority(), B.ipv4(), B.ipv6LinkLocal(), B.switchId(),
            false)));
        assertEquals("b", sim.active());
        // then the second command's: nothing moves
        sim.configure(Sim.config(A, B));
        assertEquals("b", sim.active());
        // an edit after that applies as any other
        sim.configure(Sim.config(A, new GatewayConfig("b", B.priority(), B.ipv4(), B.ipv6LinkLocal(), B.switchId(),
            false)));
        assertEquals(GatewayState.MAINTENANCE, sim.state("b"));
        assertEquals("a", sim.active());
    }
}
