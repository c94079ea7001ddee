/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Handover;
import net.gwha.impl.engine.Handover.GatewayHandover;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.PreviousState;
import net.gwha.impl.state.PreviousState.OfCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuity when this node takes the arbiter's role over from another: the configuration waits on the loop until
 * the previous arbiter's state has been read (at most {@link #WAIT}; nothing there is a fresh start), then each
 * cluster, as it is first configured, goes on from it: the engine from a {@link Handover} (the active gateway stays,
 * see there), the failover history with its sequence numbers, and the counters. Loop-confined.
 */
final class TakeOver {
    /**
     * How long the configuration waits for the previous state. The read goes to the operational shard's leader; if
     * it died with the previous arbiter, the shard elects another first, as the configuration's shard does before the
     * configuration (without which nothing is decided) is replayed: the wait costs next to nothing more.
     */
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(TakeOver.class);

    private final HeartbeatCounters counters;
    private final FailoverHistory history;
    /** This runtime's engine time of a wall-clock instant. */
    private final ToLongFunction<Instant> nanos;
    private final Map<String, OfCluster> pending = new HashMap<>();
    // configuration work that waits for the previous state; empty once it is in (or was never asked for). SpotBugs
    // ignores @Nullable on fields.
    private Optional<List<Runnable>> held = Optional.empty();

    TakeOver(final HeartbeatCounters counters, final FailoverHistory history, final ToLongFunction<Instant> nanos) {
        this.counters = counters;
        this.history = history;
        this.nanos = nanos;
    }

    /** The read, bounded by {@link #WAIT}; what cannot be read in time is nothing. */
    static ListenableFuture<PreviousState> bounded(final ListenableFuture<PreviousState> read,
            final ScheduledExecutorService timer) {
        return Futures.catching(Futures.withTimeout(read, WAIT.toNanos(), TimeUnit.NANOSECONDS, timer),
            Exception.class, failure -> {
                LOG.warn("The previous arbiter's state could not be read within {}: starting afresh", WAIT, failure);
                return PreviousState.NONE;
            }, MoreExecutors.directExecutor());
    }

    /** From now on configuration work waits for {@link #arrived}. */
    void hold() {
        held = Optional.of(new ArrayList<>());
    }

    /** Runs configuration work now, or once the previous state is in. */
    void run(final Runnable work) {
        held.ifPresentOrElse(waiting -> waiting.add(work), work);
    }

    /** The previous state is in: the node-wide counters and the sequence go on, the held work runs. */
    void arrived(final PreviousState previous) {
        LOG.info("Going on from the previous arbiter's state of {} cluster(s)", previous.clusters().size());
        pending.putAll(previous.clusters());
        counters.continueFrom(previous.unattributed(), previous.packetInsDropped(),
            previous.neighborDiscoveryMalformed(), previous.routerAdvertisementsRelayed());
        history.continueAfter(previous.clusters().values().stream().flatMap(cluster -> cluster.history().stream())
            .mapToLong(FailoverRecord::sequence).max().orElse(0));
        final var work = held.orElse(List.of());
        held = Optional.empty();
        work.forEach(Runnable::run);
    }

    /**
     * A configuration as the engine is to take it: the first one of a cluster the previous arbiter ran carries
     * its {@link Handover}, and the cluster's history and counters go on.
     */
    Event.ConfigSet handOver(final Event.ConfigSet config) {
        final var name = config.config().name();
        final var previous = pending.remove(name);
        if (previous == null) {
            return config;
        }
        final Set<String> gateways = config.config().gateways().stream().map(GatewayConfig::name)
            .collect(Collectors.toSet());
        history.continueFrom(name, previous.history());
        counters.continueFrom(name, previous.own());
        previous.gateways().stream().filter(gw -> gateways.contains(gw.name()))
            .forEach(gw -> counters.continueFrom(name, gw.name(), gw.counts()));
        return new Event.ConfigSet(config.config(), Optional.of(handover(previous)), config.at());
    }

    /**
     * The configuration has been replayed.
     *
     * @return the clusters the previous arbiter ran that are not configured any more: their state entries are stale
     */
    Set<String> replayed() {
        final var left = Set.copyOf(pending.keySet());
        pending.clear();
        return left;
    }

    private Handover handover(final OfCluster previous) {
        final var active = previous.activeGateway();
        final boolean activeShown = previous.gateways().stream()
            .anyMatch(gw -> gw.state() == GatewayState.ACTIVE && active.equals(Optional.of(gw.name())));
        // Rule: a switch-over holds while its gateway stays electable: it is the cluster's last change of active
        // gateway (those of a partition aside), and that gateway is still active, not all down
        final boolean pinned = activeShown && previous.history().stream()
            .filter(failover -> failover.partition().isEmpty()).reduce((first, second) -> second)
            .filter(last -> last.cause() == FailoverCause.SWITCH_OVER && active.equals(Optional.of(last.to())))
            .isPresent();
        final var gateways = new HashMap<String, GatewayHandover>();
        previous.gateways().forEach(gw -> gateways.put(gw.name(), new GatewayHandover(gw.state(),
            gw.advertisedPriority(), optional(gw.lastHeard()))));
        return new Handover(active, optional(previous.activeSince()), pinned, gateways);
    }

    private OptionalLong optional(final Optional<Instant> instant) {
        return instant.isPresent() ? OptionalLong.of(nanos.applyAsLong(instant.orElseThrow())) : OptionalLong.empty();
    }
}
