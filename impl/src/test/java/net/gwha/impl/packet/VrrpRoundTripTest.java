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
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For every advertisement the wire can carry, a frame built byte by byte decodes back to it: no field is lost,
 * shifted or clipped at any value, tagged or not.
 */
class VrrpRoundTripTest {
    @Property
    void v3DecodesToWhatWasSent(@ForAll @IntRange(min = 1, max = 255) final int vrid,
            @ForAll @IntRange(min = 0, max = 255) final int priority,
            @ForAll @IntRange(min = 1, max = 4095) final int intervalCentis,
            @ForAll @IntRange(min = -1, max = 4095) final int vlanId, @ForAll final long mac, @ForAll final int ip,
            @ForAll @Size(min = 1, max = 255) final List<Integer> addresses) {
        assertRoundTrip(3, vrid, priority, intervalCentis, vlanId, mac, ip, addresses);
    }

    @Property
    void v2DecodesToWhatWasSent(@ForAll @IntRange(min = 1, max = 255) final int vrid,
            @ForAll @IntRange(min = 0, max = 255) final int priority,
            @ForAll @IntRange(min = 1, max = 255) final int intervalSeconds,
            @ForAll @IntRange(min = -1, max = 4095) final int vlanId, @ForAll final long mac, @ForAll final int ip,
            @ForAll @Size(min = 1, max = 255) final List<Integer> addresses) {
        assertRoundTrip(2, vrid, priority, intervalSeconds * 100, vlanId, mac, ip, addresses);
    }

    @Property
    void ipv6DecodesToWhatWasSent(@ForAll @IntRange(min = 1, max = 255) final int vrid,
            @ForAll @IntRange(min = 0, max = 255) final int priority,
            @ForAll @IntRange(min = 1, max = 4095) final int intervalCentis,
            @ForAll @IntRange(min = -1, max = 4095) final int vlanId, @ForAll final long mac,
            @ForAll final long interfaceId, @ForAll @Size(min = 1, max = 255) final List<Long> addresses) {
        // any link-local source: fe80::/10 leaves 54 free bits in the high half besides the interface id
        final var source = new Ipv6(0xFE80_0000_0000_0000L | interfaceId >>> 10, interfaceId);
        final List<Ipv6> ipv6s = addresses.stream().map(bits -> new Ipv6(bits * 31, bits)).toList();
        final var sent = new Ipv6VrrpAdvertisement(vrid, priority, intervalCentis, new Mac(mac & 0xFFFF_FFFF_FFFFL),
            source, vlanId, ipv6s);
        final byte[] frame = new Vrrp6FrameBuilder().vrid(vrid).priority(priority).intervalCentis(intervalCentis)
            .vlanTci(vlanId).srcMac(sent.srcMac()).srcIp(source).addresses(ipv6s).build();
        assertEquals(sent, VrrpDecoder.decode(frame));
    }

    private static void assertRoundTrip(final int version, final int vrid, final int priority, final int interval,
            final int vlanId, final long mac, final int ip, final List<Integer> addresses) {
        final List<Ipv4> ipv4s = addresses.stream().map(Ipv4::new).toList();
        final var sent = new VrrpAdvertisement(version, vrid, priority, interval, new Mac(mac & 0xFFFF_FFFF_FFFFL),
            new Ipv4(ip), vlanId, ipv4s);
        final byte[] frame = new VrrpFrameBuilder().version(version).vrid(vrid).priority(priority)
            .intervalCentis(interval).vlanTci(vlanId).srcMac(sent.srcMac()).srcIp(sent.srcIp()).addresses(ipv4s)
            .build();
        assertEquals(sent, VrrpDecoder.decode(frame));
    }
}
