/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {
    @Test
    void macParsesAndPrintsColonSeparatedHex() {
        assertEquals(0x0000_5E00_0133L, Mac.parse("00:00:5E:00:01:33").bits());
        assertEquals("00:00:5e:00:01:33", new Mac(0x0000_5E00_0133L).toString());
        assertEquals("ff:ff:ff:ff:ff:ff", new Mac(0xFFFF_FFFF_FFFFL).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "00:00:5e:00:01", "00:00:5e:00:01:3", "00-00-5e-00-01-33", "00:00:5e:00:01:3g",
        "00:00:5e:00:01:33:" })
    void macRejectsWhatIsNotColonSeparatedHex(final String text) {
        assertThrows(IllegalArgumentException.class, () -> Mac.parse(text));
    }

    @Test
    void macHasFortyEightBits() {
        assertThrows(IllegalArgumentException.class, () -> new Mac(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> new Mac(-1));
    }
}
