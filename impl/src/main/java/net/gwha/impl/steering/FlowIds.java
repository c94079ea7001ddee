/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * How the project's flows and groups are named and recognised on a switch.
 *
 * <p>Flow ids are {@code gwha-<cluster>-<role>}; flows several clusters share on a switch (they have the same
 * match, so a switch can only hold one) are {@code gwha--<role>}, which no cluster's flow can be since a cluster
 * name starts with a letter or digit. The cookie's high 16 bits are {@value #COOKIE_TAG_HEX} ("GW") and mark this
 * project; its low 32 bits are the CRC-32 of the cluster name (0 for shared flows); bits 32 to 47 are a fingerprint
 * of the flow's priority and match, which is what identifies a flow on a switch: two flows of a cluster never share
 * a cookie, so a flow the switch holds can be recognised as one of the current plan, or removed by its cookie alone
 * ({@link FlowPlanner#owned}), without comparing matches as the switch reports them. Group ids are
 * {@code 0xTTTTVVII}: a tag, the VRID and an index (0: steering of all frames, 1 + i: steering of IPv4 to the i-th
 * virtual IP in mac-and-ip-rewrite mode). The tag is {@code 0x4757} plus the cluster's VLAN id (0 untagged), as a
 * VRID is unique per switch and VLAN: no two clusters collide on one, and the ids of untagged clusters are those
 * they always had. Meter ids are made the same way ({@link #meterId}); the LLDP punt's meter, which clusters share,
 * is {@code 0x47570000}.
 * Two clusters with one VRID may share a switch that carries only their hosts (the validator allows it): they then
 * share that switch's punt meter too.
 */
public final class FlowIds {
    static final String COOKIE_TAG_HEX = "0x4757";
    static final long COOKIE_TAG = 0x4757L << 48;
    static final long COOKIE_MASK = 0xFFFFL << 48;
    static final long GROUP_TAG = 0x4757L << 16;
    private static final int MAX_VLAN = 4094;
    /** The meter several clusters share on a switch, that of the LLDP punt: no cluster has VRID 0. */
    static final long SHARED_METER = GROUP_TAG;
    static final String SHARED_PREFIX = "gwha--";

    private FlowIds() {
        // utility class
    }

    /** Whether a flow cookie, as read from a switch or the inventory, has the project's tag. */
    public static boolean isOurs(final long cookie) {
        return (cookie & COOKIE_MASK) == COOKIE_TAG;
    }

    /** Whether a group id, as read from a switch or the inventory, has the project's tag. */
    public static boolean isOurGroup(final long groupId) {
        final long tag = (groupId >>> 16) - (GROUP_TAG >>> 16);
        return tag >= 0 && tag <= MAX_VLAN;
    }

    /** Whether a meter id, as read from a switch or the inventory, has the project's tag. */
    public static boolean isOurMeter(final long meterId) {
        return isOurGroup(meterId);
    }

    /** The cookie of a cluster's flows: the project tag in the high 16 bits, the name's CRC-32 in the low 32. */
    public static FlowCookie cookie(final String cluster) {
        final var crc = new CRC32();
        crc.update(cluster.getBytes(StandardCharsets.UTF_8));
        return new FlowCookie(Uint64.valueOf(COOKIE_TAG | crc.getValue()));
    }

    /** The cookie of flows several clusters share. */
    static FlowCookie sharedCookie() {
        return new FlowCookie(Uint64.valueOf(COOKIE_TAG));
    }

    /**
     * Bits 32 to 47 of a flow's cookie: 16 bits of the CRC-32 of its priority and match. The match's rendering is
     * the binding's own {@code toString()}, stable for equal matches (in one release of the bindings; after an upgrade
     * the fingerprints may change, and the plan then replaces the flows with equal ones under new cookies).
     */
    static long fingerprint(final int priority, final Match match) {
        final var crc = new CRC32();
        crc.update((priority + " " + match).getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 0xFFFFL) << 32;
    }

    /**
     * A group id, {@code 0xTTTTVVII}: the tag {@code 0x4757} plus the VLAN, the VRID, and the index: 0 steers all
     * frames, 1 + i IPv4 to the i-th virtual IP.
     *
     * @param vlan the cluster's VLAN id, 0 when it names none
     */
    static long groupId(final int vlan, final int vrid, final int index) {
        return GROUP_TAG + ((long) vlan << 16) | (vrid & 0xFFL) << 8 | index & 0xFFL;
    }

    /**
     * A meter id, {@code 0xTTTTVVII} like a group's (meters have ids of their own): index 0 meters what the cluster
     * punts from ports other than its gateways', 1 + i the i-th gateway's port, by gateway name (so up to 255
     * gateways a cluster).
     */
    static long meterId(final int vlan, final int vrid, final int index) {
        return groupId(vlan, vrid, index);
    }

    static String flowId(final String cluster, final String role) {
        return "gwha-" + cluster + "-" + role;
    }
}
