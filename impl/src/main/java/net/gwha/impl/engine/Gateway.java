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
import java.util.Set;
import net.gwha.impl.engine.ClusterSnapshot.GatewaySnapshot;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a {@link Cluster} knows of one gateway: its configuration and its liveness. Mutable, owned by one cluster.
 *
 * <p>Its heartbeats are judged per address family of the cluster, one {@link Beat} each (one VRRPv3 instance per
 * family, as keepalived runs them): it is up only while heard on every family, and comes back only when heard
 * steadily for the hold-up on every family.
 */
final class Gateway {
    static final long NEVER = Long.MAX_VALUE;

    /** The detector of one family: what the gateway's advertisements on it showed. */
    static final class Beat {
        final AddressFamily family;
        boolean heard;
        long lastHeard;
        /** Priority of its last heartbeat, -1 before the first; 0 means resigned. */
        int advertisedPriority = -1;
        /**
         * When its silence makes the gateway down: last heartbeat plus the detection threshold; before its first
         * heartbeat, one dead interval after the gateway was first heard on another family.
         */
        long deadline = NEVER;
        /** Before its first heartbeat: since when it has been awaited, NEVER while it is not. */
        long awaitedSince = NEVER;
        /** While the gateway is DOWN: the first heartbeat of this family's steady period, NEVER when none runs. */
        long recoverStart = NEVER;
        /** The gap before its next heartbeat spans a disconnect of its switch: no sample of its rhythm. */
        boolean gapSpansCutOff;
        /** Inter-arrival times, kept with the fixed detector too: switching to adaptive then needs no warm-up. */
        final PhiAccrual phi = new PhiAccrual();

        Beat(final AddressFamily family) {
            this.family = family;
        }
    }

    /** Liveness alone; maintenance and election are the cluster's business. */
    enum Liveness {
        /** Never heard, port never seen down. */
        UNKNOWN,
        /** Electable if in service. */
        UP,
        /** Silent, port down or resigned; or recovering, when a {@link Beat#recoverStart} is set. */
        DOWN
    }

    GatewayConfig config;
    boolean inService;
    /** A maintenance command set {@link #inService}, and no configuration has carried that admin-state yet. */
    boolean commandedAhead;
    Liveness liveness = Liveness.UNKNOWN;
    /** One per family of the cluster, in {@link AddressFamily} order. */
    Beat[] beats;
    /** Heard on some family. */
    boolean heard;
    /** The lowest priority of the families' last heartbeats, -1 before the first; 0 means resigned. */
    int advertisedPriority = -1;
    int advertisedIntervalCentis;
    boolean portDown;
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
    /**
     * The heartbeat that set {@link #heardAfterDue} was another gateway's, on time: not at the end of a burst, so
     * nothing sent before it can be queued behind it.
     */
    boolean dueShownOnTime;
    /** Its switch is disconnected: its silence proves nothing, so every {@link Beat#deadline} is suspended (NEVER). */
    boolean cutOff;
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

    Gateway(final GatewayConfig config, final Set<AddressFamily> families) {
        this.config = config;
        inService = config.inService();
        beats = new Beat[0];
        adopt(families);
    }

    /**
     * Takes the cluster's families: keeps what was learned of those that remain, starts those added unheard (judged
     * from the next {@link LivenessJudge#configure}).
     */
    void adopt(final Set<AddressFamily> families) {
        final var next = new Beat[families.size()];
        int index = 0;
        for (var family : families) {
            final @Nullable Beat old = beat(family);
            next[index++] = old != null ? old : new Beat(family);
        }
        beats = next;
        advertisedPriority = lowestAdvertised();
    }

    /** Its detector of the family, null if the cluster has no such family. */
    @Nullable Beat beat(final AddressFamily family) {
        for (Beat beat : beats) {
            if (beat.family == family) {
                return beat;
            }
        }
        return null;
    }

    /** When silence on some family makes it down: the earliest of their deadlines. */
    long deadline() {
        long earliest = NEVER;
        for (Beat beat : beats) {
            earliest = Math.min(earliest, beat.deadline);
        }
        return earliest;
    }

    /** Sets every family's deadline. */
    void setDeadline(final long deadline) {
        for (Beat beat : beats) {
            beat.deadline = deadline;
        }
    }

    /** Moves every family's deadline still running at {@code from} later by {@code by}. */
    void postponeDeadlines(final long from, final long by) {
        for (Beat beat : beats) {
            if (beat.deadline != NEVER && beat.deadline > from) {
                beat.deadline += by;
            }
        }
    }

    /** Brings every family's deadline forward to {@code latest} if it is later. */
    void capDeadlines(final long latest) {
        for (Beat beat : beats) {
            beat.deadline = Math.min(beat.deadline, latest);
        }
    }

    /** The oldest of the families' last heartbeats, NEVER if none was heard: until when it was heard on all. */
    long lastHeard() {
        long oldest = NEVER;
        for (Beat beat : beats) {
            if (beat.heard) {
                oldest = Math.min(oldest, beat.lastHeard);
            }
        }
        return oldest;
    }

    /**
     * Since when some family's next heartbeat has been awaited longest: the oldest of their last heartbeats, and of
     * the instants those never heard started to be awaited; NEVER if none is.
     */
    long awaitedSince() {
        long oldest = NEVER;
        for (Beat beat : beats) {
            oldest = Math.min(oldest, beat.heard ? beat.lastHeard : beat.awaitedSince);
        }
        return oldest;
    }

    /** Whether a family is recovering: heard steadily since its {@link Beat#recoverStart}. */
    private boolean recovering() {
        for (Beat beat : beats) {
            if (beat.recoverStart != NEVER) {
                return true;
            }
        }
        return false;
    }

    private void endRecovery() {
        for (Beat beat : beats) {
            beat.recoverStart = NEVER;
        }
    }

    private int lowestAdvertised() {
        int lowest = -1;
        for (Beat beat : beats) {
            if (beat.heard && (lowest < 0 || beat.advertisedPriority < lowest)) {
                lowest = beat.advertisedPriority;
            }
        }
        return lowest;
    }

    String name() {
        return config.name();
    }

    boolean electable() {
        return liveness == Liveness.UP && inService;
    }

    GatewaySnapshot snapshot(final GatewayState state, final int effectivePriority) {
        final long shownHeard = assumed ? handedOverLastHeard : lastHeard();
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
            case DOWN -> recovering()
                ? "gateway " + name() + " has not yet been heard for the hold-up time"
                : "gateway " + name() + " is down";
        };
    }

    /**
     * Records a heartbeat on one of its families, after {@link #settle} at the same instant; the caller then sets
     * the family's {@link Beat#deadline}.
     */
    void heartbeat(final Beat beat, final int priority, final int intervalCentis, final long at,
            final long intervalNanos, final long deadNanos, final long holdUpNanos) {
        // a gap longer than the dead interval is an outage, not a sample of the sender's rhythm
        if (beat.heard && !beat.gapSpansCutOff && at > beat.lastHeard && at - beat.lastHeard <= deadNanos) {
            beat.phi.add(at - beat.lastHeard);
        }
        beat.gapSpansCutOff = false;
        assumed = false;
        heard = true;
        beat.heard = true;
        beat.lastHeard = at;
        beat.advertisedPriority = priority;
        advertisedPriority = lowestAdvertised();
        advertisedIntervalCentis = intervalCentis;
        // another family's heartbeat still overdue: this one shows its silence is its own
        if (awaitedSince() > at - intervalNanos) {
            heardAfterDue = NEVER;
        } else if (at < heardAfterDue) {
            heardAfterDue = at;
            dueShownOnTime = false;
        }
        if (priority == 0) {
            // Rule: priority 0 on any family resigns at once (RFC 5798 section 6.4.3; keepalived's sync group takes
            // every instance down with one), and that family must be heard steadily again
            if (liveness != Liveness.DOWN) {
                down(FailoverCause.RESIGNED, at);
            }
            beat.recoverStart = NEVER;
        } else if (!portDown) {
            if (liveness == Liveness.UNKNOWN) {
                // first heard on every family: it was never down, so there is nothing to hold up
                if (heardOnAll()) {
                    liveness = Liveness.UP;
                    upSince = at;
                }
            } else if (liveness == Liveness.DOWN) {
                // Rule: up again only when heard steadily for the hold-up on every family: from the first heartbeat
                // of a steady period to one at least hold-up later, with no silence reaching the detection threshold
                // (settle), no port down (port) and no resignation in between. Ending it on a heartbeat rather than
                // on a timer means that a gateway heard briefly and then silent never counts as up
                if (beat.recoverStart == NEVER) {
                    beat.recoverStart = at;
                }
                if (heldUp(at, holdUpNanos)) {
                    liveness = Liveness.UP;
                    upSince = at;
                    endRecovery();
                }
            }
        }
    }

    private boolean heardOnAll() {
        for (Beat beat : beats) {
            if (!beat.heard) {
                return false;
            }
        }
        return true;
    }

    private boolean heldUp(final long at, final long holdUpNanos) {
        for (Beat beat : beats) {
            if (beat.recoverStart == NEVER || at - beat.recoverStart < holdUpNanos) {
                return false;
            }
        }
        return true;
    }

    void port(final boolean up, final long at) {
        portDown = !up;
        if (portDown) {
            // Rule: a port down is down at once, and ends any steady period (recovery restarts with the next
            // heartbeat after the port is up again)
            if (liveness != Liveness.DOWN) {
                down(FailoverCause.PORT_DOWN, at);
            }
            endRecovery();
        }
    }

    /**
     * Applies the silence due at {@code now}.
     *
     * @param intervalNanos the cluster's heartbeat interval, which tells one family's silence from the gateway's
     */
    void settle(final long now, final long intervalNanos) {
        final long deadline = deadline();
        if (deadline > now) {
            return;
        }
        if (liveness == Liveness.UP || liveness == Liveness.UNKNOWN && heard) {
            // Rule: down when silent on any family for the detection threshold (one heard on one family and never
            // on another, once the other's first deadline passes); the cause happened at the deadline, not now
            timeOut(deadline, intervalNanos);
        } else {
            // silence ends that family's steady period
            for (Beat beat : beats) {
                if (beat.deadline <= now) {
                    beat.recoverStart = NEVER;
                }
            }
        }
    }

    /**
     * The next instant at which {@link #settle} changes the reported state, or NEVER. A broken steady period
     * changes nothing reported, so it needs no timer: the next heartbeat's settle notices it.
     */
    long wakeup() {
        return liveness == Liveness.UP || liveness == Liveness.UNKNOWN && heard ? deadline() : NEVER;
    }

    /** Down because silent since its last heartbeat, as of {@code at}. */
    void timeOut(final long at, final long intervalNanos) {
        down(silence(intervalNanos), at);
        timedOutAt = at;
    }

    /**
     * Why its silence makes it down: the family that fell silent while another went on (heard more than one interval
     * after the silent one's last heartbeat, or the silent one never heard), so that an operator looks at that
     * family's instance; plain {@link FailoverCause#HEARTBEAT_TIMEOUT} when the gateway went silent as a whole or
     * runs one family.
     */
    private FailoverCause silence(final long intervalNanos) {
        if (beats.length < 2) {
            return FailoverCause.HEARTBEAT_TIMEOUT;
        }
        Beat silent = beats[0];
        for (Beat beat : beats) {
            if (beat.deadline < silent.deadline) {
                silent = beat;
            }
        }
        for (Beat other : beats) {
            final boolean wentOn = other.heard
                && (!silent.heard || other.lastHeard - silent.lastHeard > intervalNanos);
            if (other != silent && !wentOn) {
                return FailoverCause.HEARTBEAT_TIMEOUT;
            }
        }
        return switch (silent.family) {
            case IPV4 -> FailoverCause.IPV4_HEARTBEAT_TIMEOUT;
            case IPV6 -> FailoverCause.IPV6_HEARTBEAT_TIMEOUT;
        };
    }

    void down(final FailoverCause cause, final long at) {
        timedOutAt = NEVER;
        lose(cause, at);
        liveness = Liveness.DOWN;
        endRecovery();
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
