/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;
import net.gwha.impl.steering.FlowPlanner.SwitchPlan;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;

/**
 * What each switch should hold and what was last applied to it. A switch holds the union of every cluster's plan
 * on it, so a flow clusters share stays while one of them still plans it. Pure and not thread-safe: the writer
 * keeps it on the steering loop.
 */
final class FlowLedger {
    // By cluster name: where two plans hold one id with different content (a punt meter two clusters share on a
    // host switch), the same one wins every time.
    private final Map<String, Plan> plans = new TreeMap<>();
    private final Map<String, SwitchPlan> applied = new HashMap<>();
    private final Map<String, Owned> owned = new HashMap<>();

    /**
     * A cluster's new plan: records it and returns what to change on the switches it or its last plan touch.
     *
     * @param plan the cluster's plan
     * @return the changes, switch by switch, now counted as applied
     */
    List<Change> apply(final Plan plan) {
        final var previous = plans.put(plan.cluster(), plan);
        final var touched = new TreeSet<>(plan.switches().keySet());
        if (previous != null) {
            touched.addAll(previous.switches().keySet());
        }
        return settle(touched);
    }

    /**
     * A cluster is gone: forgets its plan and what it owns.
     *
     * @return the changes that remove what no other cluster plans, now counted as applied
     */
    List<Change> remove(final String cluster) {
        owned.remove(cluster);
        final var previous = plans.remove(cluster);
        return previous == null ? List.of() : settle(new TreeSet<>(previous.switches().keySet()));
    }

    /** What a cluster may hold under any election order ({@link FlowPlanner#owned}). */
    void own(final String cluster, final Owned cookiesAndGroups) {
        owned.put(cluster, cookiesAndGroups);
    }

    /** What was last applied to a switch: the union of the clusters' plans there. */
    SwitchPlan applied(final String node) {
        return applied.getOrDefault(node, SwitchPlan.EMPTY);
    }

    /** The switches something was applied to. */
    Set<String> switches() {
        return Set.copyOf(applied.keySet());
    }

    /** Everything a switch holds, as changes that add it. */
    List<Change> everything(final String node) {
        return diff(node, SwitchPlan.EMPTY, applied(node));
    }

    /**
     * What stays on a switch: the cookies and group ids any configured cluster owns, and everything applied there.
     * Anything else of the project's on the switch is stale.
     */
    Owned keep(final String node) {
        final var cookies = new HashSet<Long>();
        final var groups = new HashSet<Long>();
        final var meters = new HashSet<Long>();
        owned.values().forEach(own -> {
            cookies.addAll(own.cookies());
            groups.addAll(own.groups());
            meters.addAll(own.meters());
        });
        final var holds = applied(node);
        holds.flows().values().forEach(flow -> cookies.add(flow.getCookie().getValue().longValue()));
        groups.addAll(holds.groups().keySet());
        meters.addAll(holds.meters().keySet());
        return new Owned(cookies, groups, meters);
    }

    /** The clusters whose plan puts this flow on this switch, in name order. */
    Set<String> planningFlow(final String node, final String flowId) {
        return planning(node, onSwitch -> onSwitch.flows().containsKey(flowId));
    }

    /** The clusters whose plan puts this group on this switch, in name order. */
    Set<String> planningGroup(final String node, final long groupId) {
        return planning(node, onSwitch -> onSwitch.groups().containsKey(groupId));
    }

    /** The clusters whose plan puts this meter on this switch, in name order. */
    Set<String> planningMeter(final String node, final long meterId) {
        return planning(node, onSwitch -> onSwitch.meters().containsKey(meterId));
    }

    private Set<String> planning(final String node, final Predicate<SwitchPlan> holds) {
        final var clusters = new TreeSet<String>();
        plans.forEach((cluster, plan) -> {
            final var onSwitch = plan.switches().get(node);
            if (onSwitch != null && holds.test(onSwitch)) {
                clusters.add(cluster);
            }
        });
        return clusters;
    }

    private List<Change> settle(final TreeSet<String> switches) {
        final var changes = new ArrayList<Change>();
        for (var node : switches) {
            final var after = union(node);
            changes.addAll(diff(node, applied(node), after));
            if (after.isEmpty()) {
                applied.remove(node);
            } else {
                applied.put(node, after);
            }
        }
        return changes;
    }

    private SwitchPlan union(final String node) {
        final var flows = new TreeMap<String, Flow>();
        final var groups = new TreeMap<Long, Group>();
        final var meters = new TreeMap<Long, Meter>();
        for (var plan : plans.values()) {
            final var onSwitch = plan.switches().get(node);
            if (onSwitch != null) {
                flows.putAll(onSwitch.flows());
                groups.putAll(onSwitch.groups());
                meters.putAll(onSwitch.meters());
            }
        }
        return new SwitchPlan(flows, groups, meters);
    }

    /**
     * What turns one switch plan into the other: meters first, then groups, then flows, each by id. A meter whose
     * settings change is replaced on the switch, which removes the flows that name it: those are added again.
     */
    static List<Change> diff(final String node, final SwitchPlan before, final SwitchPlan after) {
        final var changes = new ArrayList<Change>();
        final var replacedMeters = new HashSet<Long>();
        after.meters().forEach((id, meter) -> {
            final var old = before.meters().get(id);
            if (!meter.equals(old)) {
                changes.add(new MeterChange(node, id, old, meter));
                if (old != null) {
                    replacedMeters.add(id);
                }
            }
        });
        before.meters().forEach((id, meter) -> {
            if (!after.meters().containsKey(id)) {
                changes.add(new MeterChange(node, id, meter, null));
            }
        });
        after.groups().forEach((id, group) -> {
            final var old = before.groups().get(id);
            if (!group.equals(old)) {
                changes.add(new GroupChange(node, id, old, group));
            }
        });
        before.groups().forEach((id, group) -> {
            if (!after.groups().containsKey(id)) {
                changes.add(new GroupChange(node, id, group, null));
            }
        });
        after.flows().forEach((id, flow) -> {
            final var old = before.flows().get(id);
            if (FlowEntries.meter(flow).filter(replacedMeters::contains).isPresent()) {
                changes.add(new FlowChange(node, id, null, flow));
            } else if (!flow.equals(old)) {
                changes.add(new FlowChange(node, id, old, flow));
            }
        });
        before.flows().forEach((id, flow) -> {
            if (!after.flows().containsKey(id)) {
                changes.add(new FlowChange(node, id, flow, null));
            }
        });
        return changes;
    }
}
