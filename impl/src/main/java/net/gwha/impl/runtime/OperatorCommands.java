/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.Decision.CommandRefused;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.Outcome;
import net.gwha.impl.ops.OperationRefusedException;

/**
 * Operators' commands, run on the engine's loop once the engine runs the configuration they follow. The
 * configuration listener hands a committed change to the engine some milliseconds after the commit; a command sent
 * right after it (a PUT, then a switch-over) would otherwise be judged on the configuration before, and refused for
 * a cluster or gateway that is configured. So a command carries the configuration its caller read from the datastore
 * and waits until the engine has taken it: released when the listener hands it over, not by polling, and after
 * {@link #WAIT_NANOS} at the latest, to run on what the engine has then.
 */
final class OperatorCommands implements AutoCloseable {
    /** How long a command waits for its configuration: the listener normally hands it over within milliseconds. */
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Engine engine;
    private final Function<Event, Optional<Outcome>> apply;
    private final Executor loop;
    private final Scheduler timers;
    // Loop-confined: by cluster, the commands waiting for a configuration of it.
    private final Map<String, List<Waiting>> waiting = new HashMap<>();
    // Every command not answered yet, to refuse on close: the loop drops what it has not run.
    private final Set<SettableFuture<Optional<String>>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A command waiting for its configuration. */
    private static final class Waiting {
        final String cluster;
        final String gateway;
        final ClusterConfig configured;
        final Supplier<Event> event;
        final SettableFuture<Optional<String>> result;
        Optional<ScheduledFuture<?>> timer = Optional.empty();

        Waiting(final String cluster, final String gateway, final ClusterConfig configured,
                final Supplier<Event> event, final SettableFuture<Optional<String>> result) {
            this.cluster = cluster;
            this.gateway = gateway;
            this.configured = configured;
            this.event = event;
            this.result = result;
        }
    }

    /**
     * Commands for an engine.
     *
     * @param apply applies an event to the engine and carries its decisions out, on the loop
     * @param loop the engine's loop
     * @param timers fires on the engine's clock
     */
    OperatorCommands(final Engine engine, final Function<Event, Optional<Outcome>> apply, final Executor loop,
            final Scheduler timers) {
        this.engine = engine;
        this.apply = apply;
        this.loop = loop;
        this.timers = timers;
    }

    static String noCluster(final String cluster) {
        return "no cluster named '" + cluster + "'";
    }

    static String noGateway(final String cluster, final String gateway) {
        return "cluster '" + cluster + "' has no gateway named '" + gateway + "'";
    }

    /**
     * Runs a command on the loop; a {@link CommandRefused} decision fails the future with its reason.
     *
     * @param configured the cluster's configuration as the caller read it; empty to run on the engine's as it is
     * @return the gateway active before the command
     */
    ListenableFuture<Optional<String>> submit(final String cluster, final String gateway,
            final Optional<ClusterConfig> configured, final Supplier<Event> event) {
        final var result = SettableFuture.<Optional<String>>create();
        open.add(result);
        result.addListener(() -> open.remove(result), MoreExecutors.directExecutor());
        try {
            loop.execute(() -> {
                if (configured.isEmpty() || configured.equals(engine.config(cluster))) {
                    run(cluster, gateway, event, result, false);
                } else {
                    final var entry = new Waiting(cluster, gateway, configured.orElseThrow(), event, result);
                    waiting.computeIfAbsent(cluster, name -> new ArrayList<>()).add(entry);
                    entry.timer = Optional.of(timers.schedule(() -> enqueue(() -> release(entry, true)),
                        WAIT_NANOS));
                }
            });
        } catch (RejectedExecutionException e) {
            refuseClosed(result);
        }
        if (closed) {
            refuseClosed(result);
        }
        return result;
    }

    /** The engine took a configuration of the cluster: the commands that waited for it run after its decisions. */
    void taken(final String cluster) {
        final var list = waiting.get(cluster);
        if (list == null) {
            return;
        }
        final var config = engine.config(cluster);
        for (var entry : List.copyOf(list)) {
            if (config.equals(Optional.of(entry.configured))) {
                entry.timer.ifPresent(timer -> timer.cancel(false));
                enqueue(() -> release(entry, false));
            }
        }
    }

    private void release(final Waiting entry, final boolean timedOut) {
        final var list = waiting.get(entry.cluster);
        if (list == null || !list.remove(entry)) {
            // released already
            return;
        }
        if (list.isEmpty()) {
            waiting.remove(entry.cluster);
        }
        run(entry.cluster, entry.gateway, entry.event, entry.result, timedOut);
    }

    /**
     * Runs the command on what the engine has.
     *
     * @param timedOut the command waited for a configuration in vain: one that names what the engine lacks
     */
    private void run(final String cluster, final String gateway, final Supplier<Event> event,
            final SettableFuture<Optional<String>> result, final boolean timedOut) {
        final var notTaken = " is configured, but the controller has not taken it in within "
            + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS) + " s";
        final var before = engine.snapshot(cluster);
        if (before.isEmpty()) {
            result.setException(new OperationRefusedException(timedOut ? "cluster '" + cluster + "'" + notTaken
                : noCluster(cluster)));
            return;
        }
        if (before.orElseThrow().gateways().stream().noneMatch(gw -> gw.name().equals(gateway))) {
            result.setException(new OperationRefusedException(timedOut
                ? "gateway '" + gateway + "' of cluster '" + cluster + "'" + notTaken : noGateway(cluster, gateway)));
            return;
        }
        final var outcome = apply.apply(event.get());
        if (outcome.isEmpty()) {
            result.setException(new IllegalStateException("the engine failed on the command, see the log"));
            return;
        }
        for (var decision : outcome.orElseThrow().decisions()) {
            if (decision instanceof CommandRefused refused) {
                result.setException(new OperationRefusedException("cluster '" + cluster + "': "
                    + refused.reason()));
                return;
            }
        }
        result.set(before.orElseThrow().activeGateway());
    }

    private void enqueue(final Runnable work) {
        try {
            loop.execute(work);
        } catch (RejectedExecutionException e) {
            // closed: close() refuses what waits
        }
    }

    private static void refuseClosed(final SettableFuture<Optional<String>> result) {
        result.setException(new OperationRefusedException("this controller node no longer drives Gateway HA "
            + "election"));
    }

    /** Refuses every command not answered yet; the loop is stopped, or stopping. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(open).forEach(OperatorCommands::refuseClosed);
    }
}
