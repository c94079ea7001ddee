/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

/** The heartbeat counters as the state writer reads them. */
public interface CounterView {
    /** A snapshot of one set of counters. */
    record Counts(long accepted, long malformed, long spoofed) {
    }

    /** A gateway's counters, as they are now (a cluster's view holds them as of its last change). */
    Counts of(String cluster, String gateway);

    /** A cluster's own counters: advertisements with its VRID that named none of its gateways. */
    Counts of(String cluster);

    /** Malformed advertisements, and spoofed ones for a VRID nobody configured. */
    Counts unattributed();

    /** Heartbeats and ARP requests the intake dropped because the engine's queue was full. */
    long packetInsDropped();

    /** Neighbor Solicitations and Router Advertisements punted to the controller and dropped as malformed. */
    long neighborDiscoveryMalformed();

    /** Router Advertisements of the clusters' virtual routers passed on with the virtual MAC. */
    long routerAdvertisementsRelayed();
}
