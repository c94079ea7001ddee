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
 * A Router Advertisement (RFC 4861 section 4.2) that passed the checks of section 6.1.2, read as far as the
 * controller needs: who advertises itself as a router, and for how long hosts may use it as their default router.
 * Its prefix and other options are left unread.
 *
 * @param srcMac the Ethernet source
 * @param vlanTags the VLAN tags the frame carried, outermost first
 * @param source the IPv6 source: always link-local, the address hosts install as their default router
 * @param currentHopLimit the hop limit hosts should use, 0 for unspecified
 * @param routerLifetimeSeconds how long the sender may be a default router, 0 to 65535 s; 0: it is none
 * @param sourceLinkLayer the source link-layer address option, if carried
 */
public record RouterAdvertisement(Mac srcMac, List<VlanTag> vlanTags, Ipv6 source, int currentHopLimit,
        int routerLifetimeSeconds, Optional<Mac> sourceLinkLayer) implements NdDecodeResult {
    /**
     * Copies the tags.
     */
    public RouterAdvertisement {
        vlanTags = List.copyOf(vlanTags);
    }
}
