/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.benchmarks;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.config.ClusterValidator;
import net.gwha.impl.steering.FlowPlanner;
import net.gwha.impl.steering.FlowProgrammer;
import net.gwha.impl.steering.FlowSink;
import net.gwha.impl.steering.SteeringLoop;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClustersBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
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
 * What grows with the number of clusters when they are configured: validating the whole {@code clusters}
 * container (one RESTCONF request of all of them) and planning every cluster's flows, in the scale lab's layout
 * (250 clusters per switch on one router pair's two shared ports, VRIDs 1..250, two gateways each). Linear growth
 * shows as a time per cluster that stays flat from 100 to 2,000; {@code changeOne}, re-configuring one cluster
 * among them, stays flat as it plans only that cluster and the others on its switch.
 */
@State(Scope.Thread)
public class ScaleBenchmark {
    private static final int PER_SWITCH = 250;

    @Param({"100", "1000", "2000"})
    private int clusters = 1000;

    private List<Cluster> configs = List.of();
    private Clusters container = new ClustersBuilder().build();
    // cluster 1 with another virtual IP: a change that re-plans it and the clusters on its switch
    private final Cluster changed = cluster(1, 1, "10.255.255.1");
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SteeringLoop loop = new SteeringLoop(executor);
    private FlowProgrammer loaded = programmer();
    private boolean flip;

    /** Counts what it is handed: the switches are not what is measured. */
    private static final class Sink implements FlowSink {
        long flows;

        @Override
        public ListenableFuture<Long> apply(final FlowPlanner.Plan plan) {
            plan.switches().values().forEach(onSwitch -> flows += onSwitch.flows().size());
            return Futures.immediateFuture(flows);
        }

        @Override
        public ListenableFuture<Long> remove(final String cluster) {
            return Futures.immediateFuture(flows);
        }

        @Override
        public void own(final String cluster, final FlowPlanner.Owned cookiesAndGroups) {
            // nothing kept
        }

        @Override
        public void loaded() {
            // nothing to reconcile
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException, ExecutionException {
        final var built = new ArrayList<Cluster>(clusters);
        for (int index = 0; index < clusters; index++) {
            final int node = index / PER_SWITCH + 1;
            final int vrid = index % PER_SWITCH + 1;
            built.add(cluster(node, vrid, "10." + node + "." + vrid + ".1"));
        }
        configs = List.copyOf(built);
        container = new ClustersBuilder().setCluster(BindingMap.of(configs)).build();
        loaded = programmer();
        configureAll(loaded);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        executor.shutdownNow();
    }

    /** Cluster {@code s<switch>-c<vrid>} on its switch's router pair (ports 1 and 2). */
    private static Cluster cluster(final int node, final int vrid, final String vip) {
        return new ClusterBuilder()
            .setName(new ClusterName("s" + node + "-c" + vrid))
            .setVrid(Uint8.valueOf(vrid))
            .setVirtualIp(Set.of(new IpAddress(new Ipv4Address(vip))))
            .setGateway(BindingMap.of(gateway("r1", node, 1), gateway("r2", node, 2)))
            .build();
    }

    private static Gateway gateway(final String name, final int node, final int port) {
        return new GatewayBuilder()
            .setName(new GatewayName(name))
            .setPriority(Uint8.valueOf(100 + port))
            .setIpAddress(new Ipv4Address("10." + node + ".0." + (10 + port)))
            .setMacAddress(new MacAddress(String.format("02:00:00:00:%02x:%02x", node, port)))
            .setAttachment(new AttachmentBuilder().setNodeId(new NodeId("openflow:" + node))
                .setPortNumber(Uint32.valueOf(port)).build())
            .build();
    }

    private FlowProgrammer programmer() {
        return new FlowProgrammer(new Sink(), FlowPlanner.Options.DEFAULT, (cluster, decided, confirmed) -> { },
            loop, System::nanoTime);
    }

    private void configureAll(final FlowProgrammer programmer) throws InterruptedException, ExecutionException {
        configs.forEach(programmer::configured);
        drain();
    }

    /** Waits until the loop has run what was queued and what that queued (the neighbours' re-plans). */
    private void drain() throws InterruptedException, ExecutionException {
        executor.submit(() -> { }).get();
        executor.submit(() -> { }).get();
    }

    /** Validates the whole container, as the commit cohort does for one request that configures them all. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int validate() {
        return ClusterValidator.validate(container).size();
    }

    /** Plans every cluster, configured at once, and the re-plans of their neighbours that follow. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FlowProgrammer planAll() throws InterruptedException, ExecutionException {
        final var programmer = programmer();
        configureAll(programmer);
        return programmer;
    }

    /** Re-configures one cluster among them all. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void changeOne() throws InterruptedException, ExecutionException {
        flip = !flip;
        loaded.configured(flip ? changed : configs.getFirst());
        drain();
    }
}
