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
import java.util.ArrayList;
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
 * A dual-stack cluster on the lab's IPv6 ({@link Lab#upIpv6()}): gw1..gw3 each run a VRRPv3 instance per family with
 * VRID 51; the cluster's virtual IPs are 192.0.2.254, the virtual link-local {@value Lab#VLL6} and
 * {@value Lab#VIP6}. The client resolves the IPv6 VIP by Neighbor Discovery, which the controller answers with the
 * IPv6 virtual MAC; the VIPs of both families answer from the best gateway and move together when it freezes or its
 * link goes down. The lab is this class's own, brought up before the shared one ({@link TestClassOrder#IPV6_LAB}).
 * Tagged {@value #TAG}.
 */
@Tag(Ipv6IT.TAG)
@Order(TestClassOrder.IPV6_LAB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ControllerExtension.class)
class Ipv6IT {
    static final String TAG = "ipv6";

    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Restconf restconf;
    private final Lab lab;

    Ipv6IT(final Controller controller) {
        restconf = controller.restconf();
        lab = new Lab('s', "tcp:127.0.0.1:" + (6653 + Integer.getInteger("gwha.portOffset", 0)), "0.1");
    }

    /**
     * A dual-stack cluster with heartbeats every 100 ms as the lab's keepalived sends them; gw1..gw3 on openflow:1
     * ports 11..13, priorities 200, 150, 100.
     */
    static String dualStackCluster(final String name) {
        final var gateways = new ArrayList<String>();
        final int[] priorities = { 200, 150, 100 };
        for (int index = 1; index <= 3; index++) {
            gateways.add("""
                {"name":"gw%d","priority":%d,"ip-address":"192.0.2.%d","ipv6-link-local":"fe80::1%d",
                 "mac-address":"02:00:00:00:00:0%d","attachment":{"node-id":"openflow:1","port-number":%d}}"""
                .formatted(index, priorities[index - 1], index, index, index, 10 + index));
        }
        return """
            {"gwha:cluster":[{"name":"%s","vrid":51,"virtual-ip":["192.0.2.254","%s","%s"],
             "heartbeat-interval":100,"preempt":true,"preempt-delay":500,"hold-up":1000,
             "gateway":[%s]}]}""".formatted(name, Lab.VLL6, Lab.VIP6, String.join(",", gateways));
    }

    // A lab that failed half-way up must not leave namespaces and processes behind.
    @BeforeAll
    @SuppressWarnings("checkstyle:IllegalCatch")
    void labUp() {
        try {
            lab.upIpv6();
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
        final var put = restconf.put("/data/gwha:clusters/cluster=six", dualStackCluster("six"));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        await("six elects gw1").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("gw1", activeGateway(), state().toString()));
        assertTrue(lab.ipv6VipAnswersFrom("gw1", SETTLE_S), Lab.VIP6 + " answers from gw1");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), Lab.VIP + " answers from gw1");
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.thaw("gw1");
        lab.linkUp("gw1");
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void bothFamiliesMoveTogetherWhenTheActiveGatewayFreezes() {
        lab.freeze("gw1");
        assertTrue(lab.ipv6VipAnswersFrom("gw2", SETTLE_S), Lab.VIP6 + " moves to gw2 when gw1 freezes");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S), Lab.VIP + " moves with it");
        assertEquals("gw2", activeGateway(), state().toString());

        lab.thaw("gw1");
        assertTrue(lab.ipv6VipAnswersFrom("gw1", SETTLE_S), Lab.VIP6 + " back on gw1 once it is heard again");
    }

    @Test
    void theIpv6VipMovesWhenTheActiveGatewaysLinkGoesDown() {
        lab.linkDown("gw1");
        assertTrue(lab.ipv6VipAnswersFrom("gw2", SETTLE_S), Lab.VIP6 + " moves to gw2 when gw1's link goes down");
        await("gw2 active").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("gw2", activeGateway(), state().toString()));
    }

    private String activeGateway() {
        return ClusterStates.text(state(), "active-gateway");
    }

    private JsonObject state() {
        return ClusterStates.state(restconf, "six");
    }
}
