/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static net.gwha.impl.packet.Protocols.ALL_NODES;
import static net.gwha.impl.packet.Protocols.ALL_NODES_MAC;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV6;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_QINQ;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_VLAN;
import static net.gwha.impl.packet.Protocols.ICMPV6_NEIGHBOR_ADVERTISEMENT;
import static net.gwha.impl.packet.Protocols.ICMPV6_NEIGHBOR_SOLICITATION;
import static net.gwha.impl.packet.Protocols.ICMPV6_ROUTER_ADVERTISEMENT;
import static net.gwha.impl.packet.Protocols.IP_PROTOCOL_ICMPV6;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.packet.NdDecodeResult.Malformed;
import net.gwha.impl.packet.NdDecodeResult.Malformed.Reason;
import net.gwha.impl.packet.NdDecodeResult.NotNd;
import net.gwha.impl.packet.NdDecodeResult.NotNd.Kind;

/**
 * IPv6 Neighbor Discovery (RFC 4861) as the controller speaks it for virtual addresses, the IPv6 counterpart of ARP:
 * decodes the Neighbor Solicitations it answers, the Neighbor Advertisements a guard inspects and the Router
 * Advertisements it watches, and builds the Neighbor Advertisements a VRRP master sends (RFC 5798 section 6.4.2 and
 * 8.1.2: router flag set, target link-layer address = the virtual MAC).
 *
 * <p>Like {@link VrrpDecoder}, decoding is a pure static function that never throws and allocates only for an
 * accepted message. Checks follow RFC 4861 sections 6.1.2 and 7.1, in the order of {@link Reason}:
 * <ol>
 *   <li>Ethernet II with up to two VLAN tags (802.1Q or 802.1ad outside); ethertype IPv6, else {@link NotNd};</li>
 *   <li>IPv6 version, next header 58 (ICMPv6) right after the fixed header (else {@link NotNd}: RFC 4861 messages
 *       carry no extension header in practice, and one would hide the type), payload length against the frame;</li>
 *   <li>ICMPv6 type 134, 135 or 136 (else {@link NotNd}), at least the type's fixed length, hop limit 255, checksum
 *       over the IPv6 pseudo-header, code 0;</li>
 *   <li>a source that is not multicast; a Router Advertisement from a link-local address; the target of a
 *       solicitation or advertisement not multicast; every option of non-zero length within the message; duplicate
 *       address detection (source ::) to a solicited-node group and without a source link-layer option; no
 *       solicited flag towards a multicast group.</li>
 * </ol>
 */
public final class NeighborDiscovery {
    private static final int ETH_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int MAX_TAGS = 2;
    private static final int IPV6_HEADER = 40;
    private static final int ICMP_HEADER = 4;
    private static final int NS_NA_LENGTH = 24;
    private static final int RA_LENGTH = 16;
    private static final int HOP_LIMIT = 255;
    private static final int OPTION_SOURCE_LINK_LAYER = 1;
    private static final int OPTION_TARGET_LINK_LAYER = 2;
    // One 8-byte unit: type, length, a 6-byte Ethernet address (RFC 4861 section 4.6.1).
    private static final int LINK_LAYER_OPTION = 8;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_SOLICITED = 0x40;
    private static final int FLAG_OVERRIDE = 0x20;
    // ff02::1:ff00:0/104, the solicited-node groups (RFC 4291 section 2.7.1)
    private static final long SOLICITED_NODE_HIGH = 0xFF02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LOW = 0x0000_0001_FF00_0000L;
    private static final long SOLICITED_NODE_LOW_MASK = 0xFFFF_FFFF_FF00_0000L;

    private NeighborDiscovery() {
        // static only
    }

    /**
     * Decodes one Ethernet frame. Never throws, whatever the bytes.
     *
     * @param frame the whole frame from the Ethernet destination address on; trailing bytes beyond the IPv6 payload
     *     (padding, FCS) are ignored. Not modified, not retained.
     * @return the message, or why the frame is not one
     */
    public static NdDecodeResult decode(final byte[] frame) {
        final int length = frame.length;
        if (length < ETH_HEADER) {
            return Malformed.of(Reason.TRUNCATED);
        }
        int typeAt = 12;
        int tags = 0;
        while (isVlanTag(u16(frame, typeAt))) {
            if (tags == MAX_TAGS) {
                return NotNd.of(Kind.NOT_IPV6);
            }
            if (length < typeAt + VLAN_TAG + 2) {
                return Malformed.of(Reason.TRUNCATED);
            }
            typeAt += VLAN_TAG;
            tags++;
        }
        if (u16(frame, typeAt) != ETHERTYPE_IPV6) {
            return NotNd.of(Kind.NOT_IPV6);
        }
        final int ip = typeAt + 2;
        if (length < ip + IPV6_HEADER) {
            return Malformed.of(Reason.TRUNCATED);
        }
        if (u8(frame, ip) >>> 4 != 6) {
            return Malformed.of(Reason.NOT_IPV6);
        }
        if (u8(frame, ip + 6) != IP_PROTOCOL_ICMPV6) {
            return NotNd.of(Kind.NOT_ICMPV6);
        }
        final int icmpLength = u16(frame, ip + 4);
        if (length < ip + IPV6_HEADER + icmpLength) {
            return Malformed.of(Reason.TRUNCATED);
        }
        final int icmp = ip + IPV6_HEADER;
        final int type = icmpLength == 0 ? -1 : u8(frame, icmp);
        if (type != ICMPV6_ROUTER_ADVERTISEMENT && type != ICMPV6_NEIGHBOR_SOLICITATION
                && type != ICMPV6_NEIGHBOR_ADVERTISEMENT) {
            return icmpLength < ICMP_HEADER ? Malformed.of(Reason.TOO_SHORT) : NotNd.of(Kind.OTHER_ICMPV6);
        }
        final int fixed = type == ICMPV6_ROUTER_ADVERTISEMENT ? RA_LENGTH : NS_NA_LENGTH;
        if (icmpLength < fixed) {
            return Malformed.of(Reason.TOO_SHORT);
        }
        if (u8(frame, ip + 7) != HOP_LIMIT) {
            return Malformed.of(Reason.BAD_HOP_LIMIT);
        }
        // pseudo-header (RFC 8200 section 8.1): source, destination, upper-layer length, next header
        if (VrrpDecoder.fold(VrrpDecoder.sum(frame, icmp, icmpLength,
                VrrpDecoder.sum(frame, ip + 8, 32, icmpLength + IP_PROTOCOL_ICMPV6))) != 0xFFFF) {
            return Malformed.of(Reason.BAD_ICMP_CHECKSUM);
        }
        if (u8(frame, icmp + 1) != 0) {
            return Malformed.of(Reason.BAD_CODE);
        }
        final Ipv6 source = ipv6(frame, ip + 8);
        if (source.isMulticast()) {
            return Malformed.of(Reason.MULTICAST_SOURCE);
        }
        if (type == ICMPV6_ROUTER_ADVERTISEMENT) {
            if (!source.isLinkLocal()) {
                return Malformed.of(Reason.NOT_LINK_LOCAL_SOURCE);
            }
        } else if (u8(frame, icmp + 8) == 0xFF) {
            return Malformed.of(Reason.MULTICAST_TARGET);
        }
        // The options: each a type, a length in 8-byte units, the rest; the one link-layer option this type carries.
        final int wanted = type == ICMPV6_NEIGHBOR_ADVERTISEMENT ? OPTION_TARGET_LINK_LAYER : OPTION_SOURCE_LINK_LAYER;
        final int end = icmp + icmpLength;
        int linkLayerAt = -1;
        for (int option = icmp + fixed; option < end; option += u8(frame, option + 1) * 8) {
            if (option + 2 > end || u8(frame, option + 1) == 0 || option + u8(frame, option + 1) * 8 > end) {
                return Malformed.of(Reason.BAD_OPTION_LENGTH);
            }
            if (linkLayerAt < 0 && u8(frame, option) == wanted && u8(frame, option + 1) * 8 == LINK_LAYER_OPTION) {
                linkLayerAt = option + 2;
            }
        }
        final Optional<Mac> linkLayer = linkLayerAt < 0 ? Optional.empty() : Optional.of(new Mac(mac(frame,
            linkLayerAt)));
        final Ipv6 destination = ipv6(frame, ip + 24);
        final Mac srcMac = new Mac(mac(frame, 6));
        final List<VlanTag> vlanTags = tags(frame, tags);
        return switch (type) {
            case ICMPV6_ROUTER_ADVERTISEMENT -> new RouterAdvertisement(srcMac, vlanTags, source, u8(frame, icmp + 4),
                u16(frame, icmp + 6), linkLayer);
            case ICMPV6_NEIGHBOR_SOLICITATION -> {
                if (source.isUnspecified()) {
                    if (destination.high() != SOLICITED_NODE_HIGH
                            || (destination.low() & SOLICITED_NODE_LOW_MASK) != SOLICITED_NODE_LOW) {
                        yield Malformed.of(Reason.DAD_NOT_TO_SOLICITED_NODE);
                    }
                    if (linkLayer.isPresent()) {
                        yield Malformed.of(Reason.DAD_WITH_SOURCE_LINK_LAYER);
                    }
                }
                yield new NeighborSolicitation(srcMac, vlanTags, source, destination, ipv6(frame, icmp + 8),
                    linkLayer);
            }
            default -> {
                final int flags = u8(frame, icmp + 4);
                if ((flags & FLAG_SOLICITED) != 0 && destination.isMulticast()) {
                    yield Malformed.of(Reason.SOLICITED_TO_MULTICAST);
                }
                yield new NeighborAdvertisement(srcMac, vlanTags, source, destination, ipv6(frame, icmp + 8),
                    (flags & FLAG_ROUTER) != 0, (flags & FLAG_SOLICITED) != 0, (flags & FLAG_OVERRIDE) != 0,
                    linkLayer);
            }
        };
    }

    /**
     * The answer a VRRP master gives a Neighbor Solicitation for one of its virtual addresses (RFC 4861 section
     * 7.2.4, RFC 5798 section 8.1.2): from the target and the virtual MAC, router and override flags set, the target
     * link-layer option carrying the virtual MAC, under the solicitation's VLAN tags. To the solicitor (its address
     * and Ethernet source) with the solicited flag; for duplicate address detection, to all nodes without it.
     *
     * <p>The caller decides whether the target is a virtual address of an active gateway: this only builds.
     *
     * @param solicitation a solicitation for a virtual address
     * @param virtualMac the MAC hosts are to use for it
     * @return the whole frame to send out of the port the solicitation came in on
     */
    public static byte[] answer(final NeighborSolicitation solicitation, final Mac virtualMac) {
        final boolean dad = solicitation.isDuplicateAddressDetection();
        return advertisement(solicitation.vlanTags(), dad ? ALL_NODES_MAC : solicitation.srcMac(), virtualMac,
            dad ? ALL_NODES : solicitation.source(), solicitation.target(),
            FLAG_ROUTER | FLAG_OVERRIDE | (dad ? 0 : FLAG_SOLICITED));
    }

    /**
     * The unsolicited Neighbor Advertisement a new VRRP master sends for each virtual address (RFC 5798 section
     * 6.4.1 and 6.4.2), so that hosts replace what they cached: to all nodes (ff02::1), from the address and the
     * virtual MAC, router and override flags set, solicited clear, the target link-layer option carrying the
     * virtual MAC.
     *
     * @param virtualIp the virtual address
     * @param virtualMac the MAC hosts are to use for it
     * @param vlanTags the tags to send it under, outermost first; empty for an untagged port
     * @return the whole frame
     */
    public static byte[] unsolicited(final Ipv6 virtualIp, final Mac virtualMac, final List<VlanTag> vlanTags) {
        return advertisement(vlanTags, ALL_NODES_MAC, virtualMac, ALL_NODES, virtualIp, FLAG_ROUTER | FLAG_OVERRIDE);
    }

    private static byte[] advertisement(final List<VlanTag> vlanTags, final Mac dstMac, final Mac virtualMac,
            final Ipv6 destination, final Ipv6 target, final int flags) {
        final int icmpLength = NS_NA_LENGTH + LINK_LAYER_OPTION;
        final int ip = ETH_HEADER + VLAN_TAG * vlanTags.size();
        final var frame = ByteBuffer.allocate(ip + IPV6_HEADER + icmpLength);
        putMac(frame, dstMac);
        putMac(frame, virtualMac);
        for (VlanTag tag : vlanTags) {
            frame.putShort((short) tag.tpid()).putShort((short) tag.tci());
        }
        frame.putShort((short) ETHERTYPE_IPV6);
        // version 6, traffic class and flow label 0, as the Linux kernel and keepalived send theirs
        frame.putInt(0x6000_0000).putShort((short) icmpLength).put((byte) IP_PROTOCOL_ICMPV6).put((byte) HOP_LIMIT);
        putIpv6(frame, target);
        putIpv6(frame, destination);
        final int icmp = frame.position();
        frame.put((byte) ICMPV6_NEIGHBOR_ADVERTISEMENT).put((byte) 0).putShort((short) 0)
            .putInt(flags << 24);
        putIpv6(frame, target);
        frame.put((byte) OPTION_TARGET_LINK_LAYER).put((byte) (LINK_LAYER_OPTION / 8));
        putMac(frame, virtualMac);
        final byte[] bytes = frame.array();
        final int sum = VrrpDecoder.sum(bytes, icmp, icmpLength,
            VrrpDecoder.sum(bytes, ip + 8, 32, icmpLength + IP_PROTOCOL_ICMPV6));
        frame.putShort(icmp + 2, (short) ~VrrpDecoder.fold(sum));
        return bytes;
    }

    /**
     * A Router Advertisement as the hosts are to hear it from the virtual router: every source link-layer option
     * carries the virtual MAC instead of the sender's, and the ICMPv6 checksum is recomputed; everything else is left
     * byte for byte, trailing bytes beyond the IPv6 payload included. A host takes that option as the router's MAC
     * (RFC 4861 section 6.3.4), so a gateway's own MAC there would steer its traffic for the virtual link-local
     * address past the controller's steering; the virtual MAC is what the controller answers for it anyway, so a host
     * needs no Neighbor Solicitation at all. Never throws.
     *
     * @param frame a whole frame; not modified, not retained
     * @param virtualMac the MAC hosts are to use for the virtual router
     * @return the frame to send on, a copy (unchanged when it carried no such option); empty when it is no Router
     *     Advertisement that {@link #decode} accepts, or when a source link-layer option is not one Ethernet address
     *     long (a host would drop the whole advertisement for it)
     */
    public static Optional<byte[]> fromVirtualRouter(final byte[] frame, final Mac virtualMac) {
        if (!(decode(frame) instanceof RouterAdvertisement)) {
            return Optional.empty();
        }
        // decode() accepted it: the tags, the header, the length and every option's bounds are as it checked.
        int ip = ETH_HEADER;
        while (isVlanTag(u16(frame, ip - 2))) {
            ip += VLAN_TAG;
        }
        final int icmpLength = u16(frame, ip + 4);
        final int icmp = ip + IPV6_HEADER;
        final int end = icmp + icmpLength;
        final byte[] copy = frame.clone();
        final var buffer = ByteBuffer.wrap(copy);
        boolean rewritten = false;
        for (int option = icmp + RA_LENGTH; option < end; option += u8(frame, option + 1) * 8) {
            if (u8(frame, option) == OPTION_SOURCE_LINK_LAYER) {
                if (u8(frame, option + 1) * 8 != LINK_LAYER_OPTION) {
                    return Optional.empty();
                }
                putMac(buffer.position(option + 2), virtualMac);
                rewritten = true;
            }
        }
        if (rewritten) {
            buffer.putShort(icmp + 2, (short) 0);
            buffer.putShort(icmp + 2, (short) ~VrrpDecoder.fold(VrrpDecoder.sum(copy, icmp, icmpLength,
                VrrpDecoder.sum(copy, ip + 8, 32, icmpLength + IP_PROTOCOL_ICMPV6))));
        }
        return Optional.of(copy);
    }

    private static List<VlanTag> tags(final byte[] frame, final int count) {
        if (count == 0) {
            return List.of();
        }
        final var tags = new ArrayList<VlanTag>(count);
        for (int i = 0; i < count; i++) {
            tags.add(new VlanTag(u16(frame, 12 + VLAN_TAG * i), u16(frame, 14 + VLAN_TAG * i)));
        }
        return tags;
    }

    private static boolean isVlanTag(final int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ;
    }

    private static void putMac(final ByteBuffer buffer, final Mac mac) {
        buffer.putShort((short) (mac.bits() >>> 32)).putInt((int) mac.bits());
    }

    private static void putIpv6(final ByteBuffer buffer, final Ipv6 address) {
        buffer.putLong(address.high()).putLong(address.low());
    }

    private static Ipv6 ipv6(final byte[] frame, final int offset) {
        return new Ipv6(s64(frame, offset), s64(frame, offset + 8));
    }

    private static long mac(final byte[] frame, final int offset) {
        return (long) u16(frame, offset) << 32 | s32(frame, offset + 2) & 0xFFFF_FFFFL;
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
