/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A read-only copy of one cluster's state, for the operational-state writer and the console.
 *
 * @param activeGateway the gateway traffic is steered to (while every gateway is down: the last active one);
 *                      absent before the first election, or when the last active one was deleted
 * @param activeSince when {@code activeGateway} was elected
 * @param gateways in configuration order
 * @param partitions while the LAN is split, every part of it by id, the active gateway's among them; else empty
 */
public record ClusterSnapshot(String name, ClusterStatus status, Optional<String> activeGateway,
        OptionalLong activeSince, List<GatewaySnapshot> gateways, List<PartitionSnapshot> partitions) {
    public ClusterSnapshot {
        gateways = List.copyOf(gateways);
        partitions = List.copyOf(partitions);
    }

    /**
     * A part of a split LAN.
     *
     * @param id its first switch in name order
     * @param switches the cluster's switches in it, in name order
     * @param activeGateway where its hosts are steered: the cluster's active gateway in the partition that holds it;
     *                      absent where no gateway of the cluster has been live since the partition was cut off
     */
    public record PartitionSnapshot(String id, List<String> switches, Optional<String> activeGateway) {
        public PartitionSnapshot {
            switches = List.copyOf(switches);
        }
    }

    /**
     * One gateway's state.
     *
     * @param lastHeard its last heartbeat, absent if never heard; in a dual-stack cluster the older of its two
     *     families' last heartbeats (it is live only while heard on both)
     * @param advertisedPriority the priority of its last heartbeat, absent if never heard; in a dual-stack cluster
     *     the lower of its two families' last ones
     * @param advertisedIntervalCentis the interval of its last heartbeat, absent if never heard
     * @param configuredPriority the priority its configuration gives it
     * @param effectivePriority the priority the election uses
     */
    public record GatewaySnapshot(String name, GatewayState state, OptionalLong lastHeard,
            OptionalInt advertisedPriority, OptionalInt advertisedIntervalCentis, int configuredPriority,
            int effectivePriority) {
    }
}
