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
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.gwha.impl.config.ConfigSink;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.Outcome;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.LiveState;
import net.gwha.impl.state.PreviousState;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event loop that feeds the engine. Listener, packet-in, RPC and timer callbacks only enqueue work here;
 * the engine runs on this single thread, so it needs no locks. After each event the loop hands the decisions to
 * the {@link DecisionSink}s, keeps one timer per cluster at the engine's next wake-up, and tells the state sink
 * which clusters changed. Reads for operators come from a view published after every event (last-heard alone up to
 * {@link ClusterViews#HEARD_NANOS} later), never from the engine.
 */
public final class HaRuntime implements ConfigSink, LiveState, AutoCloseable {
    /** Carries decisions out (flows, state, notifications); called on the loop, must not block. */
    public interface DecisionSink {
        void onDecisions(List<Decision> decisions);
    }

    /** The live-state writer: told which clusters changed, or were removed, after a burst of events. */
    public interface StateSink {
        void onChanged(LiveState live, List<String> changed, List<String> removed);
    }

    /** A cluster's timer and when it falls due. */
    private record Wakeup(long due, ScheduledFuture<?> timer) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HaRuntime.class);
    // Packet-in work waiting on the loop at most: about a second of a heavy intake (ten thousand heartbeats a
    // second); past it a flood is dropped at the door, so the loop's backlog and memory stay bounded.
    static final int MAX_QUEUED_PACKET_INS = 10_000;

    private final ScheduledExecutorService loop;
    // every piece of work for the loop, in order; the loop's executor itself runs only timers and the queue's drains
    private final LoopQueue queue;
    private final Scheduler timers;
    private final LongSupplier nanoClock;
    private final WallClock wallClock;
    private final Engine engine = new Engine();
    private final List<DecisionSink> decisionSinks = new ArrayList<>();
    private LongConsumer intakeDelays = delay -> { };
    private final StateSink stateSink;
    private final boolean detectPauses;

    // Loop-confined state.
    private final Map<String, Wakeup> wakeups = new HashMap<>();
    private final StateFlush flushes;
    private final PauseDetector pauses;
    private boolean viewsRefreshing;

    // Published for readers on other threads.
    private final ClusterViews views;
    private final FailoverHistory history;
    private final HeartbeatCounters counters;
    private final PacketInAdmission packetIns;
    private final TakeOver takeOver;
    private final OperatorCommands commands;

    /** A runtime on the real clock: timers on its own loop, pauses of the controller detected. */
    public HaRuntime(final StateSink stateSink, final HeartbeatCounters counters) {
        this(stateSink, counters, System::nanoTime, System::currentTimeMillis, null);
    }

    /**
     * A runtime on the given clocks.
     *
     * @param timers fires timers on {@code nanoClock}'s time, such as a test's fake one; {@code null} for the loop's
     *     own executor on the real clock, the only case in which pauses of the controller are detected (a test's
     *     clock jumps)
     */
    HaRuntime(final StateSink stateSink, final HeartbeatCounters counters, final LongSupplier nanoClock,
            final LongSupplier wallClockMillis, final @Nullable Scheduler timers) {
        this.stateSink = stateSink;
        this.counters = counters;
        this.nanoClock = nanoClock;
        wallClock = new WallClock(nanoClock, wallClockMillis);
        history = new FailoverHistory(this::wallTime);
        views = new ClusterViews(counters, this::wallTime);
        takeOver = new TakeOver(counters, history, this::nanos);
        loop = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("gwha-engine").setDaemon(true).build());
        queue = new LoopQueue(loop);
        packetIns = new PacketInAdmission(queue, MAX_QUEUED_PACKET_INS);
        detectPauses = timers == null;
        this.timers = timers != null ? timers : (task, delayNanos) -> loop.schedule(task, delayNanos,
            TimeUnit.NANOSECONDS);
        flushes = new StateFlush(queue, this.timers, this::enqueue, (changed, gone) -> {
            changed.forEach(this::publishView);
            stateSink.onChanged(this, changed, gone);
        });
        pauses = new PauseDetector(nanoClock.getAsLong());
        commands = new OperatorCommands(engine, event -> handle(event, () -> { }), queue, this.timers);
        if (detectPauses) {
            loop.scheduleWithFixedDelay(this::checkPause, PauseDetector.PULSE_NANOS, PauseDetector.PULSE_NANOS,
                TimeUnit.NANOSECONDS);
        }
    }

    /** Adds a sink; call before the first event. */
    public void addDecisionSink(final DecisionSink sink) {
        decisionSinks.add(sink);
    }

    /**
     * Told, on the loop, how long each heartbeat waited between its packet-in's arrival and the engine taking it;
     * set before the first event.
     */
    public void intakeDelays(final LongConsumer sink) {
        intakeDelays = sink;
    }

    @Override
    public long now() {
        return nanoClock.getAsLong();
    }

    @Override
    public Instant wallTime(final long nanos) {
        return wallClock.at(nanos);
    }

    @Override
    public void refused(final List<String> changed, final List<String> removed) {
        enqueue(() -> flushes.refused(changed, removed));
    }

    /**
     * Takes the arbiter's role over: the configuration waits until the previous arbiter's state has been read, and
     * goes on from it ({@link TakeOver}). Call before the configuration listener registers.
     *
     * @param alsoTo told of the previous state on the loop, before any configuration is applied
     */
    public void takeOver(final ListenableFuture<PreviousState> read, final Consumer<PreviousState> alsoTo) {
        queue.execute(takeOver::hold);
        final var previous = TakeOver.bounded(read, loop);
        previous.addListener(() -> enqueue(() -> {
            final var state = Futures.getUnchecked(previous);
            runLogged(() -> alsoTo.accept(state), "taking the previous state over");
            takeOver.arrived(state);
        }), MoreExecutors.directExecutor());
    }

    private long nanos(final Instant wall) {
        return wallClock.nanos(wall);
    }

    /** Enqueues an event; never blocks. */
    public void submit(final Event event) {
        queue.execute(() -> handle(event, () -> { }));
    }

    /**
     * Enqueues a heartbeat from the packet-in intake, unless {@value #MAX_QUEUED_PACKET_INS} packet-ins are waiting
     * already; never blocks.
     *
     * @return false when refused
     */
    public boolean offer(final Event.HeartbeatReceived heartbeat) {
        return admit(() -> handle(heartbeat, () -> { }));
    }

    /**
     * Runs packet-in work on the loop, in order with events, unless {@value #MAX_QUEUED_PACKET_INS} packet-ins are
     * waiting already; never blocks.
     *
     * @return false when refused
     */
    public boolean admit(final Runnable work) {
        return packetIns.admit(work);
    }

    /** Applied in order with other events. */
    @Override
    public void configure(final Event.ConfigSet config, final List<String> vips, final Runnable accepted) {
        final var copy = List.copyOf(vips);
        queue.execute(() -> takeOver.run(() -> handle(takeOver.handOver(config), () -> {
            views.virtualIps(config.config().name(), copy);
            accepted.run();
            commands.taken(config.config().name());
        })));
    }

    @Override
    public void remove(final String cluster, final Runnable forgotten) {
        queue.execute(() -> takeOver.run(() -> handle(new Event.ConfigRemoved(cluster, now()), forgotten)));
    }

    @Override
    public void afterPending(final Runnable action) {
        queue.execute(() -> takeOver.run(() -> {
            // the previous arbiter's entries of clusters deleted since are stale
            final var stale = takeOver.replayed();
            if (!stale.isEmpty()) {
                stale.forEach(flushes::removed);
            }
            runLogged(action, "after the configuration");
        }));
    }

    /**
     * Runs a command on the loop once the engine runs the configuration the caller read ({@link OperatorCommands}).
     *
     * @param configured that configuration; empty to run on the engine's as it is
     */
    ListenableFuture<Optional<String>> command(final String cluster, final String gateway,
            final Optional<ClusterConfig> configured, final Supplier<Event> event) {
        return commands.submit(cluster, gateway, configured, event);
    }

    /**
     * Applies one event on the loop.
     *
     * @param accepted runs once the engine took the event, before its decisions are carried out
     * @return the outcome, empty if the engine failed on the event (it then changed nothing the adapters hear of)
     */
    // Neither an event the engine fails on nor a failing sink may stop the others, or the loop.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Optional<Outcome> handle(final Event event, final Runnable accepted) {
        if (detectPauses && !(event instanceof Event.Paused)) {
            checkPause();
        }
        if (event instanceof Event.HeartbeatReceived heartbeat) {
            taken(heartbeat);
        }
        final Outcome outcome;
        try {
            outcome = engine.apply(event);
        } catch (RuntimeException e) {
            // The validator makes every configuration the engine refuses impossible: a bug, but not a fatal one.
            LOG.error("The engine failed on {}: it goes on without it", event, e);
            return Optional.empty();
        }
        try {
            accepted.run();
        } catch (RuntimeException e) {
            // the event's text only when it is needed: built for every heartbeat, it cost the loop a tenth of its time
            LOG.error("An adapter failed after {}", event, e);
        }
        if (event instanceof Event.HeartbeatReceived heartbeat) {
            counters.accepted(heartbeat.cluster(), heartbeat.gateway());
        }
        final var decisions = outcome.decisions();
        for (var decision : decisions) {
            if (decision instanceof ActiveGatewayChanged changed) {
                history.record(changed);
            }
        }
        if (!decisions.isEmpty()) {
            for (var sink : decisionSinks) {
                try {
                    sink.onDecisions(decisions);
                } catch (RuntimeException e) {
                    LOG.warn("Decision sink {} failed on {}", sink, decisions, e);
                }
            }
        }
        // of what heartbeats, ticks and pauses change, last-heard alone (every heartbeat) waits for the views'
        // refresh
        final boolean heard = event instanceof Event.HeartbeatReceived || event instanceof Event.Tick
            || event instanceof Event.Paused;
        for (var cluster : outcome.touched()) {
            reschedule(cluster, outcome.nextWakeup(cluster));
            if (heard) {
                engine.snapshot(cluster).ifPresent(views::heard);
            } else {
                publishView(cluster);
            }
        }
        if (!viewsRefreshing && views.anyLagging()) {
            viewsRefreshing = true;
            timers.schedule(() -> enqueue(this::refreshViews), ClusterViews.HEARD_NANOS);
        }
        if (event instanceof Event.ConfigRemoved gone) {
            views.forget(gone.cluster());
            history.forget(gone.cluster());
            final var timer = wakeups.remove(gone.cluster());
            if (timer != null) {
                timer.timer().cancel(false);
            }
            flushes.removed(gone.cluster());
        } else if (event instanceof Event.HeartbeatReceived || event instanceof Event.Tick
                || event instanceof Event.Paused) {
            // Of the clusters these touch, those that decided nothing moved only last-heard, the counters and (a
            // pause) the thresholds, which are not written. A pause touches every cluster: written at once, each
            // pause wrote every cluster's state on the loop, a write that can itself be taken for the next pause.
            final var touched = outcome.touched();
            if (decisions.isEmpty()) {
                // nearly every heartbeat: no sets and streams for it
                flushes.heard(touched);
            } else {
                final var decided = decisions.stream().map(Decision::cluster).collect(Collectors.toSet());
                flushes.decided(touched.stream().filter(decided::contains).toList());
                flushes.heard(touched.stream().filter(cluster -> !decided.contains(cluster)).toList());
            }
        } else {
            flushes.decided(outcome.touched());
        }
        return Optional.of(outcome);
    }

    /**
     * A heartbeat's way through the controller: its arrival (the packet-in listener's stamp) and the engine taking
     * it. The debug line lets scripts/bench-path put the stages of a heartbeat side by side with captures on the wire.
     */
    private void taken(final Event.HeartbeatReceived heartbeat) {
        final long delay = now() - heartbeat.at();
        intakeDelays.accept(delay);
        if (LOG.isDebugEnabled()) {
            final var arrived = wallTime(heartbeat.at());
            LOG.debug("Heartbeat {} {} {} arrived {}.{} taken {} us later", heartbeat.cluster(), heartbeat.gateway(),
                heartbeat.family(), arrived.getEpochSecond(), String.format("%06d", arrived.getNano() / 1000),
                delay / 1000);
        }
    }

    // What an adapter does with a configuration must not stop the loop either.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void runLogged(final Runnable action, final String when) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("An adapter failed {}", when, e);
        }
    }

    /** Hands work to the loop from a timer; once the runtime is closed, there is nothing left to do. */
    private void enqueue(final Runnable work) {
        try {
            queue.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closed: a timer has nothing left to do", e);
        }
    }

    /**
     * Keeps a timer for the cluster's next wake-up. A timer that fires no later than the new wake-up is kept: its
     * tick comes early, which is harmless, and is followed by a timer for the wake-up then due ({@link #woken}).
     * Almost every heartbeat moves its cluster's wake-up later; cancelling and scheduling a timer for each cost the
     * loop more than the heartbeat itself at thousands a second, and a cancelled timer stays in the loop's queue
     * until it would have fired.
     */
    private void reschedule(final String cluster, final OptionalLong wakeup) {
        final var scheduled = wakeups.get(cluster);
        if (wakeup.isEmpty()) {
            if (scheduled != null) {
                scheduled.timer().cancel(false);
                wakeups.remove(cluster);
            }
            return;
        }
        // The loop takes work in the order it came: every heartbeat stamped before the tick falls due is taken
        // before it (Event.Tick says why that matters).
        final long at = now();
        final long due = Math.max(at, wakeup.getAsLong());
        if (scheduled != null && scheduled.due() <= due && !scheduled.timer().isDone()) {
            return;
        }
        if (scheduled != null) {
            scheduled.timer().cancel(false);
        }
        wakeups.put(cluster, new Wakeup(due, timers.schedule(() -> enqueue(() -> woken(cluster, due)), due - at)));
    }

    /**
     * A cluster's timer fired. A kept timer fires before the cluster's wake-up, so its tick judges nothing of the
     * cluster and re-arms nothing: the timer for the wake-up then due is set here, or a gateway heard last (the
     * cluster's only one, or all of them falling silent together) would never be judged.
     */
    private void woken(final String cluster, final long due) {
        final var fired = wakeups.get(cluster);
        if (fired != null && fired.due() == due) {
            wakeups.remove(cluster);
        }
        handle(new Event.Tick(due, now()), () -> { });
        if (!wakeups.containsKey(cluster)) {
            reschedule(cluster, engine.nextWakeup(cluster));
        }
    }

    /**
     * Tells the engine when the controller was held up. After a full GC or a starved CPU, the heartbeats that
     * arrived meanwhile sit in the switch connection and the packet-in queue; judged before they are read, healthy
     * gateways would look silent for as long as the pause. The pulse and every event check, so the engine hears of
     * a pause before any timer or heartbeat queued behind it.
     */
    private void checkPause() {
        final long now = now();
        final long paused = pauses.beat(now);
        if (paused > 0) {
            handle(new Event.Paused(paused, now), () -> { });
        }
    }

    /** The switches confirmed the flows of the failover decided at decisionNanos, at confirmedNanos. */
    public void flowsConfirmed(final String cluster, final long decisionNanos, final long confirmedNanos) {
        final var decided = wallTime(decisionNanos);
        final var confirmed = wallTime(confirmedNanos);
        queue.execute(() -> {
            if (history.flowsConfirmed(cluster, decided, confirmed)) {
                flushes.decided(List.of(cluster));
            }
        });
    }

    /** Publishes the views that lag their heartbeats. */
    private void refreshViews() {
        viewsRefreshing = false;
        views.lagging().forEach(this::publishView);
    }

    private void publishView(final String cluster) {
        engine.snapshot(cluster).ifPresent(views::publish);
    }

    public List<ClusterView> views() {
        return views.all();
    }

    @Override
    public Optional<ClusterView> view(final String cluster) {
        return views.of(cluster);
    }

    @Override
    public List<FailoverRecord> history(final String cluster) {
        return history.of(cluster);
    }

    @Override
    public void close() {
        // Stop acting at once: queued events are dropped, no sink is called again, no command is carried out.
        loop.shutdownNow();
        commands.close();
    }
}
