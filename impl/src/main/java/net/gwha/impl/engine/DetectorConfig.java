/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * How a cluster decides that a silent gateway is dead.
 */
public sealed interface DetectorConfig {
    /**
     * Dead when nothing was heard for the cluster's dead interval.
     */
    record Fixed() implements DetectorConfig {
        static final Fixed INSTANCE = new Fixed();
    }

    /**
     * Phi accrual (Hayashibara et al.; as in Akka and Cassandra) over each gateway's observed heartbeat
     * inter-arrival times: dead when the suspicion level phi reaches the threshold, but never sooner than
     * the floor after the last heartbeat and never later than the cluster's dead interval.
     *
     * @param phiThreshold suspicion level, 1..50: the gateway is dead once the probability that a heartbeat
     *                     is still to come drops to 10^-phiThreshold
     * @param floorMillis minimum silence before death, positive and at most the dead interval
     */
    record Adaptive(double phiThreshold, long floorMillis) implements DetectorConfig {
        public Adaptive {
            if (!(phiThreshold >= 1 && phiThreshold <= 50)) {
                throw new IllegalArgumentException("phi threshold " + phiThreshold + " is not in 1..50");
            }
            if (floorMillis <= 0) {
                throw new IllegalArgumentException("detector floor " + floorMillis + " ms is not positive");
            }
        }
    }

    static DetectorConfig fixed() {
        return Fixed.INSTANCE;
    }

    static DetectorConfig adaptive(final double phiThreshold, final long floorMillis) {
        return new Adaptive(phiThreshold, floorMillis);
    }
}
