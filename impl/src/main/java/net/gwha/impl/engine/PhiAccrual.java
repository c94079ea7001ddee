/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * Phi accrual failure detection (Hayashibara et al., 2004) over one gateway's heartbeat inter-arrival times.
 * Rule: the adaptive detector declares a silent gateway dead at the instant phi crosses its threshold, never
 * sooner than the floor (see {@link #threshold}).
 *
 * <p>Model: inter-arrival times are normally distributed (as in Akka), estimated from the last {@link #WINDOW}
 * samples. Phi is {@code -log10} of the probability that the next heartbeat is still to come; it crosses the
 * threshold at {@code mean + z * stddev} after the last heartbeat, where {@code z} is the standard normal
 * quantile with upper tail {@code 10^-threshold}. The engine computes that instant once per heartbeat and
 * returns it as a wake-up, instead of polling phi.
 *
 * <p>Two guards against a model too sure of itself. A perfectly regular sender would give a stddev near zero and
 * a detector that fires on the first late packet, so the stddev is at least a tenth of the heartbeat interval
 * (Akka uses a fixed 100 ms for its 1 s default). A few early gaps that happen to be short would give a mean
 * below the interval the gateway is configured for, so the mean is at least that interval: the detector
 * adapts to a sender that is slower or more jittery than configured, never to one that looks faster. Until
 * {@link #MIN_SAMPLES} samples are known the dead interval applies.
 */
final class PhiAccrual {
    static final int WINDOW = 100;
    static final int MIN_SAMPLES = 4;

    private final long[] samples = new long[WINDOW];
    private int count;
    private int next;
    // sum is exact (bounded by WINDOW x the dead interval in nanoseconds); the sum of squares is recomputed each
    // time the ring wraps, so that rounding from adding and removing samples cannot accumulate
    private long sum;
    private double sumOfSquares;

    void clear() {
        count = 0;
        next = 0;
        sum = 0;
        sumOfSquares = 0;
    }

    void add(final long gapNanos) {
        if (count == WINDOW) {
            final long old = samples[next];
            sum -= old;
            sumOfSquares -= (double) old * old;
        } else {
            count++;
        }
        samples[next] = gapNanos;
        sum += gapNanos;
        sumOfSquares += (double) gapNanos * gapNanos;
        next = (next + 1) % WINDOW;
        if (next == 0) {
            double exact = 0;
            for (long sample : samples) {
                exact += (double) sample * sample;
            }
            sumOfSquares = exact;
        }
    }

    /**
     * Silence after the last heartbeat at which phi reaches the threshold, clamped to {@code [floor, dead]}:
     * never sooner than the floor, never later than the fixed detector would be.
     *
     * @param quantile {@link #quantile(double)} of the threshold
     * @param intervalNanos the configured heartbeat interval
     */
    long threshold(final double quantile, final long intervalNanos, final long floorNanos, final long deadNanos) {
        if (count < MIN_SAMPLES) {
            return deadNanos;
        }
        final double sampleMean = (double) sum / count;
        final double variance = Math.max(0, sumOfSquares / count - sampleMean * sampleMean);
        final double mean = Math.max(sampleMean, intervalNanos);
        final double stddev = Math.max(Math.sqrt(variance), intervalNanos / 10.0);
        return Math.clamp((long) Math.ceil(mean + quantile * stddev), floorNanos, deadNanos);
    }

    /**
     * The standard normal quantile {@code z} with {@code P(X > z) = 10^-phi}, by bisection on {@link #phi}.
     * Called once per configuration, so bisection's cost does not matter and needs no inverse-CDF table.
     */
    static double quantile(final double phiThreshold) {
        double low = 0;
        double high = 40;
        for (int i = 0; i < 100; i++) {
            final double mid = (low + high) / 2;
            if (phi(mid) < phiThreshold) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * {@code -log10 P(X > quantile)} for standard normal X, {@code quantile >= 0}, from the complementary error
     * function approximation of Numerical Recipes (erfcc, fractional error below 1.2e-7 everywhere), in log space
     * so that far tails do not underflow.
     */
    static double phi(final double quantile) {
        final double x = quantile / Math.sqrt(2);
        final double t = 1 / (1 + 0.5 * x);
        final double lnErfc = Math.log(t) - x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
            + t * 0.17087277))))))));
        return -(Math.log(0.5) + lnErfc) / Math.log(10);
    }
}
