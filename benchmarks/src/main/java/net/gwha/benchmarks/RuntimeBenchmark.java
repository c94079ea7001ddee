/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.VirtualAddresses;
import net.gwha.impl.runtime.HaRuntime;
import net.gwha.impl.runtime.HeartbeatCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The heartbeat intake's ceiling: the production runtime ({@link HaRuntime} on the real clock, its own loop thread,
 * wake-up timers, ticks, pause detection, views with counters, the state flush's turns) with 1,000 clusters of 2
 * gateways, fed through its intake ({@link HaRuntime#offer}) as fast as it takes heartbeats.
 *
 * <p>One operation is one heartbeat the intake accepted: refused while {@link HaRuntime}'s packet-in queue is full,
 * it is offered again a little later, as a switch would send the next one. The queue is full all the time, so the
 * rate accepted is the rate the loop takes, within the queue's 10,000 over a whole iteration. The allocation per
 * operation ({@code -prof gc}) counts every thread: the intake's event and task, and the loop's work on it.
 *
 * <p>On a machine that runs other work the rate moves with the load; the CPU time the loop thread spent per heartbeat
 * it took moves much less. Each iteration prints it on a line of its own ({@code loop: ... ns CPU per heartbeat}).
 *
 * <p>Gateways are heard round-robin, each once in 2,000 heartbeats: at 1 s heartbeats (the default) nobody falls
 * silent as long as the loop takes 2,000 a second, so nothing is decided; at {@code intervalMillis=100} a loop slower
 * than 20,000 a second fails gateways over. The live state is written to nowhere: what the state writer costs the
 * loop (building and serializing a transaction) is not in the figure.
 */
@State(Scope.Benchmark)
public class RuntimeBenchmark {
    private static final int CLUSTERS = 1000;
    private static final int GATEWAYS = 2;
    // how long a refused heartbeat waits before it is offered again: the loop takes a few in that time
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    @Param({"1000", "100"})
    private long intervalMillis = 1000;

    private final String[] clusters = new String[CLUSTERS];
    private final String[] gateways = {"gw0", "gw1"};
    // one per fork, as JMH runs each trial in its own
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters());
    private int next;
    // the loop's thread and the heartbeats it took: told by the runtime's intake-delay hook, on the loop
    private final AtomicReference<Thread> loop = new AtomicReference<>();
    private final AtomicLong taken = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long takenBefore;
    private long cpuBefore;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        runtime.intakeDelays(delay -> {
            if (loop.get() == null) {
                loop.set(Thread.currentThread());
            }
            taken.incrementAndGet();
        });
        for (int i = 0; i < CLUSTERS; i++) {
            clusters[i] = "cluster-" + i;
            final var members = List.of(
                new GatewayConfig(gateways[0], 100, new Ipv4(0x0A00_0001 + i * 4), "openflow:1", true),
                new GatewayConfig(gateways[1], 200, new Ipv4(0x0A00_0002 + i * 4), "openflow:1", true));
            runtime.configure(new Event.ConfigSet(new ClusterConfig(clusters[i], 1 + i % 255, intervalMillis,
                3 * intervalMillis, DetectorConfig.fixed(), true, 0, 0, false, members,
                VirtualAddresses.ipv4(1 + i % 255, new Ipv4(0xC000_0000 + i))), runtime.now()), List.of(), () -> { });
        }
        // every gateway heard, every cluster elected, before the warm-up
        for (int i = 0; i < 2 * CLUSTERS * GATEWAYS; i++) {
            heartbeat();
        }
        final var done = new CountDownLatch(1);
        runtime.afterPending(done::countDown);
        done.await();
    }

    @Setup(Level.Iteration)
    public void iterationStarts() {
        takenBefore = taken.get();
        cpuBefore = loopCpuNanos();
    }

    // JMH shows what the forked benchmark prints, beside the iteration's rate; bench-engine averages it
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    @TearDown(Level.Iteration)
    public void iterationEnds() {
        final long heartbeats = taken.get() - takenBefore;
        System.out.printf(Locale.ROOT, "loop: %d heartbeats taken, %.0f ns CPU per heartbeat%n", heartbeats,
            (double) (loopCpuNanos() - cpuBefore) / heartbeats);
    }

    private long loopCpuNanos() {
        return threads.getThreadCpuTime(loop.get().threadId());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void heartbeat() {
        final int index = next;
        next = index + 1 == CLUSTERS * GATEWAYS ? 0 : index + 1;
        final var heartbeat = new Event.HeartbeatReceived(clusters[index / GATEWAYS], gateways[index % GATEWAYS],
            AddressFamily.IPV4, 100, (int) (intervalMillis / 10), runtime.now());
        while (!runtime.offer(heartbeat)) {
            LockSupport.parkNanos(RETRY_NANOS);
        }
    }
}
