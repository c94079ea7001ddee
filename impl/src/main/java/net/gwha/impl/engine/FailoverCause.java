/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * Why the active gateway changed; the YANG typedef {@code failover-cause}.
 */
public enum FailoverCause {
    /** First election of the cluster. */
    STARTUP,
    /** The active gateway fell silent: on its one family, or on both at once. */
    HEARTBEAT_TIMEOUT,
    /** The active gateway of a dual-stack cluster fell silent on IPv4 while its IPv6 heartbeats went on. */
    IPV4_HEARTBEAT_TIMEOUT,
    /** The active gateway of a dual-stack cluster fell silent on IPv6 while its IPv4 heartbeats went on. */
    IPV6_HEARTBEAT_TIMEOUT,
    /** The active gateway advertised priority 0. */
    RESIGNED,
    /** The active gateway's port went down. */
    PORT_DOWN,
    /** A better gateway has been up for the preempt delay. */
    PREEMPTED,
    /** Advertised priorities changed the order of live gateways. */
    PRIORITY_CHANGED,
    /** An operator asked for a named gateway. */
    SWITCH_OVER,
    /** The active gateway was put into maintenance. */
    MAINTENANCE,
    /** The cluster's configuration changed. */
    CONFIG_CHANGED,
    /** Links failed: a part of the LAN cut off from the active gateway elected its own. */
    PARTITIONED,
    /** Links came back: a part of the LAN that had its own active gateway joined another part. */
    PARTITION_HEALED
}
