/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static net.gwha.systemtest.ClusterStates.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The most common keepalived deployment: one router pair running a VRRP group per subnet on the same interfaces,
 * with opposite priorities so that each router carries half the traffic. In the lab gw1 and gw2 run two keepalived
 * instances on eth0: VRID 51 for 192.0.2.254 (gw1 200, gw2 150) and VRID 52 for 192.0.2.253 (gw1 50, gw2 100), two
 * clusters on the same switch ports. Each cluster elects its own router; freezing one router moves both virtual
 * IPs to the other (only the cluster it carried fails over); deleting one cluster leaves the other's flows. Tagged
 * {@value #TAG}.
 */
@Tag(RouterPairIT.TAG)
@ExtendWith({ ControllerExtension.class, LabExtension.class })
class RouterPairIT {
    static final String TAG = "router-pair";

    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WATCH = Duration.ofSeconds(3);
    private static final String LOWER = cluster("lower", 51, "192.0.2.254", 200, 150);
    private static final String UPPER = cluster("upper", 52, "192.0.2.253", 50, 100);

    private final Restconf restconf;
    private final Lab lab;

    RouterPairIT(final Controller controller, final Lab lab) {
        restconf = controller.restconf();
        this.lab = lab;
    }

    /** Heartbeats every 100 ms as the lab's keepalived sends them; gw1 and gw2 on openflow:1 ports 11 and 12. */
    private static String cluster(final String name, final int vrid, final String vip, final int gw1, final int gw2) {
        return """
            {"gwha:cluster":[{"name":"%s","vrid":%d,"virtual-ip":["%s"],"heartbeat-interval":100,
             "preempt":true,"preempt-delay":500,"hold-up":1000,
             "gateway":[
              {"name":"gw1","priority":%d,"ip-address":"192.0.2.1","mac-address":"02:00:00:00:00:01",
               "attachment":{"node-id":"openflow:1","port-number":11}},
              {"name":"gw2","priority":%d,"ip-address":"192.0.2.2","mac-address":"02:00:00:00:00:02",
               "attachment":{"node-id":"openflow:1","port-number":12}}]}]}""".formatted(name, vrid, vip, gw1, gw2);
    }

    @BeforeEach
    void bothGroupsElected() {
        restconf.delete("/data/gwha:clusters");
        // gw3 and gw4 run the same two groups but are in neither cluster: their advertisements would reach gw1 and
        // gw2 through the switch and make them backups of their own groups.
        lab.stopKeepalived("gw3");
        lab.stopKeepalived("gw4");
        put("lower", LOWER);
        put("upper", UPPER);
        lab.waitConnected(60);
        await("lower elects gw1, upper gw2").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw1", "gw2"), actives(), describe()));
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "192.0.2.254 answers from gw1");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S, true), "192.0.2.253 answers from gw2");
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.thaw("gw1");
        lab.thaw("gw2");
        restconf.delete("/data/gwha:clusters");
        for (var gateway : List.of("gw1", "gw2", "gw3", "gw4")) {
            lab.ensureKeepalived(gateway);
        }
    }

    @Test
    void aFrozenRouterHandsBothGroupsToTheOtherAndTakesItsOwnBack() {
        final var upperHistory = failovers("upper");
        lab.freeze("gw1");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S), "192.0.2.254 moves to gw2 when gw1 freezes");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S, true), "192.0.2.253 stays on gw2");
        await("both on gw2").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw2", "gw2"), actives(), describe()));
        assertEquals(upperHistory, failovers("upper"), "upper, carried by gw2, did not fail over");

        lab.thaw("gw1");
        // gw1 preempts lower again after hold-up and preempt delay; upper stays where it is.
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "192.0.2.254 back on gw1 once it is heard again");
        await("lower back on gw1, upper on gw2").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw1", "gw2"), actives(), describe()));

        final var lowerHistory = failovers("lower");
        lab.freeze("gw2");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S, true), "192.0.2.253 moves to gw1 when gw2 freezes");
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "192.0.2.254 stays on gw1");
        await("both on gw1").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("gw1", "gw1"), actives(), describe()));
        assertEquals(lowerHistory, failovers("lower"), "lower, carried by gw1, did not fail over");
    }

    @Test
    void deletingOneGroupsClusterLeavesTheOthersHeartbeatsAndFlows() {
        final var lowerHistory = failovers("lower");
        // One heartbeat punt per router port, whichever cluster wrote it.
        final var before = lab.flows(1);
        assertEquals(List.of(1L, 1L), List.of(vrrpPunts(before, 11), vrrpPunts(before, 12)), before);

        final var delete = restconf.delete("/data/gwha:clusters/cluster=upper");
        assertEquals(2, delete.status() / 100, delete.toString());

        // The punts of gw1's and gw2's ports stay: lower keeps hearing both and moves nothing.
        await("lower keeps gw1, no failover, for " + WATCH).atMost(WATCH.plusSeconds(10)).during(WATCH)
            .pollInterval(POLL).untilAsserted(() -> {
                assertEquals(lowerHistory, failovers("lower"));
                assertEquals("gw1", text(state("lower"), "active-gateway"), describe());
                assertEquals("none", text(state("upper"), "active-gateway"));
            });
        final var flows = lab.flows(1);
        assertEquals(List.of(1L, 1L), List.of(vrrpPunts(flows, 11), vrrpPunts(flows, 12)), flows);
        assertTrue(!flows.contains("00:00:5e:00:01:34") && !flows.contains("192.0.2.253"),
            "upper's own flows are gone: " + flows);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "192.0.2.254 answers from gw1");
    }

    private void put(final String name, final String json) {
        final var put = restconf.put("/data/gwha:clusters/cluster=" + name, json);
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
    }

    /** The active gateways of lower and upper. */
    private List<String> actives() {
        return List.of(text(state("lower"), "active-gateway"), text(state("upper"), "active-gateway"));
    }

    private String describe() {
        return "lower: " + state("lower") + "; upper: " + state("upper");
    }

    private List<String> failovers(final String name) {
        return ClusterStates.failovers(state(name));
    }

    private JsonObject state(final String name) {
        return ClusterStates.state(restconf, name);
    }

    /** The VRRP punts from a switch port in ovs-ofctl's dump of a switch's flows. */
    private static long vrrpPunts(final String flows, final int port) {
        return flows.lines().filter(line -> line.contains("in_port=" + port + ",") && line.contains("nw_proto=112"))
            .count();
    }
}
