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
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product against real parts: the distribution, Open vSwitch, keepalived on every gateway. A client probes the
 * virtual IP every millisecond while gateways fail in the ways they fail in the field; each test restores the lab.
 */
@ExtendWith({ ControllerExtension.class, LabExtension.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
    // Heartbeats every 100 ms, fixed detector: dead after 300 ms of silence.
    private static final int DEAD_INTERVAL_MS = 300;
    private static final int PREEMPT_DELAY_MS = 500;
    private static final int HOLD_UP_MS = 1000;
    // Scheduling on two shared cores, the probe's own resolution, the flow write.
    private static final int MARGIN_MS = 400;
    private static final int SETTLE_S = 30;
    /** The live state write of heartbeats and counters alone comes every 10 s; a margin for a loaded machine. */
    private static final int COUNTER_WRITE_S = 20;
    private static final int RESTART_PROBE_S = 400;

    private final Controller controller;
    private final Restconf restconf;
    private final Lab lab;

    FailoverIT(final Controller controller, final Lab lab) {
        this.controller = controller;
        restconf = controller.restconf();
        this.lab = lab;
    }

    static String clusterJson(final boolean preempt) {
        return """
            {"gwha:cluster":[{"name":"lab","vrid":51,"virtual-ip":["192.0.2.254"],
             "heartbeat-interval":100,"preempt":%s,"preempt-delay":%d,"hold-up":%d,
             "switch":["openflow:1","openflow:2"],
             "gateway":[
              {"name":"gw1","priority":200,"ip-address":"192.0.2.1","mac-address":"02:00:00:00:00:01",
               "attachment":{"node-id":"openflow:1","port-number":11}},
              {"name":"gw2","priority":150,"ip-address":"192.0.2.2","mac-address":"02:00:00:00:00:02",
               "attachment":{"node-id":"openflow:1","port-number":12}},
              {"name":"gw3","priority":100,"ip-address":"192.0.2.3","mac-address":"02:00:00:00:00:03",
               "attachment":{"node-id":"openflow:1","port-number":13}},
              {"name":"gw4","priority":50,"ip-address":"192.0.2.4","mac-address":"02:00:00:00:00:04",
               "attachment":{"node-id":"openflow:2","port-number":14}}]}]}"""
            .formatted(preempt, PREEMPT_DELAY_MS, HOLD_UP_MS);
    }

    @BeforeEach
    void configured() {
        final var put = restconf.put("/data/gwha:clusters/cluster=lab", clusterJson(true));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        if (!lab.vipAnswersFrom("gw1", SETTLE_S)) {
            throw new AssertionError("the VIP does not answer from gw1 before the test; cluster state: "
                + ClusterStates.state(restconf, "lab") + "\n"
                + UnheardGateway.report(lab, restconf, "gw1"));
        }
    }

    @AfterAll
    static void removeCluster(final Controller controller) {
        controller.restconf().delete("/data/gwha:clusters/cluster=lab");
    }

    @AfterEach
    void restored() {
        for (var gateway : List.of("gw1", "gw2", "gw3", "gw4")) {
            lab.thaw(gateway);
            lab.linkUp(gateway);
            lab.ensureKeepalived(gateway);
        }
    }

    @Test
    @Order(1)
    void vipAnswersFromTheHighestPriorityGateway() {
        final var probe = lab.probe(2);
        assertEquals(List.of("gw1"), probe.gateways(), probe.toString());
        assertTrue(probe.maxGapMillis() < 50, probe.toString());
    }

    @Test
    @Order(2)
    void silentActiveGatewayLosesTheVipWithinTheDeadInterval() {
        lab.probeStart(20, "gw2");
        lab.freeze("gw1");
        final var probe = lab.probeWait(30);

        assertEquals(List.of("gw1", "gw2"), probe.gateways(), probe.toString());
        assertTrue(probe.maxGapMillis() < DEAD_INTERVAL_MS + MARGIN_MS, probe.toString());
    }

    @Test
    @Order(3)
    void resigningActiveGatewayLosesTheVipAtOnce() {
        lab.probeStart(20, "gw2");
        lab.stopKeepalived("gw1");
        final var probe = lab.probeWait(30);

        assertEquals("gw2", probe.lastGateway(), probe.toString());
        // Priority 0 needs no timeout: well under the dead interval.
        assertTrue(probe.maxGapMillis() < DEAD_INTERVAL_MS, probe.toString());
    }

    @Test
    @Order(4)
    void activeGatewayLinkDownMovesTheVipInTheSwitch() {
        lab.probeStart(20, "gw2");
        lab.linkDown("gw1");
        final var probe = lab.probeWait(30);

        assertEquals("gw2", probe.lastGateway(), probe.toString());
        // Without a fast-failover group the switch waits for the controller: faster than a heartbeat timeout.
        assertTrue(probe.maxGapMillis() < DEAD_INTERVAL_MS, probe.toString());
    }

    @Test
    @Order(5)
    void returningGatewayTakesTheVipBackAfterThePreemptDelay() {
        lab.freeze("gw1");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S));

        lab.probeStart(20, "gw1");
        lab.thaw("gw1");
        final var probe = lab.probeWait(30);

        assertEquals(List.of("gw2", "gw1"), probe.gateways(), probe.toString());
        final var change = probe.json().getAsJsonArray("changes").get(1).getAsJsonObject().get("t_ms").getAsDouble();
        assertTrue(change >= HOLD_UP_MS + PREEMPT_DELAY_MS - MARGIN_MS, "not before hold-up and preempt delay: "
            + probe);
    }

    @Test
    @Order(6)
    void withoutPreemptionTheReturningGatewayStaysPassive() {
        assertEquals(204, restconf.put("/data/gwha:clusters/cluster=lab", clusterJson(false)).status());
        lab.freeze("gw1");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S));

        lab.thaw("gw1");
        final var probe = lab.probe((HOLD_UP_MS + PREEMPT_DELAY_MS) / 1000 + 3);

        assertEquals(List.of("gw2"), probe.gateways(), probe.toString());
    }

    @Test
    @Order(7)
    void flappingPassiveGatewayNeverGetsTheVip() {
        lab.probeStart(8);
        lab.flap("gw2", 50, 5);
        final var probe = lab.probeWait(20);

        assertEquals(List.of("gw1"), probe.gateways(), probe.toString());
    }

    @Test
    @Order(8)
    void flappingActiveGatewayLosesTheVipOnceAndDoesNotGetItBackEarly() {
        lab.probeStart(8);
        lab.flap("gw1", 50, 5);
        final var probe = lab.probeWait(20);

        final var order = probe.gateways();
        assertEquals("gw2", order.get(1), probe.toString());
        // Back to gw1 at most once, and only after it was steady for the hold-up and the preempt delay.
        assertTrue(order.size() <= 3, probe.toString());
    }

    @Test
    @Order(9)
    void forgedAdvertisementChangesNothingAndIsCounted() {
        final var before = spoofed();
        lab.probeStart(4);
        lab.forgeAdvert("client", 254, "gw3", 20);
        final var probe = lab.probeWait(20);

        assertEquals(List.of("gw1"), probe.gateways(), probe.toString());
        // Counters alone reach the datastore with the next live write, at most 10 s later.
        await("spoofed counter rose from " + before).atMost(Duration.ofSeconds(COUNTER_WRITE_S))
            .pollInterval(Duration.ofMillis(250)).until(this::spoofed, spoofed -> spoofed >= before + 20);
    }

    private long spoofed() {
        final var state = restconf.get("/data/gwha:cluster-states/cluster-state=lab?content=nonconfig");
        final var json = JsonParser.parseString(state.body()).getAsJsonObject()
            .getAsJsonArray("gwha:cluster-state").get(0).getAsJsonObject();
        long spoofed = json.has("heartbeats-spoofed") ? json.get("heartbeats-spoofed").getAsLong() : 0;
        for (var gateway : json.getAsJsonArray("gateway-state")) {
            final var gw = gateway.getAsJsonObject();
            spoofed += gw.has("heartbeats-spoofed") ? gw.get("heartbeats-spoofed").getAsLong() : 0;
        }
        return spoofed;
    }

    @Test
    @Order(10)
    void restartedSwitchGetsItsFlowsBack() {
        lab.restartSwitch();
        lab.waitConnected(60);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers again after the switch restarted");
    }

    @Test
    @Order(11)
    void gatewaysOnTwoSwitchesFailOverAcrossSwitches() {
        lab.freeze("gw1");
        lab.freeze("gw2");
        lab.freeze("gw3");
        assertTrue(lab.vipAnswersFrom("gw4", SETTLE_S), "gw4 on openflow:2 carries the VIP");
    }

    @Test
    @Order(12)
    void switchOverAndMaintenanceOverRestconf() {
        final var switched = rpc("switch-over", "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw2\"}}");
        assertEquals(200, switched.status(), switched.toString());
        assertTrue(switched.body().contains("\"previous-gateway\":\"gw1\""), switched.body());
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S));

        lab.freeze("gw3");
        awaitGatewayState("gw3", "down");
        final var refused = rpc("switch-over", "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw3\"}}");
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().contains("gw3"), refused.body());

        assertEquals(204, rpc("set-maintenance",
            "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw2\",\"enabled\":true}}").status());
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "maintenance drains gw2");
        assertTrue(restconf.get("/data/gwha:clusters/cluster=lab/gateway=gw2/admin-state?content=config").body()
            .contains("maintenance"), "maintenance is persisted");
        assertEquals(204, rpc("set-maintenance",
            "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw2\",\"enabled\":false}}").status());
    }

    @Test
    @Order(13)
    void switchOverRightAfterThePutThatReturnsTheGatewayToServiceSucceeds() {
        final var drained = clusterJson(true).replace("\"name\":\"gw2\",\"priority\":150,",
            "\"name\":\"gw2\",\"priority\":150,\"admin-state\":\"maintenance\",");
        assertTrue(drained.contains("maintenance"), drained);
        assertEquals(204, restconf.put("/data/gwha:clusters/cluster=lab", drained).status());
        awaitGatewayState("gw2", "maintenance");

        // Back in service, and asked for at once: the engine may not have taken the PUT in yet.
        assertEquals(204, restconf.put("/data/gwha:clusters/cluster=lab", clusterJson(true)).status());
        final var switched = rpc("switch-over", "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw2\"}}");

        assertEquals(200, switched.status(), switched.toString());
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S));
        assertEquals(200, rpc("switch-over", "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw1\"}}").status());
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S));
    }

    @Test
    @Order(14)
    void consoleListsShowsAndSwitchesOver() {
        final var list = controller.console("gwha:list");
        assertTrue(list.lines().anyMatch(line -> line.matches("lab\\s*\\|\\s*192\\.0\\.2\\.254\\s*\\|\\s*gw1\\s*\\|.*"
            + "\\|\\s*active\\s*")), list);

        final var switched = controller.console("gwha:switch-over lab gw2");
        assertTrue(switched.contains("lab: gw2 is active (was gw1)"), switched);
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S));
        final var show = controller.console("gwha:show lab");
        assertTrue(show.lines().anyMatch(line -> line.matches("Gateway\\s*\\|\\s*State\\s*\\|\\s*Configured\\s*\\|"
            + "\\s*Advertised\\s*\\|\\s*Effective\\s*\\|\\s*Last heard\\s*\\|.*")), show);
        // Configured 150, advertised what keepalived sends, effective 150, heard, heartbeats accepted.
        assertTrue(show.lines().anyMatch(line -> line.matches("gw2\\s*\\|\\s*active\\s*\\|\\s*150\\s*\\|\\s*\\d+\\s*\\|"
            + "\\s*150\\s*\\|\\s*\\d{4}-\\d\\d-\\d\\d [\\d:.]+\\s*\\|\\s*[1-9]\\d*\\s*\\|.*")), show);
        final var history = controller.console("gwha:history lab");
        assertTrue(history.lines().anyMatch(line -> line.contains("switch-over")), history);

        assertTrue(controller.console("gwha:switch-over lab gw1").contains("gw1 is active"));
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S));
    }

    @Test
    @Order(15)
    void failoverArrivesOnARestconfNotificationStream() {
        final var location = notificationStream("active-gateway-changed");
        try (var stream = restconf.subscribe(location)) {
            lab.freeze("gw1");
            final var event = stream.next(Duration.ofSeconds(SETTLE_S),
                data -> data.contains("\"gwha:active-gateway-changed\""))
                .orElseThrow(() -> new AssertionError("no active-gateway-changed on " + location + " within "
                    + SETTLE_S + " s"));

            final var notification = JsonParser.parseString(event).getAsJsonObject()
                .getAsJsonObject("ietf-restconf:notification");
            assertTrue(notification.has("event-time"), event);
            final var changed = notification.getAsJsonObject("gwha:active-gateway-changed");
            assertEquals("lab", changed.get("cluster").getAsString(), event);
            assertEquals("gw1", changed.get("from-gateway").getAsString(), event);
            assertEquals("gw2", changed.get("to-gateway").getAsString(), event);
            assertEquals("heartbeat-timeout", changed.get("cause").getAsString(), event);
        }
    }

    @Test
    @Order(16)
    void restartedControllerLeavesTheVipAnsweringAndComesBackWithStateAndFlows() {
        lab.probeStart(RESTART_PROBE_S);
        // Stopping and booting take 30 to 150 s here: long enough for the client to re-check the VIP's MAC by ARP
        // with nobody but the switch to answer.
        controller.script(RESTART_PROBE_S, "restart");
        lab.waitConnected(120);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1 after the restart");
        final var probe = lab.probeStop();
        assertEquals(0, probe.json().get("send_errors").getAsLong(), probe.toString());
        assertTrue(probe.maxGapMillis() < MARGIN_MS, "the VIP kept answering: " + probe);
        assertEquals("gw1", probe.lastGateway(), probe.toString());

        awaitGatewayState("gw1", "active");
        final var state = restconf.get("/data/gwha:cluster-states/cluster-state=lab?content=nonconfig");
        assertTrue(state.body().contains("\"active-gateway\":\"gw1\""), state.toString());
        assertTrue(lab.flows(1).contains("arp_tpa=192.0.2.254"), "the cluster's flows are on the switch");
    }

    /**
     * Creates a stream of gwha notifications as netconf's RESTCONF server offers them (sal-remote's
     * create-notification-stream) and answers where to subscribe to it in JSON, from ietf-restconf-monitoring's
     * list of streams (RFC 8040 section 9.3).
     */
    private String notificationStream(final String notification) {
        final var created = restconf.post("/operations/sal-remote:create-notification-stream",
            "{\"input\":{\"notifications\":[\"(urn:gwha:params:xml:ns:yang:gwha?revision=2026-11-25)" + notification
                + "\"]}}");
        assertEquals(200, created.status(), created.toString());
        final var name = JsonParser.parseString(created.body()).getAsJsonObject()
            .getAsJsonObject("sal-remote:output").get("notification-stream-identifier").getAsString();

        final var streams = restconf.get("/data/ietf-restconf-monitoring:restconf-state/streams?content=nonconfig");
        assertEquals(200, streams.status(), streams.toString());
        for (var element : JsonParser.parseString(streams.body()).getAsJsonObject()
                .getAsJsonObject("ietf-restconf-monitoring:streams").getAsJsonArray("stream")) {
            final var stream = element.getAsJsonObject();
            if (name.equals(stream.get("name").getAsString())) {
                for (var access : stream.getAsJsonArray("access")) {
                    final JsonObject entry = access.getAsJsonObject();
                    if ("json".equals(entry.get("encoding").getAsString())) {
                        return entry.get("location").getAsString();
                    }
                }
            }
        }
        throw new AssertionError("stream " + name + " has no JSON location in " + streams.body());
    }

    private void awaitGatewayState(final String gateway, final String state) {
        final var named = "\"name\":\"" + gateway + "\"";
        final var inState = "\"state\":\"" + state + "\"";
        await(gateway + " " + state).atMost(Duration.ofSeconds(SETTLE_S)).pollInterval(Duration.ofMillis(100))
            .until(() -> restconf.get("/data/gwha:cluster-states/cluster-state=lab/gateway-state=" + gateway
                + "?content=nonconfig").body(), body -> body.contains(named) && body.contains(inState));
    }

    private Restconf.Response rpc(final String name, final String input) {
        return restconf.post("/operations/gwha:" + name, input);
    }
}
