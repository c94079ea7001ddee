/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab's IPv6 (scripts/lab up --ipv6 --radvd) without a controller: keepalived alone on learning bridges, radvd on
 * the gateways advertising the virtual link-local fe80::1. The client learns that one router from the Router
 * Advertisements, and a frozen master hands the IPv6 virtual IP and the router to the next gateway. Proves the lab
 * tooling the IPv6 system tests build on; about 40 s, no controller. Tagged {@value #TAG}.
 */
@Tag(LabIpv6IT.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIpv6IT {
    static final String TAG = "lab-ipv6";

    private static final Map<String, String> ENV = Map.of("LAB_PREFIX",
        "s" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(0x10000)));
    private static final String PREFIX = ENV.get("LAB_PREFIX") + "-";

    @BeforeAll
    static void up() {
        lab(300, "up", "--standalone", "--ipv6", "--radvd", "--advert-int", "0.1");
    }

    @AfterAll
    static void down() {
        lab(120, "down");
        final var left = namespaces();
        assertTrue(left.lines().noneMatch(line -> line.startsWith(PREFIX)), "namespaces left:\n" + left);
    }

    @Test
    @Order(1)
    void clientLearnsTheVirtualRouterFromAdvertisements() {
        assertEquals("MASTER", lab(30, "vrrp-state", "gw1", "--ipv6").strip());
        assertEquals(0, Scripts.run(ENV, 40, "lab", "wait-vip", "gw1", "30", "--ipv6").exitCode(),
            "the IPv6 VIP answers from gw1");
        final var routes = lab(30, "exec", "client", "ip", "-6", "route", "show", "default").strip();
        assertEquals(1, routes.lines().count(), "one default router: " + routes);
        assertTrue(routes.startsWith("default via fe80::1 dev eth0 proto ra"), "learned from RAs: " + routes);
        assertEquals("gw1", lastAnswer("--outside"), "traffic through the router reaches gw1");
    }

    @Test
    @Order(2)
    void frozenMasterHandsOverVipAndRouter() {
        lab(30, "freeze", "gw1");
        try {
            assertEquals(0, Scripts.run(ENV, 40, "lab", "wait-vip", "gw2", "30", "--ipv6").exitCode(),
                "the IPv6 VIP answers from gw2");
            assertEquals("MASTER", lab(30, "vrrp-state", "gw2", "--ipv6").strip());
            assertEquals("gw2", lastAnswer("--outside"), "the client's router is now gw2");
            assertTrue(lab(30, "exec", "client", "ip", "-6", "route", "show", "default").strip()
                .startsWith("default via fe80::1 "), "still the one virtual router");
        } finally {
            lab(30, "thaw", "gw1");
        }
    }

    /** The gateway that answered the last of a 1 s probe's requests. */
    private static String lastAnswer(final String... options) {
        final var args = new String[options.length + 2];
        args[0] = "probe";
        args[1] = "1";
        System.arraycopy(options, 0, args, 2, options.length);
        final var json = lab(30, args).lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        return JsonParser.parseString(json).getAsJsonObject().get("last_gw").getAsString();
    }

    private static String lab(final long timeoutSeconds, final String... args) {
        return Scripts.require(ENV, timeoutSeconds, "lab", args).output();
    }

    /** {@code ip netns list}: down must leave none of the lab's. */
    private static String namespaces() {
        try {
            final var process = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            final var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ip netns list finished");
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ip netns list", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing namespaces", e);
        }
    }
}
