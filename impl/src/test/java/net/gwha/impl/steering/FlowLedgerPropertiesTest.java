/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Plan;
import net.gwha.impl.steering.FlowPlanner.SwitchPlan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.PuntMetersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The ledger settles only what a cluster's plans hold: whatever clusters on shared switches do, in any order, its
 * changes and what it counts as applied are those of the union of every plan, diffed switch by switch, which it
 * computed before.
 */
class FlowLedgerPropertiesTest {
    private static final Cluster LAB = LabClusters.oneSwitch(SteeringMode.MacRewrite);
    private static final Cluster OTHER = named(LabClusters.builder(LabClusters.gateway(5, 100, S1, 21),
        LabClusters.gateway(6, 100, S1, 22)).setVrid(Uint8.valueOf(52))
        .setVirtualIp(LabClusters.vips("192.0.2.253")), "other");
    private static final Cluster TWO = named(new ClusterBuilder(LabClusters.twoSwitches(SteeringMode.MacRewrite)),
        "two");
    /** Per cluster, the plans it may get: election orders and punt meter settings that differ. */
    private static final List<List<Plan>> PLANS = List.of(plans(LAB), plans(OTHER), plans(TWO));

    private static Cluster named(final ClusterBuilder builder, final String name) {
        return builder.withKey(new ClusterKey(new ClusterName(name))).setName(new ClusterName(name)).build();
    }

    private static List<Plan> plans(final Cluster cluster) {
        final var names = new ArrayList<>(cluster.nonnullGateway().keySet().stream()
            .map(key -> key.getName().getValue()).sorted().toList());
        final var reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        final var metered = new ClusterBuilder(cluster).setPuntMeters(new PuntMetersBuilder()
            .setHeartbeatHeadroom(Uint16.valueOf(8)).build()).build();
        return List.of(FlowPlanner.plan(cluster, names), FlowPlanner.plan(cluster, reversed),
            FlowPlanner.plan(metered, names), FlowPlanner.plan(cluster, List.of()));
    }

    /** The ledger as it was: the union of every plan on a switch, diffed with what was applied there. */
    private static final class Union {
        final Map<String, Plan> plans = new TreeMap<>();
        final Map<String, SwitchPlan> applied = new HashMap<>();

        List<Change> settle(final Set<String> switches) {
            final var changes = new ArrayList<Change>();
            for (var node : new TreeSet<>(switches)) {
                final var flows = new TreeMap<String, Flow>();
                final var groups = new TreeMap<Long, Group>();
                final var meters = new TreeMap<Long, Meter>();
                plans.values().forEach(plan -> {
                    final var onSwitch = plan.switches().get(node);
                    if (onSwitch != null) {
                        flows.putAll(onSwitch.flows());
                        groups.putAll(onSwitch.groups());
                        meters.putAll(onSwitch.meters());
                    }
                });
                final var after = new SwitchPlan(flows, groups, meters);
                changes.addAll(FlowLedger.diff(node, applied.getOrDefault(node, SwitchPlan.EMPTY), after));
                applied.put(node, after);
            }
            return changes;
        }
    }

    /**
     * Steps: {@code cluster * 5 + what}, {@code what} 0 removing the cluster, 1 to 4 applying one of its plans.
     */
    @Property(tries = 300)
    void changesAreThoseOfTheUnion(@ForAll("steps") final List<Integer> steps) {
        final var ledger = new FlowLedger();
        final var union = new Union();
        for (int step : steps) {
            final var plans = PLANS.get(step / 5);
            final var name = plans.getFirst().cluster();
            final var touched = new HashSet<String>();
            final var previous = union.plans.get(name);
            if (previous != null) {
                touched.addAll(previous.switches().keySet());
            }
            final List<Change> changes;
            if (step % 5 == 0) {
                union.plans.remove(name);
                changes = ledger.remove(name);
            } else {
                final var plan = plans.get(step % 5 - 1);
                union.plans.put(name, plan);
                touched.addAll(plan.switches().keySet());
                changes = ledger.apply(plan);
            }
            assertEquals(union.settle(touched), changes);
            for (var node : union.applied.keySet()) {
                assertEquals(union.applied.get(node), ledger.applied(node));
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, PLANS.size() * 5 - 1).list().ofMinSize(1).ofMaxSize(12);
    }
}
