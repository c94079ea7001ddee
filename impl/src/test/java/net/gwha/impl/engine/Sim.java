/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Decision.ActiveGatewayChanged;
import net.gwha.impl.engine.Event.HeartbeatReceived;
import net.gwha.impl.engine.Event.Tick;

/**
 * Drives one cluster of an {@link Engine} on a fake clock (milliseconds in the test, nanoseconds to the engine)
 * and plays the adapter's timer: every wake-up the engine asks for gets its tick, in time order with the
 * heartbeats of the gateways registered as senders. No sleeps.
 */
final class Sim {
    static final String CLUSTER = "c1";
    /** The switch every gateway of {@link #A}, {@link #B} and {@link #C} is attached to. */
    static final String SWITCH = "openflow:1";
    /** The virtual IP of the clusters here; the engine only takes its family. */
    static final Ipv4 VIP = Ipv4.parse("10.0.0.254");
    static final VirtualAddresses VIPS = VirtualAddresses.ipv4(1, VIP);
    static final GatewayConfig A = new GatewayConfig("a", 100, Ipv4.parse("10.0.0.1"), SWITCH, true);
    static final GatewayConfig B = new GatewayConfig("b", 200, Ipv4.parse("10.0.0.2"), SWITCH, true);
    static final GatewayConfig C = new GatewayConfig("c", 150, Ipv4.parse("10.0.0.3"), SWITCH, true);

    final Engine engine = new Engine();
    final List<Decision> decisions = new ArrayList<>();
    /** Senders: gateway to the time of its next heartbeat (ms); name order keeps runs deterministic. */
    private final Map<String, Long> senders = new TreeMap<>();
    /** Likewise on IPv6; at one instant IPv4 goes first. */
    private final Map<String, Long> ipv6Senders = new TreeMap<>();
    private final Map<String, Integer> priorities = new TreeMap<>();
    private long intervalMillis = 1000;
    private long now;

    static long nanos(final long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** A config with interval 1 s, dead 3 s, hold-up 3 s, preemption on without delay, fixed detector. */
    static ClusterConfig config(final GatewayConfig... gateways) {
        return new ClusterConfig(CLUSTER, 1, 1000, 3000, DetectorConfig.fixed(), true, 0, 3000, false,
            Arrays.asList(gateways), VIPS);
    }

    static ClusterConfig withPreempt(final ClusterConfig config, final boolean preempt, final long delayMillis) {
        return new ClusterConfig(config.name(), config.vrid(), config.heartbeatIntervalMillis(),
            config.deadIntervalMillis(), config.detector(), preempt, delayMillis, config.holdUpMillis(),
            config.useAdvertisedPriority(), config.gateways(), config.hostSwitches(),
            config.virtualAddresses());
    }

    static ClusterConfig withDetector(final ClusterConfig config, final DetectorConfig detector) {
        return new ClusterConfig(config.name(), config.vrid(), config.heartbeatIntervalMillis(),
            config.deadIntervalMillis(), detector, config.preempt(), config.preemptDelayMillis(),
            config.holdUpMillis(), config.useAdvertisedPriority(), config.gateways(), config.hostSwitches(),
            config.virtualAddresses());
    }

    static ClusterConfig withAdvertised(final ClusterConfig config) {
        return new ClusterConfig(config.name(), config.vrid(), config.heartbeatIntervalMillis(),
            config.deadIntervalMillis(), config.detector(), config.preempt(), config.preemptDelayMillis(),
            config.holdUpMillis(), true, config.gateways(), config.hostSwitches(),
            config.virtualAddresses());
    }

    static ClusterConfig withGateways(final ClusterConfig config, final GatewayConfig... gateways) {
        return new ClusterConfig(config.name(), config.vrid(), config.heartbeatIntervalMillis(),
            config.deadIntervalMillis(), config.detector(), config.preempt(), config.preemptDelayMillis(),
            config.holdUpMillis(), config.useAdvertisedPriority(), Arrays.asList(gateways), config.hostSwitches(),
            config.virtualAddresses());
    }

    /** The same cluster with hosts on these switches too. */
    static ClusterConfig withHostSwitches(final ClusterConfig config, final String... switches) {
        return new ClusterConfig(config.name(), config.vrid(), config.heartbeatIntervalMillis(),
            config.deadIntervalMillis(), config.detector(), config.preempt(), config.preemptDelayMillis(),
            config.holdUpMillis(), config.useAdvertisedPriority(), config.gateways(), Set.of(switches),
            config.virtualAddresses());
    }

    long now() {
        return now;
    }

    Outcome apply(final Event event) {
        final Outcome outcome = engine.apply(event);
        decisions.addAll(outcome.decisions());
        return outcome;
    }

    Outcome configure(final ClusterConfig config) {
        intervalMillis = config.heartbeatIntervalMillis();
        return apply(new Event.ConfigSet(config, nanos(now)));
    }

    /** This engine takes the cluster over from a previous arbiter, which published {@code handover}. */
    Outcome takeOver(final ClusterConfig config, final Handover handover) {
        intervalMillis = config.heartbeatIntervalMillis();
        return apply(new Event.ConfigSet(config, Optional.of(handover), nanos(now)));
    }

    /** One heartbeat now, with the gateway's current advertised priority. */
    Outcome heartbeat(final String gateway) {
        return heartbeat(gateway, AddressFamily.IPV4);
    }

    /** One heartbeat of the family now, with the gateway's current advertised priority. */
    Outcome heartbeat(final String gateway, final AddressFamily family) {
        return apply(new HeartbeatReceived(CLUSTER, gateway, family, priorities.getOrDefault(gateway, 100), 100,
            nanos(now)));
    }

    /** The gateway sends every interval from now on (first one now), advertising {@code priority}. */
    void send(final String gateway, final int priority) {
        priorities.put(gateway, priority);
        senders.put(gateway, now);
    }

    void send(final String gateway) {
        send(gateway, priorities.getOrDefault(gateway, 100));
    }

    /** The gateway sends on the family every interval from now on (first one now). */
    void send(final String gateway, final AddressFamily family) {
        priorities.putIfAbsent(gateway, 100);
        (family == AddressFamily.IPV4 ? senders : ipv6Senders).put(gateway, now);
    }

    /** The gateway's next heartbeats advertise {@code priority} (0: resign). */
    void advertise(final String gateway, final int priority) {
        priorities.put(gateway, priority);
    }

    /** The gateway stops sending, on every family. */
    void silence(final String gateway) {
        senders.remove(gateway);
        ipv6Senders.remove(gateway);
    }

    /** The gateway stops sending on the family. */
    void silence(final String gateway, final AddressFamily family) {
        (family == AddressFamily.IPV4 ? senders : ipv6Senders).remove(gateway);
    }

    Outcome port(final String gateway, final boolean up) {
        return apply(new Event.PortStatus(CLUSTER, gateway, up, nanos(now)));
    }

    Outcome disconnect(final String switchId) {
        return apply(new Event.SwitchDisconnected(switchId, nanos(now)));
    }

    /** The controller reports the switch connected, as when it starts and finds it, or when it connects. */
    Outcome connect(final String switchId) {
        return apply(new Event.SwitchConnected(switchId, nanos(now)));
    }

    Outcome reconnect(final String switchId) {
        return apply(new Event.SwitchConnected(switchId, nanos(now)));
    }

    /** The switch's heartbeats now arrive relayed by another controller node, or directly again. */
    Outcome relayed(final String switchId, final boolean relayed) {
        return apply(new Event.SwitchRelayed(switchId, relayed, nanos(now)));
    }

    /** openflowplugin's topology now reports these links. */
    Outcome links(final SwitchLinks links) {
        return apply(new Event.LinksChanged(Optional.of(links), nanos(now)));
    }

    Outcome switchOver(final String gateway) {
        return apply(new Event.SwitchOver(CLUSTER, gateway, nanos(now)));
    }

    Outcome maintenance(final String gateway, final boolean on) {
        return apply(new Event.Maintenance(CLUSTER, gateway, on, nanos(now)));
    }

    /** Runs to {@code millis}: heartbeats of the senders and the ticks the engine asks for, in time order. */
    void runTo(final long millis) {
        while (true) {
            final OptionalLong wakeup = engine.nextWakeup(CLUSTER);
            String sender = null;
            Map<String, Long> from = senders;
            long beat = Long.MAX_VALUE;
            for (var map : List.of(senders, ipv6Senders)) {
                for (var entry : map.entrySet()) {
                    if (entry.getValue() < beat) {
                        sender = entry.getKey();
                        beat = entry.getValue();
                        from = map;
                    }
                }
            }
            final long tickNanos = wakeup.orElse(Long.MAX_VALUE);
            if (sender != null && nanos(beat) <= tickNanos && beat <= millis) {
                now = beat;
                heartbeat(sender, from == senders ? AddressFamily.IPV4 : AddressFamily.IPV6);
                from.put(sender, beat + intervalMillis);
            } else if (tickNanos <= nanos(millis)) {
                // the fake clock ticks in milliseconds; the tick carries the exact wake-up
                now = TimeUnit.NANOSECONDS.toMillis(tickNanos);
                apply(new Tick(tickNanos));
            } else {
                now = millis;
                return;
            }
        }
    }

    ClusterSnapshot snapshot() {
        return engine.snapshot(CLUSTER).orElseThrow();
    }

    String active() {
        return snapshot().activeGateway().orElse("-");
    }

    GatewayState state(final String gateway) {
        return snapshot().gateways().stream().filter(g -> g.name().equals(gateway)).findFirst().orElseThrow()
            .state();
    }

    List<ActiveGatewayChanged> changes() {
        return decisions.stream().filter(ActiveGatewayChanged.class::isInstance).map(ActiveGatewayChanged.class::cast)
            .toList();
    }

    ActiveGatewayChanged lastChange() {
        final var changes = changes();
        return changes.get(changes.size() - 1);
    }

    /** Asserts the last change of the cluster's active gateway, times in milliseconds. */
    void assertLastChange(final String from, final String to, final FailoverCause cause, final long causeMillis,
            final long decisionMillis) {
        assertLastChange(Optional.empty(), from, to, cause, causeMillis, decisionMillis);
    }

    /** Asserts the last change of active gateway, of the cluster or of a partition, times in milliseconds. */
    void assertLastChange(final Optional<String> partition, final String from, final String to,
            final FailoverCause cause, final long causeMillis, final long decisionMillis) {
        final ActiveGatewayChanged change = lastChange();
        assertEquals(List.of(partition, from, to, cause, nanos(causeMillis), nanos(decisionMillis)),
            List.of(change.partition(), change.from().orElse("-"), change.to(), change.cause(), change.causeTime(),
                change.decisionTime()), change.toString());
    }
}
