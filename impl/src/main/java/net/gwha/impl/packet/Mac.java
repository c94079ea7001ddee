/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import java.util.HexFormat;

/**
 * An Ethernet (EUI-48) MAC address as its 48 bits in the low bits of a long, so that decoding allocates one small
 * object and no string or array.
 *
 * @param bits the address, first octet most significant ({@code 02:00:00:00:0a:01} is {@code 0x02000000_0A01L})
 */
public record Mac(long bits) {
    private static final long MASK = 0xFFFF_FFFF_FFFFL;
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(":");

    /**
     * Validates that the address fits in 48 bits.
     *
     * @throws IllegalArgumentException if any of the high 16 bits is set
     */
    public Mac {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("A MAC address has 48 bits, not " + Long.toHexString(bits));
        }
    }

    /**
     * Parses the colon-separated form, such as {@code 00:00:5e:00:01:33}, in either case.
     *
     * @param colonSeparated six two-digit hexadecimal octets separated by colons
     * @return the address
     * @throws IllegalArgumentException if {@code colonSeparated} is not in that form
     */
    public static Mac parse(final String colonSeparated) {
        if (colonSeparated.length() != 17) {
            throw new IllegalArgumentException("Not a MAC address: " + colonSeparated);
        }
        final byte[] octets = FORMAT.parseHex(colonSeparated);
        long bits = 0;
        for (byte octet : octets) {
            bits = bits << 8 | octet & 0xFF;
        }
        return new Mac(bits);
    }

    @Override
    public String toString() {
        final byte[] octets = new byte[6];
        for (int i = 0; i < 6; i++) {
            octets[i] = (byte) (bits >>> 8 * (5 - i));
        }
        return FORMAT.formatHex(octets);
    }
}
