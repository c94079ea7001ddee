/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.gwha.impl.state.CounterView.Counts;
import org.junit.jupiter.api.Test;

/** The counters of no cluster go on from the previous arbiter's, whatever this node counted before they came in. */
class HeartbeatCountersTest {
    @Test
    void theNodeWideCountersGoOnFromThePreviousArbiters() {
        final var counters = new HeartbeatCounters();
        counters.dropped();
        counters.malformedNeighborDiscovery();
        counters.routerAdvertisementRelayed();
        counters.routerAdvertisementRelayed();
        counters.countUnattributed(true);

        counters.continueFrom(new Counts(0, 10, 20), 30, 40, 50);

        assertEquals(List.of(31L, 41L, 52L), List.of(counters.packetInsDropped(),
            counters.neighborDiscoveryMalformed(), counters.routerAdvertisementsRelayed()));
        assertEquals(new Counts(0, 11, 20), counters.unattributed());
    }
}
