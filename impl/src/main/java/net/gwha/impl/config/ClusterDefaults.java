/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.Locale;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.VirtualAddresses;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The effective values of a configured {@link Cluster}, with the defaults its YANG descriptions promise applied,
 * as plain Java values. The bindings read from the datastore carry no defaults: an absent leaf is {@code null}.
 *
 * <p>Pure functions of the binding; they do not validate it ({@link ClusterValidator} does).
 */
public final class ClusterDefaults {
    /** The YANG default of {@code heartbeat-interval}, in milliseconds. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 1000;

    /** The YANG default of {@code punt-meters/heartbeat-headroom}. */
    public static final int DEFAULT_HEARTBEAT_HEADROOM = 4;
    /** The smallest burst of a gateway port's meter when {@code punt-meters/heartbeat-burst} is absent. */
    public static final long MIN_HEARTBEAT_BURST = 10;
    /** The YANG default of {@code punt-meters/shared-rate}, packets per second. */
    public static final long DEFAULT_SHARED_RATE = 50;
    /** The YANG default of {@code punt-meters/shared-burst}, packets. */
    public static final long DEFAULT_SHARED_BURST = 50;

    private static final long MILLIS_PER_SECOND = 1000;

    private ClusterDefaults() {
        // utility class
    }

    /**
     * The advertisement interval.
     *
     * @param cluster the configured cluster
     * @return {@code heartbeat-interval}, or 1000 ms when absent
     */
    public static long heartbeatIntervalMillis(final Cluster cluster) {
        return orDefault(cluster.getHeartbeatInterval(), DEFAULT_HEARTBEAT_INTERVAL_MILLIS);
    }

    /**
     * The silence after which a gateway is down (fixed detector).
     *
     * @param cluster the configured cluster
     * @return {@code dead-interval}, or 3 &times; the heartbeat interval when absent
     */
    public static long deadIntervalMillis(final Cluster cluster) {
        return orDefault(cluster.getDeadInterval(), 3 * heartbeatIntervalMillis(cluster));
    }

    /**
     * How long a gateway that was down must be heard steadily before it counts as up.
     *
     * @param cluster the configured cluster
     * @return {@code hold-up}, or the dead interval when absent
     */
    public static long holdUpMillis(final Cluster cluster) {
        return orDefault(cluster.getHoldUp(), deadIntervalMillis(cluster));
    }

    /**
     * The adaptive detector's floor: it never declares death sooner than this after the last heartbeat.
     *
     * @param cluster the configured cluster
     * @return {@code failure-detector/floor}, or 1.5 &times; the heartbeat interval when absent, rounded up to
     *         a whole millisecond so that the default floor is never shorter than promised
     */
    public static long adaptiveFloorMillis(final Cluster cluster) {
        final var detector = cluster.getFailureDetector();
        final long heartbeat = heartbeatIntervalMillis(cluster);
        return orDefault(detector == null ? null : detector.getFloor(), (3 * heartbeat + 1) / 2);
    }

    /**
     * How long a better gateway must stay up before it preempts.
     *
     * @param cluster the configured cluster
     * @return {@code preempt-delay}, or 0 when absent
     */
    public static long preemptDelayMillis(final Cluster cluster) {
        return orDefault(cluster.getPreemptDelay(), 0);
    }

    /**
     * Whether a better gateway takes the role from a live active one.
     *
     * @param cluster the configured cluster
     * @return {@code preempt}, or {@code true} when absent
     */
    public static boolean preempt(final Cluster cluster) {
        final Boolean preempt = cluster.getPreempt();
        return preempt == null || preempt;
    }

    /**
     * A meter's one drop band.
     *
     * @param rate packets per second passed
     * @param burst packets passed above the rate in a burst
     */
    public record MeterBand(long rate, long burst) {
    }

    /**
     * The meter on each gateway's port: the heartbeat rate times the headroom, rounded up.
     *
     * @param cluster the configured cluster
     * @return {@code punt-meters} applied, with {@value #DEFAULT_HEARTBEAT_HEADROOM} &times; the heartbeat rate
     *     and a burst of one second's rate, at least {@value #MIN_HEARTBEAT_BURST}, when absent
     */
    public static MeterBand heartbeatMeter(final Cluster cluster) {
        final var meters = cluster.getPuntMeters();
        final var headroom = meters == null ? null : meters.getHeartbeatHeadroom();
        final long rate = ceilDiv(MILLIS_PER_SECOND * (headroom == null ? DEFAULT_HEARTBEAT_HEADROOM
            : headroom.toJava()), heartbeatIntervalMillis(cluster));
        return new MeterBand(rate, orDefault(meters == null ? null : meters.getHeartbeatBurst(),
            Math.max(MIN_HEARTBEAT_BURST, rate)));
    }

    /**
     * The meter every switch of the cluster shares among its other punts (forgeries, ARP for the virtual IPs).
     *
     * @param cluster the configured cluster
     * @return {@code punt-meters} applied, {@value #DEFAULT_SHARED_RATE} packets per second and as many in a burst
     *     when absent
     */
    public static MeterBand sharedMeter(final Cluster cluster) {
        final var meters = cluster.getPuntMeters();
        return new MeterBand(orDefault(meters == null ? null : meters.getSharedRate(), DEFAULT_SHARED_RATE),
            orDefault(meters == null ? null : meters.getSharedBurst(), DEFAULT_SHARED_BURST));
    }

    private static long ceilDiv(final long dividend, final long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /**
     * The MAC address hosts learn for the IPv4 virtual IPs, in lower case.
     *
     * @param cluster the configured cluster
     * @return {@code virtual-mac} in lower case, or {@link #defaultVirtualMac(int)} of the VRID when absent
     * @throws java.util.NoSuchElementException when both {@code virtual-mac} and {@code vrid} are absent
     */
    public static String virtualMac(final Cluster cluster) {
        final var mac = cluster.getVirtualMac();
        return mac != null ? normalizedMac(mac) : defaultVirtualMac(cluster.requireVrid().intValue());
    }

    /**
     * The MAC address hosts learn for the IPv6 virtual IPs, in lower case.
     *
     * @param cluster the configured cluster
     * @return {@code ipv6-virtual-mac} in lower case, or {@link #defaultIpv6VirtualMac(int)} of the VRID when absent
     * @throws java.util.NoSuchElementException when both {@code ipv6-virtual-mac} and {@code vrid} are absent
     */
    public static String ipv6VirtualMac(final Cluster cluster) {
        final var mac = cluster.getIpv6VirtualMac();
        return mac != null ? normalizedMac(mac) : defaultIpv6VirtualMac(cluster.requireVrid().intValue());
    }

    /**
     * The RFC 5798 IPv4 virtual MAC of a VRID.
     *
     * @param vrid the VRRP virtual router id, 1 to 255
     * @return {@code 00:00:5e:00:01:<vrid as two lower-case hex digits>}
     * @throws IllegalArgumentException when {@code vrid} is outside 1..255
     */
    public static String defaultVirtualMac(final int vrid) {
        return VirtualAddresses.defaultMac(vrid, AddressFamily.IPV4);
    }

    /**
     * The RFC 9568 IPv6 virtual MAC of a VRID.
     *
     * @param vrid the VRRP virtual router id, 1 to 255
     * @return {@code 00:00:5e:00:02:<vrid as two lower-case hex digits>}
     * @throws IllegalArgumentException when {@code vrid} is outside 1..255
     */
    public static String defaultIpv6VirtualMac(final int vrid) {
        return VirtualAddresses.defaultMac(vrid, AddressFamily.IPV6);
    }

    /**
     * A MAC address as compared and reported here: the model allows either case.
     *
     * @param mac a MAC address
     * @return its value in lower case
     */
    static String normalizedMac(final MacAddress mac) {
        return mac.getValue().toLowerCase(Locale.ROOT);
    }

    private static long orDefault(final @Nullable Uint32 value, final long defaultValue) {
        return value == null ? defaultValue : value.toJava();
    }
}
