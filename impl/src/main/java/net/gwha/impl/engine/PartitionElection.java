/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static net.gwha.impl.engine.Gateway.NEVER;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import net.gwha.impl.engine.ClusterSnapshot.PartitionSnapshot;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Decision.Partition;
import net.gwha.impl.engine.Decision.PartitionsChanged;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The partitions of one cluster's LAN ({@link Reachability}) and the election in each that does not hold the
 * cluster's active gateway. Owned by its cluster, which runs it after its own election.
 *
 * <p>The cluster's own election is untouched: over every gateway, wherever it is. Its active gateway steers the
 * partition it is in, the main one. Every other partition elects among its own gateways by the same order, with the
 * same preemption; hold-up is liveness, the same everywhere. Nothing is elected before the cluster's first election.
 */
final class PartitionElection {
    private static final SortedSet<String> WHOLE = Collections.emptySortedSet();
    /** No gateway: a gateway's name is never empty ({@link GatewayConfig}). */
    private static final String NONE = "";

    /** A partition other than the main one, as last worked out; {@code active} null when it has none. */
    private record Part(String id, SortedSet<String> switches, @Nullable String active, List<String> order) {
    }

    private final String cluster;
    private final Reachability reachability;
    /** Whether the first gateway beats the second in the cluster's election. */
    private final BiPredicate<Gateway, Gateway> better;

    private SortedSet<String> switches = new TreeSet<>();
    /**
     * Until when this cluster's switches count as one partition: LLDP reaches the controller through the punt flows
     * the cluster's configuration installs, so links the topology lost while nothing punted LLDP come back only then.
     */
    private long splitsFrom = NEVER;
    /** The partitions of {@link #switches} as of {@link #version}. */
    private List<SortedSet<String>> groups = List.of();
    private int version = -1;
    /** The main partition's switches while the LAN is split, empty while it is whole (never empty when split). */
    private SortedSet<String> main = WHOLE;
    private List<Part> parts = List.of();
    /**
     * The cluster's active gateway as of the last evaluation, where every switch outside {@link #parts} steers;
     * {@link #NONE} while there is none.
     */
    private String lastMain = NONE;
    private long preemptAt = NEVER;
    /** What the last {@link PartitionsChanged} said. */
    private SwitchLinks publishedLinks = SwitchLinks.none();
    private List<Partition> published = List.of();

    PartitionElection(final String cluster, final Reachability reachability,
            final BiPredicate<Gateway, Gateway> better) {
        this.cluster = cluster;
        this.reachability = reachability;
        this.better = better;
    }

    /** The cluster's switches, its gateways' and its hosts', as of {@code at}. */
    void configure(final SortedSet<String> newSwitches, final long at) {
        if (!newSwitches.equals(switches)) {
            // Rule: a cluster's new switches are not split for a discovery time, while LLDP finds their links
            splitsFrom = at + Reachability.DISCOVERY_NANOS;
        }
        switches = newSwitches;
        version = -1;
    }

    long wakeup() {
        return Math.min(Math.min(preemptAt, reachability.wakeup()), splitsFrom);
    }

    /** Whether a gateway is in the main partition: every gateway while the LAN is whole. */
    boolean inMain(final Gateway gateway) {
        return main.isEmpty() || main.contains(gateway.config.switchId());
    }

    /** Whether a gateway is the active one of a partition other than the main one. */
    boolean leads(final Gateway gateway) {
        // by index: asked for every gateway after every heartbeat, and an iterator would allocate
        for (int i = 0; i < parts.size(); i++) {
            if (gateway.name().equals(parts.get(i).active())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Works out the partitions after the cluster's election and elects in those the active gateway is not in.
     *
     * @param active the index of the cluster's active gateway, -1 if none
     * @param trigger as the cluster's: the cause to report if a better gateway preempts because of this very event
     */
    void evaluate(final Gateway[] gateways, final int active, final boolean preempt, final long preemptDelayNanos,
            final long at, final @Nullable FailoverCause trigger, final List<Decision> out) {
        preemptAt = NEVER;
        if (splitsFrom <= at) {
            splitsFrom = NEVER;
            version = -1;
        }
        if (version != reachability.version()) {
            version = reachability.version();
            groups = splitsFrom == NEVER ? reachability.partitions(switches) : List.of(switches);
        }
        final String mainActive = active < 0 ? NONE : gateways[active].name();
        main = WHOLE;
        List<Part> next = List.of();
        if (active >= 0 && groups.size() > 1) {
            next = new ArrayList<>(groups.size() - 1);
            for (SortedSet<String> group : groups) {
                if (group.contains(gateways[active].config.switchId())) {
                    main = group;
                } else {
                    next.add(elect(group, gateways, preempt, preemptDelayNanos, at, trigger, out));
                }
            }
        }
        if (active >= 0 && !parts.isEmpty()) {
            healed(main.isEmpty() ? switches : main, mainActive, at, out);
        }
        parts = next;
        lastMain = mainActive;
        publish(at, out);
    }

    // Rule: a partition keeps the gateway its switches were steered to while that gateway is in it (where partitions
    // merged, the better of theirs, live ones first); from there the cluster's rules apply within the partition:
    // failover when it is no longer live and in service, preemption by a better one after the preempt delay. A new
    // partition elects its best live gateway at once
    private Part elect(final SortedSet<String> group, final Gateway[] gateways, final boolean preempt,
            final long preemptDelayNanos, final long at, final @Nullable FailoverCause trigger,
            final List<Decision> out) {
        @Nullable Gateway carried = null;
        @Nullable Gateway best = null;
        for (Gateway gateway : gateways) {
            if (!group.contains(gateway.config.switchId())) {
                continue;
            }
            if (gateway.electable() && (best == null || better.test(gateway, best))) {
                best = gateway;
            }
            if (targetsIn(group, gateway.name()) && (carried == null || keeps(gateway, carried))) {
                carried = gateway;
            }
        }
        @Nullable Gateway chosen = carried;
        FailoverCause cause = FailoverCause.PARTITIONED;
        long causeTime = at;
        if (carried == null) {
            chosen = best;
        } else if (!carried.electable()) {
            // with nobody live in the partition keep steering to the last one, as the cluster does
            chosen = best != null ? best : carried;
            cause = carried.lossCause;
            causeTime = carried.lossAt;
        } else if (preempt && best != null && best != carried && better.test(best, carried)) {
            final long ready = best.upSince + preemptDelayNanos;
            if (ready <= at) {
                chosen = best;
                cause = trigger != null ? trigger : FailoverCause.PREEMPTED;
                causeTime = trigger != null ? at : ready;
            } else {
                preemptAt = Math.min(preemptAt, ready);
            }
        }
        final String id = group.first();
        if (chosen == null) {
            return new Part(id, group, null, List.of());
        }
        final String to = chosen.name();
        final var from = new LinkedHashSet<Optional<String>>();
        group.forEach(switchId -> from.add(Optional.ofNullable(targetOf(switchId))));
        for (Optional<String> previous : from) {
            if (previous.equals(Optional.of(to))) {
                continue;
            }
            final boolean kept = carried != null && previous.equals(Optional.of(carried.name()));
            // hosts from a partition that had a gateway of its own in this one, or none at all, healed into it;
            // hosts whose gateway is now out of reach are cut off
            final boolean joined = !kept && carried != null
                && (previous.isEmpty() || inGroup(gateways, group, previous.orElseThrow()));
            out.add(new ActiveGatewayChanged(cluster, previous, to, kept ? cause
                : joined ? FailoverCause.PARTITION_HEALED : FailoverCause.PARTITIONED, kept ? causeTime : at, at,
                Optional.of(id)));
        }
        return new Part(id, group, to, order(gateways, group, chosen));
    }

    // Rule: the hosts of a partition that joins the main one are steered to the cluster's active gateway at once
    private void healed(final SortedSet<String> mainSwitches, final String mainActive, final long at,
            final List<Decision> out) {
        for (Part part : parts) {
            if (!Objects.equals(part.active(), mainActive) && !Collections.disjoint(part.switches(), mainSwitches)) {
                out.add(new ActiveGatewayChanged(cluster, Optional.ofNullable(part.active()), mainActive,
                    FailoverCause.PARTITION_HEALED, at, at, Optional.of(part.id())));
            }
        }
    }

    /** Where a switch was steered to as of the last evaluation; null for nowhere. */
    private @Nullable String targetOf(final String switchId) {
        for (Part part : parts) {
            if (part.switches().contains(switchId)) {
                return part.active();
            }
        }
        return lastMain.equals(NONE) ? null : lastMain;
    }

    /** Whether some switch of the group was steered to the named gateway. */
    private boolean targetsIn(final SortedSet<String> group, final String gateway) {
        for (String switchId : group) {
            if (gateway.equals(targetOf(switchId))) {
                return true;
            }
        }
        return false;
    }

    /** Which of two gateways the merged partition keeps: a live one, else the better. */
    private boolean keeps(final Gateway first, final Gateway second) {
        return first.electable() != second.electable() ? first.electable() : better.test(first, second);
    }

    private static boolean inGroup(final Gateway[] gateways, final SortedSet<String> group, final String name) {
        for (Gateway gateway : gateways) {
            if (gateway.name().equals(name)) {
                return group.contains(gateway.config.switchId());
            }
        }
        return false;
    }

    /** As the cluster's order: the active gateway first, then every other live one of the partition, best first. */
    private List<String> order(final Gateway[] gateways, final SortedSet<String> group, final Gateway chosen) {
        final var others = new ArrayList<Gateway>();
        for (Gateway gateway : gateways) {
            if (gateway != chosen && gateway.electable() && group.contains(gateway.config.switchId())) {
                others.add(gateway);
            }
        }
        others.sort((first, second) -> better.test(first, second) ? -1 : better.test(second, first) ? 1 : 0);
        final var names = new ArrayList<String>(others.size() + 1);
        names.add(chosen.name());
        others.forEach(gateway -> names.add(gateway.name()));
        return names;
    }

    private void publish(final long at, final List<Decision> out) {
        final SwitchLinks links = reachability.links();
        boolean changed = false;
        if (links != publishedLinks) {
            changed = !links.equals(publishedLinks);
            publishedLinks = links;
        }
        if (!parts.isEmpty() || !published.isEmpty()) {
            final List<Partition> now = parts.stream()
                .map(part -> new Partition(part.id(), List.copyOf(part.switches()), part.order())).toList();
            changed |= !now.equals(published);
            published = now;
        }
        if (changed) {
            out.add(new PartitionsChanged(cluster, links, published, at));
        }
    }

    /** Every partition while the LAN is split, the main one with the cluster's active gateway; else none. */
    List<PartitionSnapshot> snapshot() {
        if (parts.isEmpty()) {
            return List.of();
        }
        final var all = new ArrayList<PartitionSnapshot>(parts.size() + 1);
        all.add(new PartitionSnapshot(main.first(), List.copyOf(main), Optional.of(lastMain)));
        parts.forEach(part -> all.add(new PartitionSnapshot(part.id(), List.copyOf(part.switches()),
            Optional.ofNullable(part.active()))));
        all.sort((first, second) -> first.id().compareTo(second.id()));
        return all;
    }
}
