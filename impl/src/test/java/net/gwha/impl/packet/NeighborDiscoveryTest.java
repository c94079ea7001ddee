/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static net.gwha.impl.packet.TestFrames.IP;
import static net.gwha.impl.packet.TestFrames.capture6;
import static net.gwha.impl.packet.TestFrames.get16;
import static net.gwha.impl.packet.TestFrames.getIpv6;
import static net.gwha.impl.packet.TestFrames.getMac;
import static net.gwha.impl.packet.TestFrames.put16;
import static net.gwha.impl.packet.TestFrames.putIpv6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.packet.NdDecodeResult.Malformed;
import net.gwha.impl.packet.NdDecodeResult.Malformed.Reason;
import net.gwha.impl.packet.NdDecodeResult.NotNd;
import net.gwha.impl.packet.NdDecodeResult.NotNd.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Neighbor Discovery against what Linux, keepalived and radvd sent (captures in
 * {@code vrrp/keepalived-2.2.7-netns-ipv6}), field by field against RFC 4861, and one mutation per way to be
 * malformed.
 */
class NeighborDiscoveryTest {
    static final String NS = "nd-ns-for-vip";
    static final String NS_DAD = "nd-ns-dad";
    static final String NA_KERNEL = "nd-na-solicited-kernel";
    static final String NA_KEEPALIVED = "nd-na-unsolicited-vrid61";
    static final String NA_VMAC = "nd-na-unsolicited-vrid63-vmac";
    static final String RA = "nd-ra-radvd";
    static final String RA_VMAC = "nd-ra-radvd-vmac";
    static final List<String> CAPTURES = List.of(NS, NS_DAD, NA_KERNEL, NA_KEEPALIVED, NA_VMAC, RA, RA_VMAC);

    private static final int ICMP = IP + 40;
    private static final Mac GATEWAY_MAC = Mac.parse("02:00:00:00:0a:01");
    private static final Mac HOST_MAC = Mac.parse("02:00:00:00:0a:02");
    private static final Mac VIRTUAL_MAC = Mac.parse("00:00:5e:00:02:3d");
    private static final Ipv6 VIP = Ipv6.parse("2001:db8::61");
    private static final Ipv6 HOST = Ipv6.parse("2001:db8::2");

    // What the captures decode to

    @Test
    void decodesTheKernelsSolicitationForTheVip() {
        final var solicitation = new NeighborSolicitation(HOST_MAC, List.of(), HOST, Ipv6.parse("ff02::1:ff00:61"),
            VIP, Optional.of(HOST_MAC));
        assertEquals(solicitation, NeighborDiscovery.decode(capture6(NS)));
        assertFalse(solicitation.isDuplicateAddressDetection());
    }

    @Test
    void decodesDuplicateAddressDetectionSkippingItsNonceOption() {
        final var solicitation = assertInstanceOf(NeighborSolicitation.class,
            NeighborDiscovery.decode(capture6(NS_DAD)));
        assertEquals(new NeighborSolicitation(HOST_MAC, List.of(), Ipv6.parse("::"), Ipv6.parse("ff02::1:ff00:2"),
            HOST, Optional.empty()), solicitation);
        assertTrue(solicitation.isDuplicateAddressDetection());
    }

    @Test
    void decodesAdvertisementsWithTheirFlags() {
        assertEquals(new NeighborAdvertisement(GATEWAY_MAC, List.of(), VIP, HOST, VIP, true, true, true,
            Optional.of(GATEWAY_MAC)), NeighborDiscovery.decode(capture6(NA_KERNEL)));
        assertEquals(new NeighborAdvertisement(GATEWAY_MAC, List.of(), VIP, Protocols.ALL_NODES, VIP, true, false,
            true, Optional.of(GATEWAY_MAC)), NeighborDiscovery.decode(capture6(NA_KEEPALIVED)));
        final Mac vmac = Mac.parse("00:00:5e:00:02:3f");
        final Ipv6 vip = Ipv6.parse("2001:db8::63");
        assertEquals(new NeighborAdvertisement(vmac, List.of(), vip, Protocols.ALL_NODES, vip, true, false, true,
            Optional.of(vmac)), NeighborDiscovery.decode(capture6(NA_VMAC)));
    }

    @Test
    void decodesTheRouterAdvertisementsSourceAndLifetime() {
        assertEquals(new RouterAdvertisement(GATEWAY_MAC, List.of(), Ipv6.parse("fe80::1"), 64, 1800,
            Optional.of(GATEWAY_MAC)), NeighborDiscovery.decode(capture6(RA)));
    }

    // The advertisements built, against the senders and against RFC 4861 byte by byte

    @Test
    void answersTheSolicitationExactlyAsTheKernelDid() {
        final var solicitation = (NeighborSolicitation) NeighborDiscovery.decode(capture6(NS));
        assertArrayEquals(capture6(NA_KERNEL), NeighborDiscovery.answer(solicitation, GATEWAY_MAC));
    }

    @Test
    void unsolicitedAdvertisementIsKeepalivedsExactly() {
        assertArrayEquals(capture6(NA_KEEPALIVED), NeighborDiscovery.unsolicited(VIP, GATEWAY_MAC, List.of()));
        assertArrayEquals(capture6(NA_VMAC), NeighborDiscovery.unsolicited(Ipv6.parse("2001:db8::63"),
            Mac.parse("00:00:5e:00:02:3f"), List.of()));
    }

    @Test
    void answerToASolicitorHasEveryFieldRfc4861Asks() {
        final var solicitation = (NeighborSolicitation) NeighborDiscovery.decode(capture6(NS));
        final byte[] answer = NeighborDiscovery.answer(solicitation, VIRTUAL_MAC);
        assertAdvertisement(answer, HOST_MAC, HOST, 0xE0);
    }

    @Test
    void answerToDuplicateAddressDetectionGoesToAllNodesUnsolicited() {
        // RFC 4861 section 7.2.4: source ::, so S clear and to ff02::1
        final var probe = new NeighborSolicitation(HOST_MAC, List.of(), Ipv6.parse("::"),
            Ipv6.parse("ff02::1:ff00:61"), VIP, Optional.empty());
        assertAdvertisement(NeighborDiscovery.answer(probe, VIRTUAL_MAC), Protocols.ALL_NODES_MAC,
            Protocols.ALL_NODES, 0xA0);
    }

    @Test
    void unsolicitedAdvertisementHasEveryFieldRfc5798Asks() {
        // RFC 5798 section 6.4.2: R set, S clear, O set, target link-layer address = the virtual MAC, to ff02::1
        assertAdvertisement(NeighborDiscovery.unsolicited(VIP, VIRTUAL_MAC, List.of()), Protocols.ALL_NODES_MAC,
            Protocols.ALL_NODES, 0xA0);
    }

    /** Every byte of an untagged advertisement for {@link #VIP} from {@link #VIRTUAL_MAC}. */
    private static void assertAdvertisement(final byte[] frame, final Mac dstMac, final Ipv6 destination,
            final int flags) {
        assertEquals(14 + 40 + 32, frame.length);
        assertEquals(dstMac.bits(), getMac(frame, 0));
        assertEquals(VIRTUAL_MAC.bits(), getMac(frame, 6));
        assertEquals(0x86DD, get16(frame, 12));
        assertEquals(0x6000_0000, get16(frame, IP) << 16 | get16(frame, IP + 2), "version 6, no class or label");
        assertEquals(32, get16(frame, IP + 4), "payload: 24 bytes of message, one 8-byte option");
        assertEquals(58, frame[IP + 6], "next header ICMPv6");
        assertEquals(255, frame[IP + 7] & 0xFF, "hop limit");
        assertEquals(VIP, getIpv6(frame, IP + 8), "from the virtual address");
        assertEquals(destination, getIpv6(frame, IP + 24));
        assertEquals(136, frame[ICMP] & 0xFF, "type");
        assertEquals(0, frame[ICMP + 1], "code");
        assertEquals(0, TestFrames.checksum(frame, ICMP, 32, TestFrames.ipv6PseudoHeaderSum(frame, IP)), "checksum");
        assertEquals(flags, frame[ICMP + 4] & 0xFF, "R, S, O");
        assertArrayEquals(new byte[3], Arrays.copyOfRange(frame, ICMP + 5, ICMP + 8), "reserved");
        assertEquals(VIP, getIpv6(frame, ICMP + 8), "target");
        assertEquals(2, frame[ICMP + 24], "target link-layer address option");
        assertEquals(1, frame[ICMP + 25], "of one 8-byte unit");
        assertEquals(VIRTUAL_MAC.bits(), getMac(frame, ICMP + 26));
    }

    // Router Advertisements as the virtual router's

    @Test
    void radvdsSourceLinkLayerOptionCarriesTheVirtualMacAfterwards() {
        final byte[] sent = capture6(RA);
        final byte[] passed = NeighborDiscovery.fromVirtualRouter(sent, VIRTUAL_MAC).orElseThrow();
        assertEquals(new RouterAdvertisement(GATEWAY_MAC, List.of(), Ipv6.parse("fe80::1"), 64, 1800,
            Optional.of(VIRTUAL_MAC)), NeighborDiscovery.decode(passed), "the checksum verifies again");
        // radvd's option is the last 8 bytes: only its address and the checksum change.
        final int option = sent.length - 8;
        assertEquals(VIRTUAL_MAC.bits(), getMac(passed, option + 2));
        assertArrayEquals(Arrays.copyOfRange(sent, 0, ICMP + 2), Arrays.copyOfRange(passed, 0, ICMP + 2));
        assertArrayEquals(Arrays.copyOfRange(sent, ICMP + 4, option + 2), Arrays.copyOfRange(passed, ICMP + 4,
            option + 2));
        assertArrayEquals(capture6(RA), sent, "the input is left alone");
    }

    @Test
    void radvdOnKeepalivedsMacvlanAlreadySendsTheVirtualMacAndPassesByteForByte() {
        // the lab's gw1 under use_vmac: from vrrp6.51, whose MAC is the IPv6 virtual MAC of VRID 51
        final Mac vmac = Mac.parse("00:00:5e:00:02:33");
        final byte[] sent = capture6(RA_VMAC);
        assertEquals(new RouterAdvertisement(vmac, List.of(), Ipv6.parse("fe80::1"), 64, 30, Optional.of(vmac)),
            NeighborDiscovery.decode(sent));
        assertArrayEquals(sent, NeighborDiscovery.fromVirtualRouter(sent, vmac).orElseThrow());
    }

    @Test
    void advertisementWithoutTheOptionPassesByteForByte() {
        // AdvSourceLLAddress off: radvd's advertisement without its last option
        final byte[] sent = fixChecksum(shorten(capture6(RA), 48));
        assertEquals(Optional.empty(), assertInstanceOf(RouterAdvertisement.class, NeighborDiscovery.decode(sent))
            .sourceLinkLayer());
        assertArrayEquals(sent, NeighborDiscovery.fromVirtualRouter(sent, VIRTUAL_MAC).orElseThrow());
        final byte[] padded = TestFrames.withTrailer(sent, 4);
        assertArrayEquals(padded, NeighborDiscovery.fromVirtualRouter(padded, VIRTUAL_MAC).orElseThrow());
    }

    @Test
    void everySourceLinkLayerOptionIsRewrittenUnderTheTags() {
        // A second option after radvd's, and two VLAN tags around it all
        final byte[] twice = Arrays.copyOf(capture6(RA), capture6(RA).length + 8);
        System.arraycopy(twice, twice.length - 16, twice, twice.length - 8, 8);
        put16(twice, IP + 4, get16(twice, IP + 4) + 8);
        final var tags = List.of(new VlanTag(0x88A8, 100), new VlanTag(0x8100, 0x200A));
        final byte[] tagged = withTags(fixChecksum(twice), tags);
        final byte[] passed = NeighborDiscovery.fromVirtualRouter(tagged, VIRTUAL_MAC).orElseThrow();
        assertEquals(new RouterAdvertisement(GATEWAY_MAC, tags, Ipv6.parse("fe80::1"), 64, 1800,
            Optional.of(VIRTUAL_MAC)), NeighborDiscovery.decode(passed));
        assertEquals(VIRTUAL_MAC.bits(), getMac(passed, passed.length - 14));
        assertEquals(VIRTUAL_MAC.bits(), getMac(passed, passed.length - 6));
    }

    @Test
    void onlyWellFormedAdvertisementsPass() {
        assertEquals(Optional.empty(), NeighborDiscovery.fromVirtualRouter(capture6(NS), VIRTUAL_MAC));
        assertEquals(Optional.empty(), NeighborDiscovery.fromVirtualRouter(new byte[3], VIRTUAL_MAC));
        final byte[] badSum = capture6(RA);
        badSum[ICMP + 2] ^= 1;
        assertEquals(Optional.empty(), NeighborDiscovery.fromVirtualRouter(badSum, VIRTUAL_MAC));
        // A 16-byte source link-layer option is no Ethernet address: Linux drops such an advertisement whole.
        final byte[] longOption = Arrays.copyOf(capture6(RA), capture6(RA).length + 8);
        longOption[longOption.length - 15] = 2;
        put16(longOption, IP + 4, get16(longOption, IP + 4) + 8);
        final byte[] fixed = fixChecksum(longOption);
        assertInstanceOf(RouterAdvertisement.class, NeighborDiscovery.decode(fixed));
        assertEquals(Optional.empty(), NeighborDiscovery.fromVirtualRouter(fixed, VIRTUAL_MAC));
    }

    @Test
    void answersUnderTheSolicitationsVlanTags() {
        final var tags = List.of(new VlanTag(0x88A8, 100), new VlanTag(0x8100, 0x200A));
        final byte[] tagged = withTags(capture6(NS), tags);
        final var solicitation = assertInstanceOf(NeighborSolicitation.class, NeighborDiscovery.decode(tagged));
        assertEquals(tags, solicitation.vlanTags());
        final byte[] answer = NeighborDiscovery.answer(solicitation, VIRTUAL_MAC);
        assertArrayEquals(Arrays.copyOfRange(tagged, 12, 20), Arrays.copyOfRange(answer, 12, 20));
        assertEquals(new NeighborAdvertisement(VIRTUAL_MAC, tags, VIP, HOST, VIP, true, true, true,
            Optional.of(VIRTUAL_MAC)), NeighborDiscovery.decode(answer));
    }

    @Test
    void threeTagsAreNotReadAsNeighborDiscovery() {
        final var tags = List.of(new VlanTag(0x88A8, 1), new VlanTag(0x8100, 2), new VlanTag(0x8100, 3));
        assertNotNd(Kind.NOT_IPV6, withTags(capture6(NS), tags));
    }

    @Test
    void ignoresPaddingAndFcs() {
        assertEquals(NeighborDiscovery.decode(capture6(NS)),
            NeighborDiscovery.decode(TestFrames.withTrailer(capture6(NS), 4)));
    }

    // Not Neighbor Discovery

    @Test
    void otherFramesAreNotNeighborDiscovery() {
        assertNotNd(Kind.NOT_ICMPV6, capture6(TestFrames.V6));
        assertNotNd(Kind.NOT_IPV6, TestFrames.capture(TestFrames.V3));
        final byte[] routerSolicitation = capture6(RA);
        routerSolicitation[ICMP] = (byte) 133;
        assertNotNd(Kind.OTHER_ICMPV6, fixChecksum(routerSolicitation));
        final byte[] behindHopByHop = capture6(NS);
        behindHopByHop[IP + 6] = 0;
        assertNotNd(Kind.NOT_ICMPV6, behindHopByHop);
    }

    @Test
    void rejectionsAreSharedInstances() {
        assertSame(NeighborDiscovery.decode(new byte[3]), NeighborDiscovery.decode(new byte[5]));
        assertSame(NotNd.of(Kind.NOT_IPV6), NeighborDiscovery.decode(new byte[14]));
    }

    // Malformed: each reason from one mutation of a capture, the checksum made right again unless it is the point

    static Stream<Arguments> mutations() {
        return Stream.of(
            mutation(Reason.TRUNCATED, NS, f -> Arrays.copyOf(f, IP + 39)),
            mutation(Reason.TRUNCATED, NS, f -> {
                put16(f, IP + 4, 33);
                return f;
            }),
            mutation(Reason.NOT_IPV6, NS, f -> {
                f[IP] = 0x40;
                return f;
            }),
            mutation(Reason.TOO_SHORT, NS, f -> shorten(f, 20)),
            mutation(Reason.TOO_SHORT, NA_KERNEL, f -> shorten(f, 23)),
            mutation(Reason.TOO_SHORT, RA, f -> shorten(f, 12)),
            mutation(Reason.TOO_SHORT, NS, f -> shorten(f, 0)),
            mutation(Reason.BAD_HOP_LIMIT, NS, f -> {
                f[IP + 7] = (byte) 254;
                return f;
            }),
            mutation(Reason.BAD_HOP_LIMIT, RA, f -> {
                f[IP + 7] = 64;
                return f;
            }),
            mutation(Reason.BAD_ICMP_CHECKSUM, NS, f -> {
                f[ICMP + 3] ^= 1;
                return f;
            }),
            // the pseudo-header covers the addresses
            mutation(Reason.BAD_ICMP_CHECKSUM, NA_KERNEL, f -> {
                f[IP + 39] = 3;
                return f;
            }),
            mutation(Reason.BAD_CODE, NS, f -> {
                f[ICMP + 1] = 1;
                return fixChecksum(f);
            }),
            // found by fuzzing: the answer would go to a group with the solicited flag
            mutation(Reason.MULTICAST_SOURCE, NS, f -> {
                putIpv6(f, IP + 8, Ipv6.parse("ff02::1"));
                return fixChecksum(f);
            }),
            mutation(Reason.MULTICAST_SOURCE, NA_KERNEL, f -> {
                putIpv6(f, IP + 8, Ipv6.parse("ffff:ffff:ffff:ffff::"));
                return fixChecksum(f);
            }),
            mutation(Reason.NOT_LINK_LOCAL_SOURCE, RA, f -> {
                putIpv6(f, IP + 8, Ipv6.parse("2001:db8::1"));
                return fixChecksum(f);
            }),
            mutation(Reason.MULTICAST_TARGET, NS, f -> {
                putIpv6(f, ICMP + 8, Ipv6.parse("ff02::1"));
                return fixChecksum(f);
            }),
            mutation(Reason.MULTICAST_TARGET, NA_KEEPALIVED, f -> {
                putIpv6(f, ICMP + 8, Ipv6.parse("ff05::61"));
                return fixChecksum(f);
            }),
            mutation(Reason.BAD_OPTION_LENGTH, NS, f -> {
                f[ICMP + 25] = 0;
                return fixChecksum(f);
            }),
            mutation(Reason.BAD_OPTION_LENGTH, NA_KERNEL, f -> {
                f[ICMP + 25] = 2;
                return fixChecksum(f);
            }),
            // the prefix option of 4 units made 6: it runs past the source link-layer option
            mutation(Reason.BAD_OPTION_LENGTH, RA, f -> {
                f[ICMP + 17] = 6;
                return fixChecksum(f);
            }),
            // one byte of option: no room for its length
            mutation(Reason.BAD_OPTION_LENGTH, NS, f -> fixChecksum(shorten(f, 25))),
            mutation(Reason.DAD_NOT_TO_SOLICITED_NODE, NS_DAD, f -> {
                putIpv6(f, IP + 24, Protocols.ALL_NODES);
                return fixChecksum(f);
            }),
            mutation(Reason.DAD_NOT_TO_SOLICITED_NODE, NS_DAD, f -> {
                putIpv6(f, IP + 24, HOST);
                return fixChecksum(f);
            }),
            // the nonce option made a source link-layer address option
            mutation(Reason.DAD_WITH_SOURCE_LINK_LAYER, NS_DAD, f -> {
                f[ICMP + 24] = 1;
                return fixChecksum(f);
            }),
            mutation(Reason.SOLICITED_TO_MULTICAST, NA_KEEPALIVED, f -> {
                f[ICMP + 4] = (byte) 0xE0;
                return fixChecksum(f);
            }));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("mutations")
    void rejectsEachMalformation(final Reason expected, final String capture, final UnaryOperator<byte[]> mutate) {
        final byte[] mutated = mutate.apply(capture6(capture));
        assertEquals(Malformed.of(expected), NeighborDiscovery.decode(mutated));
        assertEquals(Malformed.of(expected), NeighborDiscovery.decode(TestFrames.withVlanTag(mutated, 10)));
    }

    @Test
    void everyReasonIsCovered() {
        assertEquals(List.of(Reason.values()), mutations().map(args -> (Reason) args.get()[0]).distinct().sorted()
            .toList());
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everyTruncationIsTruncated(final String capture) {
        final byte[] frame = capture6(capture);
        for (int length = 0; length < frame.length; length++) {
            assertEquals(Malformed.of(Reason.TRUNCATED), NeighborDiscovery.decode(Arrays.copyOf(frame, length)));
        }
    }

    @ParameterizedTest
    @MethodSource("allCaptures")
    void everySingleByteChangeDecodesWithoutThrowingAndOnlyToValidMessages(final String capture) {
        final byte[] original = capture6(capture);
        for (int offset = 0; offset < original.length; offset++) {
            for (int value = 0; value < 256; value++) {
                final byte[] frame = original.clone();
                frame[offset] = (byte) value;
                assertRevalidates(frame, NeighborDiscovery.decode(frame));
            }
        }
    }

    /**
     * Checks an accepted message without the decoder's code: the checks of RFC 4861 on the bytes, and the fields
     * equal to them.
     */
    static void assertRevalidates(final byte[] frame, final NdDecodeResult result) {
        if (result instanceof Malformed || result instanceof NotNd) {
            return;
        }
        final int ip = get16(frame, 12) == 0x86DD ? 14 : get16(frame, 16) == 0x86DD ? 18 : 22;
        final int icmp = ip + 40;
        final int length = get16(frame, ip + 4);
        assertEquals(58, frame[ip + 6]);
        assertEquals(255, frame[ip + 7] & 0xFF);
        assertEquals(0, TestFrames.checksum(frame, icmp, length, TestFrames.ipv6PseudoHeaderSum(frame, ip)));
        assertEquals(0, frame[icmp + 1]);
        assertEquals(getMac(frame, 6), srcMac(result).bits());
        switch (result) {
            case NeighborSolicitation ns -> {
                assertEquals(135, frame[icmp] & 0xFF);
                assertTrue(length >= 24);
                assertEquals(getIpv6(frame, icmp + 8), ns.target());
                assertFalse(ns.target().isMulticast());
                assertEquals(getIpv6(frame, ip + 8), ns.source());
            }
            case NeighborAdvertisement na -> {
                assertEquals(136, frame[icmp] & 0xFF);
                assertTrue(length >= 24);
                assertEquals(getIpv6(frame, icmp + 8), na.target());
                assertEquals((frame[icmp + 4] & 0x40) != 0, na.solicited());
                assertFalse(na.solicited() && na.destination().isMulticast());
            }
            case RouterAdvertisement ra -> {
                assertEquals(134, frame[icmp] & 0xFF);
                assertTrue(length >= 16);
                assertTrue(ra.source().isLinkLocal());
                assertEquals(get16(frame, icmp + 6), ra.routerLifetimeSeconds());
            }
            default -> throw new AssertionError(result);
        }
    }

    private static Mac srcMac(final NdDecodeResult result) {
        return switch (result) {
            case NeighborSolicitation ns -> ns.srcMac();
            case NeighborAdvertisement na -> na.srcMac();
            case RouterAdvertisement ra -> ra.srcMac();
            default -> throw new AssertionError(result);
        };
    }

    static Stream<String> allCaptures() {
        return CAPTURES.stream();
    }

    private static byte[] withTags(final byte[] frame, final List<VlanTag> tags) {
        byte[] tagged = frame;
        for (int i = tags.size() - 1; i >= 0; i--) {
            tagged = TestFrames.withVlanTag(tagged, tags.get(i).tci());
            put16(tagged, 12, tags.get(i).tpid());
        }
        return tagged;
    }

    /** Cuts the ICMPv6 message to {@code length} bytes, the payload length with it. */
    private static byte[] shorten(final byte[] frame, final int length) {
        put16(frame, IP + 4, length);
        return Arrays.copyOf(frame, ICMP + length);
    }

    private static byte[] fixChecksum(final byte[] frame) {
        return TestFrames.fixIpv6Checksum(frame, IP, 2);
    }

    private static Arguments mutation(final Reason reason, final String capture, final UnaryOperator<byte[]> mutate) {
        return Arguments.of(reason, capture, mutate);
    }

    private static void assertNotNd(final Kind expected, final byte[] frame) {
        assertEquals(NotNd.of(expected), NeighborDiscovery.decode(frame));
    }
}
