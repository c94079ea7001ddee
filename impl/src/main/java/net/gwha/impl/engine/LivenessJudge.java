/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Gateway.Liveness;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The liveness half of one cluster; election is {@link Cluster}'s. Decides when a silent gateway is down, tells a
 * stall of the intake or of the controller from silence, and suspends the judgement of gateways whose switch is
 * disconnected. Evidence is taken per switch: the heartbeats of gateways on one switch share that switch's control
 * channel, so only they show that a gateway's silence is its own. It moves gateways between UP and DOWN by their
 * silence and never elects. Owned by one cluster, which hands it the gateways after every configuration.
 *
 * <p>It keeps one detector per gateway and address family of the cluster ({@link Gateway.Beat}): in a dual-stack
 * cluster a gateway silent on one family is down (the VIPs of both families move together), the failover naming that
 * family when the other went on ({@link FailoverCause#IPV6_HEARTBEAT_TIMEOUT}), and one that was down comes back only
 * once heard steadily on each.
 */
final class LivenessJudge {
    /** How long heartbeats that arrive in one burst may trail the first: the intake delivers them one by one. */
    static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How long the gateways of a relayed switch that fell silent all at once wait before they are down: longer than
     * an OpenDaylight cluster takes to move the switch's OpenFlow mastership off a dead node (3.9 to 8.6 s measured
     * with the LAN timers of scripts/cluster), after which its heartbeats flow again through another node.
     */
    static final long RELAY_GRACE_NANOS = TimeUnit.SECONDS.toNanos(12);
    /**
     * How long a new arbiter waits to hear a switch at all before it judges the silence of the gateways handed over
     * to it there (see {@link #takeOver}). In a three-node OpenDaylight cluster a switch's packet-ins came 3 s after
     * the take-over when its OpenFlow master had died with the previous arbiter (its new master's device still
     * starting), 13 s after the kill; relayed ones need the new arbiter's route to have spread through the cluster.
     */
    static final long UNHEARD_SWITCH_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** The engine's disconnected switches, read only. */
    private final Set<String> disconnected;
    /** The engine's switches reported connected and not disconnected since, read only. */
    private final Set<String> connected;
    /** The engine's switches whose heartbeats arrive relayed by another controller node, read only. */
    private final Set<String> relayed;
    private Gateway[] gateways = new Gateway[0];
    private long deadNanos;
    private long holdUpNanos;
    private long floorNanos;
    private long intervalNanos;
    private double quantile;
    private boolean adaptive;
    /** When the last heartbeat of any of its gateways arrived, NEVER before the first. */
    private long lastIntake = NEVER;
    /**
     * By switch, when the last heartbeat of any of its gateways on it arrived; absent before the first. A holder,
     * so that a heartbeat allocates nothing.
     */
    private final Map<String, long[]> lastIntakeBySwitch = new HashMap<>();

    LivenessJudge(final Set<String> disconnected, final Set<String> connected, final Set<String> relayed) {
        this.disconnected = disconnected;
        this.connected = connected;
        this.relayed = relayed;
    }

    long deadNanos() {
        return deadNanos;
    }

    /**
     * Takes a configuration and the gateways it lists, those that remain with what was learned of them.
     */
    void configure(final ClusterConfig config, final Gateway[] next, final long at) {
        final long newInterval = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMillis());
        final boolean sameInterval = newInterval == intervalNanos;
        intervalNanos = newInterval;
        deadNanos = TimeUnit.MILLISECONDS.toNanos(config.deadIntervalMillis());
        holdUpNanos = TimeUnit.MILLISECONDS.toNanos(config.holdUpMillis());
        adaptive = config.detector() instanceof DetectorConfig.Adaptive;
        if (config.detector() instanceof DetectorConfig.Adaptive detector) {
            floorNanos = TimeUnit.MILLISECONDS.toNanos(detector.floorMillis());
            quantile = PhiAccrual.quantile(detector.phiThreshold());
        }
        gateways = next;
        for (Gateway gateway : next) {
            if (!sameInterval) {
                // samples of another interval say nothing of the new rhythm
                for (Gateway.Beat beat : gateway.beats) {
                    beat.phi.clear();
                }
            }
            // a gateway moved to or from a disconnected switch is cut off or reconnected like its switch
            if (!cut(gateway, disconnected.contains(gateway.config.switchId()), at)) {
                for (Gateway.Beat beat : gateway.beats) {
                    rearm(gateway, beat, at);
                }
            }
        }
    }

    /**
     * Takes the gateways as the previous arbiter showed them ({@link Handover}), right after the first
     * {@link #configure}: those it showed up as if heard now, not judged before one dead interval from the first
     * heartbeat this engine hears from their switch, or before {@link #UNHEARD_SWITCH_NANOS} if none comes (nor
     * while their switch is disconnected); those it showed down as down, to be heard for the hold-up time again.
     */
    void takeOver(final Handover handover, final long at) {
        for (Gateway gateway : gateways) {
            final var previous = handover.gateways().get(gateway.name());
            if (previous == null) {
                continue;
            }
            switch (previous.state()) {
                case ACTIVE, PASSIVE -> {
                    gateway.liveness = Liveness.UP;
                    gateway.upSince = at;
                    gateway.heard = true;
                    final int priority = previous.advertisedPriority().orElse(gateway.config.priority());
                    gateway.advertisedPriority = priority;
                    for (Gateway.Beat beat : gateway.beats) {
                        beat.heard = true;
                        beat.lastHeard = at;
                        beat.advertisedPriority = priority;
                        // the gap to its first heartbeat here is no sample of its rhythm
                        beat.gapSpansCutOff = true;
                    }
                    gateway.assumed = true;
                    gateway.handedOverLastHeard = previous.lastHeard().orElse(NEVER);
                    // Rule: a new arbiter judges no silence of a switch it has not heard yet: that switch's
                    // packet-ins may still be on their way to it (its OpenFlow master moving along with the arbiter,
                    // the relay's route to this node spreading), while those of another switch already arrive
                    gateway.setDeadline(gateway.cutOff ? NEVER : at + Math.max(deadNanos, UNHEARD_SWITCH_NANOS));
                }
                case DOWN -> gateway.liveness = Liveness.DOWN;
                default -> {
                    // unknown, or in maintenance (which hides its liveness): it starts unknown
                }
            }
            gateway.shown = previous.state();
        }
    }

    /**
     * Before a heartbeat of {@code from} on {@code beat}'s family is recorded: tells a stall of the intake from
     * silence, and applies the silences due.
     */
    void intake(final Gateway from, final Gateway.Beat beat, final long at) {
        if (lastIntake != NEVER && at - lastIntake > quietNanos()) {
            // Rule: heartbeats stopped arriving from every gateway at once and now resume: the intake (the
            // switch, its connection, openflowplugin) was held up, and what it queued meanwhile is arriving now.
            // Silence during such a stall proves nothing, so the thresholds still running at its start move later
            // by its length, like a pause of the controller. (Not per switch: one gateway alone on a switch that
            // comes back after an outage would look like a stall of that switch, and skip its hold-up)
            postpone(at - lastIntake, at, null);
        } else {
            final String switchId = from.config.switchId();
            final long[] lastOnSwitch = lastIntakeBySwitch.get(switchId);
            if (lastOnSwitch != null && at - lastOnSwitch[0] > quietNanos() && relayed.contains(switchId)) {
                // Rule: likewise for one switch whose heartbeats reach this node relayed by another controller
                // node: they stop together when the relay's node dies and resume together when the switch's new
                // OpenFlow master passes them on, so the silence of its gateways meanwhile proves nothing. A
                // gateway alone there that comes back from a real outage skips its hold-up: far rarer than that
                // node dying
                postpone(at - lastOnSwitch[0], at, switchId);
            }
        }
        lastIntake = at;
        final String switchId = from.config.switchId();
        if (!lastIntakeBySwitch.containsKey(switchId)) {
            // the switch's first heartbeat here: gateways handed over on it are judged one dead interval from now
            for (Gateway other : gateways) {
                if (other.assumed && other.deadline() != NEVER && other.config.switchId().equals(switchId)) {
                    other.capDeadlines(at + deadNanos);
                }
            }
        }
        lastIntakeBySwitch.computeIfAbsent(switchId, unused -> new long[1])[0] = at;
        // the least jitter the adaptive detector assumes
        final long jitter = intervalNanos / 10;
        // Rule: a heartbeat one interval after its sender's previous one, give or take the jitter, was neither held
        // up on the way nor queued in a burst, so nothing sent before it waits behind it: a gateway whose heartbeat
        // was due before it needs no drain. Its own family's previous one: a dual-stack gateway's two instances keep
        // their own phases
        final boolean onTime = beat.heard && !from.assumed && Math.abs(at - beat.lastHeard - intervalNanos) <= jitter;
        // Rule: evidence against a silent gateway is a heartbeat heard after its own was due by more than the
        // jitter: one heard just as it fell due may have left the switch just before it, and a stall of the switch
        // or the controller that begins between the two holds the silent gateway's alone
        for (Gateway other : gateways) {
            if (other.heard && other.heardAfterDue == NEVER && at >= other.awaitedSince() + intervalNanos + jitter
                    && other.config.switchId().equals(switchId)) {
                other.heardAfterDue = at;
                other.dueShownOnTime = onTime && other != from;
            }
        }
        settle(at);
    }

    /** Records a heartbeat on one of the gateway's families, after {@link #intake} at the same instant. */
    void heard(final Gateway gateway, final Gateway.Beat beat, final int priority, final int intervalCentis,
            final long at) {
        gateway.heartbeat(beat, priority, intervalCentis, at, intervalNanos, deadNanos, holdUpNanos);
        // only this family's: the others' deadlines may have been postponed since their last heartbeat
        for (Gateway.Beat each : gateway.beats) {
            if (each == beat || !each.heard) {
                rearm(gateway, each, at);
            }
        }
    }

    /**
     * A stall of {@code stallNanos} until {@code at}, of the controller or of the intake: every detection threshold
     * still running at its start moves later by its length, and a gateway declared silent during it is up again.
     */
    void postpone(final long stallNanos, final long at) {
        postpone(stallNanos, at, null);
    }

    /** Likewise for the gateways on one switch only, or on every switch when {@code switchId} is null. */
    private void postpone(final long stallNanos, final long at, final @Nullable String switchId) {
        final long stallStart = at - stallNanos;
        for (Gateway gateway : gateways) {
            if (switchId != null && !switchId.equals(gateway.config.switchId())) {
                continue;
            }
            // its switch came back during the stall: its judgement started afresh then, not at the stall's start
            final boolean reconnected = gateway.reconnectedAt > stallStart;
            // shown silent before the stall began: another gateway on its switch was heard after its heartbeat was due
            final boolean shownBefore = gateway.heardAfterDue != NEVER && gateway.heardAfterDue <= stallStart;
            if (gateway.liveness == Liveness.DOWN && gateway.timedOutAt != NEVER && gateway.timedOutAt > stallStart
                    && !gateway.portDown && !shownBefore) {
                // declared silent during the stall, which proves nothing: as if the stall never happened
                gateway.liveness = Liveness.UP;
                if (gateway.cutOff || reconnected) {
                    gateway.setDeadline(gateway.cutOff ? NEVER : at + deadNanos);
                } else {
                    // the family that timed out at its deadline, and any other still running then
                    gateway.postponeDeadlines(gateway.timedOutAt - 1, stallNanos);
                }
                gateway.timedOutAt = NEVER;
                for (Gateway.Beat beat : gateway.beats) {
                    beat.recoverStart = NEVER;
                }
            } else {
                gateway.postponeDeadlines(stallStart, reconnected ? at - gateway.reconnectedAt : stallNanos);
            }
        }
    }

    /** Whether a gateway is attached to the switch. */
    boolean attaches(final String switchId) {
        for (Gateway gateway : gateways) {
            if (gateway.config.switchId().equals(switchId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the switch of some gateway is connected; if none is, no gateway can be heard. */
    boolean reachesASwitch() {
        for (Gateway gateway : gateways) {
            if (connected.contains(gateway.config.switchId())) {
                return true;
            }
        }
        return false;
    }

    /** The switch was disconnected ({@code cut}) or is connected again, as of {@code at}. */
    void switchChanged(final String switchId, final boolean cut, final long at) {
        for (Gateway gateway : gateways) {
            if (gateway.config.switchId().equals(switchId)) {
                cut(gateway, cut, at);
            }
        }
    }

    /**
     * Cuts a gateway off from the controller or reconnects it.
     *
     * @return whether that changed anything
     */
    private boolean cut(final Gateway gateway, final boolean cut, final long at) {
        if (gateway.cutOff == cut) {
            return false;
        }
        gateway.cutOff = cut;
        gateway.heardAfterDue = NEVER;
        for (Gateway.Beat beat : gateway.beats) {
            beat.gapSpansCutOff = true;
            if (!cut) {
                beat.recoverStart = NEVER;
            }
        }
        if (cut) {
            // Rule: while its switch is disconnected a gateway's heartbeats cannot reach the controller, so its
            // silence proves nothing: its judgement is suspended, and it keeps its state (and the role, if active)
            gateway.setDeadline(NEVER);
        } else {
            // Rule: once its switch is back, it is judged again from a fresh dead interval; if it was down it must
            // be heard steadily for the hold-up, from its next heartbeat on
            gateway.setDeadline(gateway.liveness == Liveness.UP ? at + deadNanos : NEVER);
            gateway.reconnectedAt = at;
        }
        return true;
    }

    /**
     * Sets a family's deadline from its last heartbeat; none while cut off or while the gateway was never heard. A
     * family not heard yet of a gateway heard on another is due one dead interval after it started waiting.
     */
    private void rearm(final Gateway gateway, final Gateway.Beat beat, final long at) {
        if (!gateway.heard) {
            return;
        }
        if (gateway.cutOff) {
            beat.deadline = NEVER;
        } else if (beat.heard) {
            beat.deadline = beat.lastHeard + threshold(beat);
        } else if (beat.deadline == NEVER) {
            beat.deadline = at + deadNanos;
            beat.awaitedSince = at;
        }
    }

    void settle(final long now) {
        // Rule: a silent gateway is down at its deadline if others on its switch are heard meanwhile; if none is,
        // the intake may be stalled (see intake) or its switch on the way to being reported disconnected,
        // so it waits, at most one dead interval; then nobody on that switch has been heard for that long, so
        // every gateway on it still up is down at once: none is known alive to take over from another. Not those
        // cut off: their silence is their switch's
        Set<String> silentSwitches = Set.of();
        for (Gateway gateway : gateways) {
            if (gateway.liveness == Liveness.UP && gateway.deadline() <= now && !judgementWaits(gateway, now)
                    && quiet(gateway, now)) {
                silentSwitches = union(silentSwitches, gateway.config.switchId());
            }
        }
        for (Gateway gateway : gateways) {
            if (silentSwitches.contains(gateway.config.switchId()) && gateway.liveness == Liveness.UP
                    && !gateway.cutOff) {
                gateway.timeOut(Math.min(gateway.deadline(), now), intervalNanos);
            } else if (!judgementWaits(gateway, now)) {
                gateway.settle(now, intervalNanos);
            }
        }
    }

    /** The next instant at which the silence of some gateway may change its liveness, or NEVER. */
    long wakeup(final long now) {
        long next = NEVER;
        for (Gateway gateway : gateways) {
            next = Math.min(next, judgementWaits(gateway, now) ? judgementResumes(gateway, now) : gateway.wakeup());
        }
        return next;
    }

    /**
     * How long the cluster's heartbeats may all stay away before the intake counts as stalled: one and a half
     * intervals, since any one live gateway is heard every interval.
     */
    private long quietNanos() {
        return intervalNanos * 3 / 2;
    }

    /**
     * Whether a silent gateway's judgement waits, at most one dead interval past its deadline: until some gateway
     * has been heard after its next heartbeat was due, and unless that one came on time, a moment longer for
     * heartbeats queued right behind it (the end of a burst); and while no gateway at all has been heard for longer
     * than the quiet time, since the intake may be stalled. Either way its own heartbeat may be held up on the way
     * with the others.
     */
    private boolean judgementWaits(final Gateway gateway, final long now) {
        final long deadline = gateway.deadline();
        return gateway.liveness == Liveness.UP && deadline <= now && now < deadline + grace(gateway, now)
            && (gateway.heardAfterDue == NEVER || now < gateway.heardAfterDue + DRAIN_NANOS && !gateway.dueShownOnTime
                || quiet(gateway, now));
    }

    /**
     * How long past its deadline a silent gateway's judgement may wait: one dead interval, or while its whole switch
     * is silent and its heartbeats come relayed, {@link #RELAY_GRACE_NANOS}.
     */
    private long grace(final Gateway gateway, final long now) {
        return relayed.contains(gateway.config.switchId()) && quiet(gateway, now)
            ? Math.max(deadNanos, RELAY_GRACE_NANOS) : deadNanos;
    }

    /** Whether no gateway on the gateway's switch has been heard for longer than the quiet time. */
    private boolean quiet(final Gateway gateway, final long now) {
        final long[] last = lastIntakeBySwitch.get(gateway.config.switchId());
        return last != null && now - last[0] > quietNanos();
    }

    private static Set<String> union(final Set<String> switches, final String switchId) {
        if (switches.contains(switchId)) {
            return switches;
        }
        final var more = new HashSet<>(switches);
        more.add(switchId);
        return more;
    }

    /** When a waiting judgement is due again: the end of the drain, else one dead interval past the deadline. */
    private long judgementResumes(final Gateway gateway, final long now) {
        final long drained = gateway.heardAfterDue == NEVER ? NEVER : gateway.heardAfterDue + DRAIN_NANOS;
        final long latest = gateway.deadline() + grace(gateway, now);
        return drained > now ? Math.min(drained, latest) : latest;
    }

    private long threshold(final Gateway.Beat beat) {
        return adaptive ? beat.phi.threshold(quantile, intervalNanos, floorNanos, deadNanos) : deadNanos;
    }
}
