/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.openflow;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.service.HaRuntime;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs each cluster's plan into openflowplugin's configuration datastore, from which the forwarding-rules
 * manager installs the flows and re-installs them whenever a switch reconnects. Writes only what differs from the
 * cluster's last plan, so applying a plan twice changes nothing and a failover rewrites only steering; a deleted
 * cluster's flows are removed. Other applications' flows are never touched: every flow id is ours.
 */
public final class FlowProgrammer implements HaRuntime.DecisionSink {
    private static final Logger LOG = LoggerFactory.getLogger(FlowProgrammer.class);

    private final DataBroker broker;
    private final Map<String, Cluster> configs = new ConcurrentHashMap<>();
    // Guarded by this: what was last written, per cluster, per switch, per flow id.
    private final Map<String, Map<String, Map<String, Flow>>> applied = new HashMap<>();
    private final Map<String, Optional<String>> actives = new HashMap<>();

    public FlowProgrammer(final DataBroker broker) {
        this.broker = broker;
    }

    /** A cluster's configuration changed: re-plan with its current active gateway. */
    public synchronized void configured(final Cluster cluster) {
        final var name = cluster.getName().getValue();
        configs.put(name, cluster);
        write(name, FlowPlanner.plan(cluster, actives.getOrDefault(name, Optional.empty())), null, 0);
    }

    /** A cluster was deleted: remove every flow it had. */
    public synchronized void removed(final String cluster) {
        configs.remove(cluster);
        actives.remove(cluster);
        write(cluster, Map.of(), null, 0);
        applied.remove(cluster);
    }

    @Override
    public synchronized void onDecisions(final HaRuntime runtime, final List<Decision> decisions) {
        for (var decision : decisions) {
            if (decision instanceof Decision.ActiveGatewayChanged changed) {
                actives.put(changed.cluster(), Optional.of(changed.to()));
                final var cluster = configs.get(changed.cluster());
                if (cluster != null) {
                    write(changed.cluster(), FlowPlanner.plan(cluster, Optional.of(changed.to())), runtime,
                        changed.decisionTime());
                }
            }
        }
    }

    private void write(final String cluster, final Map<String, List<Flow>> plan,
            final HaRuntime runtime, final long decisionTime) {
        final var before = applied.getOrDefault(cluster, Map.of());
        final var after = new HashMap<String, Map<String, Flow>>();
        plan.forEach((node, flows) -> after.put(node, flows.stream()
            .collect(Collectors.toMap(flow -> flow.getId().getValue(), Function.identity()))));

        final var tx = broker.newWriteOnlyTransaction();
        int changes = 0;
        for (var entry : after.entrySet()) {
            final var old = before.getOrDefault(entry.getKey(), Map.of());
            for (var flow : entry.getValue().values()) {
                if (!flow.equals(old.get(flow.getId().getValue()))) {
                    tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                        path(entry.getKey(), flow.getId().getValue()), flow);
                    changes++;
                }
            }
        }
        for (var entry : before.entrySet()) {
            final var now = after.getOrDefault(entry.getKey(), Map.of());
            for (var id : entry.getValue().keySet()) {
                if (!now.containsKey(id)) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, path(entry.getKey(), id));
                    changes++;
                }
            }
        }
        applied.put(cluster, after);
        if (changes == 0) {
            tx.cancel();
            if (runtime != null) {
                runtime.flowsConfirmed(cluster, decisionTime, runtime.now());
            }
            return;
        }
        final int written = changes;
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("{}: {} flow changes written", cluster, written);
                if (runtime != null) {
                    runtime.flowsConfirmed(cluster, decisionTime, runtime.now());
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: failed to write {} flow changes", cluster, written, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    public static DataObjectIdentifier<Flow> path(final String node, final String flowId) {
        return DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(node)))
            .augmentation(FlowCapableNode.class)
            .child(Table.class, new TableKey(Uint8.ZERO))
            .child(Flow.class, new FlowKey(new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819
                .FlowId(flowId)))
            .build();
    }
}
