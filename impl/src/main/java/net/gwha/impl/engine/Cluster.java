/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.ClusterSnapshot.GatewaySnapshot;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.ClusterStatusChanged;
import net.gwha.impl.engine.Decision.CommandRefused;
import net.gwha.impl.engine.Decision.ElectionOrderChanged;
import net.gwha.impl.engine.Decision.GatewayStateChanged;
import net.gwha.impl.engine.Gateway.Liveness;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One cluster's liveness and election. Every event is handled in three steps: apply the silences due at the
 * event's instant ({@link Gateway#settle}), apply the event, then {@link #evaluate}: settle again (an edit may
 * shorten the detection threshold), elect, report what changed, compute the next wake-up. Decisions are
 * appended to the engine's buffer.
 */
final class Cluster {
    /** How long heartbeats that arrive in one burst may trail the first: the intake delivers them one by one. */
    static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    final String name;
    /** The one-element list an {@link Outcome} reports for this cluster, allocated once. */
    final List<String> asList;
    /** One dead interval after the configuration: with nothing heard by then, the status says all down. */
    private final long startupDeadline;
    /**
     * One dead interval after the first heartbeat: the start-up election waits until then for the best gateway.
     * Counted from the first heartbeat, not from the configuration, because a controller that starts before its
     * switches connect hears nobody for a while, and then hears the gateways in any order.
     */
    private long electionDeadline = NEVER;
    /** When the last heartbeat of any of its gateways arrived, NEVER before the first. */
    private long lastIntake = NEVER;

    private ClusterConfig config;
    private long deadNanos;
    private long holdUpNanos;
    private long preemptDelayNanos;
    private long floorNanos;
    private long intervalNanos;
    private double quantile;
    private boolean adaptive;
    private Gateway[] gateways;

    /** Index of the active gateway, -1 before the first election or when it was deleted. */
    private int active = -1;
    /** The active gateway's name, kept when it is deleted (for the next "from"); empty before the first election. */
    private Optional<String> lastActive = Optional.empty();
    private long activeSince;
    /** The active gateway was chosen by a switch-over and keeps the role while it is electable. */
    private boolean pinned;
    private long deletedActiveAt;
    private ClusterStatus status = ClusterStatus.ELECTING;
    /** The election order last reported, and the array it is worked out in. */
    private List<String> order = List.of();
    private Gateway[] ranked = new Gateway[0];
    private long preemptAt = NEVER;
    private long wakeup = NEVER;

    Cluster(final ClusterConfig config, final long at, final List<Decision> out) {
        name = config.name();
        asList = List.of(name);
        this.config = config;
        gateways = new Gateway[0];
        reconfigure(config, at);
        startupDeadline = at + deadNanos;
        out.add(new ClusterStatusChanged(name, status, at));
        evaluate(at, null, out);
    }

    long wakeup() {
        return wakeup;
    }

    // Rule: a config edit keeps the liveness of the gateways that remain (matched by name); deleted ones vanish;
    // if the active one is deleted or taken out of service, evaluate() re-elects
    void configure(final ClusterConfig newConfig, final long at, final List<Decision> out) {
        settle(at);
        final @Nullable String activeBefore = active < 0 ? null : gateways[active].name();
        reconfigure(newConfig, at);
        active = activeBefore == null ? -1 : indexOf(activeBefore);
        if (activeBefore != null && active < 0) {
            pinned = false;
            deletedActiveAt = at;
        }
        evaluate(at, FailoverCause.CONFIG_CHANGED, out);
    }

    private void reconfigure(final ClusterConfig newConfig, final long at) {
        final boolean sameInterval = newConfig.heartbeatIntervalMillis() == config.heartbeatIntervalMillis();
        config = newConfig;
        deadNanos = TimeUnit.MILLISECONDS.toNanos(newConfig.deadIntervalMillis());
        holdUpNanos = TimeUnit.MILLISECONDS.toNanos(newConfig.holdUpMillis());
        preemptDelayNanos = TimeUnit.MILLISECONDS.toNanos(newConfig.preemptDelayMillis());
        intervalNanos = TimeUnit.MILLISECONDS.toNanos(newConfig.heartbeatIntervalMillis());
        adaptive = newConfig.detector() instanceof DetectorConfig.Adaptive;
        if (newConfig.detector() instanceof DetectorConfig.Adaptive detector) {
            floorNanos = TimeUnit.MILLISECONDS.toNanos(detector.floorMillis());
            quantile = PhiAccrual.quantile(detector.phiThreshold());
        }

        final var next = new Gateway[newConfig.gateways().size()];
        for (int i = 0; i < next.length; i++) {
            final GatewayConfig gatewayConfig = newConfig.gateways().get(i);
            final int old = indexOf(gatewayConfig.name());
            final Gateway gateway = old < 0 ? new Gateway(gatewayConfig) : gateways[old];
            gateway.config = gatewayConfig;
            // Rule: a maintenance command is persisted as the admin-state; a configuration that still carries the
            // other admin-state was written before the command and does not undo it
            if (!gateway.commandedAhead || gatewayConfig.inService() == gateway.inService) {
                gateway.commandedAhead = false;
                if (!gatewayConfig.inService()) {
                    gateway.lose(FailoverCause.MAINTENANCE, at);
                }
                gateway.inService = gatewayConfig.inService();
            }
            if (!sameInterval) {
                // samples of another interval say nothing of the new rhythm
                gateway.phi.clear();
            }
            if (gateway.heard) {
                gateway.deadline = gateway.lastHeard + threshold(gateway);
            }
            next[i] = gateway;
        }
        gateways = next;
    }

    void heartbeat(final String gatewayName, final int priority, final int intervalCentis, final long at,
            final List<Decision> out) {
        final int index = indexOf(gatewayName);
        if (index < 0) {
            return;
        }
        if (lastIntake != NEVER && at - lastIntake > quietNanos()) {
            // Rule: heartbeats stopped arriving from every gateway at once and now resume: the intake (the
            // switch, its connection, openflowplugin) was held up, and what it queued meanwhile is arriving now.
            // Silence during such a stall proves nothing, so the thresholds still running at its start move later
            // by its length, like a pause of the controller
            postpone(at - lastIntake, at);
        }
        lastIntake = at;
        for (Gateway other : gateways) {
            if (other.heard && other.heardAfterDue == NEVER && at >= other.lastHeard + intervalNanos) {
                other.heardAfterDue = at;
            }
        }
        settle(at);
        final Gateway gateway = gateways[index];
        final boolean wasUp = gateway.liveness == Liveness.UP;
        final int before = effectivePriority(gateway);
        if (electionDeadline == NEVER) {
            // Rule: at start-up wait at most one dead interval after the first heartbeat for the best gateway
            electionDeadline = at + deadNanos;
        }
        gateway.heartbeat(priority, intervalCentis, at, deadNanos, holdUpNanos);
        gateway.deadline = at + threshold(gateway);
        final boolean reordered = wasUp && gateway.liveness == Liveness.UP && effectivePriority(gateway) != before;
        evaluate(at, reordered ? FailoverCause.PRIORITY_CHANGED : null, out);
    }

    void port(final String gatewayName, final boolean up, final long at, final List<Decision> out) {
        final int index = indexOf(gatewayName);
        if (index >= 0) {
            settle(at);
            gateways[index].port(up, at);
            evaluate(at, null, out);
        }
    }

    // Rule: a pause of the controller does not count as silence (see Event.Paused)
    void paused(final long pausedNanos, final long at, final List<Decision> out) {
        postpone(pausedNanos, at);
        evaluate(at, null, out);
    }

    private void postpone(final long stallNanos, final long at) {
        final long stallStart = at - stallNanos;
        for (Gateway gateway : gateways) {
            if (gateway.liveness == Liveness.DOWN && gateway.timedOutAt != NEVER && gateway.timedOutAt > stallStart
                    && !gateway.portDown) {
                // declared silent during the stall, which proves nothing: as if the stall never happened
                gateway.liveness = Liveness.UP;
                gateway.deadline = gateway.timedOutAt + stallNanos;
                gateway.timedOutAt = NEVER;
                gateway.recoverStart = NEVER;
            } else if (gateway.deadline != NEVER && gateway.deadline > stallStart) {
                gateway.deadline += stallNanos;
            }
        }
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
     * has been heard after its next heartbeat was due, and a moment longer for heartbeats queued right behind that
     * one (the end of a burst); and while no gateway at all has been heard for longer than the quiet time, since
     * the intake may be stalled. Either way its own heartbeat may be held up on the way with the others.
     */
    private boolean judgementWaits(final Gateway gateway, final long now) {
        return gateway.liveness == Liveness.UP && gateway.deadline <= now && now < gateway.deadline + deadNanos
            && (gateway.heardAfterDue == NEVER || now < gateway.heardAfterDue + DRAIN_NANOS
                || now - lastIntake > quietNanos());
    }

    /** When a waiting judgement is due again: the end of the drain, else one dead interval past the deadline. */
    private long judgementResumes(final Gateway gateway, final long now) {
        final long drained = gateway.heardAfterDue == NEVER ? NEVER : gateway.heardAfterDue + DRAIN_NANOS;
        return drained > now ? Math.min(drained, gateway.deadline + deadNanos) : gateway.deadline + deadNanos;
    }

    void tick(final long at, final List<Decision> out) {
        evaluate(at, null, out);
    }

    // Rule: switch-over is refused (and changes nothing) for an unknown name, a gateway in maintenance, unknown or
    // down. The chosen gateway is pinned: it keeps the role while it is up and in service, whatever preemption
    // says; once it is not, the pin is gone and the normal election (preemption included) applies again.
    void switchOver(final String gatewayName, final long at, final List<Decision> out) {
        settle(at);
        final int index = indexOf(gatewayName);
        final @Nullable String refusal = index < 0 ? "cluster " + name + " has no gateway " + gatewayName
            : refusal(gateways[index]);
        if (refusal != null) {
            out.add(new CommandRefused(name, gatewayName, refusal, at));
        } else {
            if (index != active) {
                activate(index, FailoverCause.SWITCH_OVER, at, at, out);
            }
            pinned = true;
        }
        evaluate(at, null, out);
    }

    private static @Nullable String refusal(final Gateway gateway) {
        if (!gateway.inService) {
            return "gateway " + gateway.name() + " is in maintenance";
        }
        return switch (gateway.liveness) {
            case UP -> null;
            case UNKNOWN -> "gateway " + gateway.name() + " has not been heard yet";
            case DOWN -> gateway.recoverStart != NEVER
                ? "gateway " + gateway.name() + " has not yet been heard for the hold-up time"
                : "gateway " + gateway.name() + " is down";
        };
    }

    // Rule: maintenance drains a gateway at once (evaluate() re-elects if it was active); back in service, a
    // better gateway preempts at once if it has been up for the preempt delay
    void maintenance(final String gatewayName, final boolean on, final long at, final List<Decision> out) {
        settle(at);
        final int index = indexOf(gatewayName);
        if (index < 0) {
            out.add(new CommandRefused(name, gatewayName, "cluster " + name + " has no gateway " + gatewayName, at));
            evaluate(at, null, out);
            return;
        }
        final Gateway gateway = gateways[index];
        if (on) {
            gateway.lose(FailoverCause.MAINTENANCE, at);
        }
        // a command that changes nothing writes nothing new, so no configuration will follow it
        gateway.commandedAhead |= gateway.inService == on;
        gateway.inService = !on;
        evaluate(at, on ? null : FailoverCause.PREEMPTED, out);
    }

    private void settle(final long now) {
        // Rule: a silent gateway is down at its deadline if others are heard meanwhile; if nobody is, the intake
        // may be stalled (see heartbeat), so it waits, at most one dead interval; then nobody has been heard for that
        // long, so every gateway still up is down at once: none is known alive to take over from another
        boolean nobodyHeard = false;
        for (Gateway gateway : gateways) {
            nobodyHeard |= gateway.liveness == Liveness.UP && gateway.deadline <= now && !judgementWaits(gateway, now)
                && now - lastIntake > quietNanos();
        }
        for (Gateway gateway : gateways) {
            if (nobodyHeard && gateway.liveness == Liveness.UP) {
                gateway.timeOut(Math.min(gateway.deadline, now));
            } else if (!judgementWaits(gateway, now)) {
                gateway.settle(now);
            }
        }
    }

    /**
     * Elects, reports what changed, and computes the next wake-up.
     *
     * @param trigger the cause to report if a better gateway preempts because of this very event (a priority or
     *                configuration change, a return from maintenance); {@code null} for "preempted" at the instant
     *                the preempt delay ran out
     */
    private void evaluate(final long at, final @Nullable FailoverCause trigger, final List<Decision> out) {
        settle(at);
        elect(at, trigger, out);
        publish(at, out);
        long next = preemptAt;
        for (Gateway gateway : gateways) {
            next = Math.min(next, judgementWaits(gateway, at) ? judgementResumes(gateway, at) : gateway.wakeup());
        }
        if (lastActive.isEmpty()) {
            next = Math.min(next, at < startupDeadline ? startupDeadline : electionDeadline);
        }
        wakeup = next;
    }

    private void elect(final long at, final @Nullable FailoverCause trigger, final List<Decision> out) {
        preemptAt = NEVER;
        final boolean activeElectable = active >= 0 && gateways[active].electable();
        if (!activeElectable) {
            pinned = false;
        }
        // Rule: the active is the in-service, up gateway with the highest effective priority
        int best = -1;
        for (int i = 0; i < gateways.length; i++) {
            if (gateways[i].electable() && (best < 0 || better(gateways[i], gateways[best]))) {
                best = i;
            }
        }
        if (best < 0) {
            // Rule: with every gateway down keep steering to the last active one (status ALL_DOWN, see publish)
            return;
        }
        final Gateway candidate = gateways[best];
        if (lastActive.isEmpty()) {
            // Rule: at start-up elect as soon as the best in-service gateway is heard, else one dead interval after
            // the first heartbeat the best of those heard: never a worse gateway first, to be preempted soon after
            final boolean bestHeard = beatsEveryUnknown(candidate);
            if (bestHeard || at >= electionDeadline) {
                activate(best, FailoverCause.STARTUP, bestHeard ? at : Math.max(electionDeadline, candidate.upSince),
                    at, out);
            }
        } else if (!activeElectable) {
            final boolean deleted = active < 0;
            // failover: report why the active one stopped being electable, when it did
            activate(best, deleted ? FailoverCause.CONFIG_CHANGED : gateways[active].lossCause,
                deleted ? deletedActiveAt : gateways[active].lossAt, at, out);
        } else if (config.preempt() && !pinned && best != active && better(candidate, gateways[active])) {
            // Rule: preemption on: a better gateway takes over once up for the preempt delay. Preemption off: the
            // active keeps the role while it is electable (this branch is never taken)
            final long ready = candidate.upSince + preemptDelayNanos;
            if (ready <= at) {
                activate(best, trigger != null ? trigger : FailoverCause.PREEMPTED, trigger != null ? at : ready, at,
                    out);
            } else {
                preemptAt = ready;
            }
        }
    }

    private boolean beatsEveryUnknown(final Gateway candidate) {
        // an unknown gateway's effective priority is not known yet: its configured one stands in
        for (Gateway gateway : gateways) {
            if (gateway.inService && gateway.liveness == Liveness.UNKNOWN
                && !beats(effectivePriority(candidate), candidate, gateway.config.priority(), gateway)) {
                return false;
            }
        }
        return true;
    }

    private void activate(final int index, final FailoverCause cause, final long causeTime, final long at,
            final List<Decision> out) {
        final String to = gateways[index].name();
        out.add(new ActiveGatewayChanged(name, lastActive, to, cause, causeTime, at));
        active = index;
        lastActive = Optional.of(to);
        activeSince = at;
        pinned = false;
    }

    private void publish(final long at, final List<Decision> out) {
        for (int i = 0; i < gateways.length; i++) {
            final Gateway gateway = gateways[i];
            final GatewayState state = state(i);
            if (state != gateway.shown) {
                out.add(new GatewayStateChanged(name, gateway.name(), gateway.shown, state, at));
                gateway.shown = state;
            }
        }
        final ClusterStatus now;
        if (active >= 0 && gateways[active].electable()) {
            now = ClusterStatus.ACTIVE;
        } else if (lastActive.isPresent() || at >= startupDeadline) {
            // Rule: when every gateway is down, say so
            now = ClusterStatus.ALL_DOWN;
        } else {
            now = ClusterStatus.ELECTING;
        }
        if (now != status) {
            status = now;
            out.add(new ClusterStatusChanged(name, now, at));
        }
        publishOrder(at, out);
    }

    // Rule: the election order is the active gateway (even when it is down: with nobody electable steering stays),
    // then every other electable gateway, best first; never one unknown, down or in maintenance. Worked out in a
    // reused array, so a heartbeat that changes nothing allocates nothing
    private void publishOrder(final long at, final List<Decision> out) {
        if (ranked.length < gateways.length) {
            ranked = new Gateway[gateways.length];
        }
        int count = 0;
        if (active >= 0) {
            ranked[count++] = gateways[active];
            for (int i = 0; i < gateways.length; i++) {
                if (i != active && gateways[i].electable()) {
                    int slot = count++;
                    while (slot > 1 && better(gateways[i], ranked[slot - 1])) {
                        ranked[slot] = ranked[slot - 1];
                        slot--;
                    }
                    ranked[slot] = gateways[i];
                }
            }
        }
        boolean same = count == order.size();
        for (int i = 0; same && i < count; i++) {
            same = ranked[i].name().equals(order.get(i));
        }
        if (!same) {
            final var names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = ranked[i].name();
            }
            order = List.of(names);
            out.add(new ElectionOrderChanged(name, order, at));
        }
    }

    private GatewayState state(final int index) {
        final Gateway gateway = gateways[index];
        if (!gateway.inService) {
            return GatewayState.MAINTENANCE;
        }
        return switch (gateway.liveness) {
            case UNKNOWN -> GatewayState.UNKNOWN;
            case UP -> index == active ? GatewayState.ACTIVE : GatewayState.PASSIVE;
            case DOWN -> GatewayState.DOWN;
        };
    }

    ClusterSnapshot snapshot() {
        final var list = new ArrayList<GatewaySnapshot>(gateways.length);
        for (int i = 0; i < gateways.length; i++) {
            final Gateway gateway = gateways[i];
            list.add(new GatewaySnapshot(gateway.name(), state(i),
                gateway.heard ? OptionalLong.of(gateway.lastHeard) : OptionalLong.empty(),
                gateway.heard ? OptionalInt.of(gateway.advertisedPriority) : OptionalInt.empty(),
                gateway.heard ? OptionalInt.of(gateway.advertisedIntervalCentis) : OptionalInt.empty(),
                gateway.config.priority(), effectivePriority(gateway)));
        }
        return new ClusterSnapshot(name, status, active < 0 ? Optional.empty() : Optional.of(gateways[active].name()),
            active < 0 ? OptionalLong.empty() : OptionalLong.of(activeSince), list);
    }

    private long threshold(final Gateway gateway) {
        return adaptive ? gateway.phi.threshold(quantile, intervalNanos, floorNanos, deadNanos) : deadNanos;
    }

    // Rule: the effective priority is the advertised one when the cluster says so (keepalived's tracking weights
    // then flow through), else the configured one; the configured one until the gateway is heard
    private int effectivePriority(final Gateway gateway) {
        return config.useAdvertisedPriority() && gateway.heard ? gateway.advertisedPriority : gateway.config.priority();
    }

    private boolean better(final Gateway first, final Gateway second) {
        return beats(effectivePriority(first), first, effectivePriority(second), second);
    }

    // Rule: a tie in priority goes to the higher IPv4 address (RFC 5798 section 6.4.3)
    private static boolean beats(final int firstPriority, final Gateway first, final int secondPriority,
            final Gateway second) {
        return firstPriority != secondPriority ? firstPriority > secondPriority
            : first.config.ipv4().compareTo(second.config.ipv4()) > 0;
    }

    private int indexOf(final String gatewayName) {
        for (int i = 0; i < gateways.length; i++) {
            if (gateways[i].name().equals(gatewayName)) {
                return i;
            }
        }
        return -1;
    }
}
