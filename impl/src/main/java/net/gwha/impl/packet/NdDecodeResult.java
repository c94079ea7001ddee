/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link NeighborDiscovery#decode(byte[])} made of a frame: a {@link NeighborSolicitation},
 * {@link NeighborAdvertisement} or {@link RouterAdvertisement} that passed RFC 4861's validity checks, a
 * {@link Malformed} one (to be counted and dropped: RFC 4861 has nodes discard them silently), or a frame that is
 * {@link NotNd} at all.
 */
public sealed interface NdDecodeResult permits NeighborSolicitation, NeighborAdvertisement, RouterAdvertisement,
        NdDecodeResult.Malformed, NdDecodeResult.NotNd {
    /**
     * An ICMPv6 Neighbor Solicitation, Neighbor Advertisement or Router Advertisement (or an IPv6 packet too broken
     * to tell) that fails a check of RFC 4861 sections 6.1.2 and 7.1. One shared instance per reason.
     *
     * @param reason the first check the frame failed, in the order of {@link Reason}
     */
    record Malformed(Reason reason) implements NdDecodeResult {
        private static final Map<Reason, Malformed> INSTANCES = new EnumMap<>(Reason.class);

        static {
            for (Reason reason : Reason.values()) {
                INSTANCES.put(reason, new Malformed(reason));
            }
        }

        /**
         * Returns the shared instance for a reason.
         *
         * @param reason why the frame was rejected
         * @return the shared instance
         */
        public static Malformed of(final Reason reason) {
            return INSTANCES.get(reason);
        }

        /**
         * Why a frame was rejected, in the order the decoder checks.
         */
        public enum Reason {
            /** The frame ends before a header, tag or length it declares. */
            TRUNCATED,
            /** Ethertype IPv6, but the IP version field is not 6. */
            NOT_IPV6,
            /** Shorter than the message's fixed part: 16 bytes for a Router Advertisement, 24 for the others. */
            TOO_SHORT,
            /** Hop limit is not 255: the packet crossed a router, it is not from this link. */
            BAD_HOP_LIMIT,
            /** The ICMPv6 checksum (over the IPv6 pseudo-header, RFC 4443 section 2.3) does not verify. */
            BAD_ICMP_CHECKSUM,
            /** ICMP code is not 0. */
            BAD_CODE,
            /**
             * A multicast source, which no IPv6 packet may have (RFC 4291 section 2.7): an answer to it would be
             * unicast to a group.
             */
            MULTICAST_SOURCE,
            /** A Router Advertisement not from a link-local address (RFC 4861 section 6.1.2). */
            NOT_LINK_LOCAL_SOURCE,
            /** A solicitation or advertisement about a multicast address. */
            MULTICAST_TARGET,
            /** An option of length 0, or one that runs past the end of the message. */
            BAD_OPTION_LENGTH,
            /** Duplicate address detection (source ::) not sent to a solicited-node multicast group. */
            DAD_NOT_TO_SOLICITED_NODE,
            /** Duplicate address detection (source ::) with a source link-layer address option. */
            DAD_WITH_SOURCE_LINK_LAYER,
            /** An advertisement to a multicast group with the solicited flag set. */
            SOLICITED_TO_MULTICAST,
        }
    }

    /**
     * A frame that is not one of the Neighbor Discovery messages read here. One shared instance per kind.
     *
     * @param kind what the frame is instead
     */
    record NotNd(Kind kind) implements NdDecodeResult {
        private static final Map<Kind, NotNd> INSTANCES = new EnumMap<>(Kind.class);

        static {
            for (Kind kind : Kind.values()) {
                INSTANCES.put(kind, new NotNd(kind));
            }
        }

        /**
         * Returns the shared instance for a kind.
         *
         * @param kind what the frame is instead
         * @return the shared instance
         */
        public static NotNd of(final Kind kind) {
            return INSTANCES.get(kind);
        }

        /**
         * What a frame is, if not Neighbor Discovery read here.
         */
        public enum Kind {
            /** Not IPv6 (IPv4, ARP, LLDP, ...), or more than two VLAN tags. */
            NOT_IPV6,
            /** IPv6 whose next header is not ICMPv6 (58), such as VRRP, or ICMPv6 behind an extension header. */
            NOT_ICMPV6,
            /** ICMPv6 of another type: echo, errors, Router Solicitation, Redirect, multicast listener messages. */
            OTHER_ICMPV6,
        }
    }
}
