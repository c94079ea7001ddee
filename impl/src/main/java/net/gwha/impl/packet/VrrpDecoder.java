/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV4;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV6;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_VLAN;
import static net.gwha.impl.packet.Protocols.IP_PROTOCOL_VRRP;
import static net.gwha.impl.packet.Protocols.VRRP6_GROUP;
import static net.gwha.impl.packet.Protocols.VRRP6_GROUP_MAC;
import static net.gwha.impl.packet.Protocols.VRRP_GROUP;

import java.util.List;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed.Reason;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp.Kind;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Decodes VRRP advertisements over IPv4 and IPv6 from whole Ethernet frames, as a switch punts them in a packet-in.
 *
 * <p>The decoder sees every packet-in, so it is a pure static function that never throws, reads each byte at most
 * twice (once to check, once for a checksum), and allocates only for an accepted advertisement; a rejection is a
 * shared constant. Checks follow RFC 5798 section 7.1 (and RFC 3768 for version 2) in this order, the first failure
 * being the {@link Reason} reported:
 * <ol>
 *   <li>Ethernet II, untagged or with one 802.1Q tag (TPID 0x8100); ethertype IPv4 or IPv6, else
 *       {@link NotVrrp};</li>
 *   <li>IPv4: version, header length, protocol 112 (else {@link NotVrrp}), total length against the frame (trailing
 *       Ethernet padding or FCS are ignored), not a fragment, header checksum, TTL 255, destination 224.0.0.18;</li>
 *   <li>IPv6: version, next header 112 right after the fixed header (else {@link NotVrrp}: RFC 5798 puts no
 *       extension header before VRRP), payload length against the frame, hop limit 255, a link-local source
 *       (RFC 5798 section 5.1.2.1), destination ff02::12 sent to its Ethernet group 33:33:00:00:00:12;</li>
 *   <li>VRRP version 3 or 2 (over IPv6, 3 only), type 1 (advertisement), the IP payload length exactly the VRRP
 *       header plus the counted addresses (4 bytes each over IPv4, 16 over IPv6; plus 8 bytes of authentication
 *       data for version 2), checksum (version 3 over the pseudo-header of its IP family and the message, RFC 5798
 *       section 5.2.8; version 2 over the message only), VRID not 0, at least one address, interval not 0.</li>
 * </ol>
 * Not checked, because they are for the caller to match against configuration: source MAC and IP, VRID, the
 * version-2 authentication type and data (simple-text passwords are no security, RFC 3768 section 10), and the
 * destination MAC of IPv4 advertisements.
 */
public final class VrrpDecoder {
    private static final int ETH_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int IPV6_NEXT_HEADER = 6;
    private static final int IPV6_HOP_LIMIT = 7;
    private static final int IPV6_SOURCE = 8;
    private static final int IPV6_DESTINATION = 24;
    private static final int IPV6_ADDRESS = 16;
    private static final int VRRP_HEADER = 8;
    private static final int V2_AUTH_DATA = 8;
    private static final int VRRP_TYPE_ADVERTISEMENT = 1;

    private VrrpDecoder() {
        // static only
    }

    /**
     * Decodes one Ethernet frame. Never throws, whatever the bytes.
     *
     * @param frame the whole frame from the Ethernet destination address on; trailing bytes beyond the IPv4 total
     *     length or the IPv6 payload (padding, FCS) are ignored. Not modified, not retained.
     * @return the advertisement, or why the frame is not one
     */
    public static VrrpDecodeResult decode(final byte[] frame) {
        final int length = frame.length;
        if (length < ETH_HEADER) {
            return Malformed.of(Reason.TRUNCATED);
        }
        int etherType = u16(frame, 12);
        int ip = ETH_HEADER;
        int vlanId = VrrpAdvertisement.NO_VLAN;
        if (etherType == ETHERTYPE_VLAN) {
            if (length < ETH_HEADER + VLAN_TAG) {
                return Malformed.of(Reason.TRUNCATED);
            }
            vlanId = u16(frame, 14) & 0xFFF;
            etherType = u16(frame, 16);
            ip += VLAN_TAG;
        }
        if (etherType == ETHERTYPE_IPV6) {
            return decodeIpv6(frame, ip, vlanId);
        }
        if (etherType != ETHERTYPE_IPV4) {
            return NotVrrp.of(Kind.NOT_IP);
        }

        // IPv4 header
        if (length < ip + IPV4_MIN_HEADER) {
            return Malformed.of(Reason.TRUNCATED);
        }
        final int versionIhl = u8(frame, ip);
        if (versionIhl >>> 4 != 4) {
            return Malformed.of(Reason.NOT_IPV4);
        }
        final int ipHeader = (versionIhl & 0xF) * 4;
        if (ipHeader < IPV4_MIN_HEADER) {
            return Malformed.of(Reason.BAD_IP_HEADER_LENGTH);
        }
        if (u8(frame, ip + 9) != IP_PROTOCOL_VRRP) {
            return NotVrrp.of(Kind.NOT_VRRP_PROTOCOL);
        }
        final int totalLength = u16(frame, ip + 2);
        if (totalLength < ipHeader) {
            return Malformed.of(Reason.BAD_IP_TOTAL_LENGTH);
        }
        if (length < ip + totalLength) {
            return Malformed.of(Reason.TRUNCATED);
        }
        // flags (3 bits) and fragment offset (13 bits): MF or any offset means a fragment
        if ((u16(frame, ip + 6) & 0x3FFF) != 0) {
            return Malformed.of(Reason.FRAGMENTED);
        }
        if (fold(sum(frame, ip, ipHeader, 0)) != 0xFFFF) {
            return Malformed.of(Reason.BAD_IP_CHECKSUM);
        }
        if (u8(frame, ip + 8) != 255) {
            return Malformed.of(Reason.BAD_TTL);
        }
        if (s32(frame, ip + 16) != VRRP_GROUP.bits()) {
            return Malformed.of(Reason.NOT_TO_VRRP_GROUP);
        }

        // VRRP message; version 3's pseudo-header: source, destination, zero, protocol, VRRP length (RFC 5798
        // section 5.2.8)
        final int vrrp = ip + ipHeader;
        final int vrrpLength = totalLength - ipHeader;
        final Reason rejected = checkMessage(frame, vrrp, vrrpLength, Integer.BYTES,
            sum(frame, ip + 12, 8, IP_PROTOCOL_VRRP + vrrpLength));
        if (rejected != null) {
            return Malformed.of(rejected);
        }
        final int version = u8(frame, vrrp) >>> 4;
        final int count = u8(frame, vrrp + 3);
        final Ipv4[] addresses = new Ipv4[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = new Ipv4(s32(frame, vrrp + VRRP_HEADER + 4 * i));
        }
        return new VrrpAdvertisement(version, u8(frame, vrrp + 1), u8(frame, vrrp + 2), interval(frame, vrrp),
            srcMac(frame), new Ipv4(s32(frame, ip + 12)), vlanId, List.of(addresses));
    }

    private static VrrpDecodeResult decodeIpv6(final byte[] frame, final int ip, final int vlanId) {
        // An IPv6 frame too short for its fixed header is broken whatever it carries, as for IPv4.
        if (frame.length < ip + IPV6_HEADER) {
            return Malformed.of(Reason.TRUNCATED);
        }
        if (u8(frame, ip) >>> 4 != 6) {
            return Malformed.of(Reason.NOT_IPV6);
        }
        if (u8(frame, ip + IPV6_NEXT_HEADER) != IP_PROTOCOL_VRRP) {
            return NotVrrp.of(Kind.IPV6);
        }
        final int vrrpLength = u16(frame, ip + 4);
        if (frame.length < ip + IPV6_HEADER + vrrpLength) {
            return Malformed.of(Reason.TRUNCATED);
        }
        if (u8(frame, ip + IPV6_HOP_LIMIT) != 255) {
            return Malformed.of(Reason.BAD_HOP_LIMIT);
        }
        final Ipv6 source = ipv6(frame, ip + IPV6_SOURCE);
        if (!source.isLinkLocal()) {
            return Malformed.of(Reason.NOT_LINK_LOCAL_SOURCE);
        }
        if (s64(frame, ip + IPV6_DESTINATION) != VRRP6_GROUP.high()
                || s64(frame, ip + IPV6_DESTINATION + 8) != VRRP6_GROUP.low()
                || mac(frame, 0) != VRRP6_GROUP_MAC.bits()) {
            return Malformed.of(Reason.NOT_TO_VRRP_GROUP);
        }
        // pseudo-header (RFC 8200 section 8.1): source, destination, upper-layer length, next header
        final int vrrp = ip + IPV6_HEADER;
        final Reason rejected = checkMessage(frame, vrrp, vrrpLength, IPV6_ADDRESS,
            sum(frame, ip + IPV6_SOURCE, 2 * IPV6_ADDRESS, vrrpLength + IP_PROTOCOL_VRRP));
        if (rejected != null) {
            return Malformed.of(rejected);
        }
        final int count = u8(frame, vrrp + 3);
        final Ipv6[] addresses = new Ipv6[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = ipv6(frame, vrrp + VRRP_HEADER + IPV6_ADDRESS * i);
        }
        return new Ipv6VrrpAdvertisement(u8(frame, vrrp + 1), u8(frame, vrrp + 2), interval(frame, vrrp),
            srcMac(frame), source, vlanId, List.of(addresses));
    }

    /**
     * The checks of the VRRP message itself, in order: its length, version (2 only over IPv4), type, length against
     * the address count, checksum, VRID, address count, interval.
     *
     * @param addressLength 4 over IPv4, 16 over IPv6
     * @param pseudoHeaderSum the unfolded sum of the IP family's pseudo-header, which version 3's checksum covers
     * @return the first check failed, or {@code null} when the message passes them all
     */
    private static @Nullable Reason checkMessage(final byte[] frame, final int vrrp, final int vrrpLength,
            final int addressLength, final int pseudoHeaderSum) {
        if (vrrpLength < VRRP_HEADER) {
            return Reason.VRRP_TOO_SHORT;
        }
        final int versionType = u8(frame, vrrp);
        final int version = versionType >>> 4;
        if (version != 3 && (version != 2 || addressLength != Integer.BYTES)) {
            return Reason.BAD_VERSION;
        }
        if ((versionType & 0xF) != VRRP_TYPE_ADVERTISEMENT) {
            return Reason.BAD_TYPE;
        }
        final int count = u8(frame, vrrp + 3);
        if (vrrpLength != VRRP_HEADER + addressLength * count + (version == 2 ? V2_AUTH_DATA : 0)) {
            return Reason.ADDRESS_COUNT_MISMATCH;
        }
        if (fold(sum(frame, vrrp, vrrpLength, version == 3 ? pseudoHeaderSum : 0)) != 0xFFFF) {
            return Reason.BAD_VRRP_CHECKSUM;
        }
        if (u8(frame, vrrp + 1) == 0) {
            return Reason.BAD_VRID;
        }
        if (count == 0) {
            return Reason.NO_ADDRESSES;
        }
        return interval(frame, vrrp) == 0 ? Reason.BAD_INTERVAL : null;
    }

    /** The advertisement interval in centiseconds: version 3 carries 12 bits of them, version 2 whole seconds. */
    private static int interval(final byte[] frame, final int vrrp) {
        return u8(frame, vrrp) >>> 4 == 3 ? u16(frame, vrrp + 4) & 0xFFF : u8(frame, vrrp + 5) * 100;
    }

    private static Mac srcMac(final byte[] frame) {
        return new Mac(mac(frame, 6));
    }

    private static long mac(final byte[] frame, final int offset) {
        return (long) u16(frame, offset) << 32 | s32(frame, offset + 2) & 0xFFFF_FFFFL;
    }

    private static Ipv6 ipv6(final byte[] frame, final int offset) {
        return new Ipv6(s64(frame, offset), s64(frame, offset + 8));
    }

    /**
     * Adds 16-bit big-endian words to a one's-complement sum (RFC 1071), an odd last byte padded with zero. Not
     * folded: read as unsigned, the int holds the sum of far more than the 64 KiB an IP packet can have.
     */
    static int sum(final byte[] bytes, final int offset, final int length, final int initial) {
        int sum = initial;
        final int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += u16(bytes, i);
        }
        if ((length & 1) != 0) {
            sum += u8(bytes, end) << 8;
        }
        return sum;
    }

    /** Folds the carries of a one's-complement sum back into 16 bits. */
    static int fold(final int sum) {
        int folded = (sum & 0xFFFF) + (sum >>> 16);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        return folded;
    }

    private static int u8(final byte[] bytes, final int offset) {
        return bytes[offset] & 0xFF;
    }

    private static int u16(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private static int s32(final byte[] bytes, final int offset) {
        return u16(bytes, offset) << 16 | u16(bytes, offset + 2);
    }

    private static long s64(final byte[] bytes, final int offset) {
        return (long) s32(bytes, offset) << 32 | s32(bytes, offset + 4) & 0xFFFF_FFFFL;
    }
}
