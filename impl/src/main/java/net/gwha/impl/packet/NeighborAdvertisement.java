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
 * A Neighbor Advertisement (RFC 4861 section 4.4) that passed the checks of section 7.1.2: a node announcing the
 * link-layer address of {@link #target()}. Read so that a guard can drop advertisements that claim a virtual address
 * from where no active gateway is.
 *
 * @param srcMac the Ethernet source
 * @param vlanTags the VLAN tags the frame carried, outermost first
 * @param source the IPv6 source
 * @param destination the IPv6 destination: the solicitor, or a multicast group (ff02::1) when unsolicited
 * @param target the address it is about; never multicast
 * @param router the R flag: the sender is a router
 * @param solicited the S flag: an answer to a solicitation (never set towards a multicast destination)
 * @param override the O flag: neighbors should replace what they cached for the target
 * @param targetLinkLayer the target link-layer address option: the MAC claimed for the target, if carried
 */
public record NeighborAdvertisement(Mac srcMac, List<VlanTag> vlanTags, Ipv6 source, Ipv6 destination, Ipv6 target,
        boolean router, boolean solicited, boolean override, Optional<Mac> targetLinkLayer)
        implements NdDecodeResult {
    /**
     * Copies the tags.
     */
    public NeighborAdvertisement {
        vlanTags = List.copyOf(vlanTags);
    }
}
