/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static net.gwha.systemtest.ClusterStates.count;
import static net.gwha.systemtest.ClusterStates.gateways;
import static net.gwha.systemtest.ClusterStates.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
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
 * One router set on VLAN trunks: gw1..gw3 carry VLANs 10 and 20 on their switch ports and run one keepalived instance
 * per VLAN with the same VRID 51, so two clusters share the VRID and the gateway ports, told apart by VLAN alone:
 * {@code v10} (192.0.2.254, gw1 best) and {@code v20} (203.0.113.254, gw3 best). The hosts reach switch 1 through an
 * access switch's trunk. Each VLAN's VIP answers from its own best gateway; freezing the active gateway of one VLAN
 * moves only that VLAN's VIP. The lab is this class's own ({@link Lab#upVlanTrunks()}), brought up before the shared
 * one of {@link LabExtension} ({@link TestClassOrder#VLAN_LAB}). Tagged {@value #TAG}.
 */
@Tag(VlanTrunkIT.TAG)
@Order(TestClassOrder.VLAN_LAB)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ControllerExtension.class)
class VlanTrunkIT {
    static final String TAG = "vlan";

    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String V10 = cluster("v10", Lab.VLAN_A, Lab.VIP, "192.0.2", 200, 150, 100);
    private static final String V20 = cluster("v20", Lab.VLAN_B, Lab.VLAN_B_VIP, "203.0.113", 50, 100, 150);

    private final Restconf restconf;
    private final Lab lab;

    VlanTrunkIT(final Controller controller) {
        restconf = controller.restconf();
        lab = new Lab('v', "tcp:127.0.0.1:" + (6653 + Integer.getInteger("gwha.portOffset", 0)), "0.1");
    }

    /** Heartbeats every 100 ms as the lab's keepalived sends them; gw1..gw3 on openflow:1 ports 11..13. */
    private static String cluster(final String name, final int vlan, final String vip, final String net,
            final int gw1, final int gw2, final int gw3) {
        final var gateways = new ArrayList<String>();
        final int[] priorities = { gw1, gw2, gw3 };
        for (int index = 1; index <= 3; index++) {
            gateways.add("""
                {"name":"gw%d","priority":%d,"ip-address":"%s.%d","mac-address":"02:00:00:00:00:0%d",
                 "attachment":{"node-id":"openflow:1","port-number":%d}}""".formatted(index, priorities[index - 1],
                net, index, index, 10 + index));
        }
        return """
            {"gwha:cluster":[{"name":"%s","vrid":51,"vlan":%d,"virtual-ip":["%s"],"heartbeat-interval":100,
             "preempt":true,"preempt-delay":500,"hold-up":1000,
             "gateway":[%s]}]}""".formatted(name, vlan, vip, String.join(",", gateways));
    }

    // A lab that failed half-way up must not leave namespaces and processes behind.
    @BeforeAll
    @SuppressWarnings("checkstyle:IllegalCatch")
    void labUp() {
        try {
            lab.upVlanTrunks();
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
    void bothVlansElected() {
        restconf.delete("/data/gwha:clusters");
        put("v10", V10);
        put("v20", V20);
        lab.waitConnected(60);
        await("v10 elects gw1, v20 gw3").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw1", "gw3"), actives(), describe()));
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), Lab.VIP + " answers from gw1 on VLAN 10");
        assertTrue(lab.vipAnswersFrom("gw3", SETTLE_S, true), Lab.VLAN_B_VIP + " answers from gw3 on VLAN 20");
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.thaw("gw1");
        lab.thaw("gw3");
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void eachVlanHasItsOwnHeartbeatPuntsAndSteering() {
        final var flows = lab.flows(1);
        // One heartbeat punt per gateway port and VLAN, both VLANs' under VRID 51.
        for (int port = 11; port <= 13; port++) {
            final int onPort = port;
            assertEquals(2, flows.lines().filter(line -> line.contains("in_port=" + onPort + ",")
                && line.contains("nw_proto=112")).count(), flows);
        }
        // Every gateway heard in both VLANs' clusters, nothing spoofed: each heartbeat counted for its own VLAN's
        // cluster. Counters reach the datastore every 10 s: wait for a write newer than the election.
        for (var name : List.of("v10", "v20")) {
            final long heard = accepted(state(name));
            await(name + " counters written again").atMost(SETTLE).pollInterval(POLL)
                .until(() -> accepted(state(name)) > heard);
            final var state = state(name);
            final var gateways = gateways(state);
            assertEquals(3, gateways.size(), describe());
            gateways.forEach(gateway -> assertTrue(count(gateway, "heartbeats-accepted") > 0, describe()));
            assertEquals(0, count(state, "heartbeats-spoofed")
                + gateways.stream().mapToLong(gateway -> count(gateway, "heartbeats-spoofed")).sum(), describe());
        }
    }

    @Test
    void freezingOneVlansActiveGatewayMovesOnlyThatVlansVip() {
        final var v20History = failovers("v20");
        lab.freeze("gw1");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S), Lab.VIP + " moves to gw2 when gw1 freezes");
        assertTrue(lab.vipAnswersFrom("gw3", SETTLE_S, true), Lab.VLAN_B_VIP + " stays on gw3");
        await("v10 on gw2, v20 on gw3").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw2", "gw3"), actives(), describe()));
        assertEquals(v20History, failovers("v20"), "v20, carried by gw3, did not fail over");

        lab.thaw("gw1");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), Lab.VIP + " back on gw1 once it is heard again");

        final var v10History = failovers("v10");
        lab.freeze("gw3");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S, true), Lab.VLAN_B_VIP + " moves to gw2 when gw3 freezes");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), Lab.VIP + " stays on gw1");
        await("v10 on gw1, v20 on gw2").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw1", "gw2"), actives(), describe()));
        assertEquals(v10History, failovers("v10"), "v10, carried by gw1, did not fail over");
    }

    private void put(final String name, final String json) {
        final var put = restconf.put("/data/gwha:clusters/cluster=" + name, json);
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
    }

    /** The active gateways of v10 and v20. */
    private List<String> actives() {
        return List.of(text(state("v10"), "active-gateway"), text(state("v20"), "active-gateway"));
    }

    private String describe() {
        return "v10: " + state("v10") + "; v20: " + state("v20");
    }

    private List<String> failovers(final String name) {
        return ClusterStates.failovers(state(name));
    }

    private JsonObject state(final String name) {
        return ClusterStates.state(restconf, name);
    }

    /** The heartbeats the cluster's gateways have had accepted, as last written. */
    private static long accepted(final JsonObject state) {
        return gateways(state).stream().mapToLong(gateway -> count(gateway, "heartbeats-accepted")).sum();
    }
}
