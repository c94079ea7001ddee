/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cluster's virtual addresses, by family. The families that have virtual IPs are the cluster's families: its
 * gateways run one VRRPv3 instance on each, and are live only while heard on every one (see {@link Engine}).
 *
 * @param ipv4 the IPv4 virtual IPs
 * @param ipv6 the IPv6 virtual IPs
 * @param ipv4Mac the MAC hosts learn for the IPv4 virtual IPs, lower-case colon-separated
 * @param ipv6Mac the MAC hosts learn for the IPv6 virtual IPs, lower-case colon-separated
 */
public record VirtualAddresses(List<Ipv4> ipv4, List<Ipv6> ipv6, String ipv4Mac, String ipv6Mac) {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public VirtualAddresses {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        if (ipv4.isEmpty() && ipv6.isEmpty()) {
            throw new IllegalArgumentException("no virtual IP");
        }
        for (var mac : List.of(ipv4Mac, ipv6Mac)) {
            if (!MAC.matcher(mac).matches()) {
                throw new IllegalArgumentException("not a lower-case MAC: " + mac);
            }
        }
    }

    /** IPv4 virtual IPs only, with the RFC 5798 virtual MACs of the VRID. */
    public static VirtualAddresses ipv4(final int vrid, final Ipv4... vips) {
        return new VirtualAddresses(List.of(vips), List.of(), defaultMac(vrid, AddressFamily.IPV4),
            defaultMac(vrid, AddressFamily.IPV6));
    }

    /**
     * The virtual MAC of a VRID and family: {@code 00:00:5e:00:01:<vrid>} for IPv4 (RFC 5798 section 7.3),
     * {@code 00:00:5e:00:02:<vrid>} for IPv6 (RFC 9568 section 7.3).
     *
     * @throws IllegalArgumentException when {@code vrid} is outside 1..255
     */
    public static String defaultMac(final int vrid, final AddressFamily family) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " is outside 1..255");
        }
        return (family == AddressFamily.IPV4 ? "00:00:5e:00:01:" : "00:00:5e:00:02:")
            + HexFormat.of().toHexDigits((byte) vrid).toLowerCase(Locale.ROOT);
    }

    /** The families that have virtual IPs, IPv4 first. */
    public Set<AddressFamily> families() {
        final var families = EnumSet.noneOf(AddressFamily.class);
        if (!ipv4.isEmpty()) {
            families.add(AddressFamily.IPV4);
        }
        if (!ipv6.isEmpty()) {
            families.add(AddressFamily.IPV6);
        }
        return Collections.unmodifiableSet(families);
    }

    /**
     * The family whose gateway addresses break a tie in priority: IPv4 when the cluster has it (RFC 5798 section
     * 6.4.3 compares the addresses of one instance; a dual-stack cluster elects once for both, by its IPv4 ones).
     */
    public AddressFamily tieBreakFamily() {
        return ipv4.isEmpty() ? AddressFamily.IPV6 : AddressFamily.IPV4;
    }
}
