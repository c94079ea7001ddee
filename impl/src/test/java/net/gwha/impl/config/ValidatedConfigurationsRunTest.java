/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.DetectorType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.FailureDetector;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.FailureDetectorBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.gateway.AttachmentBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Whatever configuration {@link ClusterValidator} accepts, {@link EngineConfigs} turns into an engine
 * configuration and the engine runs: configured, heard, judged, reconfigured, cut off and reconnected, it never
 * refuses. Clusters are generated over the model's ranges (every leaf present or absent, numbers from their edges
 * to values that make sense together), so that both sides of every rule come up.
 */
class ValidatedConfigurationsRunTest {
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    private static final List<String> GATEWAY_ADDRESSES = List.of("192.0.2.11", "192.0.2.12", "192.0.2.13",
        "198.51.100.11");
    /** A gateway's IPv6 link-local by index; the last is none, one the first in another text. */
    private static final List<String> LINK_LOCALS = List.of("fe80::11", "fe80::12", "fe80::13", "FE80:0::11",
        "2001:db8::11");
    private static final List<String> MACS = List.of("02:00:00:00:00:11", "02:00:00:00:00:12", "02:00:00:00:00:13",
        "02:00:00:00:00:14");

    @Property(tries = 1000)
    void whatTheValidatorAcceptsTheEngineRuns(@ForAll("clusters") final Cluster cluster) {
        final var violations = ClusterValidator.validate(Fixtures.clusters(cluster));
        // some 12 % are accepted (many edge cases are not): enough that a few dozen reach the engine each run
        Statistics.label("validator").collect(violations.isEmpty() ? "accepted" : "refused")
            .coverage(coverage -> coverage.check("accepted").percentage(share -> share >= 5));
        if (!violations.isEmpty()) {
            return;
        }
        final var config = EngineConfigs.of(cluster);
        final var engine = new Engine();
        final long interval = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMillis());
        engine.apply(new Event.ConfigSet(config, 0));
        // enough heartbeats for the adaptive detector to use its samples, then silence until judged
        long now = 0;
        for (int beat = 0; beat < 8; beat++) {
            now = beat * interval;
            for (var gateway : config.gateways()) {
                for (var family : config.families()) {
                    engine.apply(new Event.HeartbeatReceived(config.name(), gateway.name(), family,
                        gateway.priority(), (int) (config.heartbeatIntervalMillis() / 10), now));
                }
            }
        }
        engine.apply(new Event.ConfigSet(config, now));
        for (var gateway : config.gateways()) {
            engine.apply(new Event.SwitchDisconnected(gateway.switchId(), now));
            engine.apply(new Event.SwitchConnected(gateway.switchId(), now));
        }
        for (int tick = 0; tick < 20 && engine.nextWakeup(config.name()).isPresent(); tick++) {
            now = Math.max(now, engine.nextWakeup(config.name()).getAsLong());
            engine.apply(new Event.Tick(now));
        }
    }

    @Provide
    Arbitrary<Cluster> clusters() {
        final Arbitrary<Long> heartbeats = Arbitraries.frequencyOf(
            // advertisable: whole centiseconds up to 40950 ms
            Tuple.of(6, Arbitraries.longs().between(1, 4095).map(centis -> centis * 10)),
            // anything the model allows
            Tuple.of(1, Arbitraries.longs().between(10, MAX_UINT32))).injectNull(0.3);
        return heartbeats.flatMap(heartbeat -> {
            final long interval = heartbeat == null ? ClusterDefaults.DEFAULT_HEARTBEAT_INTERVAL_MILLIS : heartbeat;
            return longerThan(interval).injectNull(0.4).flatMap(dead -> {
                final long deadInterval = dead == null ? 3 * interval : dead;
                return Builders.withBuilder(() -> new ClusterBuilder().setName(new ClusterName("c1"))
                        .setHeartbeatInterval(heartbeat == null ? null : Uint32.valueOf(heartbeat))
                        .setDeadInterval(dead == null ? null : Uint32.valueOf(dead)))
                    .use(Arbitraries.integers().between(1, 255)).withProbability(0.97)
                        .in((builder, vrid) -> builder.setVrid(Uint8.valueOf(vrid)))
                    .use(virtualIps()).in(ClusterBuilder::setVirtualIp)
                    .use(detectors(interval, deadInterval)).withProbability(0.7).in(ClusterBuilder::setFailureDetector)
                    .use(Arbitraries.of(true, false)).withProbability(0.5).in(ClusterBuilder::setPreempt)
                    .use(anyMillis(0)).withProbability(0.5)
                        .in((builder, delay) -> builder.setPreemptDelay(Uint32.valueOf(delay)))
                    .use(anyMillis(0)).withProbability(0.5)
                        .in((builder, holdUp) -> builder.setHoldUp(Uint32.valueOf(holdUp)))
                    .use(Arbitraries.of(true, false)).withProbability(0.5).in(ClusterBuilder::setUseAdvertisedPriority)
                    .use(gateways()).in((builder, gateways) -> builder.setGateway(BindingMap.of(gateways)))
                    .build(ClusterBuilder::build);
            });
        });
    }

    /**
     * Milliseconds over the model's range, from its minimum to its maximum, mostly a little longer than
     * {@code shorter} (and sometimes just not).
     */
    private static Arbitrary<Long> longerThan(final long shorter) {
        return Arbitraries.frequencyOf(
            Tuple.of(6, around(shorter - 5, shorter * 4)),
            Tuple.of(1, anyMillis(10)));
    }

    /** Milliseconds from {@code low} to {@code high}, within the model's range 10..max. */
    private static Arbitrary<Long> around(final long low, final long high) {
        final long min = Math.clamp(low, 10, MAX_UINT32);
        return Arbitraries.longs().between(min, Math.clamp(high, min, MAX_UINT32));
    }

    private static Arbitrary<Long> anyMillis(final long min) {
        return Arbitraries.longs().between(min, MAX_UINT32);
    }

    private static Arbitrary<FailureDetector> detectors(final long heartbeat, final long dead) {
        final Arbitrary<Decimal64> phis = Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(50))
            .ofScale(2).map(phi -> Decimal64.valueOf(phi.toPlainString()));
        final Arbitrary<Long> floors = Arbitraries.frequencyOf(
            Tuple.of(6, around(heartbeat - 5, dead + 5)),
            Tuple.of(1, anyMillis(10)));
        return Builders.withBuilder(FailureDetectorBuilder::new)
            .use(Arbitraries.of(DetectorType.class)).withProbability(0.8).in(FailureDetectorBuilder::setType)
            .use(phis).withProbability(0.5).in(FailureDetectorBuilder::setPhiThreshold)
            .use(floors).withProbability(0.5).in((builder, floor) -> builder.setFloor(Uint32.valueOf(floor)))
            .build(FailureDetectorBuilder::build);
    }

    /**
     * Mostly one or two documentation addresses, IPv4, IPv6 or both; sometimes none, an unusable one, a gateway's,
     * or one address in two texts.
     */
    private static Arbitrary<Set<IpAddress>> virtualIps() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(Set.of("192.0.2.1"), Set.of("192.0.2.1", "198.51.100.1"))),
                Tuple.of(3, Arbitraries.of(Set.of("2001:db8::1"), Set.of("fe80::1", "2001:db8::1"),
                    Set.of("192.0.2.1", "fe80::1"))),
                Tuple.of(1, Arbitraries.of("192.0.2.1", "192.0.2.11", "0.0.0.1", "2001:db8::1", "2001:DB8::1",
                    "fe80::11", "ff02::1").set().ofMaxSize(2)))
            .map(vips -> Fixtures.vips(vips.toArray(String[]::new)));
    }

    /**
     * Mostly two to four gateways gw0.. with their own address, MAC and port (on one of two switches); sometimes
     * fewer, or ones that collide.
     */
    private static Arbitrary<List<Gateway>> gateways() {
        final Arbitrary<Integer> collision = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(-1)),
            Tuple.of(1, Arbitraries.integers().between(0, 3)));
        final Arbitrary<Function<Integer, Gateway>> gateway = Combinators.combine(
                Arbitraries.integers().between(1, 254),
                collision,
                collision,
                Arbitraries.of("openflow:1", "openflow:2"),
                Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(-1L)),
                    Tuple.of(1, Arbitraries.longs().between(1, 0xFFFF_FF00L))),
                Arbitraries.of(AdminState.class).injectNull(0.5),
                Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.just(-2)),
                    Tuple.of(1, Arbitraries.integers().between(0, 4))))
            .as((priority, ip, mac, node, port, admin, linkLocal) -> index -> new GatewayBuilder()
                .setName(new GatewayName("gw" + index))
                .setPriority(Uint8.valueOf(priority))
                // absent when it collides with itself: a gateway without an address of one family
                .setIpAddress(ip == index ? null : new Ipv4Address(GATEWAY_ADDRESSES.get(ip < 0 ? index : ip)))
                .setIpv6LinkLocal(linkLocal == -2 ? null
                    : new Ipv6Address(LINK_LOCALS.get(linkLocal < 0 ? index : linkLocal)))
                .setMacAddress(new MacAddress(MACS.get(mac < 0 ? index : mac)))
                .setAttachment(new AttachmentBuilder().setNodeId(new NodeId(node))
                    .setPortNumber(Uint32.valueOf(port < 0 ? index + 1 : port)).build())
                .setAdminState(admin)
                .build());
        return Arbitraries.frequencyOf(Tuple.of(10, gateway.list().ofMinSize(2).ofMaxSize(4)),
                Tuple.of(1, gateway.list().ofMaxSize(1)))
            .map(list -> IntStream.range(0, list.size()).mapToObj(index -> list.get(index).apply(index)).toList());
    }
}
