/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.Ipv6;

/**
 * A Neighbor Solicitation (RFC 4861 section 4.3) that passed the checks of section 7.1.1: a host asking for the
 * link-layer address of {@link #target()}, or, from the unspecified address, checking that nobody has it yet
 * (duplicate address detection, RFC 4862 section 5.4).
 *
 * @param srcMac the Ethernet source: the solicitor's MAC, where a unicast answer goes
 * @param vlanTags the VLAN tags the frame carried, outermost first (none, one, or two for QinQ)
 * @param source the IPv6 source: the solicitor's address, or {@code ::} for duplicate address detection
 * @param destination the IPv6 destination: the target's solicited-node multicast group, or the target itself
 * @param target the address asked about; never multicast
 * @param sourceLinkLayer the source link-layer address option, if the solicitation carried one (never for DAD)
 */
public record NeighborSolicitation(Mac srcMac, List<VlanTag> vlanTags, Ipv6 source, Ipv6 destination, Ipv6 target,
        Optional<Mac> sourceLinkLayer) implements NdDecodeResult {
    /**
     * Copies the tags.
     */
    public NeighborSolicitation {
        vlanTags = List.copyOf(vlanTags);
    }

    /** Whether this is duplicate address detection: from {@code ::}, answered to all nodes, not to the sender. */
    public boolean isDuplicateAddressDetection() {
        return source.isUnspecified();
    }
}
