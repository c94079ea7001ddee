/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

/**
 * Where the intake counts the advertisements and packet-ins it drops; accepted ones are counted where the engine
 * takes them.
 */
public interface HeartbeatTally {
    /** An advertisement that claims a gateway of the cluster but came from elsewhere. */
    void spoofed(String cluster, String gateway);

    /** An advertisement for the cluster's VRID that names none of its gateways. */
    void spoofed(String cluster);

    /** A malformed advertisement that came from this gateway's port and MAC. */
    void malformed(String cluster, String gateway);

    /** A frame no cluster claims: a malformed advertisement from no gateway, or one for a VRID nobody configured. */
    void countUnattributed(boolean malformed);

    /** A heartbeat or a host's ARP request that the engine's queue had no room for. */
    void dropped();

    /** A Neighbor Solicitation or Router Advertisement punted to the controller and dropped as malformed. */
    void malformedNeighborDiscovery();

    /** A Router Advertisement of a cluster's virtual router passed on with the virtual MAC (its packet-out sent). */
    void routerAdvertisementRelayed();
}
