/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * An IPv6 address as its 128 bits. One value per address whatever its text ({@code 2001:db8::1} and
 * {@code 2001:0DB8:0:0::1} are equal), ordered as unsigned numbers, so that the election's tie-break "the higher
 * address wins" (RFC 5798 section 6.4.3) is a plain comparison.
 *
 * @param high the first 64 bits, most significant first
 * @param low the last 64 bits
 */
public record Ipv6(long high, long low) implements IpAddress, Comparable<Ipv6> {
    private static final int GROUPS = 8;

    /**
     * Parses RFC 4291 section 2.2 text: eight groups of one to four hex digits, either case, one {@code ::} for a
     * run of zero groups, the last two groups optionally as a dotted quad ({@code ::ffff:192.0.2.1}). No zone index
     * ({@code %eth0}), no prefix length; names are not resolved.
     *
     * @throws IllegalArgumentException if {@code text} is none of these
     */
    public static Ipv6 parse(final String text) {
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(text);
        }
        final int[] head = groups(text, gap < 0 ? text : text.substring(0, gap));
        final int[] tail = gap < 0 ? new int[0] : groups(text, text.substring(gap + 2));
        final int given = head.length + tail.length;
        // "::" stands for at least one zero group
        if (gap < 0 ? given != GROUPS : given > GROUPS - 1) {
            throw invalid(text);
        }
        final int[] all = new int[GROUPS];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, GROUPS - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < GROUPS / 2; i++) {
            high = high << 16 | all[i];
            low = low << 16 | all[i + GROUPS / 2];
        }
        return new Ipv6(high, low);
    }

    /** The 16-bit groups of colon-separated text, the last of which may be a dotted quad (two groups). */
    private static int[] groups(final String text, final String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        final String[] fields = part.split(":", -1);
        final String last = fields[fields.length - 1];
        final boolean quad = last.indexOf('.') >= 0;
        final int[] result = new int[fields.length + (quad ? 1 : 0)];
        for (int i = 0; i < fields.length - (quad ? 1 : 0); i++) {
            final String field = fields[i];
            if (field.isEmpty() || field.length() > 4) {
                throw invalid(text);
            }
            int value = 0;
            for (int j = 0; j < field.length(); j++) {
                final int digit = Character.digit(field.charAt(j), 16);
                if (digit < 0) {
                    throw invalid(text);
                }
                value = value << 4 | digit;
            }
            result[i] = value;
        }
        if (quad) {
            if (!text.endsWith(last)) {
                throw invalid(text);
            }
            final int bits;
            try {
                bits = Ipv4.parse(last).bits();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + text, e);
            }
            result[fields.length - 1] = bits >>> 16;
            result[fields.length] = bits & 0xFFFF;
        }
        return result;
    }

    private static IllegalArgumentException invalid(final String text) {
        return new IllegalArgumentException("not an IPv6 address: " + text);
    }

    /** In fe80::/10, link-local unicast (RFC 4291 section 2.5.6): valid only on its link. */
    public boolean isLinkLocal() {
        return high >>> 54 == 0x3FA;
    }

    /** In ff00::/8 (RFC 4291 section 2.7). */
    public boolean isMulticast() {
        return high >>> 56 == 0xFF;
    }

    /** {@code ::}, the unspecified address (RFC 4291 section 2.5.2). */
    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** {@code ::1}, the loopback address (RFC 4291 section 2.5.3). */
    public boolean isLoopback() {
        return high == 0 && low == 1;
    }

    @Override
    public int compareTo(final Ipv6 other) {
        final int first = Long.compareUnsigned(high, other.high);
        return first != 0 ? first : Long.compareUnsigned(low, other.low);
    }

    /** The RFC 5952 text: lower case, no leading zeros, the first longest run of two or more zero groups as "::". */
    @Override
    public String toString() {
        final int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS / 2; i++) {
            groups[i] = (int) (high >>> 48 - 16 * i) & 0xFFFF;
            groups[i + GROUPS / 2] = (int) (low >>> 48 - 16 * i) & 0xFFFF;
        }
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < GROUPS; i++) {
            int end = i;
            while (end < GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
        }
        final var text = new StringBuilder(39);
        for (int i = 0; i < GROUPS; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    @Override
    public AddressFamily family() {
        return AddressFamily.IPV6;
    }
}
