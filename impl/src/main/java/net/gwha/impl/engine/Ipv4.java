/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * An IPv4 address as its 32 bits. Ordered as unsigned numbers, so that the election's tie-break
 * "the higher address wins" (RFC 5798 section 6.4.3) is a plain comparison.
 *
 * @param bits the address in network order, most significant octet first
 */
public record Ipv4(int bits) implements IpAddress, Comparable<Ipv4> {
    /**
     * Parses dotted-quad notation ("192.0.2.1"). Names are not resolved.
     *
     * @throws IllegalArgumentException if {@code text} is not four decimal octets
     */
    public static Ipv4 parse(final String text) {
        int bits = 0;
        int octets = 0;
        // digits of the current octet, -1 before its first digit
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            final char ch = i < text.length() ? text.charAt(i) : '.';
            if (ch == '.' && value >= 0) {
                bits = bits << 8 | value;
                octets++;
                value = -1;
            } else if (ch >= '0' && ch <= '9' && value != 0 && Math.max(value, 0) * 10 + ch - '0' <= 255) {
                // value != 0: no leading zeros, which some parsers read as octal
                value = Math.max(value, 0) * 10 + ch - '0';
            } else {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
        }
        if (octets != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return new Ipv4(bits);
    }

    @Override
    public int compareTo(final Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }

    @Override
    public AddressFamily family() {
        return AddressFamily.IPV4;
    }
}
