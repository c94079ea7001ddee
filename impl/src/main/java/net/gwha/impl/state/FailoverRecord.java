/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.gwha.impl.engine.FailoverCause;

/**
 * One change of active gateway with its timeline: the cause (for a silent gateway, its last heartbeat plus the
 * detection threshold), the engine's decision, and the switches confirming the new flows.
 *
 * @param partition absent for the cluster's active gateway; else the partition of a split LAN whose hosts moved
 */
public record FailoverRecord(long sequence, String cluster, Optional<String> from, String to, FailoverCause cause,
        Instant causeTime, Instant decisionTime, Optional<Instant> flowsConfirmedTime, Optional<String> partition) {
    public Duration detectionLatency() {
        return Duration.between(causeTime, decisionTime);
    }

    public Optional<Duration> programmingLatency() {
        return flowsConfirmedTime.map(confirmed -> Duration.between(decisionTime, confirmed));
    }
}
