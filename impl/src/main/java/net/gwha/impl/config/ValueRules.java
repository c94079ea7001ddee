/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.ClusterUnderCheck.gatewayField;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The rules on single values: mandatory leaves are present, a cluster has gateways enough, and every number is
 * within its YANG range.
 */
final class ValueRules {
    /** Gateways a cluster needs: one to be active, one to take over. */
    static final int MIN_GATEWAYS = 2;
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    /** The highest port number openflow lets a physical port have (OFPP_MAX). */
    private static final long MAX_PORT_NUMBER = 0xFFFF_FF00L;

    private ValueRules() {
        // utility class
    }

    /**
     * Mandatory leaves the datastore may not have enforced, {@code virtual-ip}'s {@code min-elements 1}, and a
     * gateway's address of each family the cluster has virtual IPs of. Other rules skip what is absent, so an absent
     * value is reported here only.
     */
    static void requiredValues(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var cluster = view.cluster();
            if (cluster.getVrid() == null) {
                out.add(view.violation("vrid", "is missing"));
            }
            if (view.virtualIps().isEmpty()) {
                out.add(view.violation("virtual-ip", "is missing: a cluster needs at least one virtual IP"));
            }
            for (var gateway : view.gateways()) {
                if (gateway.getPriority() == null) {
                    out.add(view.violation(gatewayField(gateway, "priority"), "is missing"));
                }
                final var ipv4 = view.firstVirtualIp(false);
                if (gateway.getIpAddress() == null && ipv4 != null) {
                    out.add(view.violation(gatewayField(gateway, "ip-address"), "is missing, and the cluster has "
                        + "IPv4 virtual IP " + ipv4 + " (the gateway's IPv4 advertisements come from its ip-address)"));
                }
                final var ipv6 = view.firstVirtualIp(true);
                if (gateway.getIpv6LinkLocal() == null && ipv6 != null) {
                    out.add(view.violation(gatewayField(gateway, "ipv6-link-local"), "is missing, and the cluster has "
                        + "IPv6 virtual IP " + ipv6 + " (the gateway's IPv6 advertisements come from its "
                        + "ipv6-link-local)"));
                }
                if (gateway.getMacAddress() == null) {
                    out.add(view.violation(gatewayField(gateway, "mac-address"), "is missing"));
                }
                final var attachment = gateway.getAttachment();
                if (attachment == null || attachment.getNodeId() == null) {
                    out.add(view.violation(gatewayField(gateway, "attachment node-id"), "is missing"));
                }
                if (attachment == null || attachment.getPortNumber() == null) {
                    out.add(view.violation(gatewayField(gateway, "attachment port-number"), "is missing"));
                }
            }
        }
    }

    /**
     * Every number within its YANG range. The binding builders check ranges, but a configuration written through the
     * DOM API is decoded without that check (typedef patterns are checked): the engine would refuse a VRID or a
     * priority out of range, and a heartbeat interval of 0. Bounds the other rules imply (a dead interval longer
     * than a valid heartbeat interval is above 10 ms) are checked here too, so that each value is reported once as
     * what it is.
     */
    static void outOfRange(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var cluster = view.cluster();
            checkRange(view, "vrid", cluster.getVrid(), 1, 255, "", out);
            checkRange(view, "vlan", cluster.getVlan(), 1, 4094, "", out);
            checkRange(view, "heartbeat-interval", cluster.getHeartbeatInterval(), 10, MAX_UINT32, " ms", out);
            checkRange(view, "dead-interval", cluster.getDeadInterval(), 10, MAX_UINT32, " ms", out);
            final var detector = cluster.getFailureDetector();
            if (detector != null) {
                final var phi = detector.getPhiThreshold();
                if (phi != null && !(phi.doubleValue() >= 1 && phi.doubleValue() <= 50)) {
                    out.add(view.violation("failure-detector phi-threshold", phi + " is not in 1..50"));
                }
                checkRange(view, "failure-detector floor", detector.getFloor(), 10, MAX_UINT32, " ms", out);
            }
            for (var gateway : view.gateways()) {
                checkRange(view, gatewayField(gateway, "priority"), gateway.getPriority(), 1, 254, "", out);
                final var attachment = gateway.getAttachment();
                checkRange(view, gatewayField(gateway, "attachment port-number"),
                    attachment == null ? null : attachment.getPortNumber(), 1, MAX_PORT_NUMBER, "", out);
            }
        }
    }

    /** An unsigned YANG number (Uint8, Uint16, Uint32) outside {@code min..max}; absent values are someone else's. */
    private static void checkRange(final ClusterUnderCheck view, final String field, final @Nullable Number value,
            final long min, final long max, final String unit, final List<Violation> out) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            out.add(view.violation(field, value + unit + " is not in " + min + ".." + max + unit));
        }
    }

    /** Rule 5: {@code min-elements 2} on {@code gateway}; with fewer there is nothing to fail over to. */
    static void tooFewGateways(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final int count = view.gateways().size();
            if (count < MIN_GATEWAYS) {
                out.add(view.violation("gateway", "count is " + count + ": a cluster needs at least " + MIN_GATEWAYS
                    + " gateways"));
            }
        }
    }
}
