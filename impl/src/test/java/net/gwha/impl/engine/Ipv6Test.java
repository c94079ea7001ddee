/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6Test {
    @Test
    void everyTextOfAnAddressParsesToOneValue() {
        final var expected = new Ipv6(0x2001_0db8_0000_0000L, 1);
        for (var text : new String[] {"2001:db8::1", "2001:DB8::1", "2001:0db8:0:0::1", "2001:db8:0:0:0:0:0:1",
            "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::0:1", "2001:db8::0.0.0.1"}) {
            assertEquals(expected, Ipv6.parse(text), text);
        }
    }

    @Test
    void printsRfc5952Text() {
        assertEquals("2001:db8::1", Ipv6.parse("2001:0DB8:0:0:0:0:0:1").toString());
        assertEquals("::", Ipv6.parse("0:0:0:0:0:0:0:0").toString());
        assertEquals("::1", Ipv6.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("fe80::", Ipv6.parse("fe80:0:0:0:0:0:0:0").toString());
        // one zero group is not compressed; of two equal runs the first is
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6.parse("2001:db8::1:1:1:1:1").toString());
        assertEquals("2001:db8::1:0:0:1", Ipv6.parse("2001:db8:0:0:1:0:0:1").toString());
        // the longest run wins
        assertEquals("2001:0:0:1::1", Ipv6.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("::ffff:c000:201", Ipv6.parse("::ffff:192.0.2.1").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
        "12345::1", "g::1", ":1::", "1::2:", "fe80::1%eth0", "2001:db8::/64", "::1.2.3", "::1.2.3.4:5",
        "1.2.3.4::", "::01.2.3.4", " ::1"})
    void rejectsWhatIsNoAddress(final String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6.parse(text));
    }

    @Test
    void knowsItsKinds() {
        assertTrue(Ipv6.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6.parse("febf:ffff::1").isLinkLocal());
        assertFalse(Ipv6.parse("fec0::1").isLinkLocal());
        assertFalse(Ipv6.parse("2001:db8::1").isLinkLocal());
        assertTrue(Ipv6.parse("ff02::12").isMulticast());
        assertFalse(Ipv6.parse("fe80::1").isMulticast());
        assertTrue(Ipv6.parse("::").isUnspecified());
        assertTrue(Ipv6.parse("::1").isLoopback());
        assertFalse(Ipv6.parse("::2").isLoopback());
    }

    @Test
    void ordersAsUnsignedNumbersForTheRfc5798TieBreak() {
        assertTrue(Ipv6.parse("fe80::2").compareTo(Ipv6.parse("fe80::1")) > 0);
        assertTrue(Ipv6.parse("fe80::1").compareTo(Ipv6.parse("2001:db8::ffff")) > 0);
        assertTrue(Ipv6.parse("::ffff:ffff:ffff:ffff").compareTo(Ipv6.parse("::8000:0:0:0")) > 0);
        assertEquals(0, Ipv6.parse("fe80::1").compareTo(Ipv6.parse("FE80:0::1")));
    }

    @Property
    void printedTextParsesBackToTheSameAddress(@ForAll final long high, @ForAll final long low) {
        final var address = new Ipv6(high, low);
        assertEquals(address, Ipv6.parse(address.toString()));
    }

    @Property
    void agreesWithTheJdkOnTextAndOrder(@ForAll final long high, @ForAll final long low,
            @ForAll final long otherHigh, @ForAll final long otherLow) throws UnknownHostException {
        // the JDK turns an IPv4-mapped address into an IPv4 one
        Assume.that(high != 0 || low >>> 32 != 0xFFFF);
        final var address = new Ipv6(high, low);
        // a literal: InetAddress resolves no name
        final var jdk = InetAddress.getByName(address.toString());
        assertEquals(new BigInteger(1, jdk.getAddress()), unsigned(address));
        final var other = new Ipv6(otherHigh, otherLow);
        assertEquals(Integer.signum(unsigned(address).compareTo(unsigned(other))),
            Integer.signum(address.compareTo(other)));
    }

    private static BigInteger unsigned(final Ipv6 address) {
        return new BigInteger(Long.toUnsignedString(address.high())).shiftLeft(64)
            .or(new BigInteger(Long.toUnsignedString(address.low())));
    }
}
