/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.gwha.impl.engine.ClusterConfig;
import net.gwha.impl.engine.DetectorConfig;
import net.gwha.impl.engine.GatewayConfig;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.engine.VirtualAddresses;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.DetectorType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;

/**
 * The engine's view of a validated cluster: YANG defaults applied, bindings turned into plain values. Every
 * configuration {@link ClusterValidator} accepts gives a configuration the engine accepts.
 */
public final class EngineConfigs {
    private static final double DEFAULT_PHI_THRESHOLD = 8;

    private EngineConfigs() {
        // utility class
    }

    /**
     * The engine's configuration of a cluster.
     *
     * @throws IllegalArgumentException when the cluster breaks a rule of {@link ClusterValidator}: it was not
     *     validated
     */
    public static ClusterConfig of(final Cluster cluster) {
        final var name = cluster.requireName().getValue();
        final var detector = cluster.getFailureDetector();
        final DetectorConfig detectorConfig;
        if (detector != null && detector.getType() == DetectorType.Adaptive) {
            final var phi = detector.getPhiThreshold();
            detectorConfig = DetectorConfig.adaptive(phi == null ? DEFAULT_PHI_THRESHOLD : phi.doubleValue(),
                ClusterDefaults.adaptiveFloorMillis(cluster));
        } else {
            detectorConfig = DetectorConfig.fixed();
        }
        final var hostSwitches = cluster.getSwitch();
        final var vips = required(name, "virtual-ip", cluster.getVirtualIp());
        final var virtualAddresses = new VirtualAddresses(
            vips.stream().map(IpAddress::getIpv4Address).filter(Objects::nonNull)
                .map(vip -> Ipv4.parse(vip.getValue())).sorted().toList(),
            vips.stream().map(IpAddress::getIpv6Address).filter(Objects::nonNull)
                .map(vip -> Ipv6.parse(vip.getValue())).sorted().toList(),
            ClusterDefaults.virtualMac(cluster), ClusterDefaults.ipv6VirtualMac(cluster));
        return new ClusterConfig(name, required(name, "vrid", cluster.getVrid()).toJava(),
            ClusterDefaults.heartbeatIntervalMillis(cluster), ClusterDefaults.deadIntervalMillis(cluster),
            detectorConfig, ClusterDefaults.preempt(cluster), ClusterDefaults.preemptDelayMillis(cluster),
            ClusterDefaults.holdUpMillis(cluster), Boolean.TRUE.equals(cluster.getUseAdvertisedPriority()),
            cluster.nonnullGateway().values().stream()
                .sorted(Comparator.comparing(gateway -> gateway.requireName().getValue()))
                .map(gateway -> gateway(name, gateway))
                .toList(),
            hostSwitches == null ? Set.of() : hostSwitches.stream().map(NodeId::getValue).collect(Collectors.toSet()),
            virtualAddresses);
    }

    private static GatewayConfig gateway(final String cluster, final Gateway gateway) {
        final var name = gateway.requireName().getValue();
        final var field = "gateway '" + name + "' ";
        final var attachment = required(cluster, field + "attachment", gateway.getAttachment());
        return new GatewayConfig(name, required(cluster, field + "priority", gateway.getPriority()).toJava(),
            Optional.ofNullable(gateway.getIpAddress()).map(address -> Ipv4.parse(address.getValue())),
            Optional.ofNullable(gateway.getIpv6LinkLocal()).map(address -> Ipv6.parse(address.getValue())),
            required(cluster, field + "attachment node-id", attachment.getNodeId()).getValue(),
            gateway.getAdminState() != AdminState.Maintenance);
    }

    private static <T> T required(final String cluster, final String field, final @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException("cluster '" + cluster + "': " + field + " is missing");
        }
        return value;
    }
}
