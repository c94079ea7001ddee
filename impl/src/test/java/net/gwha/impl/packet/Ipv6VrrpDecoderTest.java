/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static net.gwha.impl.packet.TestFrames.IP;
import static net.gwha.impl.packet.TestFrames.VRRP6;
import static net.gwha.impl.packet.TestFrames.capture6;
import static net.gwha.impl.packet.TestFrames.fixVrrp6Checksum;
import static net.gwha.impl.packet.TestFrames.put16;
import static net.gwha.impl.packet.TestFrames.putIpv6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed.Reason;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VRRPv3 over IPv6: keepalived's captured advertisements, the builder checked against them, and one mutation of a
 * capture per way to be malformed.
 */
class Ipv6VrrpDecoderTest {
    private static final Mac GATEWAY_MAC = Mac.parse("02:00:00:00:0a:01");
    private static final Mac VIRTUAL_MAC_63 = Mac.parse("00:00:5e:00:02:3f");
    private static final Ipv6 GATEWAY_LINK_LOCAL = Ipv6.parse("fe80::1");
    private static final int NO_VLAN = VrrpAdvertisement.NO_VLAN;
    // checks of the IPv4 header that IPv6 has no counterpart of
    private static final Set<Reason> IPV4_HEADER_ONLY = EnumSet.of(Reason.NOT_IPV4, Reason.BAD_IP_HEADER_LENGTH,
        Reason.BAD_IP_TOTAL_LENGTH, Reason.FRAGMENTED, Reason.BAD_IP_CHECKSUM, Reason.BAD_TTL);

    // Captured keepalived advertisements

    @Test
    void decodesKeepalivedEveryTenthOfASecond() {
        final var decoded = VrrpDecoder.decode(capture6(TestFrames.V6));
        assertEquals(new Ipv6VrrpAdvertisement(61, 150, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN,
            List.of(Ipv6.parse("2001:db8::61"))), decoded);
        final var advertisement = assertInstanceOf(Ipv6VrrpAdvertisement.class, decoded);
        assertEquals(AddressFamily.IPV6, advertisement.family());
        assertEquals(3, advertisement.version());
    }

    @Test
    void decodesKeepalivedResigningWithPriorityZero() {
        assertEquals(new Ipv6VrrpAdvertisement(61, 0, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN,
            List.of(Ipv6.parse("2001:db8::61"))), VrrpDecoder.decode(capture6(TestFrames.V6_RESIGN)));
    }

    @Test
    void decodesKeepalivedWithThreeAddressesTheFirstLinkLocal() {
        assertEquals(new Ipv6VrrpAdvertisement(62, 254, 100, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN,
            List.of(Ipv6.parse("fe80::62"), Ipv6.parse("2001:db8::62"), Ipv6.parse("2001:db8:0:1::62"))),
            VrrpDecoder.decode(capture6(TestFrames.V6_THREE)));
    }

    @Test
    void decodesKeepalivedWithUseVmacFromTheVirtualMac() {
        // use_vmac: the Ethernet source is the IPv6 virtual MAC of VRID 63 (RFC 9568), the IP source the gateway's
        assertEquals(new Ipv6VrrpAdvertisement(63, 100, 10, VIRTUAL_MAC_63, GATEWAY_LINK_LOCAL, NO_VLAN,
            List.of(Ipv6.parse("2001:db8::63"))), VrrpDecoder.decode(capture6(TestFrames.V6_VMAC)));
        assertEquals(new Ipv6VrrpAdvertisement(63, 0, 10, VIRTUAL_MAC_63, GATEWAY_LINK_LOCAL, NO_VLAN,
            List.of(Ipv6.parse("2001:db8::63"))), VrrpDecoder.decode(capture6(TestFrames.V6_VMAC_RESIGN)));
    }

    @Test
    void checksumCoversTheIpv6PseudoHeader() {
        // fe80::1 -> ff02::12, upper-layer length 24, next header 112; then the message with its checksum zeroed:
        // fe80+0001 + ff02+0012 + 0018+0070 + 313d+9601+000a + 2001+0db8+0061 = 0x2f37f; folded 0xf381; 0x0c7e
        final int sum = 0xfe80 + 0x0001 + 0xff02 + 0x0012 + 0x0018 + 0x0070 + 0x313d + 0x9601 + 0x000a
            + 0x2001 + 0x0db8 + 0x0061;
        assertEquals(0x2f37f, sum);
        assertEquals(0x0c7e, ~VrrpDecoder.fold(sum) & 0xFFFF);
        assertEquals(0x0c7e, TestFrames.get16(capture6(TestFrames.V6), VRRP6 + 6));
    }

    @Test
    void builderReproducesKeepalivedByteForByte() {
        assertArrayEquals(capture6(TestFrames.V6), new Vrrp6FrameBuilder().build());
        assertArrayEquals(capture6(TestFrames.V6_RESIGN), new Vrrp6FrameBuilder().priority(0).build());
        assertArrayEquals(capture6(TestFrames.V6_THREE), new Vrrp6FrameBuilder().vrid(62).priority(254)
            .intervalCentis(100).addresses(List.of(Ipv6.parse("fe80::62"), Ipv6.parse("2001:db8::62"),
                Ipv6.parse("2001:db8:0:1::62"))).build());
        assertArrayEquals(capture6(TestFrames.V6_VMAC), new Vrrp6FrameBuilder().vrid(63).priority(100)
            .srcMac(VIRTUAL_MAC_63).addresses(List.of(Ipv6.parse("2001:db8::63"))).build());
    }

    // Frames around the packet

    @Test
    void decodesOne8021qTagAndIgnoresPadding() {
        final var decoded = assertInstanceOf(Ipv6VrrpAdvertisement.class,
            VrrpDecoder.decode(TestFrames.withTrailer(TestFrames.withVlanTag(capture6(TestFrames.V6), 0xE00A), 4)));
        assertEquals(10, decoded.vlanId());
        assertEquals(150, decoded.priority());
    }

    @Test
    void decodesTheLargestFields() {
        final var many = IntStream.range(0, 255).mapToObj(i -> new Ipv6(0x2001_0DB8_0000_0000L, i)).toList();
        assertEquals(new Ipv6VrrpAdvertisement(255, 255, 4095, GATEWAY_MAC, Ipv6.parse("febf:ffff::ffff"), 4095,
            many), VrrpDecoder.decode(new Vrrp6FrameBuilder().vrid(255).priority(255).intervalCentis(4095)
                .srcIp(Ipv6.parse("febf:ffff::ffff")).vlanTci(0xFFF).addresses(many).build()));
    }

    @Test
    void neighborDiscoveryIsNotVrrp() {
        assertNotVrrp(Kind.IPV6, capture6("nd-ns-for-vip"));
        assertNotVrrp(Kind.IPV6, capture6("nd-na-unsolicited-vrid61"));
        assertNotVrrp(Kind.IPV6, capture6("nd-ra-radvd"));
    }

    @Test
    void vrrpBehindAnExtensionHeaderIsNotDecoded() {
        // RFC 5798 puts VRRP right after the IPv6 header; a hop-by-hop header (0) first is IPv6 of another kind
        final byte[] frame = capture6(TestFrames.V6);
        frame[IP + 6] = 0;
        assertNotVrrp(Kind.IPV6, frame);
    }

    @Test
    void theRecordRefusesWhatNoFrameCouldCarry() {
        final var vip = List.of(Ipv6.parse("2001:db8::61"));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(61, 150, 10, GATEWAY_MAC, Ipv6.parse("2001:db8::1"), NO_VLAN, vip));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(0, 150, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN, vip));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(61, 256, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN, vip));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(61, 150, 4096, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN, vip));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(61, 150, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, 4096, vip));
        assertThrows(IllegalArgumentException.class,
            () -> new Ipv6VrrpAdvertisement(61, 150, 10, GATEWAY_MAC, GATEWAY_LINK_LOCAL, NO_VLAN, List.of()));
    }

    // Malformed: every IPv6 reason, each from one mutation of a captured frame with the checksum made right again,
    // so that only the intended check can fail

    static Stream<Arguments> mutations() {
        return Stream.of(
            mutation(Reason.TRUNCATED, f -> Arrays.copyOf(f, IP + 39)),
            mutation(Reason.TRUNCATED, f -> {
                put16(f, IP + 4, 25);
                return f;
            }),
            mutation(Reason.NOT_IPV6, f -> {
                f[IP] = 0x4C;
                return f;
            }),
            mutation(Reason.BAD_HOP_LIMIT, f -> {
                f[IP + 7] = (byte) 254;
                return f;
            }),
            mutation(Reason.BAD_HOP_LIMIT, f -> {
                f[IP + 7] = 64;
                return f;
            }),
            // a global address, and fec0::/10 (the old site-local range, just outside fe80::/10)
            mutation(Reason.NOT_LINK_LOCAL_SOURCE, f -> {
                putIpv6(f, IP + 8, Ipv6.parse("2001:db8::1"));
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.NOT_LINK_LOCAL_SOURCE, f -> {
                putIpv6(f, IP + 8, Ipv6.parse("fec0::1"));
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.NOT_TO_VRRP_GROUP, f -> {
                putIpv6(f, IP + 24, Ipv6.parse("ff02::13"));
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.NOT_TO_VRRP_GROUP, f -> {
                putIpv6(f, IP + 24, Ipv6.parse("ff05::12"));
                return fixVrrp6Checksum(f);
            }),
            // unicast, as keepalived's unicast_peer sends
            mutation(Reason.NOT_TO_VRRP_GROUP, f -> {
                putIpv6(f, IP + 24, Ipv6.parse("fe80::2"));
                return fixVrrp6Checksum(f);
            }),
            // ff02::12 inside, but not to its Ethernet group
            mutation(Reason.NOT_TO_VRRP_GROUP, f -> {
                f[5] = 0x13;
                return f;
            }),
            mutation(Reason.NOT_TO_VRRP_GROUP, f -> {
                System.arraycopy(new byte[] { 2, 0, 0, 0, 0x0a, 2 }, 0, f, 0, 6);
                return f;
            }),
            mutation(Reason.VRRP_TOO_SHORT, f -> {
                put16(f, IP + 4, 7);
                return f;
            }),
            mutation(Reason.VRRP_TOO_SHORT, f -> {
                put16(f, IP + 4, 0);
                return f;
            }),
            // version 2 does not exist over IPv6
            mutation(Reason.BAD_VERSION, f -> {
                f[VRRP6] = 0x21;
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.BAD_VERSION, f -> {
                f[VRRP6] = 0x41;
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.BAD_TYPE, f -> {
                f[VRRP6] = 0x32;
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.ADDRESS_COUNT_MISMATCH, f -> {
                f[VRRP6 + 3] = 2;
                return fixVrrp6Checksum(f);
            }),
            // four addresses of IPv4's 4 bytes would fill the 16 after the header: over IPv6 each takes 16
            mutation(Reason.ADDRESS_COUNT_MISMATCH, f -> {
                f[VRRP6 + 3] = 4;
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.BAD_VRRP_CHECKSUM, f -> {
                f[VRRP6 + 7] ^= 0x10;
                return f;
            }),
            mutation(Reason.BAD_VRRP_CHECKSUM, f -> {
                f[f.length - 1] ^= 1;
                return f;
            }),
            // the pseudo-header covers both addresses: a rewritten source (still link-local) breaks the checksum
            mutation(Reason.BAD_VRRP_CHECKSUM, f -> {
                f[IP + 23] = 2;
                return f;
            }),
            // checksummed without the pseudo-header, as VRRPv2 is
            mutation(Reason.BAD_VRRP_CHECKSUM, f -> {
                put16(f, VRRP6 + 6, 0);
                put16(f, VRRP6 + 6, TestFrames.checksum(f, VRRP6, 24, 0));
                return f;
            }),
            mutation(Reason.BAD_VRID, f -> {
                f[VRRP6 + 1] = 0;
                return fixVrrp6Checksum(f);
            }),
            mutation(Reason.NO_ADDRESSES, f -> {
                f[VRRP6 + 3] = 0;
                put16(f, IP + 4, 8);
                return fixVrrp6Checksum(Arrays.copyOf(f, VRRP6 + 8));
            }),
            mutation(Reason.BAD_INTERVAL, f -> {
                put16(f, VRRP6 + 4, 0xF000);
                return fixVrrp6Checksum(f);
            }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void rejectsEachMalformation(final Reason expected, final UnaryOperator<byte[]> mutate) {
        final byte[] mutated = mutate.apply(capture6(TestFrames.V6));
        assertMalformed(expected, mutated);
        assertMalformed(expected, TestFrames.withVlanTag(mutated, 10));
    }

    @Test
    void everyReasonButTheIpv4HeadersIsCovered() {
        final var covered = mutations().map(args -> (Reason) args.get()[0]).collect(Collectors.toSet());
        for (Reason reason : Reason.values()) {
            assertTrue(IPV4_HEADER_ONLY.contains(reason) || covered.contains(reason), reason.name());
        }
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everyTruncationIsTruncated(final String capture) {
        for (byte[] frame : List.of(capture6(capture), TestFrames.withVlanTag(capture6(capture), 10))) {
            for (int length = 0; length < frame.length; length++) {
                assertMalformed(Reason.TRUNCATED, Arrays.copyOf(frame, length));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everySingleByteChangeDecodesWithoutThrowingAndOnlyToValidAdvertisements(final String capture) {
        final byte[] original = capture6(capture);
        for (int offset = 0; offset < original.length; offset++) {
            for (int value = 0; value < 256; value++) {
                final byte[] frame = original.clone();
                frame[offset] = (byte) value;
                if (VrrpDecoder.decode(frame) instanceof Ipv6VrrpAdvertisement advertisement) {
                    TestFrames.assertRevalidates6(frame, advertisement);
                }
            }
        }
    }

    static Stream<String> allCaptures() {
        return TestFrames.CAPTURES6.stream();
    }

    private static Arguments mutation(final Reason reason, final UnaryOperator<byte[]> mutate) {
        return Arguments.of(reason, mutate);
    }

    private static void assertMalformed(final Reason expected, final byte[] frame) {
        assertEquals(Malformed.of(expected), VrrpDecoder.decode(frame));
    }

    private static void assertNotVrrp(final Kind expected, final byte[] frame) {
        assertEquals(NotVrrp.of(expected), VrrpDecoder.decode(frame));
    }
}
