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
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import net.gwha.impl.engine.Decision;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the engine's decisions to the switches: keeps each cluster's configuration and election order, plans
 * with {@link FlowPlanner} and applies with the {@link FlowWriter}. A change of active gateway reports when the
 * switches confirmed it ({@link ConfirmationListener}).
 *
 * <p>The election order handed to the planner, and so the fast-failover buckets, is the engine's own
 * ({@link Decision.ElectionOrderChanged}): a gateway going down or coming back changes only the groups' buckets. So
 * are the links between switches and the partitions of a split LAN ({@link Decision.PartitionsChanged}), which the
 * engine decides together, so that no plan steers by links its partitions were not worked out from.
 *
 * <p>One owner: every method may be called from any thread (the engine loop, packet-in and datastore threads) and
 * only hands the work to the {@link SteeringLoop}, where all planning and writing happens, one thing at a time,
 * without locks. Failovers come first: hosts that asked for a virtual IP are learned in batches, a moment later,
 * and a batch waits while decisions are queued, so a burst of new hosts never delays a failover's steering.
 */
public final class FlowProgrammer {
    /** Told when the switches confirmed the flows of a change of active gateway. */
    @FunctionalInterface
    public interface ConfirmationListener {
        void flowsConfirmed(String cluster, long decisionNanos, long confirmedNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FlowProgrammer.class);
    // A flow's cookie: tag, fingerprint of its match, cluster; only the fingerprint differs between a cluster's flows.
    private static final long FINGERPRINT_BITS = 0xFFFFL << 32;
    static final int MAX_HOSTS = 1024;
    /** How long the controller remembers a host after its last request: a minute before the switch would. */
    static final Duration HOST_TTL = Duration.ofSeconds(FlowPlanner.HOST_IDLE_SECONDS).minusMinutes(1);
    /** Hosts that ask within this time of each other are learned in one re-plan. */
    static final Duration HOST_BATCH = Duration.ofMillis(100);
    /**
     * How long planning must have paused before clusters are planned ahead for their failures ({@link #prepare}): a
     * burst of configurations (1,000 clusters in one request) is written first, and planned ahead after.
     */
    static final Duration PREPARE_QUIET = Duration.ofMillis(250);

    private final FlowSink writer;
    private final FlowPlanner.Options options;
    private final ConfirmationListener confirmations;
    private final SteeringLoop loop;
    private final LongSupplier nanoClock;

    // Handed over from any thread.
    private final Queue<Asked> asked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger askedCount = new AtomicInteger();
    private final AtomicBoolean learning = new AtomicBoolean();
    private final AtomicInteger decisionsQueued = new AtomicInteger();

    // Confined to the loop.
    private final Map<String, Cluster> configs = new HashMap<>();
    private final Map<String, List<String>> orders = new HashMap<>();
    private final Map<String, Decision.PartitionsChanged> partitions = new HashMap<>();
    private final LearnedHosts hosts = new LearnedHosts(MAX_HOSTS, HOST_TTL);
    // The clusters programmed on each switch: those planned again when one of them changes, as they share punts.
    private final Map<String, Set<String>> onSwitch = new HashMap<>();
    // What every configured cluster puts into the shared punts, so that a plan need not read the others.
    private final PuntShares shares = new PuntShares();
    // Clusters configured, or sharing a switch with one that changed, to be planned together ({@link #planSoon}).
    private final TreeSet<String> due = new TreeSet<>();
    // Configuration notifications being handed over ({@link #burstStarts}): nothing due is planned until they all are.
    private int bursts;
    private boolean planScheduled;
    // The plan each cluster was last given, and the one prepared for its active gateway's failure ({@link #prepare}).
    private final Map<String, Plan> current = new HashMap<>();
    private final Map<String, Prepared> prepared = new HashMap<>();
    private final TreeSet<String> toPrepare = new TreeSet<>();
    private boolean prepareScheduled;
    private long lastPlannedAt;
    private boolean expiryScheduled;

    /** A plan made ahead for this election order, and what else it was made from. */
    private record Prepared(List<String> order, Cluster config, Decision.@Nullable PartitionsChanged lan,
            Set<FlowPlanner.Host> hosts, long sharesRevision, Plan plan) {
        boolean serves(final List<String> wanted, final Cluster configNow,
                final Decision.@Nullable PartitionsChanged lanNow, final Set<FlowPlanner.Host> hostsNow,
                final long sharesNow) {
            return config == configNow && lan == lanNow && sharesRevision == sharesNow && order.equals(wanted)
                && hosts.equals(hostsNow);
        }
    }

    private record Asked(String cluster, FlowPlanner.Host host) {
    }

    /**
     * A programmer.
     *
     * @param writer where the plans go
     * @param options the planner's tunables
     * @param confirmations told when a failover's flows are confirmed
     * @param loop the thread it plans and writes on
     * @param nanoClock the clock hosts are remembered by
     */
    public FlowProgrammer(final FlowSink writer, final FlowPlanner.Options options,
            final ConfirmationListener confirmations, final SteeringLoop loop, final LongSupplier nanoClock) {
        this.writer = writer;
        this.options = options;
        this.confirmations = confirmations;
        this.loop = loop;
        this.nanoClock = nanoClock;
    }

    /** A cluster's configuration changed: re-plan with its current election order. */
    public void configured(final Cluster cluster) {
        loop.run(() -> {
            final var name = cluster.getName().getValue();
            final var previous = configs.put(name, cluster);
            place(name, previous, cluster);
            writer.own(name, FlowPlanner.owned(cluster, options));
            planSoon(Set.of(name));
            replanNeighbours(name, previous, cluster);
        });
    }

    /**
     * A configuration notification is about to be handed over: what its clusters make due is planned once it all
     * is ({@link #burstEnds}). The engine hands its clusters over one at a time, and this loop would otherwise plan
     * in between, again and again: a round that adds clusters to a port re-plans every cluster there and replaces
     * the port's meter (1,000 clusters in one request took tens of rounds). Call before the notification's first
     * {@link #configured}, from the thread that will hand them over; pair with {@link #burstEnds}.
     */
    public void burstStarts() {
        loop.run(() -> bursts++);
    }

    /** The notification announced by {@link #burstStarts} has been handed over: plan what it made due. */
    public void burstEnds() {
        loop.run(() -> {
            bursts--;
            planSoon(Set.of());
        });
    }

    /** Every configured cluster has been handed over: the writer may now tell stale flows from the plan's. */
    public void loaded() {
        loop.run(() -> {
            // The plans of the clusters handed over must be in the ledger before the switches are reconciled.
            planDue();
            writer.loaded();
        });
    }

    /** A cluster was deleted: remove every flow and group it had. */
    public void removed(final String cluster) {
        loop.run(() -> {
            final var previous = configs.remove(cluster);
            place(cluster, previous, null);
            orders.remove(cluster);
            partitions.remove(cluster);
            hosts.forget(cluster);
            current.remove(cluster);
            prepared.remove(cluster);
            log(cluster, writer.remove(cluster));
            replanNeighbours(cluster, previous, null);
        });
    }

    /**
     * Plans again, with the clusters due, the clusters that share a switch with a cluster before or after its change:
     * the punt flows of gateways that share a port, a MAC or an address are planned from every cluster there
     * ({@link PuntFlows}), so a cluster added or deleted resizes or hands over their meter.
     */
    private void replanNeighbours(final String changed, final @Nullable Cluster before,
            final @Nullable Cluster after) {
        final var switches = new TreeSet<String>();
        for (var config : new Cluster[] { before, after }) {
            if (config != null) {
                switches.addAll(FlowPlanner.switchesOf(config));
            }
        }
        final var neighbours = new HashSet<String>();
        for (var node : switches) {
            onSwitch.getOrDefault(node, Set.of()).stream().filter(name -> !name.equals(changed))
                .forEach(neighbours::add);
        }
        planSoon(neighbours);
    }

    /**
     * Plans these clusters once the work queued now is done, together with every cluster configured meanwhile, each
     * once: the configurations of a burst (one request with many clusters, a restart) queued by then are all placed
     * before any is planned, so a port's shared punt meter is resized once per round, not once per cluster added.
     * Each resize replaces the meter on the switch (openflowplugin cannot modify one), taking the port's heartbeat
     * punt with it until it is added again, and fails once more in the forwarding-rules manager (METEREXISTS).
     */
    private void planSoon(final Set<String> clusters) {
        due.addAll(clusters);
        if (bursts == 0 && !planScheduled && !due.isEmpty()) {
            planScheduled = true;
            loop.execute(this::planDue);
        }
    }

    private void planDue() {
        planScheduled = false;
        final var names = List.copyOf(due);
        due.clear();
        names.stream().filter(configs::containsKey).forEach(this::replan);
    }

    /**
     * A host asked for one of the cluster's virtual IPs through a switch and got the controller's reply: from now
     * on that switch answers it alone (up to {@value #MAX_HOSTS} hosts per cluster; beyond, the controller does),
     * until the host has not asked the controller for {@link #HOST_TTL}.
     */
    public void hostAsked(final String cluster, final FlowPlanner.Host host) {
        // Bounded: beyond, a request is simply answered by the controller again next time.
        if (askedCount.incrementAndGet() > MAX_HOSTS) {
            askedCount.decrementAndGet();
            return;
        }
        asked.add(new Asked(cluster, host));
        if (learning.compareAndSet(false, true)) {
            loop.schedule(this::learnHosts, HOST_BATCH);
        }
    }

    /**
     * A switch holds an ARP responder of a configured cluster for a host this node never learned: learned by the
     * previous arbiter, before this node took over. Taken on as if the host had asked here, so that the plan keeps
     * the responder and the host's return flows; else the take-over would remove them all as stale, and every host
     * would ask the controller again. Runs on the loop.
     *
     * @return whether the host was new here (the cluster re-planned)
     */
    public boolean adopt(final String node, final long cookie, final Match match) {
        final var requester = Matches.arpRequester(match);
        if (requester.isEmpty()) {
            return false;
        }
        final var request = requester.orElseThrow();
        for (var cluster : configs.values()) {
            final var name = cluster.getName().getValue();
            final boolean itsCookie = (cookie & ~FINGERPRINT_BITS) == FlowIds.cookie(name).getValue().longValue();
            final boolean itsVip = cluster.requireVirtualIp().stream().map(vip -> vip.getIpv4Address())
                .anyMatch(vip -> vip != null && vip.getValue().equals(request.target()));
            if (itsCookie && itsVip && hosts.learn(name,
                    new FlowPlanner.Host(node, request.mac(), request.ip(), request.target()), nanoClock.getAsLong())) {
                LOG.info("{}: host {} ({}) on {} taken over from the switch's flows", name, request.ip(),
                    request.mac().getValue(), node);
                replan(name);
                scheduleExpiry();
                return true;
            }
        }
        return false;
    }

    /** Re-plans every cluster whose election order, links or partitions the decisions change. */
    public void onDecisions(final List<Decision> decisions) {
        decisionsQueued.incrementAndGet();
        loop.execute(() -> {
            decisionsQueued.decrementAndGet();
            program(decisions);
        });
    }

    private void program(final List<Decision> decisions) {
        final var replan = new TreeSet<String>();
        final var failovers = new HashMap<String, Decision.ActiveGatewayChanged>();
        for (var decision : decisions) {
            switch (decision) {
                case Decision.ElectionOrderChanged changed -> {
                    orders.put(changed.cluster(), changed.order());
                    replan.add(changed.cluster());
                }
                case Decision.PartitionsChanged changed -> {
                    partitions.put(changed.cluster(), changed);
                    replan.add(changed.cluster());
                }
                case Decision.ActiveGatewayChanged changed -> {
                    failovers.put(changed.cluster(), changed);
                    replan.add(changed.cluster());
                }
                default -> {
                    // states, status changes and refusals program nothing
                }
            }
        }
        for (var cluster : replan) {
            if (!configs.containsKey(cluster)) {
                continue;
            }
            final var confirmed = replan(cluster);
            final var failover = failovers.get(cluster);
            if (failover != null) {
                confirmed.addListener(() -> {
                    try {
                        confirmations.flowsConfirmed(cluster, failover.decisionTime(), confirmed.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException e) {
                        // logged by replan()
                    }
                }, MoreExecutors.directExecutor());
            }
        }
    }

    private void learnHosts() {
        if (decisionsQueued.get() > 0) {
            // Decisions first: come back after them.
            loop.execute(this::learnHosts);
            return;
        }
        learning.set(false);
        final long now = nanoClock.getAsLong();
        final var replan = new TreeSet<String>();
        for (var next = asked.poll(); next != null; next = asked.poll()) {
            askedCount.decrementAndGet();
            if (configs.containsKey(next.cluster()) && hosts.learn(next.cluster(), next.host(), now)) {
                replan.add(next.cluster());
            }
        }
        replan.forEach(this::replan);
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        final var next = hosts.nextExpiry();
        if (!expiryScheduled && next.isPresent()) {
            expiryScheduled = true;
            loop.schedule(this::expireHosts, Duration.ofNanos(Math.max(0, next.getAsLong() - nanoClock.getAsLong())));
        }
    }

    private void expireHosts() {
        expiryScheduled = false;
        final var changed = hosts.expire(nanoClock.getAsLong());
        changed.stream().filter(configs::containsKey).forEach(this::replan);
        scheduleExpiry();
    }

    /**
     * Moves a cluster from the switches of its previous configuration to those of its new one, and its shares of the
     * shared punts with it.
     */
    private void place(final String cluster, final @Nullable Cluster before, final @Nullable Cluster after) {
        if (before != null) {
            shares.remove(before);
            for (var node : FlowPlanner.switchesOf(before)) {
                final var there = onSwitch.get(node);
                there.remove(cluster);
                if (there.isEmpty()) {
                    onSwitch.remove(node);
                }
            }
        }
        if (after != null) {
            shares.add(after);
            FlowPlanner.switchesOf(after).forEach(node -> onSwitch.computeIfAbsent(node, unused -> new HashSet<>())
                .add(cluster));
        }
    }

    private ListenableFuture<Long> replan(final String cluster) {
        final var config = configs.get(cluster);
        final var order = orders.getOrDefault(cluster, List.of());
        final var lan = partitions.get(cluster);
        final var known = hosts.of(cluster);
        final var ahead = prepared.remove(cluster);
        final var plan = ahead != null && ahead.serves(order, config, lan, known, sharesRevision(config))
            ? ahead.plan() : plan(config, order, lan, known);
        current.put(cluster, plan);
        final var confirmed = log(cluster, writer.apply(plan));
        prepareSoon(cluster);
        return confirmed;
    }

    private Plan plan(final Cluster config, final List<String> order,
            final Decision.@Nullable PartitionsChanged lan, final Set<FlowPlanner.Host> known) {
        return FlowPlanner.plan(config, order, lan == null ? List.of() : lan.partitions(),
            lan == null ? SwitchLinks.none() : lan.links(), options, known, shares);
    }

    private void prepareSoon(final String cluster) {
        toPrepare.add(cluster);
        lastPlannedAt = nanoClock.getAsLong();
        if (!prepareScheduled) {
            prepareScheduled = true;
            loop.schedule(this::prepareDue, PREPARE_QUIET);
        }
    }

    /** Once planning has paused, one cluster a turn: a decision queued meanwhile waits for one plan at most. */
    private void prepareDue() {
        final long quietNanos = nanoClock.getAsLong() - lastPlannedAt;
        if (quietNanos < PREPARE_QUIET.toNanos()) {
            loop.schedule(this::prepareDue, PREPARE_QUIET.minusNanos(quietNanos));
            return;
        }
        final var cluster = toPrepare.pollFirst();
        if (cluster != null) {
            prepare(cluster);
        }
        if (toPrepare.isEmpty()) {
            prepareScheduled = false;
        } else {
            loop.execute(this::prepareDue);
        }
    }

    /**
     * Plans a cluster ahead for the election order its active gateway's failure leaves, the others in their order:
     * a failover then only writes. Planning is most of a failover's time on the controller, as it runs too seldom
     * for the JVM to compile it (at 20 ms heartbeats, 4 of the 11 ms from the decision to the flow RPCs, and the
     * writer's comparison of the plans another 2, which sharing the current plan's entries saves). Used only while
     * everything else it was planned from is unchanged.
     */
    private void prepare(final String cluster) {
        final var config = configs.get(cluster);
        final var order = orders.getOrDefault(cluster, List.of());
        final var now = current.get(cluster);
        if (config == null || now == null || order.size() < 2) {
            prepared.remove(cluster);
            return;
        }
        final var next = List.copyOf(order.subList(1, order.size()));
        final var lan = partitions.get(cluster);
        final var known = hosts.of(cluster);
        prepared.put(cluster, new Prepared(next, config, lan, known, sharesRevision(config),
            plan(config, next, lan, known).sharing(now)));
    }

    private long sharesRevision(final Cluster config) {
        return shares.revision(FlowPlanner.switchesOf(config));
    }

    private static ListenableFuture<Long> log(final String cluster, final ListenableFuture<Long> future) {
        Futures.addCallback(future, new FutureCallback<Long>() {
            @Override
            public void onSuccess(final Long result) {
                LOG.debug("{}: flows confirmed", cluster);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: programming the switches failed", cluster, cause);
            }
        }, MoreExecutors.directExecutor());
        return future;
    }
}
