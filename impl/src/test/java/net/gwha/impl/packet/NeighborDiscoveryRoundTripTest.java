/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.Ipv6;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For every solicitation the wire can carry, the answer built decodes back to the advertisement RFC 4861 section
 * 7.2.4 asks for: about the target, from the virtual MAC, to the solicitor (or to all nodes for duplicate address
 * detection), under the solicitation's tags.
 */
class NeighborDiscoveryRoundTripTest {
    @Property
    void answerDecodesToTheAdvertisementAsked(@ForAll final long targetHigh, @ForAll final long targetLow,
            @ForAll final long solicitorHigh, @ForAll final long solicitorLow, @ForAll final boolean dad,
            @ForAll final long solicitorMac, @ForAll final long virtualMac,
            @ForAll @IntRange(min = 0, max = 2) final int tagCount, @ForAll @IntRange(max = 0xFFFF) final int tci) {
        // a target is never multicast (ff00::/8), nor is a solicitor
        final var target = new Ipv6(targetHigh & ~(0xFFL << 56), targetLow);
        final var solicitor = dad ? new Ipv6(0, 0) : new Ipv6(solicitorHigh & ~(0xFFL << 56), solicitorLow);
        final var tags = List.of(new VlanTag(0x88A8, tci), new VlanTag(0x8100, tci ^ 0x0FFF)).subList(2 - tagCount,
            2);
        final var from = new Mac(solicitorMac & 0xFFFF_FFFF_FFFFL);
        final var virtual = new Mac(virtualMac & 0xFFFF_FFFF_FFFFL);
        final var solicitation = new NeighborSolicitation(from, tags, solicitor,
            new Ipv6(0xFF02_0000_0000_0000L, 0x1_FF00_0000L | target.low() & 0xFF_FFFF), target, Optional.empty());

        assertEquals(new NeighborAdvertisement(virtual, tags, target, dad ? Protocols.ALL_NODES : solicitor, target,
            true, !dad, true, Optional.of(virtual)),
            NeighborDiscovery.decode(NeighborDiscovery.answer(solicitation, virtual)));
    }

    @Property
    void unsolicitedDecodesToWhatWasAnnounced(@ForAll final long high, @ForAll final long low,
            @ForAll final long mac, @ForAll @IntRange(max = 0xFFFF) final int tci) {
        final var vip = new Ipv6(high & ~(0xFFL << 56), low);
        final var virtual = new Mac(mac & 0xFFFF_FFFF_FFFFL);
        final var tags = List.of(new VlanTag(0x8100, tci));
        assertEquals(new NeighborAdvertisement(virtual, tags, vip, Protocols.ALL_NODES, vip, true, false, true,
            Optional.of(virtual)), NeighborDiscovery.decode(NeighborDiscovery.unsolicited(vip, virtual, tags)));
    }
}
