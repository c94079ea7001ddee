/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.ClusterSnapshot.PartitionSnapshot;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.ElectionOrderChanged;
import net.gwha.impl.engine.Decision.Partition;
import net.gwha.impl.engine.Decision.PartitionsChanged;
import org.junit.jupiter.api.Test;

/**
 * Per-partition election: when links fail, the switches that no longer reach the active gateway's are steered to
 * the best gateway they still reach, elected by the cluster's rules within their partition, and back when the links
 * return. As in the report: the best gateway b (200) alone on switch 2; c (150) and a (100) on switch 1, where
 * hosts are too; switch 3 carries hosts only. Interval 1 s, dead interval 3 s, hold-up 3 s, preemption without
 * delay unless said otherwise.
 */
class PartitionTest {
    private static final String S1 = "openflow:1";
    private static final String S2 = "openflow:2";
    private static final String S3 = "openflow:3";
    private static final GatewayConfig A = on(Sim.A, S1);
    private static final GatewayConfig B = on(Sim.B, S2);
    private static final GatewayConfig C = on(Sim.C, S1);

    private static final SwitchLinks WHOLE = linked(List.of(List.of(S1, S2, S3)));
    /** The link to switch 2 cut. */
    private static final SwitchLinks S2_CUT = linked(List.of(List.of(S1, S3), List.of(S2)));

    private final Sim sim = new Sim();

    private static GatewayConfig on(final GatewayConfig gateway, final String switchId) {
        return new GatewayConfig(gateway.name(), gateway.priority(), gateway.ipv4(), gateway.ipv6LinkLocal(),
            switchId, gateway.inService());
    }

    /** Links between every two switches of each group, both ways. */
    private static SwitchLinks linked(final List<List<String>> groups) {
        var links = SwitchLinks.none();
        for (var group : groups) {
            for (var from : group) {
                for (var to : group) {
                    if (!from.equals(to)) {
                        links = links.withHop(from, to, 100 + Long.parseLong(to.substring("openflow:".length())));
                    }
                }
            }
        }
        return links;
    }

    /** Every gateway heard from 0, the links whole from 0; at 20 s links have long been found and b is active. */
    private void start(final ClusterConfig config) {
        sim.configure(Sim.withHostSwitches(config, S3));
        sim.links(WHOLE);
        for (var gateway : config.gateways()) {
            sim.send(gateway.name());
        }
        sim.runTo(20_000);
        assertEquals("b", sim.active());
    }

    private <T extends Decision> List<T> decisions(final Class<T> type) {
        return sim.decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<Partition> lastPartitions() {
        return decisions(PartitionsChanged.class).getLast().partitions();
    }

    private List<GatewayState> states() {
        return sim.snapshot().gateways().stream().map(ClusterSnapshot.GatewaySnapshot::state).toList();
    }

    @Test
    void aCutOffPartitionElectsItsBestLiveGatewayAtOnce() {
        start(Sim.config(A, B, C));
        sim.links(S2_CUT);

        assertEquals("b", sim.active());
        sim.assertLastChange(Optional.of(S1), "b", "c", FailoverCause.PARTITIONED, 20_000, 20_000);
        assertEquals(List.of(new Partition(S1, List.of(S1, S3), List.of("c", "a"))), lastPartitions());
        assertEquals(S2_CUT, decisions(PartitionsChanged.class).getLast().links());
        // the active gateway's own order no longer lists the gateways it cannot reach
        assertEquals(List.of("b"), decisions(ElectionOrderChanged.class).getLast().order());
        assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.ACTIVE), states());
        assertEquals(List.of(new PartitionSnapshot(S1, List.of(S1, S3), Optional.of("c")),
            new PartitionSnapshot(S2, List.of(S2), Optional.of("b"))), sim.snapshot().partitions());
    }

    @Test
    void theLinksComingBackSteerThePartitionToTheClustersActiveGateway() {
        start(Sim.config(A, B, C));
        sim.links(S2_CUT);
        sim.runTo(30_000);
        sim.links(WHOLE);

        sim.assertLastChange(Optional.of(S1), "c", "b", FailoverCause.PARTITION_HEALED, 30_000, 30_000);
        assertEquals(List.of(), lastPartitions());
        assertEquals(List.of("b", "c", "a"), decisions(ElectionOrderChanged.class).getLast().order());
        assertEquals(List.of(GatewayState.PASSIVE, GatewayState.ACTIVE, GatewayState.PASSIVE), states());
        assertEquals(List.of(), sim.snapshot().partitions());
    }

    @Test
    void aPartitionWithoutAGatewayElectsNobody() {
        start(Sim.config(A, B, C));
        final int changes = sim.changes().size();
        sim.links(linked(List.of(List.of(S1, S2), List.of(S3))));

        assertEquals(changes, sim.changes().size());
        assertEquals(List.of(new Partition(S3, List.of(S3), List.of())), lastPartitions());
        assertEquals(List.of(new PartitionSnapshot(S1, List.of(S1, S2), Optional.of("b")),
            new PartitionSnapshot(S3, List.of(S3), Optional.empty())), sim.snapshot().partitions());
    }

    @Test
    void withinAPartitionTheActiveFailsOverToTheNextLiveGateway() {
        start(Sim.config(A, B, C));
        sim.links(S2_CUT);
        sim.runTo(21_000);
        sim.port("c", false);

        sim.assertLastChange(Optional.of(S1), "c", "a", FailoverCause.PORT_DOWN, 21_000, 21_000);
        assertEquals(List.of(new Partition(S1, List.of(S1, S3), List.of("a"))), lastPartitions());
        assertEquals("b", sim.active());
    }

    @Test
    void aBetterGatewayPreemptsWithinThePartitionOnceUpForTheDelay() {
        start(Sim.withPreempt(Sim.config(A, B, C), true, 2000));
        sim.port("c", false);
        sim.links(S2_CUT);
        sim.assertLastChange(Optional.of(S1), "b", "a", FailoverCause.PARTITIONED, 20_000, 20_000);
        sim.runTo(21_000);
        sim.port("c", true);

        // heard steadily from 22 s: up at 25 s (hold-up), preempts at 27 s (delay)
        sim.runTo(26_999);
        assertEquals("a", sim.lastChange().to());
        sim.runTo(27_000);
        sim.assertLastChange(Optional.of(S1), "a", "c", FailoverCause.PREEMPTED, 27_000, 27_000);
    }

    @Test
    void withoutPreemptionThePartitionsActiveGatewayKeepsTheRole() {
        start(Sim.withPreempt(Sim.config(A, B, C), false, 0));
        sim.port("c", false);
        sim.links(S2_CUT);
        sim.runTo(21_000);
        sim.port("c", true);
        sim.runTo(40_000);

        sim.assertLastChange(Optional.of(S1), "b", "a", FailoverCause.PARTITIONED, 20_000, 20_000);
        assertEquals(List.of(new Partition(S1, List.of(S1, S3), List.of("a", "c"))), lastPartitions());
    }

    @Test
    void aPartitionWhoseOnlyGatewayFailsKeepsSteeringToItAndItIsBackAfterTheHoldUp() {
        start(Sim.config(A, B));
        sim.links(S2_CUT);
        sim.runTo(21_000);
        final int changes = sim.changes().size();
        sim.port("a", false);
        sim.runTo(21_500);
        sim.port("a", true);

        // heard steadily from 22 s: up at 25 s
        sim.runTo(24_999);
        assertEquals(GatewayState.DOWN, sim.state("a"));
        sim.runTo(25_000);
        assertEquals(GatewayState.ACTIVE, sim.state("a"));
        assertEquals(changes, sim.changes().size());
        assertEquals(List.of(new Partition(S1, List.of(S1, S3), List.of("a"))), lastPartitions());
    }

    @Test
    void theClustersFailoverMovesTheMainPartitionAndThePartitionLeftBehindKeepsItsGateway() {
        start(Sim.config(A, B, C));
        sim.links(S2_CUT);
        sim.runTo(21_000);
        final int changes = sim.changes().size();
        sim.port("b", false);

        // c, already steered to by switches 1 and 3, is now the cluster's active gateway; switch 2 keeps b
        assertEquals(changes + 1, sim.changes().size());
        sim.assertLastChange("b", "c", FailoverCause.PORT_DOWN, 21_000, 21_000);
        assertEquals(List.of(new Partition(S2, List.of(S2), List.of("b"))), lastPartitions());
        assertEquals(List.of(new PartitionSnapshot(S1, List.of(S1, S3), Optional.of("c")),
            new PartitionSnapshot(S2, List.of(S2), Optional.of("b"))), sim.snapshot().partitions());
    }

    @Test
    void twoCutOffPartitionsThatMergeKeepTheBetterOfTheirGateways() {
        start(Sim.config(A, B, on(Sim.C, S3)));
        sim.links(linked(List.of(List.of(S1), List.of(S2), List.of(S3))));
        assertEquals(List.of(new Partition(S1, List.of(S1), List.of("a")), new Partition(S3, List.of(S3),
            List.of("c"))), lastPartitions());
        sim.runTo(21_000);
        sim.links(S2_CUT);

        sim.assertLastChange(Optional.of(S1), "a", "c", FailoverCause.PARTITION_HEALED, 21_000, 21_000);
        assertEquals(List.of(new Partition(S1, List.of(S1, S3), List.of("c", "a"))), lastPartitions());
    }

    @Test
    void nothingSplitsWhileTheLinksAreBeingFound() {
        sim.configure(Sim.withHostSwitches(Sim.config(A, B, C), S3));
        sim.links(S2_CUT);
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(14_999);
        assertEquals(List.of(), sim.snapshot().partitions());
        assertEquals(List.of(), decisions(PartitionsChanged.class).getLast().partitions());

        sim.runTo(15_000);
        sim.assertLastChange(Optional.of(S1), "b", "c", FailoverCause.PARTITIONED, 15_000, 15_000);
    }

    @Test
    void withoutATopologyNothingSplits() {
        sim.configure(Sim.withHostSwitches(Sim.config(A, B, C), S3));
        sim.apply(new Event.LinksChanged(Optional.empty(), 0));
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(60_000);

        assertEquals(List.of(), sim.snapshot().partitions());
        assertEquals(List.of(), decisions(PartitionsChanged.class));
        assertEquals(List.of(FailoverCause.STARTUP), sim.changes().stream().map(ActiveGatewayChanged::cause).toList());
    }

    /**
     * From 20 s to 40 s the controller is disconnected from switch 2: b cannot be heard, and the topology drops switch
     * 2's links; nothing splits. Then switch 2 is back, b heard again.
     */
    private void switch2AwayFrom20To40Seconds() {
        start(Sim.config(A, B, C));
        sim.silence("b");
        sim.disconnect(S2);
        sim.links(linked(List.of(List.of(S1, S3))));
        sim.runTo(40_000);
        assertEquals(List.of(), sim.snapshot().partitions());
        // switch 2 keeps forwarding: the other switches keep steering toward it as before
        assertEquals(WHOLE, decisions(PartitionsChanged.class).getLast().links());
        sim.reconnect(S2);
        sim.send("b");
    }

    @Test
    void aSwitchTheControllerLostKeepsItsPartitionUntilTheLinksPlaceItAfterItIsBack() {
        switch2AwayFrom20To40Seconds();
        // its links are not found: split 15 s after it is back
        sim.runTo(54_999);
        assertEquals(List.of(), sim.snapshot().partitions());
        sim.runTo(55_000);
        sim.assertLastChange(Optional.of(S1), "b", "c", FailoverCause.PARTITIONED, 55_000, 55_000);
    }

    @Test
    void aSwitchBackWithItsLinksNeverSplits() {
        switch2AwayFrom20To40Seconds();
        sim.runTo(45_000);
        sim.links(WHOLE);
        sim.runTo(80_000);

        assertEquals(List.of(), decisions(PartitionsChanged.class).getLast().partitions());
        assertEquals(List.of(FailoverCause.STARTUP), sim.changes().stream().map(ActiveGatewayChanged::cause).toList());
    }

    @Test
    void aSwitchBackWithOnlyOneDirectionOfItsLinkFoundStaysWhereItWas() {
        switch2AwayFrom20To40Seconds();
        sim.runTo(42_000);
        // LLDP has found switch 2 -> switch 1 but not yet the way back
        sim.links(linked(List.of(List.of(S1, S3))).withHop(S2, S1, 101));
        sim.runTo(44_000);
        sim.links(WHOLE);
        sim.runTo(80_000);

        assertEquals(List.of(FailoverCause.STARTUP), sim.changes().stream().map(ActiveGatewayChanged::cause).toList());
    }

    @Test
    void aClusterConfiguredWhileItsLinksAreStillBeingFoundIsNotSplitForTheDiscoveryTime() {
        // links long known, but switch 2's way back lost while nothing punted LLDP: the cluster's flows bring it back
        sim.links(linked(List.of(List.of(S1, S3))).withHop(S2, S1, 101));
        sim.runTo(30_000);
        sim.configure(Sim.withHostSwitches(Sim.config(A, B, C), S3));
        sim.send("a");
        sim.send("b");
        sim.send("c");
        sim.runTo(32_000);
        sim.links(WHOLE);
        sim.runTo(60_000);

        assertEquals(List.of(), sim.snapshot().partitions());
        assertEquals(List.of(FailoverCause.STARTUP), sim.changes().stream().map(ActiveGatewayChanged::cause).toList());
    }

    @Test
    void aSwitchLostForLongerThanThirtySecondsNoLongerHoldsTheOthersToItsGateway() {
        start(Sim.config(A, B, C));
        sim.silence("b");
        sim.disconnect(S2);
        sim.links(linked(List.of(List.of(S1, S3))));
        sim.runTo(49_999);
        assertEquals(List.of(), sim.snapshot().partitions());

        // switch 2 may be gone for good: the hosts elsewhere are steered to the best gateway they still reach
        sim.runTo(50_000);
        sim.assertLastChange(Optional.of(S1), "b", "c", FailoverCause.PARTITIONED, 50_000, 50_000);
        // b, behind the lost switch, is not judged: its switch may still carry its own hosts to it
        assertEquals("b", sim.active());

        sim.reconnect(S2);
        sim.send("b");
        sim.runTo(52_000);
        sim.links(WHOLE);
        sim.assertLastChange(Optional.of(S1), "c", "b", FailoverCause.PARTITION_HEALED, 52_000, 52_000);
    }
}
