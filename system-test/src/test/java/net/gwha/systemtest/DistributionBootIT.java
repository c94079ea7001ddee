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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The assembled distribution boots with RESTCONF, openflowplugin and the feature, takes valid configuration into
 * both datastores, and refuses each kind of invalid configuration with a 4xx that says what is wrong while keeping
 * the previous good configuration.
 */
@ExtendWith(ControllerExtension.class)
class DistributionBootIT {
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Controller controller;
    private final Restconf restconf;

    DistributionBootIT(final Controller controller) {
        this.controller = controller;
        restconf = controller.restconf();
    }

    @AfterEach
    void removeClusters() {
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void featureIsInstalledAndOpenflowListens() throws IOException {
        final var features = controller.console("feature:list -i");
        assertTrue(features.lines().anyMatch(line -> line.startsWith("odl-gwha ") && line.contains("Started")),
            features);
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", controller.openflowPort()), 5000);
            assertTrue(socket.isConnected());
        }
    }

    /** openflowplugin logs a line at INFO for every barrier reply to the SendBarrier RPC: every failover's. */
    @Test
    void openflowpluginsLinePerBarrierReplyIsOnlyLoggedFromWarnOn() {
        final var level = controller.console(
            "log:get org.opendaylight.openflowplugin.impl.services.SimpleRequestCallback");
        assertTrue(level.contains("WARN"), level);
    }

    @Test
    void validClusterIsStoredAndItsStatePublished() {
        final var cluster = unreached("boot");
        assertEquals(201, restconf.put(cluster.path(), cluster.json()).status());

        // Read your writes: the state entry is there as soon as the PUT returns, starting or further along.
        final var starting = restconf.get("/data/gwha:cluster-states/cluster-state=boot?content=nonconfig");
        assertEquals(200, starting.status(), starting.toString());
        assertTrue(starting.body().matches("(?s).*\"status\":\"(starting|electing|no-switch)\".*"), starting.body());

        final var config = restconf.get(cluster.path() + "?content=config");
        assertEquals(200, config.status());
        assertTrue(config.body().contains("\"vrid\":51") && config.body().contains("192.0.2.254"), config.body());

        final var state = await("the state of cluster boot").atMost(STATE_TIMEOUT).pollInterval(POLL_INTERVAL)
            .until(() -> restconf.get("/data/gwha:cluster-states/cluster-state=boot?content=nonconfig"),
                response -> response.status() == 200 && response.body().contains("gateway-state"));
        assertTrue(state.body().contains("\"name\":\"gw1\"") && state.body().contains("\"name\":\"gw2\""),
            state.body());
        // No switch connects to this controller: one dead interval on, its status says so.
        await("cluster boot without a switch").atMost(STATE_TIMEOUT).pollInterval(POLL_INTERVAL)
            .until(() -> restconf.get("/data/gwha:cluster-states/cluster-state=boot?content=nonconfig").body(),
                body -> body.contains("\"status\":\"no-switch\""));
    }

    @Test
    void commandsRightAfterThePutSeeTheClusterAndNameWhatIsUnknown() {
        final var cluster = unreached("boot");
        assertEquals(201, restconf.put(cluster.path(), cluster.json()).status());

        // At once after the PUT the cluster is known: gw1 is refused only because no switch has let it be heard.
        final var unheard = switchOver("boot", "gw1");
        assertEquals(400, unheard.status(), unheard.toString());
        assertTrue(unheard.body().contains("cluster 'boot': gateway gw1 has not been heard yet"), unheard.body());

        final var noGateway = switchOver("boot", "gw9");
        assertEquals(400, noGateway.status(), noGateway.toString());
        assertTrue(noGateway.body().contains("cluster 'boot' has no gateway named 'gw9'"), noGateway.body());
        final var noCluster = restconf.post("/operations/gwha:set-maintenance",
            "{\"input\":{\"cluster\":\"nope\",\"gateway\":\"gw1\",\"enabled\":true}}");
        assertEquals(400, noCluster.status(), noCluster.toString());
        assertTrue(noCluster.body().contains("no cluster named 'nope'"), noCluster.body());
    }

    /**
     * The lab's cluster, but on a switch that never connects: the lab of the end-to-end tests may still run beside
     * this controller, and its gateways would be heard.
     */
    private static ClusterJson unreached(final String name) {
        return new ClusterJson(name, 51, "192.0.2.254",
            new ClusterJson.Gateway("gw1", 200, "192.0.2.1", "02:00:00:00:00:01", "openflow:9", 11),
            new ClusterJson.Gateway("gw2", 150, "192.0.2.2", "02:00:00:00:00:02", "openflow:9", 12));
    }

    private Restconf.Response switchOver(final String cluster, final String gateway) {
        return restconf.post("/operations/gwha:switch-over",
            "{\"input\":{\"cluster\":\"" + cluster + "\",\"gateway\":\"" + gateway + "\"}}");
    }

    static Stream<Arguments> invalidClusters() {
        final var good = ClusterJson.lab("c1");
        return Stream.of(
            Arguments.of("VIP equal to a gateway address", good.withVip("192.0.2.1"),
                "cluster 'c1': virtual-ip 192.0.2.1 equals the ip-address of gateway 'gw1'"),
            Arguments.of("two gateways on one switch port", good.withGateways(ClusterJson.gateway(1, 200, 11),
                ClusterJson.gateway(2, 150, 11)), "attachment openflow:1 port 11 is also the attachment"),
            Arguments.of("same VRID twice on one switch", new ClusterJson("c2", 51, "192.0.2.253",
                ClusterJson.gateway(3, 100, 13), ClusterJson.gateway(4, 90, 14)),
                "vrid 51 is also the vrid of cluster"),
            Arguments.of("VIP in two clusters", new ClusterJson("c2", 52, "192.0.2.254",
                ClusterJson.gateway(3, 100, 13), ClusterJson.gateway(4, 90, 14)),
                "virtual-ip 192.0.2.254 is also a virtual-ip of cluster"),
            // An IPv6 virtual IP needs the gateways' IPv6 source addresses, which these gateways lack.
            Arguments.of("IPv6 virtual IP without link-local addresses", good.withVip("2001:db8::1"),
                "cluster 'c1': gateway 'gw1' ipv6-link-local is missing, and the cluster has IPv6 virtual IP"
                    + " 2001:db8::1"),
            Arguments.of("fewer than two gateways", good.withGateways(ClusterJson.gateway(1, 200, 11)),
                "gateway"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidClusters")
    void invalidClusterIsRefusedAndPreviousConfigKept(final String what, final ClusterJson invalid,
            final String expectedMessage) {
        final var good = ClusterJson.lab("c1");
        assertEquals(201, restconf.put(good.path(), good.json()).status());
        final var before = restconf.get("/data/gwha:clusters?content=config").body();

        final var refused = restconf.put(invalid.path(), invalid.json());

        assertTrue(refused.status() >= 400 && refused.status() < 500, what + ": " + refused);
        assertTrue(refused.body().contains(expectedMessage), what + ": " + refused.body());
        assertTrue(refused.body().contains("'" + invalid.name() + "'") || refused.body().contains(invalid.name()),
            what + ": the message names the cluster: " + refused.body());
        assertEquals(before, restconf.get("/data/gwha:clusters?content=config").body(),
            what + ": the previous configuration is kept");
    }
}
