/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static net.gwha.impl.packet.TestFrames.IP;
import static net.gwha.impl.packet.TestFrames.VRRP;
import static net.gwha.impl.packet.TestFrames.capture;
import static net.gwha.impl.packet.TestFrames.fixChecksums;
import static net.gwha.impl.packet.TestFrames.fixIpChecksum;
import static net.gwha.impl.packet.TestFrames.fixVrrpChecksum;
import static net.gwha.impl.packet.TestFrames.put16;
import static net.gwha.impl.packet.TestFrames.put32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed.Reason;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VrrpDecoderTest {
    private static final Mac KEEPALIVED_MAC = Mac.parse("02:00:00:00:0a:01");
    private static final Ipv4 KEEPALIVED_IP = Ipv4.parse("192.0.2.1");
    private static final List<Ipv4> VIP = List.of(Ipv4.parse("192.0.2.100"));

    // Captured keepalived advertisements

    @Test
    void decodesKeepalivedV3() {
        assertEquals(new VrrpAdvertisement(3, 51, 150, 100, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            VIP), VrrpDecoder.decode(capture(TestFrames.V3)));
    }

    @Test
    void decodesKeepalivedV3ResigningWithPriorityZero() {
        assertEquals(new VrrpAdvertisement(3, 51, 0, 100, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            VIP), VrrpDecoder.decode(capture(TestFrames.V3_RESIGN)));
    }

    @Test
    void decodesKeepalivedV3WithThreeAddressesEveryHalfSecond() {
        assertEquals(new VrrpAdvertisement(3, 7, 254, 50, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            List.of(Ipv4.parse("192.0.2.100"), Ipv4.parse("192.0.2.101"), Ipv4.parse("192.0.2.102"))),
            VrrpDecoder.decode(capture(TestFrames.V3_THREE)));
    }

    @Test
    void decodesKeepalivedV2ConvertingSecondsToCentiseconds() {
        assertEquals(new VrrpAdvertisement(2, 51, 150, 100, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            VIP), VrrpDecoder.decode(capture(TestFrames.V2)));
    }

    @Test
    void decodesKeepalivedV2WithSimplePasswordIgnoringIt() {
        assertEquals(new VrrpAdvertisement(2, 51, 150, 200, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            VIP), VrrpDecoder.decode(capture(TestFrames.V2_PASS)));
    }

    @Test
    void rejectsKeepalivedUnicastModeAsNotToTheVrrpGroup() {
        assertMalformed(Reason.NOT_TO_VRRP_GROUP, capture(TestFrames.V3_UNICAST));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
        keepalived-v3-prio200,        3, 02:00:00:00:00:01, 192.0.2.1, 200,  10
        keepalived-v3-prio150,        3, 02:00:00:00:00:02, 192.0.2.2, 150,  10
        keepalived-v3-prio50,         3, 02:00:00:00:00:04, 192.0.2.4,  50,  10
        keepalived-v3-prio0-resign,   3, 02:00:00:00:00:03, 192.0.2.3,   0,  10
        keepalived-v3-prio200-adv1s,  3, 02:00:00:00:00:01, 192.0.2.1, 200, 100
        keepalived-v2-prio200,        2, 02:00:00:00:00:01, 192.0.2.1, 200, 100
        keepalived-v2-prio150,        2, 02:00:00:00:00:02, 192.0.2.2, 150, 100
        keepalived-v2-prio0-resign,   2, 02:00:00:00:00:03, 192.0.2.3,   0, 100
        """)
    void decodesTheLabCaptures(final String file, final int version, final String mac, final String ip,
            final int priority, final int intervalCentis) {
        // the lab's table (vrrp/README.md): VRID 51, one address 192.0.2.254, all from keepalived 2.2.7 on its gateways
        assertEquals(new VrrpAdvertisement(version, 51, priority, intervalCentis, Mac.parse(mac), Ipv4.parse(ip),
            VrrpAdvertisement.NO_VLAN, List.of(Ipv4.parse("192.0.2.254"))),
            VrrpDecoder.decode(TestFrames.labCapture(file)));
    }

    @Test
    void decodingLeavesTheFrameAlone() {
        final byte[] frame = capture(TestFrames.V3);
        VrrpDecoder.decode(frame);
        assertArrayEquals(capture(TestFrames.V3), frame);
    }

    // Checksums by hand, against what keepalived sent

    @Test
    void v3ChecksumCoversThePseudoHeader() {
        // 192.0.2.1 -> 224.0.0.18, zero+protocol 112, VRRP length 12; then the message with its checksum zeroed:
        // c000+0201+e000+0012+0070+000c + 3133+9601+0064+0000+c000+0264 = 0x32c8b; folded 0x2c8e; complement 0xd371
        final int sum = 0xc000 + 0x0201 + 0xe000 + 0x0012 + 0x0070 + 0x000c
            + 0x3133 + 0x9601 + 0x0064 + 0xc000 + 0x0264;
        assertEquals(0x32c8b, sum);
        assertEquals(0xd371, ~VrrpDecoder.fold(sum) & 0xFFFF);
        assertEquals(0xd371, TestFrames.get16(capture(TestFrames.V3), VRRP + 6));
    }

    @Test
    void v2ChecksumCoversTheMessageOnly() {
        // 2133+9601+0001+0000+c000+0264 + 8 zero bytes of authentication data = 0x17999; folded 0x799a; 0x8665
        final int sum = 0x2133 + 0x9601 + 0x0001 + 0xc000 + 0x0264;
        assertEquals(0x8665, ~VrrpDecoder.fold(sum) & 0xFFFF);
        assertEquals(0x8665, TestFrames.get16(capture(TestFrames.V2), VRRP + 6));
    }

    @Test
    void ipHeaderChecksumByHand() {
        // 45c0+0020+0001+0000+ff70+c000+0201+e000+0012 = 0x2e764; folded 0xe766; complement 0x1899
        final byte[] frame = capture(TestFrames.V3);
        assertEquals(0x1899, TestFrames.get16(frame, IP + 10));
        assertEquals(0xFFFF, VrrpDecoder.fold(VrrpDecoder.sum(frame, IP, 20, 0)));
    }

    @Test
    void checksumOfAnOddLengthPadsTheLastByteWithZero() {
        assertEquals(0x0102 + 0x0300, VrrpDecoder.sum(new byte[] { 1, 2, 3 }, 0, 3, 0));
    }

    // Frames around the packet

    @Test
    void ignoresEthernetPaddingAndFcs() {
        // keepalived's 46-byte frame reaches a switch padded to 60 bytes, and may come with its 4-byte FCS
        assertEquals(VrrpDecoder.decode(capture(TestFrames.V3)),
            VrrpDecoder.decode(TestFrames.withTrailer(capture(TestFrames.V3), 60 + 4 - 46)));
    }

    @Test
    void decodesOne8021qTag() {
        // PCP 7 and DEI set around VLAN 10: only the VLAN id is reported
        final var decoded = assertInstanceOf(VrrpAdvertisement.class,
            VrrpDecoder.decode(TestFrames.withVlanTag(capture(TestFrames.V3), 0xF00A)));
        assertEquals(10, decoded.vlanId());
        assertEquals(150, decoded.priority());
    }

    @Test
    void decodesVlanZeroAsPriorityTagged() {
        final var decoded = assertInstanceOf(VrrpAdvertisement.class,
            VrrpDecoder.decode(TestFrames.withVlanTag(capture(TestFrames.V2), 0xA000)));
        assertEquals(0, decoded.vlanId());
    }

    @Test
    void ignoresTwoVlanTags() {
        assertNotVrrp(Kind.NOT_IP,
            TestFrames.withVlanTag(TestFrames.withVlanTag(capture(TestFrames.V3), 10), 20));
    }

    @Test
    void decodesIpOptions() {
        // Router Alert (RFC 2113), which some senders add to link-local multicast
        final byte[] frame = new VrrpFrameBuilder().ipOptions(new byte[] { (byte) 0x94, 4, 0, 0 }).build();
        assertEquals(VrrpDecoder.decode(capture(TestFrames.V3)), VrrpDecoder.decode(frame));
    }

    @Test
    void acceptsTheDontFragmentFlag() {
        final byte[] frame = capture(TestFrames.V3);
        frame[IP + 6] = 0x40;
        assertInstanceOf(VrrpAdvertisement.class, VrrpDecoder.decode(fixIpChecksum(frame, IP)));
    }

    // The builder, checked against keepalived, then used where keepalived cannot go

    @Test
    void builderReproducesKeepalivedByteForByte() {
        assertArrayEquals(capture(TestFrames.V3), new VrrpFrameBuilder().build());
        assertArrayEquals(capture(TestFrames.V2), new VrrpFrameBuilder().version(2).build());
        assertArrayEquals(capture(TestFrames.V2_PASS), new VrrpFrameBuilder().version(2).intervalCentis(200)
            .authType(1).authData("secret1\0".getBytes(StandardCharsets.US_ASCII)).build());
        assertArrayEquals(capture(TestFrames.V3_THREE), new VrrpFrameBuilder().vrid(7).priority(254)
            .intervalCentis(50).addresses(List.of(Ipv4.parse("192.0.2.100"), Ipv4.parse("192.0.2.101"),
                Ipv4.parse("192.0.2.102"))).build());
    }

    @Test
    void decodesTheLargestFields() {
        final var many = IntStream.range(0, 255).mapToObj(i -> new Ipv4(0x0A00_0000 + i)).toList();
        assertEquals(new VrrpAdvertisement(3, 255, 255, 4095, KEEPALIVED_MAC, KEEPALIVED_IP, 4095, many),
            VrrpDecoder.decode(new VrrpFrameBuilder().vrid(255).priority(255).intervalCentis(4095).vlanTci(0xFFF)
                .addresses(many).build()));
        assertEquals(new VrrpAdvertisement(2, 1, 1, 25_500, KEEPALIVED_MAC, KEEPALIVED_IP, VrrpAdvertisement.NO_VLAN,
            VIP), VrrpDecoder.decode(new VrrpFrameBuilder().version(2).vrid(1).priority(1).intervalCentis(25_500)
                .build()));
    }

    @Test
    void ignoresTheV3ReservedBits() {
        assertEquals(VrrpDecoder.decode(capture(TestFrames.V3)),
            VrrpDecoder.decode(new VrrpFrameBuilder().reservedBits(0xF).build()));
    }

    // Not VRRP: other punts the packet-in listener sees

    @Test
    void arpIsNotVrrp() {
        assertNotVrrp(Kind.NOT_IP, TestFrames.parseHex("""
            ffff ffff ffff 0200 0000 0a01 0806 0001 0800 0604 0001 0200 0000 0a01 c000 0201
            0000 0000 0000 c000 0264"""));
    }

    @Test
    void lldpIsNotVrrp() {
        assertNotVrrp(Kind.NOT_IP, TestFrames.parseHex("0180 c200 000e 0200 0000 0a01 88cc 0207 0400 0000 0000 01"));
    }

    @Test
    void otherIpv4ProtocolsAreNotVrrp() {
        final byte[] frame = capture(TestFrames.V3);
        frame[IP + 9] = 17;
        assertNotVrrp(Kind.NOT_VRRP_PROTOCOL, fixIpChecksum(frame, IP));
    }

    @Test
    void ipv6IsDecodedApart() {
        // IPv6 VRRP has its own test (Ipv6VrrpDecoderTest); here, that it is no longer passed over: this frame says
        // its payload has 20 bytes and carries 8
        final byte[] ipv6 = TestFrames.parseHex("""
            3333 0000 0012 0200 0000 0a01 86dd 6000 0000 0014 70ff fe80 0000 0000 0000 0000
            0000 0000 0001 ff02 0000 0000 0000 0000 0000 0000 0012 3133 9601 0064 0000""");
        assertMalformed(Reason.TRUNCATED, ipv6);
        ipv6[IP + 6] = 58;
        assertNotVrrp(Kind.IPV6, ipv6);
        assertMalformed(Reason.TRUNCATED, Arrays.copyOf(ipv6, IP + 6));
    }

    // Malformed: every reason, each from one mutation of a captured frame with checksums made right again, so that
    // only the intended check can fail

    static Stream<Arguments> mutations() {
        return Stream.of(
            mutation(Reason.NOT_IPV4, TestFrames.V3, f -> {
                f[IP] = 0x65;
                return f;
            }),
            mutation(Reason.BAD_IP_HEADER_LENGTH, TestFrames.V3, f -> {
                f[IP] = 0x44;
                return f;
            }),
            mutation(Reason.BAD_IP_TOTAL_LENGTH, TestFrames.V3, f -> {
                put16(f, IP + 2, 19);
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.TRUNCATED, TestFrames.V3, f -> {
                put16(f, IP + 2, f.length - IP + 1);
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.FRAGMENTED, TestFrames.V3, f -> {
                f[IP + 6] = 0x20;
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.FRAGMENTED, TestFrames.V2, f -> {
                f[IP + 7] = 1;
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.BAD_IP_CHECKSUM, TestFrames.V3, f -> {
                f[IP + 11] ^= 1;
                return f;
            }),
            mutation(Reason.BAD_IP_CHECKSUM, TestFrames.V3, f -> {
                f[IP + 1] = 0;
                return f;
            }),
            mutation(Reason.BAD_TTL, TestFrames.V3, f -> {
                f[IP + 8] = (byte) 254;
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.BAD_TTL, TestFrames.V2, f -> {
                f[IP + 8] = 64;
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.NOT_TO_VRRP_GROUP, TestFrames.V3, f -> {
                put32(f, IP + 16, 0xE000_0013);
                return fixChecksums(f);
            }),
            mutation(Reason.VRRP_TOO_SHORT, TestFrames.V3, f -> {
                put16(f, IP + 2, 27);
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.VRRP_TOO_SHORT, TestFrames.V3, f -> {
                put16(f, IP + 2, 20);
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.BAD_VERSION, TestFrames.V3, f -> {
                f[VRRP] = 0x41;
                return fixChecksums(f);
            }),
            mutation(Reason.BAD_VERSION, TestFrames.V2, f -> {
                f[VRRP] = 0x11;
                return fixChecksums(f);
            }),
            mutation(Reason.BAD_TYPE, TestFrames.V3, f -> {
                f[VRRP] = 0x32;
                return fixChecksums(f);
            }),
            mutation(Reason.BAD_TYPE, TestFrames.V2, f -> {
                f[VRRP] = 0x20;
                return fixChecksums(f);
            }),
            mutation(Reason.ADDRESS_COUNT_MISMATCH, TestFrames.V3, f -> {
                f[VRRP + 3] = 2;
                return fixChecksums(f);
            }),
            mutation(Reason.ADDRESS_COUNT_MISMATCH, TestFrames.V3_THREE, f -> {
                f[VRRP + 3] = 2;
                return fixChecksums(f);
            }),
            // version 2 without its 8 bytes of authentication data
            mutation(Reason.ADDRESS_COUNT_MISMATCH, TestFrames.V2, f -> {
                put16(f, IP + 2, 20 + 12);
                return fixChecksums(Arrays.copyOf(f, VRRP + 12));
            }),
            // version 3 with version 2's authentication data
            mutation(Reason.ADDRESS_COUNT_MISMATCH, TestFrames.V3, f -> {
                put16(f, IP + 2, 20 + 20);
                return fixChecksums(Arrays.copyOf(f, VRRP + 20));
            }),
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V3, f -> {
                f[VRRP + 7] ^= 0x10;
                return f;
            }),
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V3_THREE, f -> {
                f[f.length - 1] ^= 1;
                return f;
            }),
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V2_PASS, f -> {
                f[f.length - 2] ^= 1;
                return f;
            }),
            // a version-3 message checksummed as version 2 did, without the pseudo-header, and the other way round
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V3, f -> fixVrrpChecksum(f, IP, 2)),
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V2, f -> fixVrrpChecksum(f, IP, 3)),
            // the pseudo-header covers the source address: a rewritten source breaks the checksum
            mutation(Reason.BAD_VRRP_CHECKSUM, TestFrames.V3, f -> {
                f[IP + 15] = 2;
                return fixIpChecksum(f, IP);
            }),
            mutation(Reason.BAD_VRID, TestFrames.V3, f -> {
                f[VRRP + 1] = 0;
                return fixChecksums(f);
            }),
            mutation(Reason.BAD_VRID, TestFrames.V2, f -> {
                f[VRRP + 1] = 0;
                return fixChecksums(f);
            }),
            mutation(Reason.NO_ADDRESSES, TestFrames.V3, f -> {
                f[VRRP + 3] = 0;
                put16(f, IP + 2, 20 + 8);
                return fixChecksums(Arrays.copyOf(f, VRRP + 8));
            }),
            mutation(Reason.BAD_INTERVAL, TestFrames.V3, f -> {
                put16(f, VRRP + 4, 0xF000);
                return fixChecksums(f);
            }),
            mutation(Reason.BAD_INTERVAL, TestFrames.V2, f -> {
                f[VRRP + 5] = 0;
                return fixChecksums(f);
            }));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("mutations")
    void rejectsEachMalformation(final Reason expected, final String capture, final UnaryOperator<byte[]> mutate) {
        final byte[] mutated = mutate.apply(capture(capture));
        assertMalformed(expected, mutated);
        // the same with a VLAN tag in front
        assertMalformed(expected, TestFrames.withVlanTag(mutated, 10));
    }

    @Test
    void everyReasonIsCovered() {
        // with the IPv6 ones
        assertEquals(List.of(Reason.values()), Stream.concat(mutations(), Ipv6VrrpDecoderTest.mutations())
            .map(args -> (Reason) args.get()[0]).distinct().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everyTruncationIsTruncated(final String capture) {
        for (byte[] frame : List.of(capture(capture), TestFrames.withVlanTag(capture(capture), 10))) {
            for (int length = 0; length < frame.length; length++) {
                assertMalformed(Reason.TRUNCATED, Arrays.copyOf(frame, length));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everySingleByteChangeDecodesWithoutThrowingAndOnlyToValidAdvertisements(final String capture) {
        final byte[] original = capture(capture);
        for (int offset = 0; offset < original.length; offset++) {
            for (int value = 0; value < 256; value++) {
                final byte[] frame = original.clone();
                frame[offset] = (byte) value;
                if (VrrpDecoder.decode(frame) instanceof VrrpAdvertisement advertisement) {
                    TestFrames.assertRevalidates(frame, advertisement);
                }
            }
        }
    }

    @Test
    void rejectionsAreSharedInstances() {
        assertSame(VrrpDecoder.decode(new byte[3]), VrrpDecoder.decode(new byte[5]));
        assertSame(Malformed.of(Reason.BAD_TTL), Malformed.of(Reason.BAD_TTL));
        assertSame(NotVrrp.of(Kind.NOT_IP), VrrpDecoder.decode(new byte[14]));
    }

    static Stream<String> allCaptures() {
        return TestFrames.CAPTURES.stream();
    }

    private static Arguments mutation(final Reason reason, final String capture, final UnaryOperator<byte[]> mutate) {
        return Arguments.of(reason, capture, mutate);
    }

    private static void assertMalformed(final Reason expected, final byte[] frame) {
        assertEquals(Malformed.of(expected), VrrpDecoder.decode(frame));
    }

    private static void assertNotVrrp(final Kind expected, final byte[] frame) {
        assertEquals(NotVrrp.of(expected), VrrpDecoder.decode(frame));
    }
}
