/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.AddressFamily.IPV4;
import static net.gwha.impl.engine.AddressFamily.IPV6;
import static net.gwha.impl.engine.Sim.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clusters with IPv6 virtual IPs: IPv6 only, and dual-stack, whose gateways run one VRRPv3 instance per family and
 * are live only while heard on both.
 */
class DualStackTest {
    private static final VirtualAddresses IPV6_ONLY = new VirtualAddresses(List.of(),
        List.of(Ipv6.parse("2001:db8::1")), VirtualAddresses.defaultMac(1, IPV4), VirtualAddresses.defaultMac(1, IPV6));
    private static final VirtualAddresses DUAL = new VirtualAddresses(List.of(Sim.VIP),
        List.of(Ipv6.parse("2001:db8::1")), VirtualAddresses.defaultMac(1, IPV4), VirtualAddresses.defaultMac(1, IPV6));

    private final Sim sim = new Sim();

    private static GatewayConfig gateway(final String name, final int priority, final String ipv4,
            final String linkLocal) {
        return new GatewayConfig(name, priority, Optional.ofNullable(ipv4).map(Ipv4::parse),
            Optional.of(Ipv6.parse(linkLocal)), Sim.SWITCH, true);
    }

    private static ClusterConfig config(final VirtualAddresses addresses, final GatewayConfig... gateways) {
        return new ClusterConfig(Sim.CLUSTER, 1, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000, false,
            List.of(gateways), addresses);
    }

    /** a (100) and b (200), each with both addresses, configured as {@code addresses}, both sending on both. */
    private void start(final VirtualAddresses addresses) {
        sim.connect(Sim.SWITCH);
        sim.configure(config(addresses, gateway("a", 100, "10.0.0.1", "fe80::a"),
            gateway("b", 200, "10.0.0.2", "fe80::b")));
        for (var name : List.of("a", "b")) {
            sim.send(name, IPV4);
            sim.send(name, IPV6);
        }
    }

    @Test
    void anIpv6OnlyClusterElectsAndFailsOverOnSilence() {
        sim.connect(Sim.SWITCH);
        sim.configure(config(IPV6_ONLY, gateway("a", 100, null, "fe80::a"), gateway("b", 200, null, "fe80::b")));
        sim.send("a", IPV6);
        sim.send("b", IPV6);
        sim.runTo(5000);
        assertEquals("b", sim.active());
        sim.silence("b");
        sim.runTo(7999);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.runTo(8000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void aFamilyTheClusterHasNoVirtualIpOfIsIgnored() {
        sim.connect(Sim.SWITCH);
        sim.configure(config(IPV6_ONLY, gateway("a", 100, "10.0.0.1", "fe80::a"),
            gateway("b", 200, "10.0.0.2", "fe80::b")));
        sim.send("a", IPV6);
        sim.send("b", IPV4);
        sim.runTo(5000);
        assertEquals(GatewayState.UNKNOWN, sim.state("b"));
        assertEquals("a", sim.active());
    }

    @Test
    void theActiveSilentOnIpv6AloneFailsOverBothFamilies() {
        start(DUAL);
        sim.runTo(5000);
        assertEquals("b", sim.active());
        sim.silence("b", IPV6);
        sim.runTo(7999);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        // b's IPv4 heartbeats go on: its IPv6 silence alone makes it down, and the one active gateway carries both
        // families' virtual IPs
        sim.runTo(8000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        // the cause names the family that fell silent: its IPv6 instance, not the router, is the one to look at
        sim.assertLastChange("b", "a", FailoverCause.IPV6_HEARTBEAT_TIMEOUT, 8000, 8000);
        assertEquals(2, sim.changes().size());
    }

    @Test
    void theActiveSilentOnIpv4AloneFailsOverToo() {
        start(DUAL);
        sim.runTo(5000);
        sim.silence("b", IPV4);
        sim.runTo(8000);
        sim.assertLastChange("b", "a", FailoverCause.IPV4_HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void theActiveSilentOnBothFamiliesNamesNone() {
        start(DUAL);
        sim.runTo(5000);
        sim.silence("b");
        sim.runTo(8000);
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void familiesFallingSilentWithinOneIntervalOfEachOtherAreTheGatewaysSilence() {
        start(DUAL);
        sim.runTo(5000);
        sim.silence("b", IPV6);
        // IPv4's last heartbeat one interval after IPv6's: not more, so not a family's silence of its own
        sim.runTo(6000);
        sim.silence("b", IPV4);
        sim.runTo(8000);
        sim.assertLastChange("b", "a", FailoverCause.HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void holdUpCountsOnEachFamily() {
        start(DUAL);
        sim.runTo(5000);
        sim.silence("b");
        sim.runTo(8000);
        assertEquals("a", sim.active());
        sim.runTo(10_000);
        sim.send("b", IPV4);
        sim.runTo(12_000);
        sim.send("b", IPV6);
        // held up on IPv4 since 13000, on IPv6 only from 15000
        sim.runTo(14_999);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.runTo(15_000);
        assertEquals(GatewayState.ACTIVE, sim.state("b"));
        sim.assertLastChange("a", "b", FailoverCause.PREEMPTED, 15_000, 15_000);
    }

    @Test
    void aGatewayHeardOnOneFamilyOnlyIsNeverElectedAndDownAfterTheDeadInterval() {
        sim.connect(Sim.SWITCH);
        sim.configure(config(DUAL, gateway("a", 100, "10.0.0.1", "fe80::a"),
            gateway("b", 200, "10.0.0.2", "fe80::b")));
        sim.send("a", IPV4);
        sim.send("a", IPV6);
        sim.send("b", IPV4);
        sim.runTo(2999);
        assertEquals(GatewayState.UNKNOWN, sim.state("b"));
        assertEquals("-", sim.active());
        sim.runTo(3000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("-", "a", FailoverCause.STARTUP, 3000, 3000);
        // heard on IPv6 from 4000: up once that is held up, though IPv4 has been heard all along
        sim.runTo(4000);
        sim.send("b", IPV6);
        sim.runTo(6999);
        assertEquals("a", sim.active());
        sim.runTo(7000);
        sim.assertLastChange("a", "b", FailoverCause.PREEMPTED, 7000, 7000);
    }

    @Test
    void resigningOnOneFamilyResigns() {
        start(DUAL);
        sim.runTo(5000);
        sim.apply(new Event.HeartbeatReceived(Sim.CLUSTER, "b", IPV6, 0, 100, nanos(5000)));
        assertEquals(GatewayState.DOWN, sim.state("b"));
        sim.assertLastChange("b", "a", FailoverCause.RESIGNED, 5000, 5000);
    }

    @Test
    void aFamilyAddedByAnEditMustBeHeardWithinTheDeadInterval() {
        sim.connect(Sim.SWITCH);
        final var a = gateway("a", 100, "10.0.0.1", "fe80::a");
        final var b = gateway("b", 200, "10.0.0.2", "fe80::b");
        sim.configure(config(Sim.VIPS, a, b));
        sim.send("a", IPV4);
        sim.send("b", IPV4);
        sim.runTo(5000);
        assertEquals("b", sim.active());
        sim.configure(config(DUAL, a, b));
        sim.runTo(6000);
        sim.send("a", IPV6);
        sim.runTo(7999);
        assertEquals("b", sim.active());
        sim.runTo(8000);
        assertEquals(GatewayState.DOWN, sim.state("b"));
        // never heard on IPv6 while IPv4 went on
        sim.assertLastChange("b", "a", FailoverCause.IPV6_HEARTBEAT_TIMEOUT, 8000, 8000);
    }

    @Test
    void aTieGoesToTheHigherIpv4AddressInADualStackClusterAndToTheHigherLinkLocalInAnIpv6One() {
        final var a = gateway("a", 100, "10.0.0.2", "fe80::1");
        final var b = gateway("b", 100, "10.0.0.1", "fe80::2");
        sim.connect(Sim.SWITCH);
        sim.configure(config(DUAL, a, b));
        for (var name : List.of("a", "b")) {
            sim.send(name, IPV4);
            sim.send(name, IPV6);
        }
        sim.runTo(500);
        assertEquals("a", sim.active());

        final var ipv6 = new Sim();
        ipv6.connect(Sim.SWITCH);
        ipv6.configure(config(IPV6_ONLY, a, b));
        ipv6.send("a", IPV6);
        ipv6.send("b", IPV6);
        ipv6.runTo(500);
        assertEquals("b", ipv6.active());
    }

    @Test
    void aGatewayNeedsAnAddressOfEveryFamilyOfItsCluster() {
        final var noLinkLocal = new GatewayConfig("a", 100, Ipv4.parse("10.0.0.1"), Sim.SWITCH, true);
        assertThrows(IllegalArgumentException.class, () -> config(DUAL, noLinkLocal,
            gateway("b", 200, "10.0.0.2", "fe80::b")));
        assertThrows(IllegalArgumentException.class, () -> gateway("c", 100, null, "2001:db8::c"));
        assertThrows(IllegalArgumentException.class, () -> config(IPV6_ONLY, gateway("a", 100, null, "fe80::a"),
            gateway("b", 200, null, "FE80:0::a")));
    }

    @Test
    void aPeerOnTimeOnItsOwnFamilyShowsTheSilenceWithoutADrain() {
        // 100 ms, adaptive: b sends IPv4 at phase 0 and IPv6 at 40, a IPv6 at 50 and IPv4 at 80. b falls silent after
        // 10040; its IPv4 deadline is 10156.12. a's IPv6 heartbeat at 10150, the first after b's was due, is 100 ms
        // after a's previous IPv6 one, though only 70 after its IPv4 one: on time, so b is down at its deadline
        sim.connect(Sim.SWITCH);
        sim.configure(new ClusterConfig(Sim.CLUSTER, 1, 100, 300, DetectorConfig.adaptive(8, 150), true, 0, 300,
            false, List.of(gateway("a", 100, "10.0.0.1", "fe80::a"), gateway("b", 200, "10.0.0.2", "fe80::b")),
            DUAL));
        sim.send("b", IPV4);
        sim.runTo(40);
        sim.send("b", IPV6);
        sim.runTo(50);
        sim.send("a", IPV6);
        sim.runTo(80);
        sim.send("a", IPV4);
        sim.runTo(10_040);
        assertEquals("b", sim.active());
        sim.silence("b");
        sim.runTo(10_160);
        final var change = sim.lastChange();
        assertEquals(List.of("a", FailoverCause.HEARTBEAT_TIMEOUT, 10_156L, change.causeTime()),
            List.of(change.to(), change.cause(), TimeUnit.NANOSECONDS.toMillis(change.causeTime()),
                change.decisionTime()));
    }
}
