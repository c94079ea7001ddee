/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static net.gwha.impl.fixtures.LabClusters.S2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.gwha.impl.config.EngineConfigs;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/** The programmer between a real engine and a recording writer: which plans it makes of the engine's decisions. */
class FlowProgrammerTest {
    private static final Cluster LAB = LabClusters.builder(LabClusters.gateway(1, 200, S1, 11),
        LabClusters.gateway(2, 150, S1, 12), LabClusters.gateway(3, 100, S1, 13)).setUseAdvertisedPriority(true)
        .build();

    private final RecordingSink sink = new RecordingSink();
    private final Engine engine = new Engine();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final FlowProgrammer programmer = new FlowProgrammer(sink, FlowPlanner.Options.DEFAULT,
        (cluster, decided, confirmed) -> { }, new SteeringLoop(scheduler), scheduler::nanoTime);

    /** An event for the engine, its decisions for the programmer, which acts on them. */
    private void engine(final Event event) {
        programmer.onDecisions(engine.apply(event).decisions());
        scheduler.runDue();
    }

    /** gw1 heard and elected. */
    private void elected() {
        programmer.configured(LAB);
        engine(new Event.ConfigSet(EngineConfigs.of(LAB), scheduler.nanoTime()));
        engine(heartbeat("gw1", 200, scheduler.nanoTime()));
    }

    /** gw1 elected, gw2 and gw3 heard: the steady plan, gw1 first. */
    private Plan allHeard() {
        elected();
        engine(heartbeat("gw2", 150, scheduler.nanoTime()));
        engine(heartbeat("gw3", 100, scheduler.nanoTime()));
        return sink.plans.getLast();
    }

    /** Whether a failover's plan holds the steady plan's own punt flow: made ahead, not planned afresh. */
    private static boolean madeAhead(final Plan steady, final Plan failover) {
        return steady.switches().get(S1).flows().get("gwha--vrrp-11")
            == failover.switches().get(S1).flows().get("gwha--vrrp-11");
    }

    private static FlowPlanner.Host host(final int number) {
        return new FlowPlanner.Host(S1, new MacAddress(String.format("02:00:00:00:01:%02x", number)),
            "192.0.2." + (100 + number), LabClusters.VIP);
    }

    /** The hosts the last plan has the switch answer. */
    private Set<String> answered() {
        return sink.plans.getLast().switches().get(S1).flows().keySet().stream()
            .filter(id -> id.contains("-arp-reply-")).map(id -> id.substring(id.lastIndexOf('-') + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Event heartbeat(final String gateway, final int priority, final long nanos) {
        return new Event.HeartbeatReceived("lab", gateway, AddressFamily.IPV4, priority, 100, nanos);
    }

    /** The watch ports of the steering group's buckets in the last plan, in bucket order. */
    private List<Uint32> buckets() {
        final var group = sink.plans.getLast().switches().get(S1).groups().get(0x47573300L);
        return group == null ? List.of() : group.getBuckets().nonnullBucket().values().stream()
            .map(bucket -> bucket.getWatchPort()).toList();
    }

    @Test
    void bucketsAreTheEnginesElectionOrderWithoutGatewaysNeverHeard() {
        elected();
        // gw3 is configured at 100 but advertises 180, and the cluster counts advertised priorities; gw2 (150) is
        // configured, never heard: no bucket may send traffic to it.
        engine(heartbeat("gw3", 180, scheduler.nanoTime()));

        assertEquals(List.of(Uint32.valueOf(11), Uint32.valueOf(13)), buckets());

        // gw2 is heard at last, advertising 190: the engine ranks it before gw3.
        engine(heartbeat("gw2", 190, scheduler.nanoTime()));
        assertEquals(List.of(Uint32.valueOf(11), Uint32.valueOf(12), Uint32.valueOf(13)), buckets());
    }

    /** A flow of a predecessor's plan for a cluster with one host learned, by its id's role. */
    private static org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow
            predecessors(final Cluster cluster, final FlowPlanner.Host learned, final String role) {
        return FlowPlanner.plan(cluster, List.of("gw1"), List.of(), SwitchLinks.none(), FlowPlanner.Options.DEFAULT,
            List.of(learned)).switches().get(S1).flows().entrySet().stream()
            .filter(entry -> entry.getKey().contains(role)).findFirst().orElseThrow().getValue();
    }

    @Test
    void aHostThePreviousArbiterLearnedIsTakenOnFromItsResponderOnTheSwitch() {
        elected();
        final var responder = predecessors(LAB, host(1), "-arp-reply-");

        assertTrue(programmer.adopt(S1, responder.getCookie().getValue().longValue(), responder.getMatch()));
        assertEquals(Set.of("020000000101"), answered());
        // Known now: nothing new.
        assertFalse(programmer.adopt(S1, responder.getCookie().getValue().longValue(),
            responder.getMatch()));
        // Not a responder, another cluster's responder, or one for an address that is not this cluster's VIP.
        final var steer = predecessors(LAB, host(1), "-steer");
        assertFalse(programmer.adopt(S1, steer.getCookie().getValue().longValue(), steer.getMatch()));
        final var other = predecessors(new ClusterBuilder(LAB).setName(new ClusterName("other")).build(), host(1),
            "-arp-reply-");
        assertFalse(programmer.adopt(S1, other.getCookie().getValue().longValue(), other.getMatch()));
        final var elsewhere = predecessors(
            new ClusterBuilder(LAB).setVirtualIp(LabClusters.vips("192.0.2.253")).build(),
            new FlowPlanner.Host(S1, host(2).mac(), host(2).ip(), "192.0.2.253"), "-arp-reply-");
        assertFalse(programmer.adopt(S1, elsewhere.getCookie().getValue().longValue(),
            elsewhere.getMatch()));
        assertEquals(Set.of("020000000101"), answered());
    }

    @Test
    void learnedHostsAreForgottenAfterTheirTimeToLiveAndTheSwitchIdlesThemOutLater() {
        elected();
        programmer.hostAsked("lab", host(1));
        scheduler.advance(FlowProgrammer.HOST_BATCH);
        assertEquals(Set.of("020000000101"), answered());
        final var flow = sink.plans.getLast().switches().get(S1).flows().values().stream()
            .filter(candidate -> candidate.getId().getValue().contains("-arp-reply-")).findFirst().orElseThrow();
        assertEquals(FlowPlanner.HOST_IDLE_SECONDS, flow.getIdleTimeout().intValue());
        assertTrue(FlowProgrammer.HOST_TTL.toSeconds() < FlowPlanner.HOST_IDLE_SECONDS,
            "the controller forgets a host before its switch entry idles out");

        scheduler.advance(FlowProgrammer.HOST_TTL.minusSeconds(10));
        programmer.hostAsked("lab", host(2));
        scheduler.advance(FlowProgrammer.HOST_BATCH);
        assertEquals(Set.of("020000000101", "020000000102"), answered());

        // host 1 asked a time to live ago
        scheduler.advance(Duration.ofSeconds(10).minus(FlowProgrammer.HOST_BATCH));
        assertEquals(Set.of("020000000102"), answered());
        scheduler.advance(FlowProgrammer.HOST_TTL);
        assertEquals(Set.of(), answered());
        assertEquals(0, scheduler.queued(), "nothing left to expire, no timer left");
    }

    /**
     * mac-and-ip-rewrite: a host that asked for its default gateway's VIP and later for a second one keeps getting
     * the active gateway's replies from the first (in the lab, taking the lowest instead made the .254 service
     * answer from .253 as soon as the client had asked for .253).
     */
    @Test
    void aHostsFirstVirtualIpKeepsItsReplies() {
        final var twoVips = new ClusterBuilder(LAB).setSteeringMode(SteeringMode.MacAndIpRewrite)
            .setVirtualIp(LabClusters.vips("192.0.2.254", "192.0.2.253")).build();
        programmer.configured(twoVips);
        engine(new Event.ConfigSet(EngineConfigs.of(twoVips), scheduler.nanoTime()));
        engine(heartbeat("gw1", 200, scheduler.nanoTime()));
        final var mac = new MacAddress("02:00:00:00:00:0a");
        programmer.hostAsked("lab", new FlowPlanner.Host(S1, mac, "192.0.2.10", "192.0.2.254"));
        scheduler.advance(FlowProgrammer.HOST_BATCH);
        programmer.hostAsked("lab", new FlowPlanner.Host(S1, mac, "192.0.2.10", "192.0.2.253"));
        scheduler.advance(FlowProgrammer.HOST_BATCH);

        final var returns = sink.plans.getLast().switches().get(S1).flows().entrySet().stream()
            .filter(flow -> flow.getKey().contains("-return-")).map(flow -> Describe.flow(flow.getValue())).toList();
        assertEquals(1, returns.size(), returns::toString);
        assertTrue(returns.getFirst().contains("set_field:192.0.2.254/32->ip_src"), returns::toString);
        assertEquals(Set.of("02000000000a"), answered());
    }

    @Test
    void aHostScanFillsAClusterOnlyUpToItsBound() {
        elected();
        for (int batch = 0; batch < 5; batch++) {
            for (int i = 0; i < 250; i++) {
                programmer.hostAsked("lab", new FlowPlanner.Host(S1, new MacAddress(String.format(
                    "02:00:00:%02x:%02x:%02x", batch, i / 256, i % 256)), "198.51.100." + i, LabClusters.VIP));
            }
            scheduler.advance(FlowProgrammer.HOST_BATCH);
        }

        assertEquals(FlowProgrammer.MAX_HOSTS, answered().size());
        scheduler.advance(FlowProgrammer.HOST_TTL);
        assertEquals(Set.of(), answered(), "and not for good");
    }

    @Test
    void aFailoversSteeringIsWrittenBeforeHostsQueuedAheadOfIt() {
        elected();
        engine(heartbeat("gw2", 150, scheduler.nanoTime()));
        sink.plans.clear();
        for (int i = 1; i <= 50; i++) {
            programmer.hostAsked("lab", host(i));
        }
        // The hosts' batch falls due while the loop is busy; gw1 is put into maintenance just then.
        scheduler.stall(FlowProgrammer.HOST_BATCH);
        engine(new Event.Maintenance("lab", "gw1", true, scheduler.nanoTime()));

        assertEquals(2, sink.plans.size());
        assertEquals(Set.of(), hostsIn(sink.plans.getFirst()), "the failover's plan waits for no host");
        assertEquals("gwha-lab-steer", steerTarget(sink.plans.getFirst()));
        assertEquals(50, hostsIn(sink.plans.getLast()).size());
    }

    /**
     * The active gateway's failure leaves the others in their order: that plan is made while the cluster is steady,
     * so that the failover only writes it. It is the plan of the failover's order, holding the steady plan's own
     * entries wherever they stay, which the writer's comparison then finds unchanged by identity.
     */
    @Test
    void theActiveGatewaysFailureWritesThePlanMadeForItAhead() {
        final var steady = allHeard();
        scheduler.advance(FlowProgrammer.PREPARE_QUIET);

        engine(new Event.Maintenance("lab", "gw1", true, scheduler.nanoTime()));

        final var failover = sink.plans.getLast();
        assertEquals(List.of(Uint32.valueOf(12), Uint32.valueOf(13)), buckets());
        assertEquals(FlowPlanner.plan(LAB, List.of("gw2", "gw3")), failover);
        assertTrue(madeAhead(steady, failover), "made ahead, sharing the steady plan's");
    }

    /** Clusters on other switches leave the shares a plan made ahead was made from alone: it still serves. */
    @Test
    void aClusterConfiguredOnAnotherSwitchLeavesAPlanMadeAheadInUse() {
        final var steady = allHeard();
        scheduler.advance(FlowProgrammer.PREPARE_QUIET);
        programmer.configured(LabClusters.builder(LabClusters.gateway(1, 100, S2, 11),
            LabClusters.gateway(2, 200, S2, 12)).setName(new ClusterName("far")).setVrid(Uint8.valueOf(53))
            .setVirtualIp(LabClusters.vips("192.0.2.252")).build());

        engine(new Event.Maintenance("lab", "gw1", true, scheduler.nanoTime()));

        final var failover = sink.plans.stream().filter(plan -> plan.cluster().equals("lab")).toList().getLast();
        assertEquals(FlowPlanner.plan(LAB, List.of("gw2", "gw3")), failover);
        assertTrue(madeAhead(steady, failover), "made ahead");
    }

    /** Nothing is planned ahead while planning goes on: a burst of configurations is written first. */
    @Test
    void clustersArePlannedAheadOnlyOncePlanningHasPaused() {
        final var steady = allHeard();
        scheduler.advance(FlowProgrammer.PREPARE_QUIET.minusMillis(1));

        engine(new Event.Maintenance("lab", "gw1", true, scheduler.nanoTime()));

        final var failover = sink.plans.getLast();
        assertEquals(FlowPlanner.plan(LAB, List.of("gw2", "gw3")), failover);
        assertFalse(madeAhead(steady, failover), "planned afresh");
    }

    /**
     * A plan made ahead is not written once anything it was made from changed: here another cluster comes onto the
     * same ports in a configuration still being handed over, which resizes their shared heartbeat meters.
     */
    @Test
    void aPlanMadeAheadIsNotWrittenOnceWhatItWasMadeFromChanged() {
        allHeard();
        scheduler.advance(FlowProgrammer.PREPARE_QUIET);
        final var pair = LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 200, S1, 12))
            .setName(new ClusterName("pair")).setVrid(Uint8.valueOf(52))
            .setVirtualIp(LabClusters.vips("192.0.2.253")).build();
        programmer.burstStarts();
        programmer.configured(pair);

        engine(new Event.Maintenance("lab", "gw1", true, scheduler.nanoTime()));

        final var failover = sink.plans.getLast();
        assertEquals(FlowPlanner.plan(LAB, List.of("gw2", "gw3"), List.of(), SwitchLinks.none(),
            FlowPlanner.Options.DEFAULT, List.of(), PuntShares.of(List.of(LAB, pair))), failover);
        assertNotEquals(FlowPlanner.plan(LAB, List.of("gw2", "gw3")), failover, "the port meters are both clusters'");
        programmer.burstEnds();
        scheduler.runDue();
        assertEquals("pair", sink.plans.getLast().cluster());
    }

    /**
     * The report's case: the best gateway, gw4, alone on switch 2; the link to switch 1 fails. The engine hears of
     * it as an event; its decision carries the links and the partition, and switch 1 steers to its own gateways.
     */
    @Test
    void aSwitchCutOffFromTheActiveGatewayIsSteeredToTheBestGatewayItStillReaches() {
        final var lan = LabClusters.twoSwitches(SteeringMode.MacRewrite);
        programmer.configured(lan);
        engine(new Event.ConfigSet(EngineConfigs.of(lan), scheduler.nanoTime()));
        engine(new Event.LinksChanged(Optional.of(SwitchLinks.none().withHop(S1, S2, LabClusters.UPLINK)
            .withHop(S2, S1, LabClusters.UPLINK)), scheduler.nanoTime()));
        // heard every second until the links have been known long enough to prove a cut
        for (int second = 0; second <= 16; second++) {
            engine(heartbeat("gw1", 200, scheduler.nanoTime()));
            engine(heartbeat("gw2", 150, scheduler.nanoTime()));
            engine(heartbeat("gw4", 250, scheduler.nanoTime()));
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertEquals("actions=output:100", actions(S1));

        engine(new Event.LinksChanged(Optional.of(SwitchLinks.none()), scheduler.nanoTime()));

        assertEquals("actions=group:0x47573300", actions(S1));
        assertEquals(List.of(Uint32.valueOf(11), Uint32.valueOf(12)), buckets());
        assertEquals("actions=set_field:02:00:00:00:00:04->eth_dst,output:14", actions(S2));
    }

    /** The actions of the steering flow on a switch in the last plan. */
    private String actions(final String node) {
        final var flow = Describe.flow(sink.plans.getLast().switches().get(node).flows().get("gwha-lab-steer"));
        return flow.substring(flow.indexOf("actions="));
    }

    private static Set<String> hostsIn(final Plan plan) {
        return plan.switches().get(S1).flows().keySet().stream().filter(id -> id.contains("-arp-reply-"))
            .collect(Collectors.toSet());
    }

    /** The steering flow of a plan that sends to gw2 alone: a plain flow whose output is gw2's port. */
    private static String steerTarget(final Plan plan) {
        final var steer = plan.switches().get(S1).flows().get("gwha-lab-steer");
        assertEquals("table=0,priority=900,cookie=0x" + Long.toHexString(FlowIds.cookie("lab").getValue()
            .longValue()) + ",dl_dst=00:00:5e:00:01:33 actions=set_field:02:00:00:00:00:02->eth_dst,output:12",
            Describe.flow(steer));
        return steer.getId().getValue();
    }

    /** A writer that takes every plan at once. */
    /**
     * A cluster on the same router ports as another: the other is planned again beside it (the port's punt meter is
     * sized for both), once per burst of configurations, and again alone when it is deleted.
     */
    @Test
    void clustersSharingAPortArePlannedAgainWhenTheOtherComesOrGoes() {
        final var pair = LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 200, S1, 12))
            .setName(new ClusterName("pair"))
            .setVrid(Uint8.valueOf(52))
            .setVirtualIp(LabClusters.vips("192.0.2.253")).build();
        programmer.configured(LAB);
        programmer.configured(pair);
        scheduler.runDue();

        // Configured in one burst: each planned once, beside the other.
        assertEquals(List.of("lab", "pair"), sink.plans.stream().map(Plan::cluster).toList());
        final var beside = sink.plans.getFirst().switches().get(S1);
        assertEquals(Optional.of(0x47573301L), FlowEntries.meter(beside.flows().get("gwha--vrrp-11")));
        assertEquals(sink.plans.get(1).switches().get(S1).meters().get(0x47573301L),
            beside.meters().get(0x47573301L));

        programmer.configured(new ClusterBuilder(LAB).setPreempt(false).build());
        scheduler.runDue();
        // A later change of one plans it and, again, its neighbour.
        assertEquals(List.of("lab", "pair", "lab", "pair"), sink.plans.stream().map(Plan::cluster).toList());

        programmer.removed("lab");
        scheduler.runDue();
        assertEquals(List.of("lab"), sink.removed);
        final var alone = sink.plans.getLast();
        assertEquals("pair", alone.cluster());
        assertEquals(Optional.of(0x47573401L), FlowEntries.meter(alone.switches().get(S1).flows()
            .get("gwha--vrrp-11")));
    }

    /** A programmer whose plans go through the ledger: the clusters planned, in order, and the changes they made. */
    private FlowProgrammer ledgered(final FlowLedger ledger, final List<String> planned, final List<Change> changes) {
        return new FlowProgrammer(new RecordingSink(plan -> {
            planned.add(plan.cluster());
            changes.addAll(ledger.apply(plan));
        }), FlowPlanner.Options.DEFAULT, (cluster, decided, confirmed) -> { }, new SteeringLoop(scheduler),
            scheduler::nanoTime);
    }

    /**
     * Many clusters on the same router ports configured in one burst (one request): the ports' shared heartbeat
     * meters are added once, sized for all, and never replaced; sized cluster by cluster they were replaced with
     * every cluster added, taking the port's heartbeat punt off the switch each time.
     */
    @Test
    void aBurstOfClustersOnOnePortAddsItsMeterOnceAndNeverReplacesIt() {
        final var ledger = new FlowLedger();
        final var planned = new ArrayList<String>();
        final var changes = new ArrayList<Change>();
        final var ledgered = ledgered(ledger, planned, changes);
        final int clusters = 40;
        for (int i = 1; i <= clusters; i++) {
            ledgered.configured(LabClusters.builder(LabClusters.gateway(1, 100, S1, 11),
                LabClusters.gateway(2, 200, S1, 12)).setName(new ClusterName("c" + i)).setVrid(Uint8.valueOf(i))
                .setVirtualIp(LabClusters.vips("192.0.2." + i)).build());
        }
        ledgered.loaded();
        scheduler.runDue();

        assertEquals(clusters, planned.size(), "each cluster planned once");
        assertEquals(clusters, Set.copyOf(planned).size());
        final var meters = changes.stream().filter(change -> change instanceof Change.MeterChange).map(
            change -> (Change.MeterChange) change).toList();
        assertEquals(List.of(), meters.stream().filter(meter -> meter.before() != null).toList(),
            "no meter replaced or removed");
        final var portMeter = ledger.applied(S1).meters().get(0x47570101L);
        assertEquals(1, meters.stream().filter(meter -> meter.id() == 0x47570101L).count());
        assertEquals(portMeter, meters.stream().filter(meter -> meter.id() == 0x47570101L).findFirst().orElseThrow()
            .after());
    }

    /**
     * One request with many clusters on the same ports, handed over one at a time with the loop free to run in
     * between (as the engine hands them over): nothing is planned until the whole notification is in, then each
     * cluster once and the ports' meters added once. Planned as they came, every cluster added re-planned all its
     * neighbours and replaced the ports' meters.
     */
    @Test
    void aNotificationHandedOverOneClusterAtATimeIsPlannedOnceItIsAllIn() {
        final var ledger = new FlowLedger();
        final var planned = new ArrayList<String>();
        final var changes = new ArrayList<Change>();
        final var ledgered = ledgered(ledger, planned, changes);
        ledgered.configured(onPorts11And12(1));
        scheduler.runDue();
        assertEquals(List.of("c1"), planned, "a cluster configured on its own is planned at once");

        ledgered.burstStarts();
        final int clusters = 40;
        for (int i = 2; i <= clusters; i++) {
            ledgered.configured(onPorts11And12(i));
            scheduler.runDue();
        }
        assertEquals(1, planned.size(), "nothing planned before the notification is all in");
        ledgered.burstEnds();
        scheduler.runDue();

        final var round = planned.subList(1, planned.size());
        assertEquals(clusters, round.size(), "each cluster planned once, c1 again beside the others: " + round);
        assertEquals(clusters, Set.copyOf(round).size());
        final var portMeter = changes.stream().filter(change -> change instanceof Change.MeterChange meter
            && meter.id() == 0x47570101L).map(change -> (Change.MeterChange) change).toList();
        assertEquals(2, portMeter.size(), "the port's meter added for c1, then changed once for all: " + portMeter);
        assertEquals(ledger.applied(S1).meters().get(0x47570101L), portMeter.getLast().after());
    }

    private static Cluster onPorts11And12(final int number) {
        return LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 200, S1, 12))
            .setName(new ClusterName("c" + number)).setVrid(Uint8.valueOf(number))
            .setVirtualIp(LabClusters.vips("192.0.2." + number)).build();
    }

    static final class RecordingSink implements FlowSink {
        final List<Plan> plans = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        private final Consumer<Plan> applied;

        RecordingSink() {
            this(plan -> { });
        }

        RecordingSink(final Consumer<Plan> applied) {
            this.applied = applied;
        }

        @Override
        public ListenableFuture<Long> apply(final Plan plan) {
            plans.add(plan);
            applied.accept(plan);
            return Futures.immediateFuture(0L);
        }

        @Override
        public ListenableFuture<Long> remove(final String cluster) {
            removed.add(cluster);
            return Futures.immediateFuture(0L);
        }

        @Override
        public void own(final String cluster, final Owned cookiesAndGroups) {
            // reconciliation is the writer's business
        }

        @Override
        public void loaded() {
            // same
        }
    }
}
