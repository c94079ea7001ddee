/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gateway HA in the three-node cluster, with the lab's switches connected to all three nodes: configured through one
 * node, the virtual IP answers from the best gateway; when the arbiter's node, also the OpenFlow master of the
 * gateways' switch, is killed (SIGKILL) the virtual IP goes on answering from that gateway, its flows staying in the
 * switch, while another node takes the arbiter's role over; a gateway frozen after that fails over, its heartbeats
 * relayed to the new arbiter by the switch's OpenFlow master on another node, once; the killed node boots again and
 * rejoins while the virtual IP keeps answering. The tests go on from each other's state, in order. Shares
 * {@link ClusterIT}'s cluster and tag; on top of its boot it costs the lab and the killed node's restart.
 */
@Tag(ClusterIT.TAG)
@Tag(ClusterFailoverIT.TAG)
@ExtendWith(OdlClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(TestClassOrder.CLUSTER_LAB)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {
    /** This class alone, of the cluster's tests: {@code -DexcludedGroups=cluster-lab} leaves it out. */
    static final String TAG = "cluster-lab";
    // The figures measured, beside the test's output (surefire keeps no JUnit report entries).
    private static final System.Logger LOG = System.getLogger(ClusterFailoverIT.class.getName());
    private static final String CONFIG = "/data/gwha:clusters/cluster=lab";
    private static final String STATE = "/data/gwha:cluster-states/cluster-state=lab";
    private static final List<String> GATEWAYS = List.of("gw1", "gw2", "gw3", "gw4");
    // FailoverIT's cluster: heartbeats every 100 ms, dead after 300 ms of silence.
    private static final int DEAD_INTERVAL_MS = 300;
    // Scheduling on two cores shared with three JVMs, the probe's resolution.
    private static final int MARGIN_MS = 700;
    /**
     * Tells a relayed failover that went its way from one that waited for something (the 12 s grace of a relayed
     * switch gone silent, the 15 s of a switch not heard yet): its speed is bench-cluster's to measure. In CI on an
     * otherwise idle machine the arbiter's node was held up for 1.1 s right after the decision and the flows, written
     * through another node, came 1.6 s after it.
     */
    private static final int RELAYED_FAILOVER_MS = 5000;
    /**
     * A new arbiter: Pekko's detection (4 to 6 s measured, see the README), the previous state read, the lease it
     * waits out; on a loaded machine.
     */
    private static final Duration TAKEOVER = Duration.ofSeconds(90);
    /**
     * Longer than an arbiter on the oldest member drives election before it hands the role over (30 s, and 3 s
     * until it stands again; README, the arbiter's place).
     */
    private static final Duration ARBITER_PLACED = Duration.ofSeconds(40);
    /**
     * Heartbeats alone reach the datastore with the live write every 10 s; after the kill, a transaction the killed
     * node had readied holds the operational shard until the shard's commit timeout (15 s, checked every 5 s).
     */
    private static final Duration LIVE_WRITE = Duration.ofSeconds(45);
    /** A switch's OpenFlow master moving to another node: its device closes on one, opens on the other. */
    private static final Duration MASTER_MOVE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int SETTLE_S = 60;
    private static final int RESTART_PROBE_S = OdlCluster.BOOT_TIMEOUT_S + 180;

    private final OdlCluster cluster;
    private final Lab lab;
    // the node killed and not booted again yet, 0 for none
    private int killed;

    ClusterFailoverIT(final OdlCluster cluster) {
        this.cluster = cluster;
        lab = new Lab('c', cluster.openflowTargets(), "0.1");
    }

    // A lab that failed half-way up must not leave namespaces and processes behind.
    @BeforeAll
    @SuppressWarnings("checkstyle:IllegalCatch")
    void labUp() {
        try {
            lab.upGatewaysOnly();
        } catch (RuntimeException e) {
            lab.down();
            throw e;
        }
    }

    /** The cluster whole again for whatever runs next, whatever failed: configuration gone, lab down, node back. */
    @AfterAll
    void restored() {
        try {
            cluster.restconf(live().getFirst()).delete(CONFIG);
        } finally {
            try {
                lab.down();
            } finally {
                if (killed != 0) {
                    cluster.restart(killed);
                    killed = 0;
                }
            }
        }
    }

    /** A test that failed half-way leaves no gateway frozen and no probe running for the next. */
    @AfterEach
    void thawed() {
        lab.probeDiscard();
        GATEWAYS.forEach(lab::thaw);
    }

    @Test
    @Order(1)
    void configuredThroughOneNodeTheVipAnswersFromTheBestGateway() {
        final int arbiter = awaitOwner("gwha-engine", OdlCluster.NODES, SETTLE_S);
        // Through a node that does not drive election: the configuration reaches the arbiter through the datastore.
        final int node = OdlCluster.NODES.stream().filter(n -> n != arbiter).findFirst().orElseThrow();
        final var put = cluster.restconf(node).put(CONFIG, FailoverIT.clusterJson(true));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());

        lab.waitConnected(60);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1");
        final var probe = lab.probe(2);
        assertEquals(List.of("gw1"), probe.gateways(), probe.toString());
        assertTrue(probe.maxGapMillis() < 50, probe.toString());
    }

    @Test
    @Order(2)
    void arbitersNodeKilledTheVipKeepsAnsweringWhileAnotherNodeTakesOver() {
        final int arbiter = awaitOwner("gwha-engine", OdlCluster.NODES, SETTLE_S);
        // The harder case: the switch's OpenFlow master dies with the arbiter, so its packet-ins pause too.
        placeMaster(arbiter, true);
        lab.probeStart(RESTART_PROBE_S);
        final var killedAt = Instant.now();
        cluster.kill(arbiter);
        killed = arbiter;

        final int next = awaitOwner("gwha-engine", live(), (int) TAKEOVER.toSeconds());
        assertNotEquals(arbiter, next);
        // It hears gw1: until then a new arbiter shows the last heartbeat its predecessor wrote.
        await("node " + next + " writes a heartbeat of gw1 heard after the kill").atMost(LIVE_WRITE).pollInterval(POLL)
            .until(() -> lastHeard(next, "gw1"), heard -> heard.isAfter(killedAt));
        final var probe = lab.probeStop();

        LOG.log(Level.INFO, "killed node {0}, openflow:1''s master too; node {1} drives election and has heard gw1 {2}"
            + " ms after the kill; longest VIP gap {3} ms, answered by {4}", arbiter, next,
            Duration.between(killedAt, Instant.now()).toMillis(), probe.longestSilenceMillis(), probe.gateways());
        assertEquals(List.of("gw1"), probe.gateways(), "the VIP stayed on gw1: " + probe);
        assertTrue(probe.longestSilenceMillis() < MARGIN_MS, "the VIP kept answering: " + probe);
        assertEquals("gw1", state(next).activeGateway(), "the new arbiter goes on with gw1");
    }

    @Test
    @Order(3)
    void frozenGatewayFailsOverUnderTheNewArbiterWithItsHeartbeatsRelayed() {
        assertNotEquals(0, killed, "goes on from the arbiter's node killed");
        final int arbiter = awaitPlacedArbiter();
        // The heartbeats reach the arbiter through the relay: another node is the switch's OpenFlow master.
        placeMaster(arbiter, false);

        final long last = lastFailover(arbiter);
        lab.probeStart(30, "gw2");
        lab.freeze("gw1");
        final var probe = lab.probeWait(40);

        LOG.log(Level.INFO, "gw1 frozen, arbiter node {0}, openflow:1''s master node {1}: failover gap {2} ms",
            arbiter, owner("openflow:1", live()).map(String::valueOf).orElse("?"), probe.maxGapMillis());
        assertEquals(List.of("gw1", "gw2"), probe.gateways(), probe.toString());
        // Once: a move back to the frozen gw1 and on again would not show in the probe but lengthen the gap.
        assertEquals(List.of("gw1 -> gw2"), failoversSince(arbiter, last));
        assertTrue(probe.maxGapMillis() < RELAYED_FAILOVER_MS, probe.toString());
        assertNotEquals(Optional.of(arbiter), owner("openflow:1", live()), "gw2's heartbeats came through the relay");

        lab.thaw("gw1");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "gw1, back, takes the VIP again");
    }

    @Test
    @Order(4)
    void killedNodeBootsAndRejoinsWhileTheVipKeepsAnswering() {
        assertNotEquals(0, killed, "goes on from the arbiter's node killed");
        final int arbiter = awaitOwner("gwha-engine", live(), SETTLE_S);
        lab.probeStart(RESTART_PROBE_S);
        final int node = killed;
        cluster.restart(node);
        killed = 0;
        lab.waitConnected(60);
        final var probe = lab.probeStop();

        // Not asserted: which gateway answered, and where the arbiter is. A boot starves the other nodes of these two
        // cores: relayed heartbeats stall (a gateway heard through another path may take the VIP for a moment), and
        // a node stalled for 3 s is unreachable, which moves the arbiter off it (README, A three-node cluster).
        final int after = awaitOwner("gwha-engine", OdlCluster.NODES, SETTLE_S);
        LOG.log(Level.INFO, "node {0} restarted: longest VIP gap {1} ms, answered by {2}; the arbiter on node {3},"
            + " before on node {4}", node, probe.longestSilenceMillis(), probe.gateways(), after, arbiter);
        assertTrue(probe.longestSilenceMillis() < MARGIN_MS, "the VIP kept answering: " + probe);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1");
    }

    /**
     * Makes the node the OpenFlow master of openflow:1 ({@code master}) or another node: the switch's connections to
     * the other nodes (to the node) are cut until its mastership has moved, and restored, which leaves the master as
     * it is. Then waits until the VIP answers from gw1 and every gateway is heard again, as the move may have paused
     * the switch's packet-ins.
     */
    private void placeMaster(final int node, final boolean master) {
        final var live = live();
        if ((awaitOwner("openflow:1", live, SETTLE_S) == node) != master) {
            lab.ctlCutTo(master ? live.stream().filter(other -> other != node).toList() : List.of(node), 1);
            try {
                await("openflow:1's master " + (master ? "moves to" : "moves off") + " node " + node)
                    .atMost(MASTER_MOVE).pollInterval(POLL).until(() -> owner("openflow:1", live),
                        owner -> owner.isPresent() && (owner.orElseThrow() == node) == master);
            } finally {
                lab.ctlRestore();
            }
        }
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1");
        final int arbiter = awaitOwner("gwha-engine", live, SETTLE_S);
        await("gw2 and gw3 passive").atMost(Duration.ofSeconds(SETTLE_S)).pollInterval(POLL)
            .until(() -> state(arbiter).gateways(), states -> "passive".equals(states.get("gw2"))
                && "passive".equals(states.get("gw3")));
    }

    /**
     * The arbiter once it stays where it is: the node that took over from the one killed may be the oldest member,
     * which hands the role on; the gateway frozen next must meet the arbiter that judges it.
     */
    private int awaitPlacedArbiter() {
        final var seen = new HashMap<Optional<Integer>, Instant>();
        return await("the arbiter stays on one node for " + ARBITER_PLACED.toSeconds() + " s")
            .atMost(ARBITER_PLACED.plus(TAKEOVER)).pollInterval(POLL)
            .until(() -> owner("gwha-engine", live()), owner -> {
                // Since when the nodes have seen this owner without a change.
                if (!seen.containsKey(owner)) {
                    seen.clear();
                    seen.put(owner, Instant.now());
                }
                return owner.isPresent() && Duration.between(seen.get(owner), Instant.now())
                    .compareTo(ARBITER_PLACED) >= 0;
            }).orElseThrow();
    }

    /** The nodes running: all but the one killed. */
    private List<Integer> live() {
        return OdlCluster.NODES.stream().filter(node -> node != killed).toList();
    }

    /** The node that owns the entity as all the nodes given agree, empty while they do not or none does. */
    private Optional<Integer> owner(final String entity, final List<Integer> nodes) {
        final var owners = nodes.stream().map(node -> cluster.serviceOwner(node, entity).orElse("none")).distinct()
            .toList();
        return owners.size() == 1 && owners.getFirst().matches("member-[123]")
            ? Optional.of(Integer.parseInt(owners.getFirst().substring("member-".length()))) : Optional.empty();
    }

    /** Waits until the nodes given agree on a live owner of the entity. */
    private int awaitOwner(final String entity, final List<Integer> nodes, final int seconds) {
        return await("nodes " + nodes + " agree on a live owner of " + entity).atMost(Duration.ofSeconds(seconds))
            .pollInterval(POLL).until(() -> owner(entity, nodes), owner -> owner.isPresent()
                && nodes.contains(owner.orElseThrow())).orElseThrow();
    }

    private Instant lastHeard(final int node, final String gateway) {
        final var response = cluster.restconf(node).get(STATE + "/gateway-state=" + gateway + "?content=nonconfig");
        if (response.status() != 200) {
            return Instant.EPOCH;
        }
        final var entry = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonArray("gwha:gateway-state").get(0).getAsJsonObject();
        return entry.has("last-heard") ? OffsetDateTime.parse(entry.get("last-heard").getAsString()).toInstant()
            : Instant.EPOCH;
    }

    /** The sequence number of the cluster's last failover as the node reads it, 0 if none. */
    private long lastFailover(final int node) {
        return failovers(node).keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The cluster's failovers after the one numbered {@code last}, as "from -> to", in order. */
    private List<String> failoversSince(final int node, final long last) {
        return failovers(node).entrySet().stream().filter(entry -> entry.getKey() > last)
            .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private Map<Long, String> failovers(final int node) {
        final var response = cluster.restconf(node).get(STATE + "?content=nonconfig");
        assertEquals(200, response.status(), response.toString());
        final var entry = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonArray("gwha:cluster-state").get(0).getAsJsonObject();
        final var events = new HashMap<Long, String>();
        if (entry.has("failover-event")) {
            for (var element : entry.getAsJsonArray("failover-event")) {
                final var event = element.getAsJsonObject();
                final var from = event.has("from-gateway") ? event.get("from-gateway").getAsString() : "none";
                events.put(event.get("sequence").getAsLong(), from + " -> " + event.get("to-gateway").getAsString());
            }
        }
        return events;
    }

    /** The cluster's state as the node reads it. */
    private State state(final int node) {
        final var response = cluster.restconf(node).get(STATE + "?content=nonconfig");
        assertEquals(200, response.status(), response.toString());
        final var entry = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonArray("gwha:cluster-state").get(0).getAsJsonObject();
        final var gateways = new HashMap<String, String>();
        for (var element : entry.getAsJsonArray("gateway-state")) {
            final var gateway = element.getAsJsonObject();
            gateways.put(gateway.get("name").getAsString(), gateway.get("state").getAsString());
        }
        return new State(entry.has("active-gateway") ? entry.get("active-gateway").getAsString() : "", gateways);
    }

    private record State(String activeGateway, Map<String, String> gateways) {
    }
}
