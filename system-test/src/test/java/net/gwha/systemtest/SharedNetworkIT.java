/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product in a network it shares: a second cluster with the same VRID on another switch, an ordinary VRRP pair
 * that belongs to no cluster, a control channel that drops for a while. Each must leave the others' elections and
 * the virtual IPs where they are. Tagged {@value #TAG}, so a run can leave these out
 * ({@code -DexcludedGroups=shared-network}) or run only them ({@code -Dgroups=shared-network}). And what an
 * operator or another application may do behind the controller's back: flows deleted by hand come back; every punt
 * to the controller passes a meter the switch really holds.
 */
@Tag(SharedNetworkIT.TAG)
@ExtendWith({ ControllerExtension.class, LabExtension.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedNetworkIT {
    static final String TAG = "shared-network";

    private static final int SETTLE_S = 30;
    private static final Duration SETTLE = Duration.ofSeconds(SETTLE_S);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    // Once a switch is back in the controller's inventory: the controller re-sends its plan at once, a gateway it
    // had given up returns after hold-up and preempt delay (1.5 s); a move either causes shows well within this.
    private static final Duration WATCH = Duration.ofSeconds(5);
    // Only a bound: the probe is stopped once the test has watched.
    private static final int PROBE_LIMIT_S = 300;

    // gw1..gw3 on openflow:1 for 192.0.2.254; gw5, gw6 on openflow:2 for 198.51.100.254; both VRID 51, heartbeats
    // every 100 ms as keepalived sends them.
    private static final String EAST = """
        {"gwha:cluster":[{"name":"east","vrid":51,"virtual-ip":["192.0.2.254"],"heartbeat-interval":100,
         "switch":["openflow:1"],
         "gateway":[
          {"name":"gw1","priority":200,"ip-address":"192.0.2.1","mac-address":"02:00:00:00:00:01",
           "attachment":{"node-id":"openflow:1","port-number":11}},
          {"name":"gw2","priority":150,"ip-address":"192.0.2.2","mac-address":"02:00:00:00:00:02",
           "attachment":{"node-id":"openflow:1","port-number":12}},
          {"name":"gw3","priority":100,"ip-address":"192.0.2.3","mac-address":"02:00:00:00:00:03",
           "attachment":{"node-id":"openflow:1","port-number":13}}]}]}""";
    private static final String WEST = """
        {"gwha:cluster":[{"name":"west","vrid":51,"virtual-ip":["198.51.100.254"],"heartbeat-interval":100,
         "switch":["openflow:2"],
         "gateway":[
          {"name":"gw5","priority":200,"ip-address":"198.51.100.5","mac-address":"02:00:00:00:00:05",
           "attachment":{"node-id":"openflow:2","port-number":15}},
          {"name":"gw6","priority":150,"ip-address":"198.51.100.6","mac-address":"02:00:00:00:00:06",
           "attachment":{"node-id":"openflow:2","port-number":16}}]}]}""";

    private final Restconf restconf;
    private final Lab lab;

    SharedNetworkIT(final Controller controller, final Lab lab) {
        restconf = controller.restconf();
        this.lab = lab;
    }

    @BeforeEach
    void noOtherCluster() {
        restconf.delete("/data/gwha:clusters");
    }

    @AfterEach
    void restored() {
        lab.probeDiscard();
        lab.ctlRestore();
        restconf.delete("/data/gwha:clusters");
        Lab.EXTRAS.forEach(lab::stopKeepalived);
        for (var gateway : List.of("gw1", "gw2", "gw3", "gw4")) {
            lab.ensureKeepalived(gateway);
        }
    }

    @Test
    @Order(1)
    void twoClustersSharingAVridOnTwoSwitchesBothElect() {
        // gw4 (LAN 1, VRID 51) sits on west's switch but in neither cluster: silent, so that any advertisement
        // counted as spoofed below is one cluster mistaking the other's gateways for forgers.
        lab.stopKeepalived("gw4");
        lab.startKeepalived("gw5");
        lab.startKeepalived("gw6");
        put("east", EAST);
        put("west", WEST);

        await("east and west each elect their best gateway").atMost(SETTLE).pollInterval(POLL).untilAsserted(() -> {
            final var east = state("east");
            final var west = state("west");
            final var both = "east: " + describe(east) + "; west: " + describe(west);
            assertEquals("gw1", text(east, "active-gateway"), both);
            assertEquals("gw5", text(west, "active-gateway"), both);
        });
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "192.0.2.254 answers from gw1 to the client on openflow:1");
        assertTrue(lab.vipAnswersFrom("gw5", SETTLE_S), "198.51.100.254 answers from gw5 to client2 on openflow:2");

        // Counters reach the datastore every 10 s: wait for a write newer than the election, so that each cluster
        // has had seconds of the other's heartbeats on the segment the switches share and its counters show them.
        for (var name : List.of("east", "west")) {
            final var heard = accepted(state(name));
            await(name + " counters written again").atMost(SETTLE).pollInterval(POLL)
                .until(() -> accepted(state(name)) > heard);
            final var state = state(name);
            assertEquals(0, spoofed(state), name + " counted the other cluster's heartbeats as spoofed: "
                + describe(state));
            for (var gateway : gateways(state)) {
                assertTrue(count(gateway, "heartbeats-accepted") > 0, name + " hears " + text(gateway, "name") + ": "
                    + describe(state));
            }
        }
    }

    @Test
    @Order(2)
    void vrrpPairOutsideAnyClusterKeepsItsOwnElection() {
        // A cluster on r1 and r2's switch, so that the product's flows are what carries (or not) their adverts.
        put("east", EAST);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "east's VIP answers from gw1 before the test");

        lab.startKeepalived("r1");
        lab.startKeepalived("r2");
        // r2 stays backup only while it hears r1 (priority 200 to its 100) through the switch: deaf, it makes itself
        // master after its master-down interval (0.35 s). Held for 2 s, so a pair that keeps re-electing fails too.
        await("r1 master and r2 backup of VRID 77").atMost(Duration.ofSeconds(15)).during(Duration.ofSeconds(2))
            .pollInterval(POLL)
            .untilAsserted(() -> assertEquals(List.of("MASTER", "BACKUP"),
                List.of(lab.vrrpState("r1"), lab.vrrpState("r2")), "VRRP states of r1, r2"));

        lab.stopKeepalived("r1");
        await("r2 master once r1 resigned").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
            .untilAsserted(() -> assertEquals("MASTER", lab.vrrpState("r2"), "VRRP state of r2"));
    }

    @ParameterizedTest(name = "switches {0}")
    @ValueSource(strings = { "1", "1,2" })
    @Order(3)
    void controlChannelDroppedForFiveSecondsMovesNothing(final String cut) {
        final int[] switches = Arrays.stream(cut.split(",")).mapToInt(Integer::parseInt).toArray();
        labClusterAnswersFromGw1();
        await("gw1 active").atMost(SETTLE).pollInterval(POLL)
            .until(() -> "gw1".equals(text(state("lab"), "active-gateway")));
        final var history = failovers();
        final var before = tables();

        lab.probeStart(PROBE_LIMIT_S);
        lab.ctlCut(switches);
        final long cutAt = System.nanoTime();
        await("the outage lasts " + OUTAGE).atMost(OUTAGE.plusSeconds(5)).pollInterval(POLL)
            .until(() -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
        final var duringCut = tables();
        lab.ctlRestore();
        for (var number : switches) {
            await("openflow:" + number + " back in the controller's inventory").atMost(SETTLE).pollInterval(POLL)
                .until(() -> restconf.get("/data/opendaylight-inventory:nodes/node=openflow:" + number
                    + "?content=nonconfig&depth=1").status() == 200);
        }

        assertAll(
            () -> await("gw1 stays active, no failover recorded, for " + WATCH + " after the reconnection")
                .atMost(WATCH.plusSeconds(5)).during(WATCH).pollInterval(POLL)
                .untilAsserted(() -> {
                    assertEquals(history, failovers(), "the failover history");
                    assertEquals("gw1", text(state("lab"), "active-gateway"), "the active gateway");
                }),
            () -> {
                final var probe = lab.probeStop();
                assertEquals(List.of("gw1"), probe.gateways(), "the VIP kept answering from gw1: " + probe);
            },
            () -> assertKept(before, duringCut, "during the cut"),
            () -> assertKept(before, tables(), "after the reconnection"));
    }

    @Test
    @Order(4)
    void flowsDeletedBehindTheControllersBackAreRestoredWithinTenSeconds() {
        // The client asks for the VIP's MAC afresh, so that the controller learns it now and the switch answers it
        // from then on: that ARP responder, which carries an idle timeout, must come back too. Left to the client's
        // neighbour cache, the request came at any time, and the snapshot held a responder only now and then.
        lab.forgetNeighbours("client");
        labClusterAnswersFromGw1();
        await("the switch answers the client's ARP requests itself").atMost(SETTLE).pollInterval(POLL)
            .until(() -> ours(lab.tables(1)).stream().anyMatch(flow -> flow.contains("idle_timeout=")));
        final var ours = ours(lab.tables(1));
        final long repairedBefore = count(state("lab"), "flows-repaired");

        lab.deleteFlows(1);
        // Every flow it held is back; another host may have been learned meanwhile, which adds its ARP responder.
        await("switch 1 holds its flows again").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
            .untilAsserted(() -> {
                final var now = ours(lab.tables(1));
                assertEquals(List.of(), ours.stream().filter(flow -> !now.contains(flow)).toList(),
                    "flows of ours still missing on switch 1");
            });

        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1 again");
        await("the repair counted").atMost(SETTLE).pollInterval(POLL)
            .until(() -> count(state("lab"), "flows-repaired") > repairedBefore);
    }

    @Test
    @Order(5)
    void everyPuntToTheControllerPassesAMeterTheSwitchHolds() {
        labClusterAnswersFromGw1();
        final var meters = lab.meters(1);
        final var punts = ours(lab.tables(1)).stream().filter(flow -> flow.contains("CONTROLLER")).toList();

        assertTrue(punts.size() >= 4, "VRRP from each gateway port, forgeries, ARP for the VIP: " + punts);
        for (var punt : punts) {
            final var meter = Pattern.compile("meter:(\\d+)").matcher(punt);
            assertTrue(meter.find(), "punted without a meter: " + punt);
            assertTrue(meters.contains("meter=" + meter.group(1) + " "), "meter " + meter.group(1)
                + " of " + punt + " is not on the switch:\n" + meters);
        }
    }

    /** The flows of this product (its cookie), as {@link Lab#tables} prints them. */
    private static List<String> ours(final List<String> entries) {
        return entries.stream().filter(entry -> entry.startsWith("cookie=0x4757")).toList();
    }

    /** The lab's own cluster (FailoverIT's, gw1 to gw4 on both switches), its VIP answering from gw1. */
    private void labClusterAnswersFromGw1() {
        put("lab", FailoverIT.clusterJson(true));
        lab.waitConnected(60);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1 before the test");
    }

    private void put(final String name, final String json) {
        final var put = restconf.put("/data/gwha:clusters/cluster=" + name, json);
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
    }

    /** The cluster's live state; empty while it has none. */
    private JsonObject state(final String name) {
        final var response = restconf.get("/data/gwha:cluster-states/cluster-state=" + name + "?content=nonconfig");
        if (response.status() != 200) {
            return new JsonObject();
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("gwha:cluster-state").get(0)
            .getAsJsonObject();
    }

    /** The lab cluster's failover history, oldest first, one line per event. */
    private List<String> failovers() {
        final var events = state("lab").getAsJsonArray("failover-event");
        final var lines = new ArrayList<JsonObject>();
        if (events != null) {
            events.forEach(event -> lines.add(event.getAsJsonObject()));
        }
        return lines.stream().sorted(Comparator.comparingLong(event -> count(event, "sequence")))
            .map(event -> "#" + text(event, "sequence") + " " + text(event, "from-gateway") + " -> "
                + text(event, "to-gateway") + " (" + text(event, "cause") + ")")
            .toList();
    }

    /** What both switches hold, by switch. */
    private Map<Integer, List<String>> tables() {
        final var tables = new TreeMap<Integer, List<String>>();
        tables.put(1, lab.tables(1));
        tables.put(2, lab.tables(2));
        return tables;
    }

    private static void assertKept(final Map<Integer, List<String>> before, final Map<Integer, List<String>> now,
            final String when) {
        before.forEach((number, entries) -> {
            final var missing = entries.stream().filter(entry -> !now.get(number).contains(entry)).toList();
            assertTrue(missing.isEmpty(), "switch " + number + " no longer holds, " + when + ": " + missing);
        });
    }

    private static long accepted(final JsonObject state) {
        return gateways(state).stream().mapToLong(gateway -> count(gateway, "heartbeats-accepted")).sum();
    }

    private static long spoofed(final JsonObject state) {
        long spoofed = count(state, "heartbeats-spoofed");
        for (var gateway : gateways(state)) {
            spoofed += count(gateway, "heartbeats-spoofed");
        }
        return spoofed;
    }

    private static String describe(final JsonObject state) {
        if (state.isEmpty()) {
            return "no state";
        }
        final var text = new StringBuilder().append(text(state, "status")).append(", active ")
            .append(text(state, "active-gateway")).append(", spoofed ").append(count(state, "heartbeats-spoofed"));
        for (var gateway : gateways(state)) {
            text.append(", ").append(text(gateway, "name")).append(' ').append(text(gateway, "state"))
                .append(" accepted ").append(count(gateway, "heartbeats-accepted"))
                .append(" spoofed ").append(count(gateway, "heartbeats-spoofed"));
        }
        return text.toString();
    }

    private static List<JsonObject> gateways(final JsonObject state) {
        final var gateways = new ArrayList<JsonObject>();
        final var array = state.getAsJsonArray("gateway-state");
        if (array != null) {
            array.forEach(gateway -> gateways.add(gateway.getAsJsonObject()));
        }
        return gateways;
    }

    private static String text(final JsonObject object, final String key) {
        final JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "none" : value.getAsString();
    }

    private static long count(final JsonObject object, final String key) {
        final JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? 0 : value.getAsLong();
    }
}
