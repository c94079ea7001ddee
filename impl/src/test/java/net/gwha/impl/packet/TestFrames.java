/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;

/**
 * Captured frames and the byte surgery the tests do on them. Offsets are for untagged frames unless a method takes
 * the IPv4 offset.
 */
final class TestFrames {
    /** keepalived 2.2.7, VRRPv3, VRID 51, priority 150, 1 s, 192.0.2.100, from 192.0.2.1 / 02:00:00:00:0a:01. */
    static final String V3 = "v3-vrid51-prio150-100cs";
    /** The same instance resigning on shutdown: priority 0. */
    static final String V3_RESIGN = "v3-vrid51-prio0-resign";
    /** VRRPv3, VRID 7, priority 254, 0.5 s, three addresses. */
    static final String V3_THREE = "v3-vrid7-prio254-50cs-3addrs";
    /** VRRPv2 (keepalived's default), VRID 51, priority 150, 1 s, no authentication. */
    static final String V2 = "v2-vrid51-prio150-1s";
    /** VRRPv2, VRID 51, priority 150, 2 s, simple-text password "secret1". */
    static final String V2_PASS = "v2-vrid51-prio150-2s-authpass";
    /** VRRPv3 in keepalived's unicast_peer mode: to 192.0.2.2, not 224.0.0.18. */
    static final String V3_UNICAST = "v3-vrid9-unicast";
    /** All the captures. */
    static final List<String> CAPTURES = List.of(V3, V3_RESIGN, V3_THREE, V2, V2_PASS, V3_UNICAST);

    /** keepalived over IPv6: VRID 61, priority 150, 10 cs, 2001:db8::61, from fe80::1 / 02:00:00:00:0a:01. */
    static final String V6 = "v6-vrid61-prio150-10cs";
    /** The same instance resigning on shutdown: priority 0. */
    static final String V6_RESIGN = "v6-vrid61-prio0-resign";
    /** VRID 62, priority 254, 1 s, three addresses, the first link-local (fe80::62). */
    static final String V6_THREE = "v6-vrid62-prio254-100cs-3addrs";
    /** keepalived with use_vmac: VRID 63, priority 100, 10 cs, from the virtual MAC 00:00:5e:00:02:3f. */
    static final String V6_VMAC = "v6-vrid63-prio100-10cs-vmac";
    /** The use_vmac instance resigning. */
    static final String V6_VMAC_RESIGN = "v6-vrid63-prio0-resign-vmac";
    /** All the IPv6 advertisement captures. */
    static final List<String> CAPTURES6 = List.of(V6, V6_RESIGN, V6_THREE, V6_VMAC, V6_VMAC_RESIGN);

    static final int IP = 14;
    static final int VRRP = IP + 20;
    /** Where the VRRP message of an untagged IPv6 frame starts. */
    static final int VRRP6 = IP + 40;

    private TestFrames() {
        // static only
    }

    /**
     * Loads a captured frame: a .hex file of tcpdump -xx lines, "#" starting a comment.
     */
    static byte[] capture(final String name) {
        final String resource = "/vrrp/keepalived-2.2.7-netns/" + name + ".hex";
        try (InputStream in = TestFrames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No capture " + resource);
            }
            return parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a frame captured over IPv6 (keepalived's advertisements, and Neighbor Discovery around them).
     */
    static byte[] capture6(final String name) {
        final String resource = "/vrrp/keepalived-2.2.7-netns-ipv6/" + name + ".hex";
        try (InputStream in = TestFrames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No capture " + resource);
            }
            return parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads one of the lab's captures (branch lab, {@code vrrp/README.md}): one line of hex per file.
     */
    static byte[] labCapture(final String name) {
        try (InputStream in = TestFrames.class.getResourceAsStream("/vrrp/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("No lab capture " + name);
            }
            return parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses tcpdump -xx output or plain hex: per line, drops a "#" comment and a leading "0x0010:" offset, then
     * reads every hex digit pair.
     */
    static byte[] parseHex(final String text) {
        final StringBuilder hex = new StringBuilder();
        for (String line : text.split("\\R")) {
            String data = line;
            final int comment = data.indexOf('#');
            if (comment >= 0) {
                data = data.substring(0, comment);
            }
            data = data.strip().replaceFirst("^0x[0-9a-fA-F]+:", "");
            hex.append(data.replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Recomputes the IPv4 header checksum of a frame whose IPv4 header starts at {@code ip}. */
    static byte[] fixIpChecksum(final byte[] frame, final int ip) {
        final int headerLength = (frame[ip] & 0xF) * 4;
        put16(frame, ip + 10, 0);
        put16(frame, ip + 10, checksum(frame, ip, headerLength, 0));
        return frame;
    }

    /**
     * Recomputes the VRRP checksum the way the given version defines it: version 3 with the IPv4 pseudo-header,
     * anything else over the VRRP message only. The VRRP length is taken from the IPv4 total length.
     */
    static byte[] fixVrrpChecksum(final byte[] frame, final int ip, final int version) {
        final int headerLength = (frame[ip] & 0xF) * 4;
        final int vrrp = ip + headerLength;
        final int vrrpLength = get16(frame, ip + 2) - headerLength;
        put16(frame, vrrp + 6, 0);
        final long pseudo = version == 3 ? pseudoHeaderSum(frame, ip, vrrpLength) : 0;
        put16(frame, vrrp + 6, checksum(frame, vrrp, vrrpLength, pseudo));
        return frame;
    }

    /** Both checksums of an untagged frame, the VRRP one for the version the frame says. */
    static byte[] fixChecksums(final byte[] frame) {
        fixIpChecksum(frame, IP);
        return fixVrrpChecksum(frame, IP, (frame[VRRP] & 0xFF) >>> 4);
    }

    /**
     * The RFC 1071 checksum written the plain way, independently of the decoder's: sum 16-bit words in a long,
     * fold, complement.
     */
    static int checksum(final byte[] bytes, final int offset, final int length, final long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            final int high = (bytes[offset + i] & 0xFF) << 8;
            final int low = i + 1 < length ? bytes[offset + i + 1] & 0xFF : 0;
            sum += high | low;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    /** Source, destination, zero and protocol, VRRP length: RFC 5798 section 5.2.8. */
    static long pseudoHeaderSum(final byte[] frame, final int ip, final int vrrpLength) {
        long sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += get16(frame, ip + i);
        }
        return sum + 112 + vrrpLength;
    }

    /**
     * Recomputes the checksum of the ICMPv6 or VRRP message after the IPv6 header at {@code ip}, over the IPv6
     * pseudo-header (RFC 8200 section 8.1) with the frame's next header; the message length is the payload length.
     *
     * @param checksumAt where the checksum is within the message: 2 for ICMPv6, 6 for VRRP
     */
    static byte[] fixIpv6Checksum(final byte[] frame, final int ip, final int checksumAt) {
        final int message = ip + 40;
        final int length = get16(frame, ip + 4);
        put16(frame, message + checksumAt, 0);
        put16(frame, message + checksumAt, checksum(frame, message, length, ipv6PseudoHeaderSum(frame, ip)));
        return frame;
    }

    /** Source, destination, upper-layer length, next header. */
    static long ipv6PseudoHeaderSum(final byte[] frame, final int ip) {
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += get16(frame, ip + i);
        }
        return sum + get16(frame, ip + 4) + (frame[ip + 6] & 0xFF);
    }

    /** The VRRP checksum of an untagged IPv6 frame. */
    static byte[] fixVrrp6Checksum(final byte[] frame) {
        return fixIpv6Checksum(frame, IP, 6);
    }

    static Ipv6 getIpv6(final byte[] bytes, final int offset) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | bytes[offset + i] & 0xFF;
            low = low << 8 | bytes[offset + 8 + i] & 0xFF;
        }
        return new Ipv6(high, low);
    }

    static void putIpv6(final byte[] bytes, final int offset, final Ipv6 address) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (address.high() >>> 56 - 8 * i);
            bytes[offset + 8 + i] = (byte) (address.low() >>> 56 - 8 * i);
        }
    }

    static long getMac(final byte[] bytes, final int offset) {
        return (long) get16(bytes, offset) << 32 | (long) get16(bytes, offset + 2) << 16 | get16(bytes, offset + 4);
    }

    /**
     * Checks an accepted IPv6 frame without the decoder's code: headers where they should be, the checksum by
     * {@link #checksum}, and every field equal to what the bytes say.
     */
    static void assertRevalidates6(final byte[] frame, final Ipv6VrrpAdvertisement advertisement) {
        final boolean tagged = get16(frame, 12) == 0x8100;
        final int ip = tagged ? 18 : 14;
        assertEquals(tagged ? get16(frame, 14) & 0xFFF : VrrpAdvertisement.NO_VLAN, advertisement.vlanId());
        assertEquals(0x86DD, get16(frame, ip - 2));
        assertEquals(6, (frame[ip] & 0xFF) >>> 4);
        assertEquals(112, frame[ip + 6] & 0xFF);
        assertEquals(255, frame[ip + 7] & 0xFF);
        final int vrrpLength = get16(frame, ip + 4);
        assertTrue(ip + 40 + vrrpLength <= frame.length, "IPv6 payload length");
        assertEquals(0x3333_0000_0012L, getMac(frame, 0));
        assertEquals(Ipv6.parse("ff02::12"), getIpv6(frame, ip + 24));
        assertEquals(getIpv6(frame, ip + 8), advertisement.srcIp());
        assertTrue((frame[ip + 8] & 0xFF) == 0xFE && (frame[ip + 9] & 0xC0) == 0x80, "link-local source");

        final int vrrp = ip + 40;
        assertEquals(0x31, frame[vrrp] & 0xFF);
        assertEquals(0, checksum(frame, vrrp, vrrpLength, ipv6PseudoHeaderSum(frame, ip)), "VRRP checksum");
        assertEquals(frame[vrrp + 1] & 0xFF, advertisement.vrid());
        assertEquals(frame[vrrp + 2] & 0xFF, advertisement.priority());
        final int count = frame[vrrp + 3] & 0xFF;
        assertEquals(count, advertisement.addresses().size());
        assertEquals(8 + 16 * count, vrrpLength);
        assertEquals(get16(frame, vrrp + 4) & 0xFFF, advertisement.advertisementIntervalCentis());
        for (int i = 0; i < count; i++) {
            assertEquals(getIpv6(frame, vrrp + 8 + 16 * i), advertisement.addresses().get(i));
        }
        assertEquals(getMac(frame, 6), advertisement.srcMac().bits());
    }

    /** Inserts one 802.1Q tag with the given tag control information (PCP, DEI, VLAN id). */
    static byte[] withVlanTag(final byte[] frame, final int tci) {
        final byte[] tagged = new byte[frame.length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        put16(tagged, 12, 0x8100);
        put16(tagged, 14, tci);
        System.arraycopy(frame, 12, tagged, 16, frame.length - 12);
        return tagged;
    }

    /** Appends bytes after the IPv4 packet, as Ethernet padding and an FCS do. */
    static byte[] withTrailer(final byte[] frame, final int bytes) {
        final byte[] longer = Arrays.copyOf(frame, frame.length + bytes);
        Arrays.fill(longer, frame.length, longer.length, (byte) 0xA5);
        return longer;
    }

    /**
     * Checks an accepted frame without the decoder's code: headers where they should be, both checksums by
     * {@link #checksum}, and every field equal to what the bytes say.
     */
    static void assertRevalidates(final byte[] frame, final VrrpAdvertisement advertisement) {
        final boolean tagged = get16(frame, 12) == 0x8100;
        final int ip = tagged ? 18 : 14;
        assertEquals(tagged ? get16(frame, 14) & 0xFFF : VrrpAdvertisement.NO_VLAN,
            advertisement.vlanId());
        assertEquals(0x0800, get16(frame, ip - 2));
        assertEquals(4, (frame[ip] & 0xFF) >>> 4);
        final int ipHeader = (frame[ip] & 0xF) * 4;
        final int total = get16(frame, ip + 2);
        assertTrue(ipHeader >= 20 && total <= frame.length - ip, "IPv4 lengths");
        assertEquals(0, checksum(frame, ip, ipHeader, 0), "IPv4 header checksum");
        assertEquals(255, frame[ip + 8] & 0xFF);
        assertEquals(112, frame[ip + 9] & 0xFF);
        assertEquals(Protocols.VRRP_GROUP.bits(), new Ipv4(get16(frame, ip + 16) << 16
            | get16(frame, ip + 18)).bits());
        assertEquals(0, get16(frame, ip + 6) & 0x3FFF, "not a fragment");

        final int vrrp = ip + ipHeader;
        final int vrrpLength = total - ipHeader;
        final int version = advertisement.version();
        assertEquals(version << 4 | 1, frame[vrrp] & 0xFF);
        assertEquals(0, checksum(frame, vrrp, vrrpLength,
            version == 3 ? pseudoHeaderSum(frame, ip, vrrpLength) : 0), "VRRP checksum");
        assertEquals(frame[vrrp + 1] & 0xFF, advertisement.vrid());
        assertEquals(frame[vrrp + 2] & 0xFF, advertisement.priority());
        final int count = frame[vrrp + 3] & 0xFF;
        assertEquals(count, advertisement.addresses().size());
        assertEquals(8 + 4 * count + (version == 2 ? 8 : 0), vrrpLength);
        assertEquals(version == 3 ? get16(frame, vrrp + 4) & 0xFFF : (frame[vrrp + 5] & 0xFF) * 100,
            advertisement.advertisementIntervalCentis());
        for (int i = 0; i < count; i++) {
            final int at = vrrp + 8 + 4 * i;
            assertEquals(get16(frame, at) << 16 | get16(frame, at + 2),
                advertisement.addresses().get(i).bits());
        }
        assertEquals((long) get16(frame, 6) << 32 | (get16(frame, 8) << 16
            | get16(frame, 10)) & 0xFFFF_FFFFL, advertisement.srcMac().bits());
        assertEquals(get16(frame, ip + 12) << 16 | get16(frame, ip + 14),
            advertisement.srcIp().bits());
    }

    static int get16(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    static void put16(final byte[] bytes, final int offset, final int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    static void put32(final byte[] bytes, final int offset, final int value) {
        put16(bytes, offset, value >>> 16);
        put16(bytes, offset + 2, value);
    }
}
