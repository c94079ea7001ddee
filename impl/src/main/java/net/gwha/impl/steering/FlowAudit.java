/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.gwha.impl.steering.Change.FlowChange;
import net.gwha.impl.steering.Change.GroupChange;
import net.gwha.impl.steering.Change.MeterChange;
import net.gwha.impl.steering.RpcTransport.Holdings;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs drift: every {@link #PERIOD} each connected switch is asked what of the project's it holds (the
 * direct-statistics RPCs), and whatever of the ledger's it lacks, or holds with other actions or another priority,
 * is sent again (removed by {@code ovs-ofctl del-flows}, changed by another application). A flow is recognised by
 * its cookie, which {@link FlowIds} makes unique per flow on a switch. Not judged: what was written since the
 * switch's previous audit (the forwarding-rules manager may still be installing it), so a loss is repaired within
 * two periods; a group's buckets and a meter's bands, which the statistics do not report (a missing group or meter
 * is restored, ahead of the flows). A flow restored for its actions and reported alike again is not restored again:
 * the switch renders it its own way, and repeating the write would change nothing.
 *
 * <p>Flows with an idle timeout are judged like the others. The only ones are the switch-side ARP answers to learned
 * hosts, and the controller forgets a host, which takes its answer out of the plan, before the switch could idle
 * that answer out: {@link FlowProgrammer#HOST_TTL} after the host's last request the controller heard, against
 * {@link FlowPlanner#HOST_IDLE_SECONDS} after the last one the switch answered or the answer was written, and the
 * controller hears a host only while the switch lacks its answer. So an answer the plan still holds and the switch
 * lacks was removed by someone else (an operator's del-flows, another application), and is restored; one that
 * expired has left the plan first. Left alone, a lost answer stayed lost: the host's next request reaches the
 * controller, which knows the host already and plans nothing new. (A host taken over from a previous arbiter's
 * answer counts as heard at the take-over, while the switch's idle time of that answer began earlier: should it
 * idle out first, it is restored until the controller forgets the host, at most {@code HOST_TTL} later.)
 *
 * <p>Repairs are logged and counted per cluster. Runs on the steering loop.
 */
final class FlowAudit {
    static final Duration PERIOD = Duration.ofSeconds(4);
    private static final Logger LOG = LoggerFactory.getLogger(FlowAudit.class);

    private final FlowLedger ledger;
    private final RpcTransport rpc;
    private final SteeringLoop loop;
    private final FlowWriter.WriteListener listener;
    private final Map<String, AtomicLong> repairs = new ConcurrentHashMap<>();
    // Confined to the loop.
    // node -> which connection of it the audits running belong to: those of an earlier one stop
    private final Map<String, Long> connected = new HashMap<>();
    private long connections;
    // node -> audits of it so far
    private final Map<String, Integer> rounds = new HashMap<>();
    // node -> flow, group or meter -> the round in which it was last written
    private final Map<String, Map<String, Integer>> written = new HashMap<>();
    // node -> flow id -> the actions a switch reported when they were restored for being different
    private final Map<String, Map<String, List<String>>> restoredFrom = new HashMap<>();
    // node -> flow ids reported alike again after that: not restored again until the plan changes them
    private final Map<String, Set<String>> givenUp = new HashMap<>();

    FlowAudit(final FlowLedger ledger, final RpcTransport rpc, final SteeringLoop loop,
            final FlowWriter.WriteListener listener) {
        this.ledger = ledger;
        this.rpc = rpc;
        this.loop = loop;
        this.listener = listener;
    }

    /** How many flows and groups of a cluster were restored so far; any thread. */
    long repairs(final String cluster) {
        final var count = repairs.get(cluster);
        return count == null ? 0 : count.get();
    }

    /** A cluster is gone: its count goes with it. */
    void forget(final String cluster) {
        repairs.remove(cluster);
    }

    void connected(final String node) {
        final long connection = ++connections;
        connected.put(node, connection);
        // Whatever reinstalls it (the reconciler's re-send, the forwarding-rules manager) gets a round's time.
        marked(ledger.everything(node));
        loop.schedule(() -> audit(node, connection), PERIOD);
    }

    void disconnected(final String node) {
        connected.remove(node);
        written.remove(node);
        rounds.remove(node);
        restoredFrom.remove(node);
        givenUp.remove(node);
    }

    /** The writer sent these changes: they are not judged at the switch's next audit, only after it. */
    void written(final List<Change> changes) {
        marked(changes);
        for (var change : changes) {
            if (change instanceof FlowChange flow) {
                restoredFrom.getOrDefault(flow.node(), new HashMap<>()).remove(flow.id());
                givenUp.getOrDefault(flow.node(), new HashSet<>()).remove(flow.id());
            }
        }
    }

    private void marked(final List<Change> changes) {
        for (var change : changes) {
            written.computeIfAbsent(change.node(), node -> new HashMap<>()).put(key(change),
                rounds.getOrDefault(change.node(), 0));
        }
    }

    private static String key(final Change change) {
        return switch (change) {
            case FlowChange flow -> flowKey(flow.id());
            case GroupChange group -> groupKey(group.id());
            case MeterChange meter -> meterKey(meter.id());
        };
    }

    private static String flowKey(final String id) {
        return "flow " + id;
    }

    private static String groupKey(final long id) {
        return "group 0x" + Long.toHexString(id);
    }

    private static String meterKey(final long id) {
        return "meter 0x" + Long.toHexString(id);
    }

    private boolean current(final String node, final long connection) {
        final var current = connected.get(node);
        return current != null && current == connection;
    }

    private void audit(final String node, final long connection) {
        if (!current(node, connection)) {
            return;
        }
        final var holdings = rpc.holdings(node);
        final var meters = rpc.meterIds(node);
        final var both = Futures.whenAllSucceed(holdings, meters).call(() -> null, MoreExecutors.directExecutor());
        Futures.addCallback(both, new FutureCallback<>() {
            @Override
            public void onSuccess(final Object result) {
                loop.execute(() -> {
                    if (current(node, connection)) {
                        repair(node, Futures.getUnchecked(holdings), Futures.getUnchecked(meters));
                        loop.schedule(() -> audit(node, connection), PERIOD);
                    }
                });
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("{}: could not ask what it holds", node, cause);
                loop.execute(() -> loop.schedule(() -> audit(node, connection), PERIOD));
            }
        }, MoreExecutors.directExecutor());
    }

    private void repair(final String node, final Holdings holdings, final Set<Long> meters) {
        final int round = rounds.merge(node, 1, Integer::sum);
        final var recent = written.computeIfAbsent(node, key -> new HashMap<>());
        recent.values().removeIf(writtenIn -> writtenIn < round - 1);
        final var reported = new HashMap<Long, List<FlowAndStatisticsMapList>>();
        holdings.flows().forEach(flow -> reported.computeIfAbsent(flow.getCookie() == null ? 0L
            : flow.getCookie().getValue().longValue(), cookie -> new ArrayList<>()).add(flow));
        final var groups = new HashSet<Long>();
        holdings.groups().forEach(group -> groups.add(group.getGroupId().getValue().toJava()));

        final var plan = ledger.applied(node);
        final var restore = new ArrayList<Change>();
        final var why = new TreeMap<String, String>();
        plan.flows().forEach((id, flow) -> {
            if (recent.containsKey(flowKey(id))) {
                return;
            }
            final var found = reported.getOrDefault(flow.getCookie().getValue().longValue(), List.of());
            final var actions = ActionText.of(flow);
            if (found.isEmpty()) {
                why.put(flowKey(id), "missing");
            } else if (found.stream().noneMatch(held -> flow.getPriority().equals(held.getPriority())
                    && actions.equals(ActionText.of(held)))) {
                final var held = ActionText.of(found.getFirst());
                final var before = restoredFrom.computeIfAbsent(node, key -> new HashMap<>()).put(id, held);
                if (held.equals(before)) {
                    if (givenUp.computeIfAbsent(node, key -> new HashSet<>()).add(id)) {
                        LOG.warn("{}: {} is reported as {} again after it was restored as {}; not restoring it again",
                            node, id, held, actions);
                    }
                    return;
                }
                why.put(flowKey(id), "changed to " + held);
            } else {
                // as planned: a later change, even the same one again, is restored again
                restoredFrom.getOrDefault(node, new HashMap<>()).remove(id);
                givenUp.getOrDefault(node, new HashSet<>()).remove(id);
                return;
            }
            restore.add(new FlowChange(node, id, null, flow));
        });
        plan.groups().forEach((id, group) -> {
            if (!groups.contains(id) && !recent.containsKey(groupKey(id))) {
                why.put(groupKey(id), "missing");
                restore.add(new GroupChange(node, id, null, group));
            }
        });
        plan.meters().forEach((id, meter) -> {
            if (!meters.contains(id) && !recent.containsKey(meterKey(id))) {
                why.put(meterKey(id), "missing");
                restore.add(new MeterChange(node, id, null, meter));
            }
        });
        if (restore.isEmpty()) {
            return;
        }
        LOG.info("{}: restoring what was removed or changed behind the controller's back: {}", node, why);
        count(node, restore);
        marked(restore);
        Futures.addCallback(Futures.allAsList(rpc.send(restore)), SwitchReconciler.logging("repair of " + node),
            MoreExecutors.directExecutor());
    }

    private void count(final String node, final List<Change> restored) {
        final var perCluster = new TreeMap<String, Long>();
        for (var change : restored) {
            final var clusters = switch (change) {
                case FlowChange flow -> ledger.planningFlow(node, flow.id());
                case GroupChange group -> ledger.planningGroup(node, group.id());
                case MeterChange meter -> ledger.planningMeter(node, meter.id());
            };
            clusters.forEach(cluster -> perCluster.merge(cluster, 1L, Long::sum));
        }
        perCluster.forEach((cluster, added) -> listener.flowsRepaired(cluster,
            repairs.computeIfAbsent(cluster, key -> new AtomicLong()).addAndGet(added)));
    }
}
