/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.FluentFuture;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Event;
import net.gwha.impl.runtime.HaRuntime;
import net.gwha.impl.runtime.HeartbeatCounters;
import net.gwha.impl.state.StartingStates;
import net.gwha.impl.state.StateWriter;
import net.gwha.impl.steering.FlowPlanner;
import net.gwha.impl.steering.FlowProgrammer;
import net.gwha.impl.steering.FlowWriter;
import net.gwha.impl.steering.InventoryPaths;
import net.gwha.impl.steering.SteeringLoop;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.FailoverCause;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterStateKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.data.tree.spi.DataTreeCandidateNodes;

/**
 * The path config datastore, bundle, operational datastore over the real in-memory MD-SAL broker. mdsal's in-memory
 * broker runs no commit cohorts, so refusal is checked by handing the cohort the candidate the datastore would: the
 * real codec's normalized form of the proposed configuration. The distribution's boot test proves the whole refusal
 * through RESTCONF and the distributed datastore.
 */
class ClusterDatastoreTest extends AbstractConcurrentDataBrokerTest {
    private HaRuntime runtime;
    private StateWriter stateWriter;
    private ClusterConfigListener listener;
    private SteeringLoop steering;

    ClusterDatastoreTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var counters = new HeartbeatCounters();
        stateWriter = new StateWriter(getDataBroker(), counters);
        runtime = new HaRuntime(stateWriter::write, counters);
        steering = new SteeringLoop();
        final var writer = new FlowWriter(getDataBroker(), null, FlowWriter.Mode.DATASTORE, System::nanoTime,
            steering, stateWriter::flowsRepaired, () -> true);
        final var flows = new FlowProgrammer(writer, FlowPlanner.Options.DEFAULT, runtime::flowsConfirmed, steering,
            System::nanoTime);
        runtime.addDecisionSink(flows::onDecisions);
        listener = new ClusterConfigListener(getDataBroker(), runtime, new ClusterConfigListener.ConfigObserver() {
            @Override
            public void configured(final Cluster cluster) {
                flows.configured(cluster);
            }

            @Override
            public void removed(final String cluster) {
                flows.removed(cluster);
            }

            @Override
            public void loaded() {
                flows.loaded();
            }
        });
    }

    @AfterEach
    void stop() {
        listener.close();
        runtime.close();
        steering.close();
        stateWriter.close();
    }

    @Test
    void configuredClusterAppearsInOperationalState() throws Exception {
        put(Fixtures.validBuilder().build());

        final var state = await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1"), Optional::isPresent)
            .orElseThrow();
        assertEquals(ClusterState.Status.Electing, state.getStatus());
        assertEquals(2, state.nonnullGatewayState().size());
        state.nonnullGatewayState().values().forEach(gw -> assertEquals(GatewayState.Unknown, gw.getState()));
    }

    @Test
    void flowsRepairedOnTheSwitchesAreCountedInTheClusterState() throws Exception {
        put(Fixtures.validBuilder().build());
        final var before = await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1"), Optional::isPresent)
            .orElseThrow();
        assertEquals(0, before.getFlowsRepaired().getValue().intValue());

        // What the flow writer reports when its audit restored three flows of c1.
        stateWriter.flowsRepaired("c1", 3);

        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").orElseThrow().getFlowsRepaired()
            .getValue().intValue() == 3);
    }

    @Test
    void heartbeatOfTheBestGatewayElectsItAndTheFailoverIsRecorded() throws Exception {
        put(Fixtures.validBuilder().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").isPresent());

        // Equal priorities: the higher address, gw2 (192.0.2.12), is the best and is elected once heard.
        runtime.submit(new Event.HeartbeatReceived("c1", "gw2", AddressFamily.IPV4, 100, 100, runtime.now()));

        final var state = await().atMost(Duration.ofSeconds(10))
            .until(() -> readState("c1").orElseThrow(), found -> found.getActiveGateway() != null);
        assertEquals("gw2", state.getActiveGateway().getValue());
        assertEquals(ClusterState.Status.Active, state.getStatus());
        final var failover = state.nonnullFailoverEvent().values().iterator().next();
        assertEquals(FailoverCause.Startup, failover.getCause());
        assertEquals("gw2", failover.getToGateway().getValue());

        // gw1 is heard too. Both gateways share openflow:1: steering goes through a fast-failover group whose first
        // bucket is gw2's (a gateway never heard gets no bucket), and the switches confirmed it.
        runtime.submit(new Event.HeartbeatReceived("c1", "gw1", AddressFamily.IPV4, 100, 100, runtime.now()));
        final var steer = await().atMost(Duration.ofSeconds(10)).until(() -> readFlow("openflow:1", "gwha-c1-steer"),
            found -> found.filter(flow -> flow.toString().contains("GroupAction")).isPresent()).orElseThrow();
        assertTrue(steer.toString().contains("GroupAction"), steer.toString());
        final var group = await().atMost(Duration.ofSeconds(10)).until(() -> readGroup("openflow:1", 0x47570100L),
            Optional::isPresent).orElseThrow();
        // openflowplugin sends buckets in bucket-id order; the datastore hands them back keyed, in any order.
        final var buckets = group.getBuckets().nonnullBucket().values().stream()
            .sorted(Comparator.comparing(bucket -> bucket.getBucketId().getValue())).toList();
        assertTrue(buckets.getFirst().toString().contains("02:00:00:00:00:12"), buckets.toString());
        assertTrue(buckets.get(1).toString().contains("02:00:00:00:00:11"), buckets.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").orElseThrow().nonnullFailoverEvent()
            .values().iterator().next().getProgrammingLatency() != null);
    }

    @Test
    void deletedClusterLeavesNoFlows() throws Exception {
        put(Fixtures.validBuilder().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> readFlow("openflow:1", "gwha--vrrp-1").isPresent());

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, clusterPath("c1"));
        tx.commit().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> readFlow("openflow:1", "gwha--vrrp-1").isEmpty());
        // Let the state writer finish too: closing its chain with a write in flight fails.
        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").isEmpty());
    }

    private Optional<Flow> readFlow(final String node, final String id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.flowPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Group> readGroup(final String node, final long id) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.groupPath(node, id))
                .get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void deletedClusterLeavesOperationalState() throws Exception {
        put(Fixtures.validBuilder().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").isPresent());

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, clusterPath("c1"));
        tx.commit().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").isEmpty());
    }

    @Test
    void cohortRefusesInvalidClusterWithTheViolation() {
        final var bad = Fixtures.clusters(Fixtures.validBuilder().setVirtualIp(Fixtures.vips("192.0.2.11")).build());

        final var failure = assertThrows(ExecutionException.class, () -> proposeToCohort(null, bad).get());
        final var refusal = assertInstanceOf(TransactionCommitFailedException.class, failure.getCause());
        final var expected = "cluster 'c1': virtual-ip 192.0.2.11 equals the ip-address of gateway 'gw1'";
        assertTrue(refusal.getMessage().contains(expected), refusal.getMessage());
        final var error = refusal.getErrorList().getFirst();
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        final var documented = assertInstanceOf(NetconfDocumentedException.class, refusal.getCause());
        assertEquals(ErrorTag.INVALID_VALUE, documented.getErrorTag());
        assertInstanceOf(DataValidationFailedException.class, documented.getCause());
    }

    @Test
    void clustersAValidChangeAddsHaveAStartingStateOnceItCommits() throws Exception {
        final var step = proposeToCohort(Fixtures.clusters(Fixtures.validBuilder().build()),
            Fixtures.clusters(Fixtures.validBuilder().build(), Fixtures.otherBuilder().build())).get();
        final var committing = step.preCommit().get(10, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), readState("c2"));

        // The distributed datastore takes the commit's value as the next step: anything but null fails its cast.
        assertNull(committing.commit().get(10, TimeUnit.SECONDS));

        assertEquals(ClusterState.Status.Starting, readState("c2").orElseThrow().getStatus());
        // c1 was configured before: its state is the engine's business
        assertEquals(Optional.empty(), readState("c1"));
    }

    @Test
    void aChangeThatAddsNoClusterWritesNoState() throws Exception {
        final var both = Fixtures.clusters(Fixtures.validBuilder().build(), Fixtures.otherBuilder().build());
        assertEquals(PostCanCommitStep.NOOP, proposeToCohort(both, both).get());
    }

    @Test
    void theStartingStateNeverOverwritesTheEngines() throws Exception {
        put(Fixtures.validBuilder().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> readState("c1").isPresent());

        proposeToCohort(null, Fixtures.clusters(Fixtures.validBuilder().build())).get().preCommit()
            .get(10, TimeUnit.SECONDS).commit().get(10, TimeUnit.SECONDS);

        assertNotEquals(ClusterState.Status.Starting, readState("c1").orElseThrow().getStatus());
    }

    /** The cohort's answer to a change of the clusters from {@code before} (null: none) to {@code proposed}. */
    private FluentFuture<PostCanCommitStep> proposeToCohort(final @Nullable Clusters before,
            final Clusters proposed) {
        final var codec = getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        final var root = DataObjectIdentifier.builder(Clusters.class).build();
        final var normalized = codec.toNormalizedDataObject(root, proposed);
        final var candidate = new DOMDataTreeCandidate() {
            @Override
            public DOMDataTreeIdentifier getRootPath() {
                return DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, normalized.path());
            }

            @Override
            public DataTreeCandidateNode getRootNode() {
                return before == null ? DataTreeCandidateNodes.written(normalized.node())
                    : replaced(codec.toNormalizedDataObject(root, before).node(), normalized.node());
            }
        };
        return ClusterConfigCohort.validate(codec, List.of(candidate),
            added -> StartingStates.write(getDataBroker(), added));
    }

    /** What the cohort reads of a candidate that changes a node: its data before and after. */
    private static DataTreeCandidateNode replaced(final NormalizedNode before, final NormalizedNode after) {
        return new DataTreeCandidateNode() {
            @Override
            public PathArgument name() {
                return after.name();
            }

            @Override
            public Collection<DataTreeCandidateNode> childNodes() {
                return List.of();
            }

            @Override
            public @Nullable DataTreeCandidateNode modifiedChild(final PathArgument childName) {
                return null;
            }

            @Override
            public ModificationType modificationType() {
                return ModificationType.WRITE;
            }

            @Override
            public NormalizedNode dataBefore() {
                return before;
            }

            @Override
            public NormalizedNode dataAfter() {
                return after;
            }
        };
    }

    private void put(final Cluster cluster) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, clusterPath(cluster.getName().getValue()), cluster);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private Optional<ClusterState> readState(final String name) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class)
                .child(ClusterState.class, new ClusterStateKey(new ClusterName(name))).build())
                .get(10, TimeUnit.SECONDS);
        }
    }

    private static DataObjectIdentifier<Cluster> clusterPath(final String name) {
        return DataObjectIdentifier.builder(Clusters.class)
            .child(Cluster.class, new ClusterKey(new ClusterName(name))).build();
    }

}
