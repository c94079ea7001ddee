/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The split-brain fence: whether the arbiter may write to the switches now. Rule: it may while it holds a lease
 * that only the majority of an OpenDaylight cluster can grant, and a new arbiter starts only once every lease of
 * the previous one has run out.
 *
 * <p>The arbiter renews the lease by committing a record to the clustered datastore, which commits only with a
 * majority of the members (Raft). A renewal counts from the moment it was <em>submitted</em>, not from its commit,
 * so the lease ends at most {@link #LENGTH} after the last instant this node was known to reach the majority. A
 * node cut off from the majority can commit nothing: its lease runs out within {@link #LENGTH} of the cut.
 *
 * <p>A node that takes the role over reads the newest committed record, the previous holder's last renewal, and
 * steers only after that renewal's submission plus {@link #LENGTH} plus {@link #CLOCK_SKEW} on its own wall clock,
 * and only with a renewal of its own confirmed. So the two never steer at once, whatever the cluster's failure
 * detector and downing timers are, provided the nodes' wall clocks agree within {@link #CLOCK_SKEW} and a
 * paused JVM does not send a write between checking the lease and sending it (the switch's OpenFlow roles,
 * changed by openflowplugin as mastership moves, refuse a deposed master's flow-mods in that case). Normally the
 * old lease has long run out when the role moves: the cluster removes a member only after seconds of silence.
 *
 * <p>Not thread-safe; times are nanoseconds on one monotonic clock, wall times for the record alone.
 */
public final class ArbiterLease {
    /** How long a confirmed renewal lets the arbiter steer. */
    public static final Duration LENGTH = Duration.ofMillis(2000);
    /** How often the arbiter renews: several renewals a lease, so that one slow commit does not fence it. */
    public static final Duration RENEWAL = Duration.ofMillis(250);
    /** How far two controller nodes' wall clocks may differ (NTP keeps a LAN within milliseconds). */
    public static final Duration CLOCK_SKEW = Duration.ofMillis(500);

    private static final long LENGTH_NANOS = LENGTH.toNanos();

    private long confirmedFrom;
    private boolean confirmed;
    private long steerFrom;
    private boolean previousKnown;

    /**
     * Whether this node may steer now.
     *
     * @param now the monotonic clock
     */
    public boolean held(final long now) {
        return previousKnown && now - steerFrom >= 0 && confirmed && now - confirmedFrom < LENGTH_NANOS;
    }

    /** When the newest confirmed renewal was submitted, on the monotonic clock; empty before the first. */
    public OptionalLong lastRenewal() {
        return confirmed ? OptionalLong.of(confirmedFrom) : OptionalLong.empty();
    }

    /**
     * A renewal submitted at {@code submittedAt} has committed: the lease runs {@link #LENGTH} from then.
     *
     * @param submittedAt the monotonic time the renewal was submitted
     */
    public void confirmed(final long submittedAt) {
        if (!confirmed || submittedAt - confirmedFrom > 0) {
            confirmedFrom = submittedAt;
            confirmed = true;
        }
    }

    /**
     * The previous holder's last committed renewal has been read: steering waits until it has run out.
     *
     * @param lastRenewal when the previous holder submitted it, by its wall clock; empty when there was none
     * @param nowWall this node's wall clock now
     * @param now the monotonic clock now
     * @return how long this node waits from now before it may steer
     */
    public Duration previousHolder(final Optional<Instant> lastRenewal, final Instant nowWall, final long now) {
        final var wait = lastRenewal.map(renewed -> Duration.between(nowWall, renewed.plus(LENGTH).plus(CLOCK_SKEW)))
            .filter(left -> !left.isNegative()).orElse(Duration.ZERO);
        steerFrom = now + wait.toNanos();
        previousKnown = true;
        return wait;
    }

    /**
     * The previous holder's record could not be read: wait as if it had renewed just now.
     *
     * @param now the monotonic clock now
     * @return how long this node waits from now before it may steer
     */
    public Duration previousUnknown(final long now) {
        final var wait = LENGTH.plus(CLOCK_SKEW);
        steerFrom = now + wait.toNanos();
        previousKnown = true;
        return wait;
    }
}
