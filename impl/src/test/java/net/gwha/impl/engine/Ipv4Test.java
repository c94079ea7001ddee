/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {
    @Test
    void ipv4ParsesAndPrintsDottedQuads() {
        assertEquals(0xC000_0201, Ipv4.parse("192.0.2.1").bits());
        assertEquals("192.0.2.1", new Ipv4(0xC000_0201).toString());
        assertEquals("255.255.255.255", new Ipv4(-1).toString());
        assertEquals("0.0.0.0", Ipv4.parse("0.0.0.0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "192.0.2", "192.0.2.1.5", "192.0.2.256", "192.0..1", "192.0.2.-1", "192.0.2.1 ",
        "192.0.2.0001", "a.b.c.d" })
    void ipv4RejectsWhatIsNotADottedQuad(final String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(text));
    }

    @Test
    void ipv4OrdersAsUnsignedNumbersForTheRfc5798TieBreak() {
        assertTrue(Ipv4.parse("192.0.2.2").compareTo(Ipv4.parse("10.0.0.1")) > 0);
        assertTrue(Ipv4.parse("192.0.2.1").compareTo(Ipv4.parse("192.0.2.2")) < 0);
        assertEquals(0, Ipv4.parse("192.0.2.1").compareTo(new Ipv4(0xC000_0201)));
    }
}
