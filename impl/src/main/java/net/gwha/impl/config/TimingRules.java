/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.List;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.DetectorType;

/**
 * The rules on times: the heartbeat interval can be advertised, and the detection thresholds are ordered
 * heartbeat interval &lt; adaptive floor &lt; dead interval.
 */
final class TimingRules {
    /** VRRPv3 carries the advertisement interval in centiseconds ... */
    static final long ADVERTISEMENT_UNIT_MILLIS = 10;
    /** ... in a 12-bit field (RFC 5798 section 5.2.7). */
    static final long MAX_ADVERTISEMENT_INTERVAL_MILLIS = 4095 * ADVERTISEMENT_UNIT_MILLIS;

    private TimingRules() {
        // utility class
    }

    /**
     * The gateways advertise the heartbeat interval in VRRPv3, in whole centiseconds up to 4095: an interval
     * that is no multiple of 10 ms, or longer than 40950 ms, cannot be configured on them.
     */
    static void heartbeatNotAdvertisable(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final long heartbeat = ClusterDefaults.heartbeatIntervalMillis(view.cluster());
            if (heartbeat % ADVERTISEMENT_UNIT_MILLIS != 0) {
                out.add(view.violation("heartbeat-interval", heartbeat
                    + " ms is not a multiple of 10 ms: VRRPv3 advertises the interval in centiseconds"));
            }
            if (heartbeat > MAX_ADVERTISEMENT_INTERVAL_MILLIS) {
                out.add(view.violation("heartbeat-interval", heartbeat + " ms is longer than "
                    + MAX_ADVERTISEMENT_INTERVAL_MILLIS + " ms, the longest interval VRRPv3 can advertise"));
            }
        }
    }

    /**
     * An explicit dead interval must be longer than the heartbeat interval; at or below it, every late heartbeat
     * is a failover. (Refuses equality too: stricter than "dead-interval &lt; heartbeat-interval".)
     */
    static void deadIntervalTooShort(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var dead = view.cluster().getDeadInterval();
            if (dead != null && dead.toJava() <= ClusterDefaults.heartbeatIntervalMillis(view.cluster())) {
                out.add(view.violation("dead-interval", dead + " ms is not longer than " + view.describeHeartbeat()
                    + ": every late heartbeat would be a failover"));
            }
        }
    }

    /**
     * An explicit adaptive-detector floor must be longer than the heartbeat interval, for the same reason as the
     * dead interval. Checked whatever the detector type, as the value is wrong either way.
     */
    static void floorTooShort(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var detector = view.cluster().getFailureDetector();
            final var floor = detector == null ? null : detector.getFloor();
            if (floor != null && floor.toJava() <= ClusterDefaults.heartbeatIntervalMillis(view.cluster())) {
                out.add(view.violation("failure-detector floor", floor + " ms is not longer than "
                    + view.describeHeartbeat() + ": every late heartbeat would be a failover"));
            }
        }
    }

    /**
     * The adaptive detector's floor must be shorter than the dead interval, which bounds the detector from above:
     * from there on it could never find a gateway dead sooner than the fixed detector, and past it the engine
     * cannot run it. Checked for the effective floor (explicit or default) when the detector is adaptive, and for
     * an explicit floor whatever the type, as the value is wrong either way.
     */
    static void floorNotShorterThanDeadInterval(final List<ClusterUnderCheck> clusters, final List<Violation> out) {
        for (var view : clusters) {
            final var cluster = view.cluster();
            final var detector = cluster.getFailureDetector();
            final boolean adaptive = detector != null && detector.getType() == DetectorType.Adaptive;
            final boolean explicit = detector != null && detector.getFloor() != null;
            final long floor = ClusterDefaults.adaptiveFloorMillis(cluster);
            final long dead = ClusterDefaults.deadIntervalMillis(cluster);
            if ((adaptive || explicit) && floor >= dead) {
                out.add(view.violation("failure-detector floor", floor + " ms"
                    + (explicit ? "" : " (the default: 1.5 x heartbeat-interval)")
                    + " is not shorter than dead-interval " + dead + " ms"
                    + (cluster.getDeadInterval() != null ? "" : " (the default: 3 x heartbeat-interval)")
                    + ": the adaptive detector could never find a gateway dead sooner than the fixed one"));
            }
        }
    }
}
