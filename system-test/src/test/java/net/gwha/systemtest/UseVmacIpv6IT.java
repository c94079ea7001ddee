/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static net.gwha.systemtest.ClusterStates.count;
import static net.gwha.systemtest.ClusterStates.text;
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
 * keepalived with {@code use_vmac} over IPv6, in a dual-stack cluster ({@link UseVmacIT} runs IPv4 alone): each
 * gateway's IPv6 instance advertises from keepalived's second macvlan, whose MAC is the IPv6 virtual MAC
 * {@value #VMAC6} (RFC 9568), from its own link-local address, and holds both IPv6 VIPs there; its IPv4 instance
 * does the same from 00:00:5e:00:01:33. The controller takes both streams as the gateway's heartbeats (its port, its
 * addresses), elects gw1, moves both families to gw2 when gw1 freezes and back when it thaws, and nothing counts as
 * spoofed. radvd there advertises the virtual router from the macvlan: a client that learned its router from those RAs
 * keeps reaching the outside through it when gw1 freezes, and a Router Solicitation is answered by the active gateway
 * alone, with the virtual MAC. The lab is this class's own ({@link Lab#upIpv6UseVmac()}), before the shared one, like
 * {@link Ipv6IT}'s. Tagged {@value UseVmacIT#TAG}.
 */
@Tag(UseVmacIT.TAG)
@Order(TestClassOrder.IPV6_LAB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ControllerExtension.class)
class UseVmacIpv6IT {
    private static final String VMAC6 = "00:00:5e:00:02:33";
    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The live state write of heartbeats and counters alone comes every 10 s; a margin for a loaded machine. */
    private static final Duration COUNTER_WRITE = Duration.ofSeconds(20);
    /** As {@link Ipv6RouterAdvertIT}'s: a failover, not a host stuck on a gateway's own router (5 s and more). */
    private static final int FAILOVER_BOUND_MS = 2_000;
    /** radvd answers a solicitation at once (unicast, no random delay); unsolicited RAs come every 3 to 10 s. */
    private static final int SOLICIT_WAIT_MS = 2_000;
    /** gw1's port on switch 1 (scripts/lab). */
    private static final int GW1_PORT = 11;
    private static final System.Logger LOG = System.getLogger(UseVmacIpv6IT.class.getName());

    private final Restconf restconf;
    private final Lab lab;

    UseVmacIpv6IT(final Controller controller) {
        restconf = controller.restconf();
        lab = new Lab('s', "tcp:127.0.0.1:" + (6653 + Integer.getInteger("gwha.portOffset", 0)), "0.1");
    }

    // A lab that failed half-way up must not leave namespaces and processes behind.
    @BeforeAll
    @SuppressWarnings("checkstyle:IllegalCatch")
    void labUp() {
        try {
            lab.upIpv6UseVmac();
        } catch (RuntimeException e) {
            lab.down();
            throw e;
        }
    }

    @AfterAll
    void labDown() {
        restconf.delete("/data/gwha:clusters");
        lab.down();
    }

    @BeforeEach
    void gw1Elected() {
        restconf.delete("/data/gwha:clusters");
        final var put = restconf.put("/data/gwha:clusters/cluster=vmac6", Ipv6IT.dualStackCluster("vmac6"));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        await("vmac6 elects gw1").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("gw1", text(state(), "active-gateway"), state().toString()));
        assertTrue(lab.ipv6VipAnswersFrom("gw1", SETTLE_S), Lab.VIP6 + " answers from gw1");
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.thaw("gw1");
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void aUseVmacGatewayIsHeardOverIpv6AsItselfAndFailsOverWhenFrozen() {
        // keepalived runs the IPv6 instance with use_vmac: its macvlan has the IPv6 virtual MAC
        assertTrue(lab.links("gw1").lines().anyMatch(line -> line.contains("link/ether " + VMAC6)),
            lab.links("gw1"));
        // Advertisements from the virtual MAC are heartbeats, not forgeries.
        await("gw1's and gw2's heartbeats counted").atMost(COUNTER_WRITE).pollInterval(POLL)
            .until(() -> count(gateway("gw1"), "heartbeats-accepted") > 0
                && count(gateway("gw2"), "heartbeats-accepted") > 0);
        assertEquals(List.of(0L, 0L, 0L), spoofed(), state().toString());

        lab.freeze("gw1");
        assertTrue(lab.ipv6VipAnswersFrom("gw2", SETTLE_S), Lab.VIP6 + " moves to gw2 when gw1 freezes");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S), Lab.VIP + " moves with it");
        await("gw2 active").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("gw2", text(state(), "active-gateway"), state().toString()));

        lab.thaw("gw1");
        assertTrue(lab.ipv6VipAnswersFrom("gw1", SETTLE_S), Lab.VIP6 + " back on gw1 once it is heard again");
        assertEquals(List.of(0L, 0L, 0L), spoofed(), state().toString());
    }

    /**
     * radvd on keepalived's IPv6 macvlan (interface {@code vrrp6.<VRID>}, where keepalived put {@value Lab#VLL6}):
     * its RAs leave from the virtual MAC with the virtual MAC in the source link-layer option, and the client takes
     * {@value Lab#VLL6} as its one router, at the virtual MAC. A Router Solicitation from the client gets one answer,
     * unicast to it at once: the active gateway's, passed on by the controller (whatever the passive gateways' radvd
     * answer meets their port's {@code ra-passive}).
     */
    @Test
    void radvdOnTheMacvlanGivesTheClientTheVirtualRouter() {
        clientRoutesThroughTheVirtualRouter();
        final long puntedBefore = Ipv6RouterAdvertIT.raPunted(lab, GW1_PORT);

        final var heard = lab.solicitRouter("client", SOLICIT_WAIT_MS);
        final var answers = heard.stream().filter(ra -> !text(ra, "dst").startsWith("ff02:")).toList();
        assertEquals(1, answers.size(), "one answer, the active gateway's: " + heard);
        final var answer = answers.getFirst();
        LOG.log(System.Logger.Level.INFO, "the client''s Router Solicitation answered after {0} ms: {1}",
            answer.get("ms"), answer);
        assertEquals(List.of(Lab.VLL6, VMAC6, VMAC6, "30"), List.of(text(answer, "src"), text(answer, "eth_src"),
            text(answer, "sll"), text(answer, "router_lifetime")), answer.toString());
        assertTrue(Ipv6RouterAdvertIT.raPunted(lab, GW1_PORT) > puntedBefore, "through the controller");
    }

    /**
     * The client's only router is {@value Lab#VLL6}, learned from radvd's RAs on the macvlan: when gw1 freezes, the
     * steering of the virtual MAC moves to gw2 and the outside answers from gw2 through the same router, with the
     * client's route and neighbour entry untouched.
     */
    @Test
    void aClientRoutingThroughTheVirtualRouterKeepsTheOutsideWhenTheActiveGatewayFreezes() {
        clientRoutesThroughTheVirtualRouter();
        final var before = lab.probeOutsideUntil("gw1", SETTLE_S);
        assertTrue(before.untilReached(), Lab.OUTSIDE6 + " answers through gw1: " + before);

        lab.probeOutsideStart(20, "gw2");
        lab.freeze("gw1");
        final var probe = lab.probeWait(30);
        LOG.log(System.Logger.Level.INFO, "use_vmac, gw1 frozen: the outside unanswered for {0} ms at most",
            probe.maxGapMillis());

        assertEquals(List.of("gw1", "gw2"), probe.gateways(), probe.toString());
        assertTrue(probe.untilReached(), "steady answers from gw2: " + probe);
        assertTrue(probe.maxGapMillis() < FAILOVER_BOUND_MS, probe.toString());
        assertEquals("gw2", text(state(), "active-gateway"), state().toString());
        assertEquals(Ipv6RouterAdvertIT.ROUTE_VIA_VLL, Ipv6RouterAdvertIT.routeWithoutExpiry(lab),
            "the same router after the failover");
        assertTrue(lab.ipv6Neighbour("client", Lab.VLL6).contains("lladdr " + VMAC6),
            lab.ipv6Neighbour("client", Lab.VLL6));
    }

    /** The client's one IPv6 default route is via {@value Lab#VLL6}, from RAs, with the virtual MAC for it. */
    private void clientRoutesThroughTheVirtualRouter() {
        await("the client's router learned from RAs").atMost(Ipv6RouterAdvertIT.FIRST_RA)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertEquals(Ipv6RouterAdvertIT.ROUTE_VIA_VLL,
                Ipv6RouterAdvertIT.routeWithoutExpiry(lab)));
        assertTrue(lab.ipv6Neighbour("client", Lab.VLL6).contains("lladdr " + VMAC6),
            lab.ipv6Neighbour("client", Lab.VLL6));
    }

    /** The cluster's spoofed counter, then gw1's and gw2's. */
    private List<Long> spoofed() {
        return List.of(count(state(), "heartbeats-spoofed"), count(gateway("gw1"), "heartbeats-spoofed"),
            count(gateway("gw2"), "heartbeats-spoofed"));
    }

    private JsonObject gateway(final String name) {
        return ClusterStates.gateway(state(), name);
    }

    private JsonObject state() {
        return ClusterStates.state(restconf, "vmac6");
    }
}
