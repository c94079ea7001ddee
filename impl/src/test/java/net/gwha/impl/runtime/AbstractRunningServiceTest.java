/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.RETURNS_MOCKS;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.fixtures.RecordingRpcProvider;
import net.gwha.impl.fixtures.RecordingRpcs;
import net.gwha.impl.fixtures.RemoteRpcs;
import net.gwha.impl.metrics.GatewayHaMetrics;
import net.gwha.impl.packet.Mac;
import net.gwha.impl.packet.VrrpFrameBuilder;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.steering.FlowWriter;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ActiveGatewayChanged;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceivedBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Gateway HA as {@link GatewayHaProvider} wires it — engine loop, config listener, state writer, notifications,
 * packet-in intake, flow writer, operations service — over the real in-memory MD-SAL broker, on a fake clock.
 * Heartbeats enter as openflowplugin delivers them, VRRP frames in packet-received notifications; flow RPCs go to
 * a recorder. Time moves only when a test advances it, and then the timers that came due fire: the engine's
 * wake-ups, the state writer's quiet flush. No test waits for real time to pass.
 *
 * <p>The lab: cluster "lan", VRID 51, VIP 192.0.2.254, heartbeats every second (dead after 3 s), gateways gw1
 * (priority 200), gw2 (150) and gw3 (100) on openflow:1 ports 1 to 3.
 */
public abstract class AbstractRunningServiceTest extends AbstractConcurrentDataBrokerTest {
    /** The wall-clock time at which the fake clock starts. */
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    protected static final String LAN = "lan";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId SWITCH =
        new org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId("openflow:1");

    private static final long START_NANOS = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(START_NANOS);
    private final FakeScheduler timers = new FakeScheduler(nanos::get);
    private final List<ActiveGatewayChanged> activeChanges = Collections.synchronizedList(new ArrayList<>());
    protected final RecordingRpcs flowRpcs = new RecordingRpcs();
    protected final RecordingRpcProvider rpcProvider = new RecordingRpcProvider();
    private NotificationPublishService packetIns;
    private Registration activeChangesListener;
    /** This node's metrics, as the provider feeds them. */
    protected final GatewayHaMetrics metrics = new GatewayHaMetrics();
    protected GatewayHaProvider provider;

    protected AbstractRunningServiceTest() {
        super(true);
    }

    @BeforeEach
    final void startService() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var customizer = getDataBrokerTestCustomizer();
        packetIns = customizer.createNotificationPublishService();
        final var notifications = customizer.createNotificationService();
        activeChangesListener = notifications.registerListener(ActiveGatewayChanged.class, activeChanges::add);
        // A single node: the singleton provider only hands over the role when the test says so.
        provider = new GatewayHaProvider(getDataBroker(), customizer.createNotificationPublishService(),
            notifications, flowRpcs, rpcProvider.service(), service -> () -> { }, metrics,
            FlowWriter.Mode.RPC_AND_DATASTORE,
            nanos::get, () -> T0.plusNanos(nanos.get() - START_NANOS).toEpochMilli(), timers, this::stayingPut);
        provider.instantiateServiceInstance();
    }

    /**
     * Another controller node on the same datastore, which never drives election: it reaches this node's RPCs as
     * MD-SAL's remote RPC broker would ({@link RemoteRpcs}) and registers its own with {@code registered}. It hears
     * no packet-ins (it would relay them to this node, counting every heartbeat twice). The caller closes it.
     */
    protected final GatewayHaProvider otherNode(final RecordingRpcProvider registered) {
        return new GatewayHaProvider(getDataBroker(), mock(NotificationPublishService.class),
            mock(NotificationService.class, RETURNS_MOCKS), new RemoteRpcs(rpcProvider), registered.service(),
            service -> () -> { }, new GatewayHaMetrics(), FlowWriter.Mode.RPC_AND_DATASTORE, nanos::get,
            () -> T0.plusNanos(nanos.get() - START_NANOS).toEpochMilli(), timers, this::stayingPut);
    }

    /** A placement that never hands the role over: no node here hosts a supervisor. */
    private ArbiterPlacement stayingPut(final ArbiterPlacement.Seat seat) {
        return new ArbiterPlacement(() -> false, () -> Futures.immediateFuture(1), seat, nanos::get, timers);
    }

    @AfterEach
    final void stopService() {
        provider.close();
        activeChangesListener.close();
    }

    protected static Gateway gateway(final int number, final int priority) {
        return new GatewayBuilder()
            .setName(new GatewayName("gw" + number))
            .setPriority(Uint8.valueOf(priority))
            .setIpAddress(new Ipv4Address("192.0.2." + number))
            .setMacAddress(new MacAddress("02:00:00:00:00:0" + number))
            .setAttachment(new AttachmentBuilder().setNodeId(SWITCH).setPortNumber(Uint32.valueOf(number)).build())
            .build();
    }

    protected static Cluster lan() {
        return new ClusterBuilder()
            .setName(new ClusterName(LAN))
            .setVrid(Uint8.valueOf(51))
            .setVirtualIp(Set.of(new IpAddress(new Ipv4Address("192.0.2.254"))))
            .setGateway(BindingMap.of(gateway(1, 200), gateway(2, 150), gateway(3, 100)))
            .build();
    }

    /** Writes the cluster's configuration and waits until the engine has it. */
    protected final void configure(final Cluster cluster) throws Exception {
        write(cluster);
        awaitView(cluster.getName().getValue(), view -> true);
    }

    /** Writes the cluster's configuration to the datastore. */
    protected final void write(final Cluster cluster) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
            .child(Cluster.class, cluster.key()).build(), cluster);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    protected final Optional<Cluster> configured(final String cluster) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
                .child(Cluster.class, new ClusterKey(new ClusterName(cluster))).build()).get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The lab configured, then one heartbeat of each gateway 100 ms apart: gw1, the best, is active since
     * T0 + 100 ms, gw2 and gw3 passive, last heard at T0 + 200 ms and T0 + 300 ms.
     */
    protected final void startLan() throws Exception {
        configure(lan());
        for (int number = 1; number <= 3; number++) {
            advance(Duration.ofMillis(100));
            heartbeat(number, 250 - 50 * number);
            if (number == 1) {
                // Flows are written on their own thread: let the (recording) switch confirm gw1's before time moves.
                waiting().until(() -> !provider.history(LAN).isEmpty() && provider.history(LAN).stream()
                    .allMatch(failover -> failover.flowsConfirmedTime().isPresent()));
            }
        }
        // gw3's heartbeat is counted before its view is published: a view still showing gw3 unknown is stale
        awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw1"))
            && view.gateways().stream().noneMatch(gateway -> gateway.state() == GatewayState.UNKNOWN));
    }

    /** Advances the lab's clock by 5 s with gw1 and gw2 heard every second and gw3 silent: gw3 goes down. */
    protected final void silenceGw3() {
        for (int second = 0; second < 5; second++) {
            advance(Duration.ofSeconds(1));
            heartbeat(1, 200);
            heartbeat(2, 150);
        }
        awaitView(LAN, view -> view.gateways().get(2).state().name().equals("DOWN"));
    }

    /** Moves the clock; the timers due by then fire (their work is queued on the engine's loop). */
    protected final void advance(final Duration duration) {
        nanos.addAndGet(duration.toNanos());
        timers.runDue();
    }

    /**
     * The advertisement of gateway gwN, with this priority, arrives from its switch port now; returns once the
     * engine took it.
     */
    protected final void heartbeat(final int number, final int priority) {
        final var gateway = "gw" + number;
        final long before = accepted(gateway);
        packetIn(number, priority, number);
        waiting().until(() -> accepted(gateway) > before);
    }

    /** The advertisement of gateway gwN arrives from a switch port, its own or not; does not wait. */
    protected final void packetIn(final int number, final int priority, final int port) {
        final var frame = new VrrpFrameBuilder().vrid(51).priority(priority)
            .srcMac(Mac.parse("02:00:00:00:00:0" + number)).srcIp(Ipv4.parse("192.0.2." + number)).build();
        try {
            packetIns.putNotification(new PacketReceivedBuilder()
                .setIngress(new NodeConnectorRef(DataObjectIdentifier.builder(Nodes.class)
                    .child(Node.class, new NodeKey(new NodeId("openflow:1")))
                    .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId("openflow:1:" + port)))
                    .build()))
                .setPayload(frame)
                .build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long accepted(final String gateway) {
        return provider.cluster(LAN).stream().flatMap(view -> view.gateways().stream())
            .filter(gw -> gw.name().equals(gateway)).mapToLong(ClusterView.GatewayView::heartbeatsAccepted)
            .findFirst().orElse(0);
    }

    protected final ClusterView awaitView(final String cluster, final Predicate<ClusterView> condition) {
        return waiting().until(() -> provider.cluster(cluster), view -> view.filter(condition).isPresent())
            .orElseThrow();
    }

    /** Waits for what another thread (engine loop, state writer, notification delivery) does, at most 10 s. */
    protected static ConditionFactory waiting() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** The active-gateway-changed notifications published so far, as a subscriber received them. */
    protected final List<ActiveGatewayChanged> activeChanges() {
        synchronized (activeChanges) {
            return List.copyOf(activeChanges);
        }
    }
}
