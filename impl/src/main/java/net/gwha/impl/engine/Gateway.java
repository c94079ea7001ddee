/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.OptionalInt;
import java.util.OptionalLong;
import net.gwha.impl.engine.ClusterSnapshot.GatewaySnapshot;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a {@link Cluster} knows of one gateway: its configuration and its liveness. Mutable, owned by one cluster.
 */
final class Gateway {
    static final long NEVER = Long.MAX_VALUE;

    /** Liveness alone; maintenance and election are the cluster's business. */
    enum Liveness {
        /** Never heard, port never seen down. */
        UNKNOWN,
        /** Electable if in service. */
        UP,
        /** Silent, port down or resigned; or recovering, when {@link #recoverStart} is set. */
        DOWN
    }

    GatewayConfig config;
    boolean inService;
    /** A maintenance command set {@link #inService}, and no configuration has carried that admin-state yet. */
    boolean commandedAhead;
    Liveness liveness = Liveness.UNKNOWN;
    boolean heard;
    long lastHeard;
    /** Priority of the last heartbeat, -1 before the first; 0 means resigned. */
    int advertisedPriority = -1;
    int advertisedIntervalCentis;
    boolean portDown;
    /** When silence makes it down: last heartbeat plus the detection threshold. */
    long deadline = NEVER;
    /** While DOWN: the first heartbeat of the current steady period, NEVER when not recovering. */
    long recoverStart = NEVER;
    long upSince;
    /** Why and when it last stopped being electable (up and in service). */
    FailoverCause lossCause = FailoverCause.HEARTBEAT_TIMEOUT;
    long lossAt;
    /** When silence made it down (its deadline), NEVER unless that is why it is down now. */
    long timedOutAt = NEVER;
    /**
     * When the cluster first heard any heartbeat after this gateway's next one was due (last heard plus one
     * interval), NEVER until then: from that instant its silence is its own, not the intake's.
     */
    long heardAfterDue = NEVER;
    /** Its switch is disconnected: its silence proves nothing, so {@link #deadline} is suspended (NEVER). */
    boolean cutOff;
    /** The gap before its next heartbeat spans a disconnect of its switch: no sample of its rhythm. */
    boolean gapSpansCutOff;
    /** When its switch was last connected again, Long.MIN_VALUE if never: its deadline has run since then. */
    long reconnectedAt = Long.MIN_VALUE;
    /**
     * Taken as up on the previous arbiter's word at a take-over ({@link Handover}), and not heard by this engine
     * since: it does not preempt, and its last heartbeat shown is {@link #handedOverLastHeard}.
     */
    boolean assumed;
    /** While {@link #assumed}: the last heartbeat the previous arbiter showed, NEVER if none. */
    long handedOverLastHeard = NEVER;
    /** The state last reported in a decision. */
    GatewayState shown = GatewayState.UNKNOWN;
    /** Inter-arrival times, kept with the fixed detector too: switching to adaptive then needs no warm-up. */
    final PhiAccrual phi = new PhiAccrual();

    Gateway(final GatewayConfig config) {
        this.config = config;
        inService = config.inService();
    }

    String name() {
        return config.name();
    }

    boolean electable() {
        return liveness == Liveness.UP && inService;
    }

    GatewaySnapshot snapshot(final GatewayState state, final int effectivePriority) {
        final long shownHeard = assumed ? handedOverLastHeard : lastHeard;
        return new GatewaySnapshot(name(), state, heard && shownHeard != NEVER ? OptionalLong.of(shownHeard)
            : OptionalLong.empty(), heard ? OptionalInt.of(advertisedPriority) : OptionalInt.empty(),
            heard && !assumed ? OptionalInt.of(advertisedIntervalCentis) : OptionalInt.empty(), config.priority(),
            effectivePriority);
    }

    /** Why a switch-over to it is refused, or {@code null} if it is electable. */
    @Nullable String refusal() {
        if (!inService) {
            return "gateway " + name() + " is in maintenance";
        }
        return switch (liveness) {
            case UP -> null;
            case UNKNOWN -> "gateway " + name() + " has not been heard yet";
            case DOWN -> recoverStart != NEVER
                ? "gateway " + name() + " has not yet been heard for the hold-up time"
                : "gateway " + name() + " is down";
        };
    }

    /**
     * Records a heartbeat, after {@link #settle} at the same instant; the caller then sets {@link #deadline}.
     */
    void heartbeat(final int priority, final int intervalCentis, final long at, final long deadNanos,
            final long holdUpNanos) {
        // a gap longer than the dead interval is an outage, not a sample of the sender's rhythm
        if (heard && !gapSpansCutOff && at > lastHeard && at - lastHeard <= deadNanos) {
            phi.add(at - lastHeard);
        }
        gapSpansCutOff = false;
        assumed = false;
        heard = true;
        lastHeard = at;
        heardAfterDue = NEVER;
        advertisedPriority = priority;
        advertisedIntervalCentis = intervalCentis;
        if (priority == 0) {
            // Rule: priority 0 resigns at once (RFC 5798 section 6.4.3), and it must be heard steadily again
            if (liveness != Liveness.DOWN) {
                down(FailoverCause.RESIGNED, at);
            }
            recoverStart = NEVER;
        } else if (!portDown) {
            if (liveness == Liveness.UNKNOWN) {
                // first heard: it was never down, so there is nothing to hold up
                liveness = Liveness.UP;
                upSince = at;
            } else if (liveness == Liveness.DOWN) {
                // Rule: up again only when heard steadily for the hold-up: from the first heartbeat of a steady
                // period to one at least hold-up later, with no silence reaching the detection threshold (settle),
                // no port down (port) and no resignation in between. Ending it on a heartbeat rather than on a
                // timer means that a gateway heard briefly and then silent never counts as up
                if (recoverStart == NEVER) {
                    recoverStart = at;
                }
                if (at - recoverStart >= holdUpNanos) {
                    liveness = Liveness.UP;
                    upSince = at;
                    recoverStart = NEVER;
                }
            }
        }
    }

    void port(final boolean up, final long at) {
        portDown = !up;
        if (portDown) {
            // Rule: a port down is down at once, and ends any steady period (recovery restarts with the next
            // heartbeat after the port is up again)
            if (liveness != Liveness.DOWN) {
                down(FailoverCause.PORT_DOWN, at);
            }
            recoverStart = NEVER;
        }
    }

    /**
     * Applies the silence due at {@code now}.
     */
    void settle(final long now) {
        if (deadline <= now) {
            if (liveness == Liveness.UP) {
                // Rule: down when silent for the detection threshold; the cause happened at the deadline, not now
                timeOut(deadline);
            } else {
                // silence ends a steady period
                recoverStart = NEVER;
            }
        }
    }

    /**
     * The next instant at which {@link #settle} changes the reported state, or NEVER. A broken steady period
     * changes nothing reported, so it needs no timer: the next heartbeat's settle notices it.
     */
    long wakeup() {
        return liveness == Liveness.UP ? deadline : NEVER;
    }

    /** Down because silent since its last heartbeat, as of {@code at}. */
    void timeOut(final long at) {
        down(FailoverCause.HEARTBEAT_TIMEOUT, at);
        timedOutAt = at;
    }

    void down(final FailoverCause cause, final long at) {
        timedOutAt = NEVER;
        lose(cause, at);
        liveness = Liveness.DOWN;
        recoverStart = NEVER;
    }

    /**
     * Records why it stops being electable, if it was: the first reason is the one a failover reports.
     */
    void lose(final FailoverCause cause, final long at) {
        if (electable()) {
            lossCause = cause;
            lossAt = at;
        }
    }
}
