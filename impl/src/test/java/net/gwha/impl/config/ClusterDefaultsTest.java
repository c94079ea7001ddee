/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.Fixtures.validBuilder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.FailureDetectorBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.PuntMetersBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

class ClusterDefaultsTest {
    @Test
    void absentLeavesTakeTheYangDefaults() {
        final var cluster = validBuilder().build();
        assertEquals(1000, ClusterDefaults.heartbeatIntervalMillis(cluster));
        assertEquals(3000, ClusterDefaults.deadIntervalMillis(cluster));
        assertEquals(3000, ClusterDefaults.holdUpMillis(cluster));
        assertEquals(1500, ClusterDefaults.adaptiveFloorMillis(cluster));
        assertEquals(0, ClusterDefaults.preemptDelayMillis(cluster));
        assertTrue(ClusterDefaults.preempt(cluster));
        assertEquals("00:00:5e:00:01:01", ClusterDefaults.virtualMac(cluster));
    }

    @Test
    void puntMetersFollowTheHeartbeatRate() {
        // 1 s heartbeats: 4 per second, a burst of at least 10; 30 ms: 134 (133.3 rounded up), a second's worth.
        assertEquals(new ClusterDefaults.MeterBand(4, 10), ClusterDefaults.heartbeatMeter(validBuilder().build()));
        assertEquals(new ClusterDefaults.MeterBand(134, 134), ClusterDefaults.heartbeatMeter(validBuilder()
            .setHeartbeatInterval(Uint32.valueOf(30)).build()));
        assertEquals(new ClusterDefaults.MeterBand(50, 50), ClusterDefaults.sharedMeter(validBuilder().build()));
    }

    @Test
    void puntMetersAsConfigured() {
        final var cluster = validBuilder().setHeartbeatInterval(Uint32.valueOf(100)).setPuntMeters(
            new PuntMetersBuilder().setHeartbeatHeadroom(Uint16.valueOf(2)).setHeartbeatBurst(Uint32.valueOf(5))
                .setSharedRate(Uint32.valueOf(7)).setSharedBurst(Uint32.valueOf(3)).build()).build();
        assertEquals(new ClusterDefaults.MeterBand(20, 5), ClusterDefaults.heartbeatMeter(cluster));
        assertEquals(new ClusterDefaults.MeterBand(7, 3), ClusterDefaults.sharedMeter(cluster));
        // The slowest heartbeat still gets a meter that passes it.
        assertEquals(new ClusterDefaults.MeterBand(1, 10), ClusterDefaults.heartbeatMeter(validBuilder()
            .setHeartbeatInterval(Uint32.MAX_VALUE).build()));
    }

    @Test
    void defaultsFollowAnExplicitHeartbeatInterval() {
        final var cluster = validBuilder().setHeartbeatInterval(Uint32.valueOf(200)).build();
        assertEquals(600, ClusterDefaults.deadIntervalMillis(cluster));
        assertEquals(600, ClusterDefaults.holdUpMillis(cluster));
        assertEquals(300, ClusterDefaults.adaptiveFloorMillis(cluster));
    }

    @Test
    void holdUpFollowsAnExplicitDeadInterval() {
        final var cluster = validBuilder().setDeadInterval(Uint32.valueOf(2500)).build();
        assertEquals(2500, ClusterDefaults.deadIntervalMillis(cluster));
        assertEquals(2500, ClusterDefaults.holdUpMillis(cluster));
    }

    @Test
    void defaultFloorRoundsUp() {
        assertEquals(23, ClusterDefaults.adaptiveFloorMillis(validBuilder().setHeartbeatInterval(Uint32.valueOf(15))
            .build()));
    }

    @Test
    void largestIntervalsDoNotOverflow() {
        final var cluster = validBuilder().setHeartbeatInterval(Uint32.MAX_VALUE).build();
        assertEquals(3 * 4_294_967_295L, ClusterDefaults.deadIntervalMillis(cluster));
        assertEquals((3 * 4_294_967_295L + 1) / 2, ClusterDefaults.adaptiveFloorMillis(cluster));
    }

    @Test
    void explicitValuesWin() {
        final var cluster = validBuilder()
            .setHeartbeatInterval(Uint32.valueOf(100))
            .setDeadInterval(Uint32.valueOf(350))
            .setHoldUp(Uint32.valueOf(5000))
            .setFailureDetector(new FailureDetectorBuilder().setFloor(Uint32.valueOf(170)).build())
            .setPreempt(false)
            .setPreemptDelay(Uint32.valueOf(30000))
            .setVirtualMac(new MacAddress("02:AB:CD:00:00:01"))
            .build();
        assertEquals(100, ClusterDefaults.heartbeatIntervalMillis(cluster));
        assertEquals(350, ClusterDefaults.deadIntervalMillis(cluster));
        assertEquals(5000, ClusterDefaults.holdUpMillis(cluster));
        assertEquals(170, ClusterDefaults.adaptiveFloorMillis(cluster));
        assertFalse(ClusterDefaults.preempt(cluster));
        assertEquals(30000, ClusterDefaults.preemptDelayMillis(cluster));
        assertEquals("02:ab:cd:00:00:01", ClusterDefaults.virtualMac(cluster));
    }

    @Test
    void defaultFloorWithDetectorContainerButNoFloor() {
        assertEquals(1500, ClusterDefaults.adaptiveFloorMillis(validBuilder()
            .setFailureDetector(new FailureDetectorBuilder().build()).build()));
    }

    @Test
    void defaultVirtualMacIsTwoHexDigitsOfTheVrid() {
        assertEquals("00:00:5e:00:01:01", ClusterDefaults.defaultVirtualMac(1));
        assertEquals("00:00:5e:00:01:0a", ClusterDefaults.defaultVirtualMac(10));
        assertEquals("00:00:5e:00:01:ff", ClusterDefaults.defaultVirtualMac(255));
        assertEquals("00:00:5e:00:01:2a", ClusterDefaults.virtualMac(validBuilder().setVrid(Uint8.valueOf(42))
            .build()));
        assertThrows(IllegalArgumentException.class, () -> ClusterDefaults.defaultVirtualMac(0));
        assertThrows(IllegalArgumentException.class, () -> ClusterDefaults.defaultVirtualMac(256));
    }

    @Test
    void virtualMacNeedsVridOrExplicitMac() {
        assertThrows(NoSuchElementException.class, () -> ClusterDefaults.virtualMac(validBuilder().setVrid(null)
            .build()));
    }
}
