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
     * Steer the cluster's traffic to {@code to}.
     *
     * @param from the previous active gateway, absent at the first election
     * @param causeTime when the cause happened; for a silent gateway its last heartbeat plus the detection
     *                  threshold, so that {@code decisionTime - causeTime} is the detection latency
     */
    record ActiveGatewayChanged(String cluster, Optional<String> from, String to, FailoverCause cause,
            long causeTime, long decisionTime) implements Decision {
    }

    /**
     * A gateway's state as shown to operators changed.
     */
    record GatewayStateChanged(String cluster, String gateway, GatewayState oldState, GatewayState newState,
            long at) implements Decision {
    }

    /**
     * Where the cluster's traffic may go, in order of preference, changed: the active gateway first (kept while no
     * other is electable, so steering stays), then every other gateway that is up and in service, by effective
     * priority, ties to the higher address. Never a gateway not heard yet, down or in maintenance. Empty before the
     * first election. Fast-failover buckets follow it.
     */
    record ElectionOrderChanged(String cluster, List<String> order, long at) implements Decision {
        public ElectionOrderChanged {
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
