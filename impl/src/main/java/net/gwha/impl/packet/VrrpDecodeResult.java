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
 * What {@link VrrpDecoder#decode(byte[])} made of a frame: a {@link VrrpAdvertisement} (over IPv4) or an
 * {@link Ipv6VrrpAdvertisement} that passed every check, a {@link Malformed} VRRP packet (to be counted and dropped),
 * or a frame that is {@link NotVrrp} at all (the packet-in listener also sees LLDP, ARP, Neighbor Discovery and
 * whatever else other applications punt; those are no one's error).
 */
public sealed interface VrrpDecodeResult permits VrrpAdvertisement, Ipv6VrrpAdvertisement,
        VrrpDecodeResult.Malformed, VrrpDecodeResult.NotVrrp {
    /**
     * A frame that claims to be VRRP over IPv4 or IPv6 (or is an IPv4 packet too broken to tell) and fails a check
     * that RFC 5798 section 7.1 or this project requires. One shared instance per reason: rejecting allocates
     * nothing.
     *
     * @param reason the first check the frame failed, in the order of {@link Reason}
     */
    record Malformed(Reason reason) implements VrrpDecodeResult {
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
            /** The frame ends before a header or length it declares, or before the IPv4 or IPv6 header. */
            TRUNCATED,
            /** Ethertype IPv4, but the IP version field is not 4. */
            NOT_IPV4,
            /** Ethertype IPv6, but the IP version field is not 6. */
            NOT_IPV6,
            /** IPv4 header length (IHL) below 5 words. */
            BAD_IP_HEADER_LENGTH,
            /** IPv4 total length shorter than the IPv4 header. */
            BAD_IP_TOTAL_LENGTH,
            /** A fragment (MF set or a non-zero offset): VRRP is never fragmented, a fragment cannot be checked. */
            FRAGMENTED,
            /** The IPv4 header checksum does not verify. */
            BAD_IP_CHECKSUM,
            /** TTL is not 255 (RFC 5798 section 7.1): the packet crossed a router, it is not from this link. */
            BAD_TTL,
            /** IPv6 hop limit is not 255 (RFC 5798 section 7.1): the packet crossed a router. */
            BAD_HOP_LIMIT,
            /** The IPv6 source is not link-local (fe80::/10), as RFC 5798 section 5.1.2.1 requires. */
            NOT_LINK_LOCAL_SOURCE,
            /**
             * The destination is not 224.0.0.18 (keepalived's unicast_peer mode lands here); over IPv6, not ff02::12
             * or not to its Ethernet group 33:33:00:00:00:12 (RFC 2464 section 7).
             */
            NOT_TO_VRRP_GROUP,
            /** The IP payload is shorter than the 8 bytes of the fixed VRRP header. */
            VRRP_TOO_SHORT,
            /** The VRRP version is neither 3 (RFC 5798) nor 2 (RFC 3768); over IPv6, not 3. */
            BAD_VERSION,
            /** The VRRP type is not 1 (advertisement). */
            BAD_TYPE,
            /**
             * The IP payload length is not what the address count says (v3: 8 + 4n; v2: 8 + 4n + 8; over IPv6:
             * 8 + 16n).
             */
            ADDRESS_COUNT_MISMATCH,
            /**
             * The VRRP checksum does not verify (v3: with the IPv4 or IPv6 pseudo-header; v2: the VRRP message
             * only).
             */
            BAD_VRRP_CHECKSUM,
            /** VRID 0, which RFC 5798 does not allow (1 to 255). */
            BAD_VRID,
            /** No addresses: RFC 5798 section 5.2.5 requires at least one. */
            NO_ADDRESSES,
            /** Advertisement interval 0, which would make the dead interval 0. */
            BAD_INTERVAL,
        }
    }

    /**
     * A frame that is not VRRP, which the heartbeat intake ignores. One shared instance per kind.
     *
     * @param kind what the frame is instead
     */
    record NotVrrp(Kind kind) implements VrrpDecodeResult {
        private static final Map<Kind, NotVrrp> INSTANCES = new EnumMap<>(Kind.class);

        static {
            for (Kind kind : Kind.values()) {
                INSTANCES.put(kind, new NotVrrp(kind));
            }
        }

        /**
         * Returns the shared instance for a kind.
         *
         * @param kind what the frame is instead
         * @return the shared instance
         */
        public static NotVrrp of(final Kind kind) {
            return INSTANCES.get(kind);
        }

        /**
         * What a frame is, if not VRRP.
         */
        public enum Kind {
            /** Neither IPv4 nor IPv6 (ARP, LLDP, ...), or more than one VLAN tag. */
            NOT_IP,
            /** IPv4 but not IP protocol 112. */
            NOT_VRRP_PROTOCOL,
            /** IPv6 whose next header is not 112 (Neighbor Discovery, or VRRP behind an extension header). */
            IPV6,
        }
    }
}
