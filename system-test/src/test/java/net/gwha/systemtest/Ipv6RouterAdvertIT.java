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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host that learned its router from Router Advertisements keeps reaching the outside through the virtual router
 * after a failover. The lab of {@link Lab#upIpv6Radvd()}: radvd on gw1..gw3 advertises the virtual link-local
 * {@value Lab#VLL6} with radvd's default source link-layer option, the sender's own MAC, so the client's only IPv6
 * default route is via {@value Lab#VLL6}, learned from RAs; the controller, which the active gateway's RAs pass
 * through, has replaced that option's MAC with the IPv6 virtual MAC, so the client's neighbour entry for
 * {@value Lab#VLL6} holds {@value #VMAC6} without its asking. A failover moves only the steering of that MAC (and the
 * punt of the RAs): the client's route and neighbour entry stay, and {@value Lab#OUTSIDE6} (behind every gateway)
 * answers from the new active gateway. The lab is this class's own,
 * before the shared one ({@link TestClassOrder#IPV6_RA_LAB}); down must leave none of its processes, radvd included.
 * Tagged {@value #TAG}.
 */
@Tag(Ipv6RouterAdvertIT.TAG)
@Order(TestClassOrder.IPV6_RA_LAB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ControllerExtension.class)
class Ipv6RouterAdvertIT {
    static final String TAG = "ipv6-ra";

    /**
     * The longest the outside may go unanswered: what this class proves is that the host's router survives the
     * failover, so the bound separates a failover (dead after 300 ms of silence, plus programming) from a host stuck
     * on a gateway's own router, which waits for neighbour unreachability detection (5 s and more) or the RA's router
     * lifetime (30 s here). FailoverIT and the benchmarks hold the gap itself to tighter figures; on two shared cores
     * the controller alone was seen held up for 835 ms right after the failover.
     */
    private static final int FAILOVER_BOUND_MS = 2_000;
    private static final System.Logger LOG = System.getLogger(Ipv6RouterAdvertIT.class.getName());
    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    /** radvd sends every 3 to 10 s; the first RAs pass only once the controller's flows are in the switch. */
    static final Duration FIRST_RA = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The live state write of heartbeats and counters alone comes every 10 s; a margin for a loaded machine. */
    private static final Duration COUNTER_WRITE = Duration.ofSeconds(20);
    /** gw2's port on switch 1 (scripts/lab). */
    private static final int GW2_PORT = 12;
    static final String ROUTE_VIA_VLL = "default via " + Lab.VLL6 + " dev eth0 proto ra";
    /** The lab's IPv6 virtual MAC (VRID 51, RFC 9568). */
    static final String VMAC6 = "00:00:5e:00:02:33";

    private final Restconf restconf;
    private final Lab lab;

    Ipv6RouterAdvertIT(final Controller controller) {
        restconf = controller.restconf();
        lab = new Lab('s', "tcp:127.0.0.1:" + (6653 + Integer.getInteger("gwha.portOffset", 0)), "0.1");
    }

    // A lab that failed half-way up must not leave namespaces and processes behind.
    @BeforeAll
    @SuppressWarnings("checkstyle:IllegalCatch")
    void labUp() {
        try {
            lab.upIpv6Radvd();
        } catch (RuntimeException e) {
            lab.down();
            throw e;
        }
    }

    @AfterAll
    void labDown() {
        restconf.delete("/data/gwha:clusters");
        lab.down();
        final var left = ProcessHandle.allProcesses()
            .map(process -> process.info().commandLine().orElse(""))
            .filter(line -> line.contains(lab.runDirectory() + "/")).toList();
        assertEquals(List.of(), left, "processes of the lab left after down (radvd, keepalived, ...)");
    }

    @BeforeEach
    void gw1RoutesTheClient() {
        restconf.delete("/data/gwha:clusters");
        // Nothing cached: the client's entry for the virtual router below comes from an RA.
        lab.forgetNeighbours("client");
        final var put = restconf.put("/data/gwha:clusters/cluster=ra", Ipv6IT.dualStackCluster("ra"));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        await("ra elects gw1").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("gw1", activeGateway(), state().toString()));
        await("the client's router learned from RAs").atMost(FIRST_RA).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertEquals(ROUTE_VIA_VLL, routeWithoutExpiry(), "one router, the virtual one"));
        // Before any traffic, so before any Neighbor Solicitation: only an RA's option can have made this entry.
        await("the virtual MAC in the RA's source link-layer option").atMost(FIRST_RA)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertTrue(routerNeighbour().contains("lladdr " + VMAC6), routerNeighbour()));
        final var probe = lab.probeOutsideUntil("gw1", SETTLE_S);
        assertTrue(probe.untilReached(), Lab.OUTSIDE6 + " answers through gw1: " + probe);
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.thaw("gw1");
        lab.linkUp("gw1");
        lab.ensureRadvd("gw2");
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void theClientKeepsItsRouterWhenTheActiveGatewayFreezes() {
        lab.probeOutsideStart(20, "gw2");
        lab.freeze("gw1");
        final var probe = lab.probeWait(30);
        LOG.log(System.Logger.Level.INFO, "gw1 frozen: the outside unanswered for {0} ms at most",
            probe.maxGapMillis());

        assertEquals(List.of("gw1", "gw2"), probe.gateways(), probe.toString());
        assertTrue(probe.untilReached(), "steady answers from gw2: " + probe);
        assertTrue(probe.maxGapMillis() < FAILOVER_BOUND_MS, probe.toString());
        assertEquals("gw2", activeGateway(), state().toString());
        // Written with the failover's state, or later: RAs the controller passed on up to then.
        final long relayedBefore = relayed();
        assertEquals(ROUTE_VIA_VLL, routeWithoutExpiry(), "the same router after the failover");
        // The punt moved with the steering: gw2's radvd (own MAC in the option) is heard through the controller.
        await("an RA of gw2's through the controller").atMost(FIRST_RA).pollInterval(POLL)
            .until(() -> raPunted(lab, GW2_PORT) > 0);
        assertTrue(routerNeighbour().contains("lladdr " + VMAC6), routerNeighbour());
        await("gw2's RAs counted as relayed").atMost(FIRST_RA.plus(COUNTER_WRITE)).pollInterval(POLL)
            .untilAsserted(() -> assertTrue(relayed() > relayedBefore, "relayed " + relayed() + " <= " + relayedBefore
                + "; " + restconf.get("/data/gwha:intake-statistics?content=nonconfig").body() + "; " + state()));
        assertEquals(0, ClusterStates.intakeCounter(restconf, "neighbor-discovery-malformed"));
    }

    @Test
    void theClientKeepsItsRouterWhenTheActiveGatewaysLinkGoesDown() {
        lab.probeOutsideStart(20, "gw2");
        lab.linkDown("gw1");
        final var probe = lab.probeWait(30);
        LOG.log(System.Logger.Level.INFO, "gw1''s link down: the outside unanswered for {0} ms at most",
            probe.maxGapMillis());

        assertEquals("gw2", probe.lastGateway(), probe.toString());
        assertTrue(probe.untilReached(), "steady answers from gw2: " + probe);
        assertTrue(probe.maxGapMillis() < FAILOVER_BOUND_MS, probe.toString());
        assertEquals(ROUTE_VIA_VLL, routeWithoutExpiry(), "the same router after the failover");
    }

    /**
     * radvd on every gateway speaks as the virtual router, and when it stops it says so: router lifetime 0 from
     * {@value Lab#VLL6}. From a passive gateway that RA would have every host withdraw the virtual router although the
     * active one is fine; the switch passes RAs from the virtual router from the active gateway's port only. The
     * lifetime-0 RA is seen dropped (the passive port's drop counts it), and the client keeps its route throughout.
     */
    @Test
    void aPassiveGatewaysRadvdStoppingLeavesTheClientsRouter() {
        final long droppedBefore = passiveRaDrops();
        lab.probeOutsideStart(8);
        lab.stopRadvd("gw2");
        await("gw2's last RA (router lifetime 0) dropped at its port").atMost(Duration.ofSeconds(3)).pollInterval(POLL)
            .until(() -> passiveRaDrops() > droppedBefore);
        // A host acts on a lifetime-0 RA at once: a route still there seconds later was never withdrawn.
        await("the virtual router stays the client's router").during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(5)).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(ROUTE_VIA_VLL, routeWithoutExpiry()));
        final var probe = lab.probeWait(30);

        assertEquals(List.of("gw1"), probe.gateways(), probe.toString());
        assertTrue(probe.maxGapMillis() < FAILOVER_BOUND_MS, "the outside kept answering: " + probe);
        assertEquals("gw1", activeGateway(), state().toString());
    }

    /**
     * Packets the switch dropped as passive gw2's RAs from the virtual router: the counter of the {@code ra-passive}
     * flow on its port, 0 while there is none.
     */
    private long passiveRaDrops() {
        final var port = "in_port=" + GW2_PORT + ",";
        return lab.packets(1, line -> line.contains(port) && line.contains("ipv6_src=" + Lab.VLL6 + ",")
            && line.contains("icmp_type=134") && line.strip().endsWith("actions=drop"));
    }

    /** Packets the switch sent the controller as RAs from the virtual router on a port: the {@code ra-punt} flow's. */
    static long raPunted(final Lab lab, final int port) {
        final var inPort = "in_port=" + port + ",";
        return lab.packets(1, line -> line.contains(inPort) && line.contains("ipv6_src=" + Lab.VLL6 + ",")
            && line.contains("icmp_type=134") && line.contains("CONTROLLER"));
    }

    /** The Router Advertisements the controller passed on, as last written to the operational datastore. */
    private long relayed() {
        return ClusterStates.intakeCounter(restconf, "router-advertisements-relayed");
    }

    /** The client's neighbour entry for the virtual router. */
    private String routerNeighbour() {
        return lab.ipv6Neighbour("client", Lab.VLL6);
    }

    private String routeWithoutExpiry() {
        return routeWithoutExpiry(lab);
    }

    /** The client's IPv6 default routes up to their metric, without the lifetime left, which counts down. */
    static String routeWithoutExpiry(final Lab lab) {
        return lab.ipv6DefaultRoutes("client").lines()
            .map(line -> line.replaceAll(" (metric|expires|pref) .*", "").strip())
            .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private String activeGateway() {
        return ClusterStates.text(state(), "active-gateway");
    }

    private JsonObject state() {
        return ClusterStates.state(restconf, "ra");
    }
}
