/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow.vrrp;

/**
 * An IPv4 address as its 32 bits in network order, so that decoding allocates one small object and no string.
 * Ordered as an unsigned number, which is the order RFC 5798 uses to break a priority tie (the higher address
 * wins).
 *
 * @param bits the address, most significant byte first ({@code 192.0.2.1} is {@code 0xC0000201})
 */
public record Ipv4(int bits) implements Comparable<Ipv4> {
    /**
     * Parses dotted-quad notation, such as {@code 192.0.2.1}.
     *
     * @param dotted four decimal octets separated by dots
     * @return the address
     * @throws IllegalArgumentException if {@code dotted} is not a dotted-quad IPv4 address
     */
    public static Ipv4 parse(final String dotted) {
        final String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Not a dotted-quad IPv4 address: " + dotted);
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("Not a dotted-quad IPv4 address: " + dotted);
            }
            final int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("Not a dotted-quad IPv4 address: " + dotted);
            }
            bits = bits << 8 | octet;
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
}
