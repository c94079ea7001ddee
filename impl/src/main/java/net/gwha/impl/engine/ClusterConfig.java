/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the engine needs to know of a configured cluster. Every duration is explicit: the defaults of
 * the YANG model (dead = 3 x interval, hold-up = dead interval, adaptive floor = 1.5 x interval) are
 * applied by the adapter that reads the model. Durations are milliseconds, as in the model, up to its
 * uint32 range.
 *
 * @param name the cluster's name
 * @param vrid VRRP virtual router id, 1..255
 * @param heartbeatIntervalMillis the gateways' advertisement interval
 * @param deadIntervalMillis silence after which a gateway is down; longer than the heartbeat interval
 * @param detector fixed dead interval, or adaptive (bounded by the dead interval)
 * @param preempt whether a better gateway takes the role from a live active one
 * @param preemptDelayMillis how long a better gateway must have been up before it preempts
 * @param holdUpMillis how long a gateway that was down must be heard steadily before it counts as up
 * @param useAdvertisedPriority elect by the advertised priority instead of the configured one
 * @param gateways at least one; names and addresses unique
 * @param hostSwitches the switches that carry the cluster's hosts beside its gateways' own: with those, the switches
 *     a partition of the LAN is counted on
 * @param virtualAddresses the virtual IPs and MACs; every gateway has an address of each of their families
 */
public record ClusterConfig(String name, int vrid, long heartbeatIntervalMillis, long deadIntervalMillis,
        DetectorConfig detector, boolean preempt, long preemptDelayMillis, long holdUpMillis,
        boolean useAdvertisedPriority, List<GatewayConfig> gateways, Set<String> hostSwitches,
        VirtualAddresses virtualAddresses) {
    private static final long MAX_MILLIS = 0xFFFF_FFFFL;

    /** A cluster whose hosts are all on its gateways' switches. */
    public ClusterConfig(final String name, final int vrid, final long heartbeatIntervalMillis,
            final long deadIntervalMillis, final DetectorConfig detector, final boolean preempt,
            final long preemptDelayMillis, final long holdUpMillis, final boolean useAdvertisedPriority,
            final List<GatewayConfig> gateways, final VirtualAddresses virtualAddresses) {
        this(name, vrid, heartbeatIntervalMillis, deadIntervalMillis, detector, preempt, preemptDelayMillis,
            holdUpMillis, useAdvertisedPriority, gateways, Set.of(), virtualAddresses);
    }

    public ClusterConfig {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("cluster name is empty");
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(name + ": VRID " + vrid + " is not in 1..255");
        }
        checkMillis(name, "heartbeat interval", heartbeatIntervalMillis, 1);
        checkMillis(name, "dead interval", deadIntervalMillis, heartbeatIntervalMillis + 1);
        checkMillis(name, "preempt delay", preemptDelayMillis, 0);
        checkMillis(name, "hold-up", holdUpMillis, 0);
        if (detector instanceof DetectorConfig.Adaptive adaptive && adaptive.floorMillis() > deadIntervalMillis) {
            throw new IllegalArgumentException(name + ": detector floor " + adaptive.floorMillis()
                + " ms is longer than the dead interval " + deadIntervalMillis + " ms");
        }
        gateways = List.copyOf(gateways);
        hostSwitches = Set.copyOf(hostSwitches);
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException(name + ": no gateways");
        }
        final var names = new HashSet<String>();
        final var ipv4 = new HashSet<Ipv4>();
        final var ipv6 = new HashSet<Ipv6>();
        for (GatewayConfig gateway : gateways) {
            if (!names.add(gateway.name())) {
                throw new IllegalArgumentException(name + ": gateway " + gateway.name() + " is listed twice");
            }
            for (var family : virtualAddresses.families()) {
                if (!gateway.has(family)) {
                    throw new IllegalArgumentException(name + ": gateway " + gateway.name() + " has no " + family
                        + " address, and the cluster has " + family + " virtual IPs");
                }
            }
            // distinct addresses make the election a total order, and tell the advertisements apart
            if (gateway.ipv4().isPresent() && !ipv4.add(gateway.ipv4().orElseThrow())) {
                throw new IllegalArgumentException(name + ": address " + gateway.ipv4().orElseThrow()
                    + " is used twice");
            }
            if (gateway.ipv6LinkLocal().isPresent() && !ipv6.add(gateway.ipv6LinkLocal().orElseThrow())) {
                throw new IllegalArgumentException(name + ": address " + gateway.ipv6LinkLocal().orElseThrow()
                    + " is used twice");
            }
        }
    }

    /** The families the cluster runs VRRP on: those of its virtual IPs. */
    public Set<AddressFamily> families() {
        return virtualAddresses.families();
    }

    /** Every switch the cluster uses, its gateways' and its hosts', in name order. */
    public SortedSet<String> switches() {
        final var all = new TreeSet<>(hostSwitches);
        gateways.forEach(gateway -> all.add(gateway.switchId()));
        return all;
    }

    private static void checkMillis(final String cluster, final String what, final long millis, final long min) {
        if (millis < min || millis > MAX_MILLIS) {
            throw new IllegalArgumentException(cluster + ": " + what + " " + millis + " ms is not in " + min + ".."
                + MAX_MILLIS);
        }
    }
}
