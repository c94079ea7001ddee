/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.Optional;

/**
 * An input to the {@link Engine}. Each carries its instant {@code at}: nanoseconds on the adapter's monotonic
 * clock (such as {@link System#nanoTime()}), never decreasing from one event to the next. The engine reads no
 * clock of its own.
 */
public sealed interface Event {
    long at();

    /**
     * A cluster was configured or its configuration edited. An edit keeps what was learned of the gateways
     * that remain (by name).
     *
     * @param handover what the previous arbiter published of the cluster, when this engine took over from it; used
     *     only if the engine does not run the cluster yet
     */
    record ConfigSet(ClusterConfig config, Optional<Handover> handover, long at) implements Event {
        /** A configuration, with nothing handed over. */
        public ConfigSet(final ClusterConfig config, final long at) {
            this(config, Optional.empty(), at);
        }
    }

    /**
     * A cluster was deleted: the engine forgets it.
     */
    record ConfigRemoved(String cluster, long at) implements Event {
    }

    /**
     * A VRRPv3 advertisement that the intake matched to a configured gateway.
     *
     * @param family the family it came in, IPv4 or IPv6: a gateway of a dual-stack cluster is heard on each; one of a
     *     family the cluster has no virtual IP of is ignored
     * @param advertisedPriority 0..255; 0 means the gateway resigns
     * @param advertisedIntervalCentis the advertisement interval the gateway claims, 0..4095
     */
    record HeartbeatReceived(String cluster, String gateway, AddressFamily family, int advertisedPriority,
            int advertisedIntervalCentis, long at) implements Event {
        public HeartbeatReceived {
            if (advertisedPriority < 0 || advertisedPriority > 255) {
                throw new IllegalArgumentException("advertised priority " + advertisedPriority + " is not in 0..255");
            }
            if (advertisedIntervalCentis < 0 || advertisedIntervalCentis > 4095) {
                throw new IllegalArgumentException("advertised interval " + advertisedIntervalCentis
                    + " cs is not in 0..4095");
            }
        }
    }

    /**
     * The gateway's switch port went up or down (or was removed: down), as the switch reported it. A switch that
     * disconnects says nothing of its ports: that is {@link SwitchDisconnected}.
     */
    record PortStatus(String cluster, String gateway, boolean up, long at) implements Event {
    }

    /**
     * The controller lost its connection to a switch. The switch may well go on forwarding (with the flows it has),
     * and its gateways on sending heartbeats that cannot reach the controller: their silence proves nothing until the
     * switch is back, so their detection is suspended and nothing is elected away from them. A gateway that fell
     * silent before the disconnect was reported (its dead interval ran out first) stays down: the engine cannot tell
     * such a silence from the gateway's death.
     *
     * <p>openflowplugin drops a disconnected switch's links from its topology, which says nothing of the data plane
     * either: the switch stays in the partition it was in until the topology shows it linked again, or for at most
     * 15 s after it is back.
     *
     * @param switchId the switch, as in {@link GatewayConfig#switchId()}
     */
    record SwitchDisconnected(String switchId, long at) implements Event {
    }

    /**
     * The controller is connected to a switch (again). For the gateways on a switch that was disconnected, detection
     * resumes with a fresh dead interval, and one that was down must be heard steadily for the hold-up again. Their
     * ports' state follows as {@link PortStatus} events. For a switch that was not disconnected, no gateway's
     * judgement changes; a cluster whose gateways' switches were none connected ({@link ClusterStatus#NO_SWITCH})
     * now reaches one. The adapter reports every switch connected when it starts, as well as each that connects.
     */
    record SwitchConnected(String switchId, long at) implements Event {
    }

    /**
     * In an OpenDaylight cluster: the heartbeats of a switch's gateways now reach this node relayed by another node,
     * the switch's OpenFlow master ({@code relayed}), or directly again. When every gateway of a relayed switch
     * falls silent at once, the likelier cause is the relay: its node died, and the switch sends nothing until the
     * cluster has moved its mastership. So their judgement waits longer for such a switch, and a burst that ends
     * such a silence counts as a stall of that switch (see {@code LivenessJudge}).
     *
     * @param switchId the switch, as in {@link GatewayConfig#switchId()}
     */
    record SwitchRelayed(String switchId, boolean relayed, long at) implements Event {
    }

    /**
     * The links between switches changed, as openflowplugin's LLDP topology reports them. Switches that do not
     * reach each other both ways are in different partitions, each steered to a gateway of its own (see
     * {@link Decision.PartitionsChanged}). The engine splits nothing for 15 s (three periods of openflowplugin's LLDP
     * speaker) after the links are first known, while LLDP is still finding them.
     *
     * @param links the first hops between switches; empty when there is no topology at all (openflowplugin's topology
     *     manager is not running), so the controller knows nothing of partitions and splits nothing
     */
    record LinksChanged(Optional<SwitchLinks> links, long at) implements Event {
    }

    /**
     * Time passed: the adapter's timer for some cluster fired. Every cluster whose wake-up is due is evaluated.
     *
     * <p>Rule: the engine's time is when the timer fell due, not when the tick was taken. The adapter hands the tick
     * over after every heartbeat stamped before then and before any stamped after; judged as of when it was taken, a
     * backlog in front of the engine (a starved CPU, a burst of other work) made a healthy gateway whose next
     * heartbeat waited behind the tick look silent for as long as the backlog: at 20 ms heartbeats 12 to 30 ms were
     * enough. What the tick decides is decided when it was taken, so detection latency still shows the backlog.
     *
     * @param at when the timer fell due
     * @param takenAt when the engine's caller took the tick
     */
    record Tick(long at, long takenAt) implements Event {
        /** A tick taken the instant it fell due. */
        public Tick(final long at) {
            this(at, at);
        }
    }

    /**
     * The controller itself was held up (a full GC, a starved CPU) for {@code pausedNanos} until {@code at}.
     * Heartbeats that arrived meanwhile are still queued behind this event, so silence during the pause proves
     * nothing: every detection threshold still running at the pause's start is moved later by its length.
     */
    record Paused(long pausedNanos, long at) implements Event {
    }

    /**
     * An operator asks for the named gateway to become active.
     */
    record SwitchOver(String cluster, String gateway, long at) implements Event {
    }

    /**
     * An operator puts a gateway into maintenance ({@code on}) or back into service.
     */
    record Maintenance(String cluster, String gateway, boolean on, long at) implements Event {
    }
}
