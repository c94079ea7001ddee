/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import java.util.List;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Ipv4;

/**
 * A VRRP advertisement over IPv4 that passed every check of {@link VrrpDecoder}: a heartbeat candidate. Whether it
 * counts is for the intake to decide (VRID, source MAC and IP, ingress port against the configured gateways). Over
 * IPv6 it is an {@link Ipv6VrrpAdvertisement}.
 *
 * @param version 3 (RFC 5798) or 2 (RFC 3768)
 * @param vrid the virtual router id, 1 to 255
 * @param priority the sender's priority, 0 to 255; 0 means the sender resigns, 255 that it owns the addresses
 * @param advertisementIntervalCentis the advertisement interval in centiseconds: version 3 carries it so (12 bits,
 *     1 to 4095); version 2 carries whole seconds (8 bits), converted here (100 to 25500)
 * @param srcMac the Ethernet source address
 * @param srcIp the IPv4 source address
 * @param vlanId the VLAN id of the one 802.1Q tag the frame carried, or {@link #NO_VLAN}
 * @param addresses the IPv4 addresses the advertisement carries, at least one, in the order sent
 */
public record VrrpAdvertisement(int version, int vrid, int priority, int advertisementIntervalCentis, Mac srcMac,
        Ipv4 srcIp, int vlanId, List<Ipv4> addresses) implements VrrpDecodeResult {
    /** The value of {@link #vlanId()} for an untagged frame. */
    public static final int NO_VLAN = -1;

    /** The largest interval version 3 can carry, 4095 centiseconds. */
    public static final int MAX_V3_INTERVAL_CENTIS = 0xFFF;

    /**
     * Validates every field, so that an instance means the same whether decoded or built.
     *
     * @throws IllegalArgumentException if a field is out of range for its version
     */
    public VrrpAdvertisement {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1 to 255, not " + vrid);
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("Priority must be 0 to 255, not " + priority);
        }
        if (version == 3 ? advertisementIntervalCentis < 1 || advertisementIntervalCentis > MAX_V3_INTERVAL_CENTIS
                : advertisementIntervalCentis < 100 || advertisementIntervalCentis > 25_500
                    || advertisementIntervalCentis % 100 != 0) {
            throw new IllegalArgumentException("Advertisement interval of " + advertisementIntervalCentis
                + " cs is out of range for VRRP version " + version);
        }
        if (vlanId != NO_VLAN && (vlanId < 0 || vlanId > 4095)) {
            throw new IllegalArgumentException("VLAN id must be 0 to 4095 or NO_VLAN, not " + vlanId);
        }
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty() || addresses.size() > 255) {
            throw new IllegalArgumentException("An advertisement carries 1 to 255 addresses, not "
                + addresses.size());
        }
    }

    /** The address family of the VRRP instance that sent it: {@link AddressFamily#IPV4}. */
    public AddressFamily family() {
        return AddressFamily.IPV4;
    }
}
