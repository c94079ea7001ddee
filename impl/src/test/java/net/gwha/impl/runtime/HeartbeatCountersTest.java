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

/**
 * Counters per gateway and per cluster, and forgetting one cluster's; the counters of no cluster go on from the
 * previous arbiter's, whatever this node counted before they came in.
 */
class HeartbeatCountersTest {
    private final HeartbeatCounters counters = new HeartbeatCounters();

    @Test
    void eachGatewayAndClusterCountsApartAndForgettingOneClusterKeepsTheOthers() {
        counters.accepted("c1", "gw1");
        counters.accepted("c1", "gw1");
        counters.spoofed("c1", "gw2");
        counters.spoofed("c1");
        counters.accepted("c10", "gw1");

        assertEquals(new Counts(2, 0, 0), counters.of("c1", "gw1"));
        assertEquals(new Counts(0, 0, 1), counters.of("c1", "gw2"));
        assertEquals(new Counts(0, 0, 1), counters.of("c1"));
        assertEquals(new Counts(0, 0, 0), counters.of("c1", "gw3"));

        counters.forget("c1");
        assertEquals(new Counts(0, 0, 0), counters.of("c1", "gw1"));
        assertEquals(new Counts(0, 0, 0), counters.of("c1"));
        assertEquals(new Counts(1, 0, 0), counters.of("c10", "gw1"));
    }

    @Test
    void theNodeWideCountersGoOnFromThePreviousArbiters() {
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
