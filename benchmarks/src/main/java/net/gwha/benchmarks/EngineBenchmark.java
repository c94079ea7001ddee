/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Outcome;
import net.gwha.impl.engine.VirtualAddresses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One engine with 1,000 clusters of 3 gateways, on one thread as in production.
 *
 * <p>{@link #heartbeat} accounts heartbeats round-robin, each gateway heard once a second of engine time, so
 * every heartbeat also checks its cluster's other gateways and computes a new wake-up; nothing fails, as in a
 * healthy network. {@link #election} puts the active gateway of one cluster into maintenance and back, so
 * each call is an election that moves the VIP (a failover, then a preemption), with its decisions.
 */
@State(Scope.Thread)
public class EngineBenchmark {
    private static final int CLUSTERS = 1000;
    private static final int GATEWAYS = 3;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Param({"fixed", "adaptive"})
    private String detector = "fixed";

    private final String[] clusters = new String[CLUSTERS];
    private final String[] gateways = {"gw0", "gw1", "gw2"};
    private Engine engine = new Engine();
    private long now;
    private int next;
    private boolean drained;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new Engine();
        final DetectorConfig detectorConfig = "adaptive".equals(detector) ? DetectorConfig.adaptive(8, 1500)
            : DetectorConfig.fixed();
        for (int i = 0; i < CLUSTERS; i++) {
            clusters[i] = "cluster-" + i;
            final var members = List.of(
                new GatewayConfig(gateways[0], 100, new Ipv4(0x0A00_0001 + i * 4), "openflow:1", true),
                new GatewayConfig(gateways[1], 200, new Ipv4(0x0A00_0002 + i * 4), "openflow:1", true),
                new GatewayConfig(gateways[2], 150, new Ipv4(0x0A00_0003 + i * 4), "openflow:1", true));
            engine.apply(new Event.ConfigSet(new ClusterConfig(clusters[i], 1 + i % 255, 1000, 3000, detectorConfig,
                true, 0, 3000, false, members, VirtualAddresses.ipv4(1 + i % 255, new Ipv4(0xC000_0000 + i))), now));
        }
        // a minute of heartbeats: every gateway heard, every cluster elected, adaptive windows filled
        for (int i = 0; i < 60 * CLUSTERS * GATEWAYS; i++) {
            heartbeat();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Outcome heartbeat() {
        final int index = next;
        next = index + 1 == CLUSTERS * GATEWAYS ? 0 : index + 1;
        // 3,000 heartbeats per second of engine time: each gateway once a second
        now += SECOND / (CLUSTERS * GATEWAYS);
        return engine.apply(new Event.HeartbeatReceived(clusters[index / GATEWAYS], gateways[index % GATEWAYS],
            AddressFamily.IPV4, 100, 100, now));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Outcome election() {
        // no time passes, so no gateway falls silent: only the election runs
        drained = !drained;
        return engine.apply(new Event.Maintenance(clusters[0], gateways[1], drained, now));
    }
}
