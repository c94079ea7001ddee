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
import java.util.Optional;
import java.util.OptionalInt;
import net.gwha.impl.engine.ClusterSnapshot.PartitionSnapshot;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.GatewayState;

/**
 * One cluster as an operator sees it: its virtual IPs, who is active since when, each gateway, and while its LAN
 * is split, each partition.
 */
public record ClusterView(String name, List<String> virtualIps, ClusterStatus status,
        Optional<String> activeGateway, Optional<Instant> activeSince, List<GatewayView> gateways,
        List<PartitionSnapshot> partitions) {
    public ClusterView {
        virtualIps = List.copyOf(virtualIps);
        gateways = List.copyOf(gateways);
        partitions = List.copyOf(partitions);
    }

    /** A gateway's live state and its heartbeat counters. */
    public record GatewayView(String name, GatewayState state, Optional<Instant> lastHeard,
            int configuredPriority, OptionalInt advertisedPriority, int effectivePriority, long heartbeatsAccepted,
            long heartbeatsMalformed, long heartbeatsSpoofed) {
    }
}
