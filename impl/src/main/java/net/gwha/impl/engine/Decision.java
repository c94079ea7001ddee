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

/**
 * An output of the {@link Engine}: something for the adapters to carry out or report. Times are the events'
 * nanoseconds.
 */
public sealed interface Decision {
    String cluster();

    /**
     * Steer the cluster's traffic to {@code to}: all of it, or where the LAN is split, that of one partition's hosts.
     *
     * @param from the previous active gateway, absent at the first election (or for a partition's hosts, when they
     *             had none)
     * @param causeTime when the cause happened; for a silent gateway its last heartbeat plus the detection
     *                  threshold, so that {@code decisionTime - causeTime} is the detection latency
     * @param partition absent for the cluster's active gateway; else the partition cut off from it whose hosts
     *                  move, by its id ({@link Partition}), as it was before the change when it healed
     */
    record ActiveGatewayChanged(String cluster, Optional<String> from, String to, FailoverCause cause,
            long causeTime, long decisionTime, Optional<String> partition) implements Decision {
    }

    /**
     * A gateway's state as shown to operators changed.
     */
    record GatewayStateChanged(String cluster, String gateway, GatewayState oldState, GatewayState newState,
            long at) implements Decision {
    }

    /**
     * Where the cluster's traffic may go, in order of preference, changed: the active gateway first (kept while no
     * other is electable, so steering stays), then every other gateway of its partition that is up and in service,
     * by effective priority, ties to the higher address. Never a gateway not heard yet, down or in maintenance.
     * Empty before the first election. Fast-failover buckets follow it.
     */
    record ElectionOrderChanged(String cluster, List<String> order, long at) implements Decision {
        public ElectionOrderChanged {
            order = List.copyOf(order);
        }
    }

    /**
     * Where the cluster's switches steer to beyond its election order changed: the links between them (the paths
     * steering follows), or the partitions of its LAN cut off from the active gateway's switch, each with its own
     * election order. The active gateway's own partition follows {@link ElectionOrderChanged}.
     *
     * @param partitions by id; empty while the LAN is whole
     */
    record PartitionsChanged(String cluster, SwitchLinks links, List<Partition> partitions, long at)
            implements Decision {
        public PartitionsChanged {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * A part of a cluster's LAN whose switches do not reach the active gateway's.
     *
     * @param id its first switch in name order
     * @param switches the cluster's switches in it, in name order
     * @param order its own election order, as {@link ElectionOrderChanged}'s: its active gateway first; empty when
     *              it has none (no gateway of the cluster is in it, or none has been live since it was cut off)
     */
    record Partition(String id, List<String> switches, List<String> order) {
        public Partition {
            switches = List.copyOf(switches);
            order = List.copyOf(order);
        }
    }

    /**
     * The cluster's status changed.
     */
    record ClusterStatusChanged(String cluster, ClusterStatus status, long at) implements Decision {
    }

    /**
     * A command (switch-over, maintenance) was refused and changed nothing.
     *
     * @param reason for the operator, in a sentence
     */
    record CommandRefused(String cluster, String gateway, String reason, long at) implements Decision {
    }
}
