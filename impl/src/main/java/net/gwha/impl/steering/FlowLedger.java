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
import java.util.function.Function;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;
import net.gwha.impl.steering.FlowPlanner.SwitchPlan;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;

/**
 * What each switch should hold and what was last applied to it. A switch holds the union of every cluster's plan
 * on it, so a flow clusters share stays while one of them still plans it. Pure and not thread-safe: the writer
 * keeps it on the steering loop.
 *
 * <p>A cluster's new plan costs what it and its previous plan hold, not what the switch holds: each switch keeps,
 * per flow, group and meter id, the clusters that plan it, so that 250 clusters on one switch, or 1,000 configured
 * at once, are settled in time linear in what they plan.
 */
final class FlowLedger {
    /** What one switch holds, by id, and which clusters plan each: the last by name wins, as in a union. */
    private static final class OnSwitch {
        final Map<String, TreeMap<String, Flow>> flows = new HashMap<>();
        final Map<Long, TreeMap<String, Group>> groups = new HashMap<>();
        final Map<Long, TreeMap<String, Meter>> meters = new HashMap<>();
        // what was last applied: the winners
        final TreeMap<String, Flow> appliedFlows = new TreeMap<>();
        final TreeMap<Long, Group> appliedGroups = new TreeMap<>();
        final TreeMap<Long, Meter> appliedMeters = new TreeMap<>();

        boolean isEmpty() {
            return appliedFlows.isEmpty() && appliedGroups.isEmpty() && appliedMeters.isEmpty();
        }

        SwitchPlan applied() {
            return new SwitchPlan(appliedFlows, appliedGroups, appliedMeters);
        }
    }

    private final Map<String, Plan> plans = new HashMap<>();
    private final Map<String, OnSwitch> switches = new HashMap<>();
    private final Map<String, Owned> owned = new HashMap<>();

    /**
     * A cluster's new plan: records it and returns what to change on the switches it or its last plan touch.
     *
     * @param plan the cluster's plan
     * @return the changes, switch by switch, now counted as applied
     */
    List<Change> apply(final Plan plan) {
        final var previous = plans.put(plan.cluster(), plan);
        return settle(plan.cluster(), previous, plan);
    }

    /**
     * A cluster is gone: forgets its plan and what it owns.
     *
     * @return the changes that remove what no other cluster plans, now counted as applied
     */
    List<Change> remove(final String cluster) {
        owned.remove(cluster);
        final var previous = plans.remove(cluster);
        return previous == null ? List.of() : settle(cluster, previous, null);
    }

    /** What a cluster may hold under any election order ({@link FlowPlanner#owned}). */
    void own(final String cluster, final Owned cookiesAndGroups) {
        owned.put(cluster, cookiesAndGroups);
    }

    /** What was last applied to a switch: the union of the clusters' plans there. */
    SwitchPlan applied(final String node) {
        final var onSwitch = switches.get(node);
        return onSwitch == null ? SwitchPlan.EMPTY : onSwitch.applied();
    }

    /** The switches something was applied to. */
    Set<String> switches() {
        return Set.copyOf(switches.keySet());
    }

    /** Everything a switch holds, as changes that add it. */
    List<Change> everything(final String node) {
        return diff(node, SwitchPlan.EMPTY, applied(node));
    }

    /**
     * What replaces a meter a switch holds with settings nobody can read back: the planned meter, removed and added
     * again, then every flow of the switch's plan that names it, which the switch removes with the meter.
     *
     * @return the changes, meter first; none when the switch's plan has no such meter (its removal is on its way)
     */
    List<Change> replacement(final String node, final long meterId) {
        final var onSwitch = switches.get(node);
        final var meter = onSwitch == null ? null : onSwitch.appliedMeters.get(meterId);
        if (meter == null) {
            return List.of();
        }
        final var changes = new ArrayList<Change>();
        changes.add(new MeterChange(node, meterId, meter, meter));
        onSwitch.appliedFlows.forEach((id, flow) -> {
            if (FlowEntries.meter(flow).filter(named -> named == meterId).isPresent()) {
                changes.add(new FlowChange(node, id, null, flow));
            }
        });
        return changes;
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
        return planning(node, onSwitch -> onSwitch.flows.get(flowId));
    }

    /** The clusters whose plan puts this group on this switch, in name order. */
    Set<String> planningGroup(final String node, final long groupId) {
        return planning(node, onSwitch -> onSwitch.groups.get(groupId));
    }

    /** The clusters whose plan puts this meter on this switch, in name order. */
    Set<String> planningMeter(final String node, final long meterId) {
        return planning(node, onSwitch -> onSwitch.meters.get(meterId));
    }

    private Set<String> planning(final String node,
            final Function<OnSwitch, @Nullable TreeMap<String, ?>> holders) {
        final var onSwitch = switches.get(node);
        final var planners = onSwitch == null ? null : holders.apply(onSwitch);
        return planners == null ? Set.of() : new TreeSet<>(planners.keySet());
    }

    /**
     * Moves a cluster from its previous plan to its new one on every switch either touches, and returns what
     * changes there: only the ids either plans, and the flows that name a meter replaced on the way.
     */
    private List<Change> settle(final String cluster, final @Nullable Plan previous, final @Nullable Plan plan) {
        final var touched = new TreeSet<String>();
        if (plan != null) {
            touched.addAll(plan.switches().keySet());
        }
        if (previous != null) {
            touched.addAll(previous.switches().keySet());
        }
        final var changes = new ArrayList<Change>();
        for (var node : touched) {
            final var before = previous == null ? null : previous.switches().get(node);
            final var after = plan == null ? null : plan.switches().get(node);
            final var onSwitch = switches.computeIfAbsent(node, unused -> new OnSwitch());
            final var flowIds = ids(before == null ? null : before.flows(), after == null ? null : after.flows());
            final var groupIds = ids(before == null ? null : before.groups(), after == null ? null : after.groups());
            final var meterIds = ids(before == null ? null : before.meters(), after == null ? null : after.meters());
            final var was = new SwitchPlan(slice(onSwitch.appliedFlows, flowIds),
                slice(onSwitch.appliedGroups, groupIds), slice(onSwitch.appliedMeters, meterIds));
            hold(cluster, flowIds, after == null ? null : after.flows(), onSwitch.flows, onSwitch.appliedFlows);
            hold(cluster, groupIds, after == null ? null : after.groups(), onSwitch.groups, onSwitch.appliedGroups);
            hold(cluster, meterIds, after == null ? null : after.meters(), onSwitch.meters, onSwitch.appliedMeters);
            final var flows = slice(onSwitch.appliedFlows, flowIds);
            // a replaced meter takes every flow that names it off the switch, whoever plans them: add them again
            final var replaced = new HashSet<Long>();
            was.meters().forEach((id, meter) -> {
                final var now = onSwitch.appliedMeters.get(id);
                if (now != null && !now.equals(meter)) {
                    replaced.add(id);
                }
            });
            if (!replaced.isEmpty()) {
                onSwitch.appliedFlows.forEach((id, flow) -> {
                    if (FlowEntries.meter(flow).filter(replaced::contains).isPresent()) {
                        flows.put(id, flow);
                    }
                });
            }
            changes.addAll(diff(node, was, new SwitchPlan(flows, slice(onSwitch.appliedGroups, groupIds),
                slice(onSwitch.appliedMeters, meterIds))));
            if (onSwitch.isEmpty()) {
                switches.remove(node);
            }
        }
        return changes;
    }

    private static <K> Set<K> ids(final @Nullable Map<K, ?> before, final @Nullable Map<K, ?> after) {
        final var ids = new HashSet<K>();
        if (before != null) {
            ids.addAll(before.keySet());
        }
        if (after != null) {
            ids.addAll(after.keySet());
        }
        return ids;
    }

    private static <K, V> TreeMap<K, V> slice(final Map<K, V> applied, final Set<K> ids) {
        final var slice = new TreeMap<K, V>();
        for (var id : ids) {
            final var value = applied.get(id);
            if (value != null) {
                slice.put(id, value);
            }
        }
        return slice;
    }

    /** The cluster now plans {@code planned} (null: nothing) of these ids; the winners are applied. */
    private static <K, V> void hold(final String cluster, final Set<K> ids, final @Nullable Map<K, V> planned,
            final Map<K, TreeMap<String, V>> holders, final Map<K, V> applied) {
        for (var id : ids) {
            final var value = planned == null ? null : planned.get(id);
            final var byCluster = holders.computeIfAbsent(id, unused -> new TreeMap<>());
            if (value == null) {
                byCluster.remove(cluster);
            } else {
                byCluster.put(cluster, value);
            }
            if (byCluster.isEmpty()) {
                holders.remove(id);
                applied.remove(id);
            } else {
                applied.put(id, byCluster.lastEntry().getValue());
            }
        }
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
