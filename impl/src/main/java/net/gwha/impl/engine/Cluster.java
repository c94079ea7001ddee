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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.ClusterSnapshot.GatewaySnapshot;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.ClusterStatusChanged;
import net.gwha.impl.engine.Decision.CommandRefused;
import net.gwha.impl.engine.Decision.GatewayStateChanged;
import net.gwha.impl.engine.Gateway.Liveness;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One cluster: its gateways, its election and what it reports; when silence makes a gateway down is its
 * {@link LivenessJudge}'s business, who steers a part of a split LAN its {@link PartitionElection}'s. Every event is
 * handled in three steps: apply the silences due at the event's instant ({@link LivenessJudge#settle}), apply the
 * event, then {@link #evaluate}: settle again (an edit may shorten the detection threshold), elect, report what
 * changed, compute the next wake-up. Decisions are appended to the engine's buffer.
 */
final class Cluster {
    final String name;
    /** The one-element list an {@link Outcome} reports for this cluster, allocated once. */
    final List<String> asList;
    /** One dead interval after the configuration: with nothing heard by then, the status says all down. */
    private final long startupDeadline;
    /**
     * One dead interval after the first heartbeat: the start-up election waits until then for the best gateway. Not
     * from the configuration: a controller that starts before its switches connect hears the gateways in any order.
     */
    private long electionDeadline = NEVER;
    private final LivenessJudge judge;
    /** The configuration in force; the engine reads it, only this class writes it. */
    ClusterConfig config;
    private long preemptDelayNanos;
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
    private final ElectionOrder order;
    private final PartitionElection partitions;
    private long preemptAt = NEVER;
    private long wakeup = NEVER;
    /** When the engine's index of wake-ups has this cluster due, no later than its wake-up; only the engine sets it. */
    long indexedWakeup = NEVER;

    /**
     * A new cluster.
     *
     * @param handover what the previous arbiter published of it, when this engine took over from another
     * @param disconnected the engine's disconnected switches, kept up to date by the engine and only read here
     * @param connected the engine's connected switches, likewise
     * @param relayed the engine's switches whose heartbeats arrive relayed by another controller node, likewise
     * @param reachability the engine's, likewise
     */
    Cluster(final ClusterConfig config, final Optional<Handover> handover, final Set<String> disconnected,
            final Set<String> connected, final Set<String> relayed, final Reachability reachability, final long at,
            final List<Decision> out) {
        name = config.name();
        asList = List.of(name);
        this.config = config;
        judge = new LivenessJudge(disconnected, connected, relayed);
        partitions = new PartitionElection(name, reachability, this::better);
        order = new ElectionOrder(name, this::better, partitions::inMain);
        gateways = new Gateway[0];
        reconfigure(config, at);
        startupDeadline = at + judge.deadNanos();
        handover.ifPresent(previous -> takeOver(previous, at));
        out.add(new ClusterStatusChanged(name, status, at));
        evaluate(at, null, out);
    }

    long wakeup() {
        return wakeup;
    }

    // Rule: a new arbiter keeps the previous one's active gateway, election order and pin (see Handover)
    private void takeOver(final Handover handover, final long at) {
        judge.takeOver(handover, at);
        final int index = handover.activeGateway().map(this::indexOf).orElse(-1);
        if (index >= 0) {
            final Gateway previous = gateways[index];
            active = index;
            lastActive = Optional.of(previous.name());
            activeSince = handover.activeSince().orElse(at);
            pinned = handover.pinned() && previous.electable();
            // not electable any more: the failover that follows says why (since when is not known: the take-over)
            previous.lossCause = previous.inService ? FailoverCause.HEARTBEAT_TIMEOUT : FailoverCause.MAINTENANCE;
            previous.lossAt = at;
        }
        status = status(at);
    }

    // Rule: a config edit keeps the liveness of the gateways that remain (matched by name); deleted ones vanish;
    // if the active one is deleted or taken out of service, evaluate() re-elects
    void configure(final ClusterConfig newConfig, final long at, final List<Decision> out) {
        judge.settle(at);
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
        config = newConfig;
        preemptDelayNanos = TimeUnit.MILLISECONDS.toNanos(newConfig.preemptDelayMillis());

        final var next = new Gateway[newConfig.gateways().size()];
        for (int i = 0; i < next.length; i++) {
            final GatewayConfig gatewayConfig = newConfig.gateways().get(i);
            final int old = indexOf(gatewayConfig.name());
            final Gateway gateway = old < 0 ? new Gateway(gatewayConfig, newConfig.families()) : gateways[old];
            gateway.config = gatewayConfig;
            gateway.adopt(newConfig.families());
            // Rule: a maintenance command is persisted as the admin-state; a configuration that still carries the
            // other admin-state was written before the command and does not undo it
            if (!gateway.commandedAhead || gatewayConfig.inService() == gateway.inService) {
                gateway.commandedAhead = false;
                if (!gatewayConfig.inService()) {
                    gateway.lose(FailoverCause.MAINTENANCE, at);
                }
                gateway.inService = gatewayConfig.inService();
            }
            next[i] = gateway;
        }
        gateways = next;
        judge.configure(newConfig, next, at);
        partitions.configure(newConfig.switches(), at);
    }

    void heartbeat(final String gatewayName, final AddressFamily family, final int priority, final int intervalCentis,
            final long at, final List<Decision> out) {
        final int index = indexOf(gatewayName);
        // a family the cluster has no virtual IP of says nothing of it
        final Gateway.@Nullable Beat beat = index < 0 ? null : gateways[index].beat(family);
        if (beat == null) {
            return;
        }
        final Gateway gateway = gateways[index];
        judge.intake(gateway, beat, at);
        final boolean wasUp = gateway.liveness == Liveness.UP;
        final int before = effectivePriority(gateway);
        if (electionDeadline == NEVER) {
            // Rule: at start-up wait at most one dead interval after the first heartbeat for the best gateway
            electionDeadline = at + judge.deadNanos();
        }
        judge.heard(gateway, beat, priority, intervalCentis, at);
        final boolean reordered = wasUp && gateway.liveness == Liveness.UP && effectivePriority(gateway) != before;
        evaluate(at, reordered ? FailoverCause.PRIORITY_CHANGED : null, out);
    }

    void port(final String gatewayName, final boolean up, final long at, final List<Decision> out) {
        final int index = indexOf(gatewayName);
        if (index >= 0) {
            judge.settle(at);
            gateways[index].port(up, at);
            evaluate(at, null, out);
        }
    }

    /**
     * A switch was disconnected ({@code connected} false) or connected.
     *
     * @return whether any of its gateways is attached to that switch, and so whether this cluster was evaluated
     */
    boolean switchChanged(final String switchId, final boolean connected, final long at, final List<Decision> out) {
        if (!judge.attaches(switchId)) {
            return false;
        }
        // what was due before the disconnect (or the reconnect) happened before it
        judge.settle(at);
        judge.switchChanged(switchId, !connected, at);
        evaluate(at, null, out);
        return true;
    }

    // Rule: a pause of the controller does not count as silence (see Event.Paused)
    void paused(final long pausedNanos, final long at, final List<Decision> out) {
        judge.postpone(pausedNanos, at);
        evaluate(at, null, out);
    }

    /** Whether a gateway of this cluster is attached to the switch. */
    boolean attaches(final String switchId) {
        return judge.attaches(switchId);
    }

    void tick(final long at, final List<Decision> out) {
        evaluate(at, null, out);
    }

    // Rule: switch-over is refused (and changes nothing) for an unknown name, a gateway in maintenance, unknown or
    // down. The chosen gateway is pinned: it keeps the role while it is up and in service, whatever preemption
    // says; once it is not, the pin is gone and the normal election (preemption included) applies again.
    void switchOver(final String gatewayName, final long at, final List<Decision> out) {
        judge.settle(at);
        final int index = indexOf(gatewayName);
        final @Nullable String refusal = index < 0 ? "cluster " + name + " has no gateway " + gatewayName
            : gateways[index].refusal();
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

    // Rule: maintenance drains a gateway at once (evaluate() re-elects if it was active); back in service, a
    // better gateway preempts at once if it has been up for the preempt delay
    void maintenance(final String gatewayName, final boolean on, final long at, final List<Decision> out) {
        judge.settle(at);
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

    /**
     * Elects, reports what changed, and computes the next wake-up.
     *
     * @param trigger the cause to report if a better gateway preempts because of this very event (a priority or
     *                configuration change, a return from maintenance); {@code null} for "preempted" at the instant
     *                the preempt delay ran out
     */
    private void evaluate(final long at, final @Nullable FailoverCause trigger, final List<Decision> out) {
        judge.settle(at);
        elect(at, trigger, out);
        partitions.evaluate(gateways, active, config.preempt(), preemptDelayNanos, at, trigger, out);
        publish(at, out);
        long next = Math.min(Math.min(preemptAt, partitions.wakeup()), judge.wakeup(at));
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
        } else if (config.preempt() && !pinned && best != active && !candidate.assumed
                && better(candidate, gateways[active])) {
            // Rule: preemption on: a better gateway takes over once up for the preempt delay (one taken as up at a
            // take-over, once heard too). Preemption off: the active keeps the role while it is electable (this
            // branch is never taken)
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
        out.add(new ActiveGatewayChanged(name, lastActive, to, cause, causeTime, at, Optional.empty()));
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
        final ClusterStatus now = status(at);
        if (now != status) {
            status = now;
            out.add(new ClusterStatusChanged(name, now, at));
        }
        order.publish(gateways, active, at, out);
    }

    private ClusterStatus status(final long at) {
        if (active >= 0 && gateways[active].electable()) {
            return ClusterStatus.ACTIVE;
        }
        // Rule: when every gateway is down, say so, and say when the controller reaches none of their switches
        return lastActive.isEmpty() && at < startupDeadline ? ClusterStatus.ELECTING
            : judge.reachesASwitch() ? ClusterStatus.ALL_DOWN : ClusterStatus.NO_SWITCH;
    }

    private GatewayState state(final int index) {
        final Gateway gateway = gateways[index];
        if (!gateway.inService) {
            return GatewayState.MAINTENANCE;
        }
        return switch (gateway.liveness) {
            case UNKNOWN -> GatewayState.UNKNOWN;
            case UP -> index == active || partitions.leads(gateway) ? GatewayState.ACTIVE : GatewayState.PASSIVE;
            case DOWN -> GatewayState.DOWN;
        };
    }

    ClusterSnapshot snapshot() {
        final var list = new ArrayList<GatewaySnapshot>(gateways.length);
        for (int i = 0; i < gateways.length; i++) {
            list.add(gateways[i].snapshot(state(i), effectivePriority(gateways[i])));
        }
        return new ClusterSnapshot(name, status, active < 0 ? Optional.empty() : Optional.of(gateways[active].name()),
            active < 0 ? OptionalLong.empty() : OptionalLong.of(activeSince), list, partitions.snapshot());
    }

    // Rule: the effective priority is the advertised one when the cluster says so (keepalived's tracking weights
    // then flow through), else the configured one; the configured one until the gateway is heard
    private int effectivePriority(final Gateway gateway) {
        return config.useAdvertisedPriority() && gateway.heard ? gateway.advertisedPriority : gateway.config.priority();
    }

    private boolean better(final Gateway first, final Gateway second) {
        return beats(effectivePriority(first), first, effectivePriority(second), second);
    }

    // Rule: a tie in priority goes to the higher address (RFC 5798 section 6.4.3) of the family: in a dual-stack
    // cluster, which elects once for both families, the IPv4 one
    private boolean beats(final int firstPriority, final Gateway first, final int secondPriority,
            final Gateway second) {
        return firstPriority != secondPriority ? firstPriority > secondPriority
            : first.config.compareAddress(second.config, config.virtualAddresses().tieBreakFamily()) > 0;
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
