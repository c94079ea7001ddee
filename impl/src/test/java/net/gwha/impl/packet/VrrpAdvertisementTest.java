/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.gwha.impl.engine.Ipv4;
import org.junit.jupiter.api.Test;

class VrrpAdvertisementTest {
    private static final Mac MAC = Mac.parse("02:00:00:00:0a:01");
    private static final Ipv4 IP = Ipv4.parse("192.0.2.1");
    private static final List<Ipv4> VIP = List.of(Ipv4.parse("192.0.2.100"));

    @Test
    void acceptsTheRangesTheWireCanCarry() {
        assertDoesNotThrow(() -> new VrrpAdvertisement(3, 1, 0, 1, MAC, IP, VrrpAdvertisement.NO_VLAN, VIP));
        assertDoesNotThrow(() -> new VrrpAdvertisement(3, 255, 255, 4095, MAC, IP, 4095, VIP));
        assertDoesNotThrow(() -> new VrrpAdvertisement(2, 1, 0, 100, MAC, IP, 0, VIP));
        assertDoesNotThrow(() -> new VrrpAdvertisement(2, 1, 0, 25_500, MAC, IP, 0, VIP));
    }

    @Test
    void rejectsWhatNoFrameCouldCarry() {
        assertInvalid(4, 1, 0, 100, 0, VIP);
        assertInvalid(3, 0, 0, 100, 0, VIP);
        assertInvalid(3, 256, 0, 100, 0, VIP);
        assertInvalid(3, 1, -1, 100, 0, VIP);
        assertInvalid(3, 1, 256, 100, 0, VIP);
        assertInvalid(3, 1, 0, 0, 0, VIP);
        assertInvalid(3, 1, 0, 4096, 0, VIP);
        assertInvalid(2, 1, 0, 150, 0, VIP);
        assertInvalid(2, 1, 0, 25_600, 0, VIP);
        assertInvalid(3, 1, 0, 100, -2, VIP);
        assertInvalid(3, 1, 0, 100, 4096, VIP);
        assertInvalid(3, 1, 0, 100, 0, List.of());
        assertInvalid(3, 1, 0, 100, 0, new ArrayList<>(Collections.nCopies(256, IP)));
    }

    @Test
    void copiesTheAddresses() {
        final List<Ipv4> addresses = new ArrayList<>(VIP);
        final var advertisement = new VrrpAdvertisement(3, 1, 0, 100, MAC, IP, 0, addresses);
        addresses.clear();
        assertEquals(VIP, advertisement.addresses());
    }

    private static void assertInvalid(final int version, final int vrid, final int priority, final int interval,
            final int vlanId, final List<Ipv4> addresses) {
        assertThrows(IllegalArgumentException.class,
            () -> new VrrpAdvertisement(version, vrid, priority, interval, MAC, IP, vlanId, addresses));
    }
}
