/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.state.CounterView.Counts;

/**
 * What the previous arbiter wrote to the operational datastore ({@link StateWriter}): where a node that takes the
 * role over goes on from ({@link StateReader}).
 *
 * @param clusters by name
 * @param unattributed the intake's counters that belong to no cluster
 * @param packetInsDropped the packet-ins dropped with the engine's queue full
 * @param neighborDiscoveryMalformed the punted Neighbor Discovery dropped as malformed
 * @param routerAdvertisementsRelayed the Router Advertisements passed on with the virtual MAC
 */
public record PreviousState(Map<String, OfCluster> clusters, Counts unattributed, long packetInsDropped,
        long neighborDiscoveryMalformed, long routerAdvertisementsRelayed) {
    /** Nothing written: a first start, or the datastore could not be read in time. */
    public static final PreviousState NONE = new PreviousState(Map.of(), new Counts(0, 0, 0), 0, 0, 0);

    public PreviousState {
        clusters = Map.copyOf(clusters);
    }

    /**
     * One cluster's state entry.
     *
     * @param own its own counters (spoofed advertisements with its VRID)
     * @param gateways in the order written
     * @param history its failover events, oldest first
     */
    public record OfCluster(String name, Optional<String> activeGateway, Optional<Instant> activeSince, Counts own,
            long flowsRepaired, List<OfGateway> gateways, List<FailoverRecord> history) {
        public OfCluster {
            gateways = List.copyOf(gateways);
            history = List.copyOf(history);
        }
    }

    /** One gateway's state entry. */
    public record OfGateway(String name, GatewayState state, Optional<Instant> lastHeard,
            OptionalInt advertisedPriority, Counts counts) {
    }
}
