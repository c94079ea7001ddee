/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import net.gwha.impl.config.ClusterConfigListener;
import net.gwha.impl.config.ClusterConfigReader;
import net.gwha.impl.intake.ClusterDirectory;
import net.gwha.impl.intake.LinkTopology;
import net.gwha.impl.intake.PacketInHandler;
import net.gwha.impl.intake.PacketRelay;
import net.gwha.impl.intake.PortListener;
import net.gwha.impl.metrics.GatewayHaMetrics;
import net.gwha.impl.ops.GatewayHaRpcs;
import net.gwha.impl.ops.GatewayHaService;
import net.gwha.impl.ops.RelayedCommands;
import net.gwha.impl.ops.RoutedOperations;
import net.gwha.impl.state.ArbiterRecord;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;
import net.gwha.impl.state.NotificationSink;
import net.gwha.impl.state.StateReader;
import net.gwha.impl.state.StateWriter;
import net.gwha.impl.steering.FlowPlanner;
import net.gwha.impl.steering.FlowProgrammer;
import net.gwha.impl.steering.FlowWriter;
import net.gwha.impl.steering.SteeringLoop;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.controller.cluster.ActorSystemProvider;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketIn;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketInOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway HA on this controller node. Everything that acts — the engine, its config listener, the state writer,
 * the flows — runs inside a cluster singleton, so in an OpenDaylight cluster exactly one node drives election. On
 * taking the role it rebuilds from the datastore and registers the internal relay RPCs, so that MD-SAL routes every
 * node's relayed packet-ins and commands to it; on losing it, it stops acting at once. Every node registers the
 * operators' RPCs over this service ({@link GatewayHaRpcs}), relays the packet-ins of the switches it is OpenFlow
 * master of to the node that holds the role ({@link PacketRelay}), and answers the console from the datastore.
 */
@Component(service = GatewayHaService.class, immediate = true, configurationPid = "net.gwha")
@Designate(ocd = GatewayHaProvider.Configuration.class)
public final class GatewayHaProvider implements GatewayHaService, ClusterSingletonService, AutoCloseable {
    /** Node-local tunables, in {@code etc/net.gwha.cfg}. */
    @ObjectClassDefinition(name = "Gateway HA")
    public @interface Configuration {
        @AttributeDefinition(description = "How flows reach the switches: RPC_AND_DATASTORE (failover steering "
            + "through the flow RPCs, confirmed by a barrier, and everything through the configuration datastore for "
            + "the forwarding-rules manager), DATASTORE (the datastore only) or RPC (the RPCs only). The two others "
            + "exist to measure the paths (scripts/bench-flows).")
        FlowWriter.Mode flowPath() default FlowWriter.Mode.RPC_AND_DATASTORE;

        @AttributeDefinition(description = "Whether each switch a cluster uses also gets the lowest-priority flow "
            + "(1) that forwards everything else through the switch's normal L2 pipeline, with LLDP punted (2) for "
            + "the topology manager. On (the default) for switches this controller alone programs: Open vSwitch in "
            + "fail-secure mode forwards nothing without it, not even the ARP replies and return traffic. Off where "
            + "another application forwards, whose table-miss entries it would shadow. Every node of an "
            + "OpenDaylight cluster must say the same.")
        boolean normalForwarding() default true;

        @AttributeDefinition(description = "This node's name in the arbiter's lease record (gwha:arbiter), which "
            + "says which node drives election. scripts/cluster sets each node's member name. Empty: the JVM's "
            + "process id and host name.")
        String nodeName() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHaProvider.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("gwha-engine");

    /** What this node runs while it drives election. */
    private record Instance(ArbiterFence fence, HaRuntime runtime, StateWriter stateWriter,
            ClusterConfigListener configListener, PacketInHandler packetIn, PortListener ports, FlowWriter flowWriter,
            SteeringLoop steering, LinkTopology links, GatewayHaService operations, Registration relays,
            Registration metering) implements AutoCloseable {
        @Override
        public void close() {
            // First, so that nothing more reaches a switch while the rest stops.
            fence.close();
            relays.close();
            metering.close();
            links.close();
            ports.close();
            flowWriter.close();
            steering.close();
            packetIn.close();
            configListener.close();
            runtime.close();
            stateWriter.close();
        }
    }

    private final DataBroker broker;
    private final NotificationPublishService notifications;
    private final NotificationService notificationService;
    private final RpcService rpcService;
    private final RpcProviderService rpcProvider;
    private final GatewayHaMetrics metrics;
    private final FlowWriter.Mode flowPath;
    private final FlowPlanner.Options planOptions;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMillis;
    private final @Nullable Scheduler timers;
    private final String nodeName;
    private final ArbiterRecord arbiterRecord;
    private final ArbiterPlacement placement;
    private final Object seatLock = new Object();
    // This node's candidacy for the arbiter's role, null while handed over or once closed. Registering again and
    // closing go under seatLock, so that a candidacy never outlives close().
    private final AtomicReference<@Nullable Registration> registration = new AtomicReference<>();
    private boolean closed;
    private final PacketRelay relay;
    private final RoutedOperations routed;
    private final GatewayHaRpcs rpcs;
    // Set while this node drives election.
    private final AtomicReference<@Nullable Instance> instance = new AtomicReference<>();

    @Activate
    public GatewayHaProvider(@Reference final DataBroker broker,
            @Reference final NotificationPublishService notifications,
            @Reference final NotificationService notificationService, @Reference final RpcService rpcService,
            @Reference final RpcProviderService rpcProvider,
            @Reference final ClusterSingletonServiceProvider singletons,
            @Reference final ActorSystemProvider actorSystems, @Reference final GatewayHaMetrics metrics,
            final Configuration configuration) {
        this(broker, notifications, notificationService, rpcService, rpcProvider, singletons, metrics,
            configuration.flowPath(), new FlowPlanner.Options(configuration.normalForwarding()),
            configuration.nodeName().isBlank() ? ManagementFactory.getRuntimeMXBean().getName()
                : configuration.nodeName(), System::nanoTime, System::currentTimeMillis, null,
            seat -> ArbiterPlacement.onItsOwnThread(new PekkoMembership(actorSystems),
                new EntityCandidates(rpcService, IDENTIFIER.value()), seat));
    }

    /**
     * With the clocks the engine runs on, so that tests drive time.
     *
     * @param timers fires the engine's timers on {@code nanoClock}'s time; {@code null} on the real clock
     *     (see {@link HaRuntime})
     * @param placement where the arbiter runs, given this node's candidacy
     */
    GatewayHaProvider(final DataBroker broker, final NotificationPublishService notifications,
            final NotificationService notificationService, final RpcService rpcService,
            final RpcProviderService rpcProvider, final ClusterSingletonServiceProvider singletons,
            final GatewayHaMetrics metrics, final FlowWriter.Mode flowPath, final LongSupplier nanoClock,
            final LongSupplier wallClockMillis, final @Nullable Scheduler timers,
            final Function<ArbiterPlacement.Seat, ArbiterPlacement> placement) {
        this(broker, notifications, notificationService, rpcService, rpcProvider, singletons, metrics,
            flowPath, FlowPlanner.Options.DEFAULT, "test-node", nanoClock, wallClockMillis, timers, placement);
    }

    private GatewayHaProvider(final DataBroker broker, final NotificationPublishService notifications,
            final NotificationService notificationService, final RpcService rpcService,
            final RpcProviderService rpcProvider, final ClusterSingletonServiceProvider singletons,
            final GatewayHaMetrics metrics, final FlowWriter.Mode flowPath, final FlowPlanner.Options planOptions,
            final String nodeName,
            final LongSupplier nanoClock, final LongSupplier wallClockMillis, final @Nullable Scheduler timers,
            final Function<ArbiterPlacement.Seat, ArbiterPlacement> placement) {
        this.timers = timers;
        this.nodeName = nodeName;
        arbiterRecord = new ArbiterRecord(broker);
        this.broker = broker;
        this.flowPath = flowPath;
        this.planOptions = planOptions;
        this.notifications = notifications;
        this.notificationService = notificationService;
        this.rpcService = rpcService;
        this.rpcProvider = rpcProvider;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.wallClockMillis = wallClockMillis;
        routed = new RoutedOperations(new StateReader(broker), rpcService);
        relay = new PacketRelay(notificationService, rpcService, () -> instance.get() != null);
        rpcs = new GatewayHaRpcs(rpcProvider, this);
        this.placement = placement.apply(new ArbiterPlacement.Seat() {
            @Override
            public void leave() {
                final var left = registration.getAndSet(null);
                if (left != null) {
                    left.close();
                }
            }

            @Override
            public void rejoin() {
                synchronized (seatLock) {
                    if (!closed && registration.get() == null) {
                        registration.set(singletons.registerClusterSingletonService(GatewayHaProvider.this));
                    }
                }
            }
        });
        registration.set(singletons.registerClusterSingletonService(this));
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        LOG.info("This node now drives Gateway HA election");
        // The split-brain fence, on the real clocks whatever the engine runs on: the lease is about real time.
        final var fence = ArbiterFence.onItsOwnThread(nodeName, arbiterRecord::renew);
        fence.start(arbiterRecord.read());
        final var counters = new HeartbeatCounters();
        final var stateWriter = new StateWriter(broker, counters);
        final var runtime = new HaRuntime(stateWriter::write, counters, nanoClock, wallClockMillis,
            timers);
        // Go on from the previous arbiter's state, if another node held the role: the configuration waits for it.
        runtime.takeOver(new StateReader(broker).previous(), stateWriter::continueFrom);
        final var directory = new ClusterDirectory();
        // By default failover steering through the flow RPCs (confirmed by the switch), everything also through the
        // config datastore so that the forwarding-rules manager persists and reconciles it.
        LOG.info("Flows reach the switches by {}, {}", flowPath, planOptions);
        final var steering = new SteeringLoop();
        final var flowWriter = new FlowWriter(broker, rpcService, flowPath, nanoClock, steering,
            new FlowWriter.WriteListener() {
                @Override
                public void flowsRepaired(final String cluster, final long total) {
                    stateWriter.flowsRepaired(cluster, total);
                    metrics.flowsRepaired(cluster, total);
                }

                @Override
                public void switchConnected(final String node) {
                    metrics.switchConnected(node);
                }

                @Override
                public void writeFailed(final String node) {
                    metrics.writeFailed(node);
                }

                @Override
                public void planResent(final String node) {
                    metrics.planResent(node);
                }
            }, fence::steering);
        fence.onResumed(flowWriter::caughtUp);
        final var flows = new FlowProgrammer(flowWriter, planOptions, (cluster, decided, confirmed) -> {
            runtime.flowsConfirmed(cluster, decided, confirmed);
            metrics.flowsConfirmed(cluster, decided, confirmed);
        }, steering, nanoClock);
        flowWriter.adoptHostsWith(flows::adopt);
        // The metrics see a decision as the engine made it, before any adapter acts on it.
        runtime.addDecisionSink(metrics::onDecisions);
        runtime.intakeDelays(metrics::heartbeatTaken);
        runtime.addDecisionSink(flows::onDecisions);
        runtime.addDecisionSink(new NotificationSink(notifications, runtime::wallTime)::publish);
        final var configListener = new ClusterConfigListener(broker, runtime,
            new ClusterConfigListener.ConfigObserver() {
                @Override
                public void configured(final Cluster cluster) {
                    directory.put(cluster);
                    flows.configured(cluster);
                }

                @Override
                public void removed(final String cluster) {
                    directory.remove(cluster);
                    flows.removed(cluster);
                    counters.forget(cluster);
                    metrics.forget(cluster);
                }

                @Override
                public void handingOver() {
                    flows.burstStarts();
                }

                @Override
                public void handedOver() {
                    flows.burstEnds();
                }

                @Override
                public void loaded() {
                    // Reconciling the switches writes to them: not before the previous arbiter's lease ran out.
                    fence.whenSteering(flows::loaded);
                }
            });
        // Decoding is cheap and offering never blocks (a full queue refuses): handle packet-ins on the delivering
        // thread; what they ask of the engine or the flows runs on the loop.
        final var packetIn = new PacketInHandler(notificationService, rpcService, directory, runtime::offer,
            runtime::now, counters, (cluster, node, mac, ip, vip) -> runtime.admit(
                () -> flows.hostAsked(cluster, new FlowPlanner.Host(node, mac, ip, vip))), runtime::submit,
            MoreExecutors.directExecutor());
        final var operations = new RuntimeOperations(runtime, this::persistMaintenance,
            new ClusterConfigReader(broker)::read);
        // Registered here alone, so that MD-SAL routes the commands relayed by every controller node to this one.
        final var commands = new RelayedCommands(rpcProvider, operations);
        final var relayed = rpcProvider.registerRpcImplementation((RelayPacketIn) input -> {
            packetIn.relayed(input.requireIngress(), input.requirePayload());
            return RpcResultBuilder.success(new RelayPacketInOutputBuilder().build()).buildFuture();
        });
        instance.set(new Instance(fence, runtime, stateWriter, configListener, packetIn,
            new PortListener(broker, notificationService, directory, runtime::submit, runtime::now), flowWriter,
            steering, new LinkTopology(broker, runtime::submit, runtime::now), operations, () -> {
                relayed.close();
                commands.close();
            }, metrics.drive(runtime::views, counters)));
        placement.driving();
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        final var current = instance.getAndSet(null);
        if (current == null) {
            return Futures.immediateFuture(null);
        }
        LOG.info("This node no longer drives Gateway HA election");
        placement.stopped();
        current.close();
        // Not waited for: cut off from the majority it never commits, and the role must move on regardless. A next
        // holder that reads the record before the release commits waits for the lease to run out.
        Futures.addCallback(arbiterRecord.release(), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                LOG.debug("Arbiter lease released");
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.info("The arbiter's lease was not released: the next holder waits for it to run out", cause);
            }
        }, MoreExecutors.directExecutor());
        return Futures.immediateFuture(null);
    }

    private ListenableFuture<Void> persistMaintenance(final String cluster, final String gateway, final boolean on) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.merge(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
            .child(Cluster.class, new ClusterKey(new ClusterName(cluster)))
            .child(Gateway.class, new GatewayKey(new GatewayName(gateway))).build(),
            new GatewayBuilder().setName(new GatewayName(gateway))
                .setAdminState(on ? AdminState.Maintenance : AdminState.InService).build());
        return Futures.transform(tx.commit(), info -> null, MoreExecutors.directExecutor());
    }

    /** The engine's own view where it runs; elsewhere the datastore, and commands routed to it. */
    private GatewayHaService operations() {
        final var current = instance.get();
        return current == null ? routed : current.operations();
    }

    @Override
    public List<ClusterView> clusters() {
        return operations().clusters();
    }

    @Override
    public Optional<ClusterView> cluster(final String name) {
        return operations().cluster(name);
    }

    @Override
    public List<FailoverRecord> history(final String cluster) {
        return operations().history(cluster);
    }

    @Override
    public ListenableFuture<Optional<String>> switchOver(final String cluster, final String gateway) {
        return operations().switchOver(cluster, gateway);
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        return operations().setMaintenance(cluster, gateway, on);
    }

    @Override
    @Deactivate
    public void close() {
        rpcs.close();
        routed.close();
        relay.close();
        placement.close();
        synchronized (seatLock) {
            closed = true;
        }
        final var left = registration.getAndSet(null);
        if (left != null) {
            left.close();
        }
        closeServiceInstance();
    }
}
