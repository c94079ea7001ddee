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
import net.gwha.impl.engine.Ipv6;

/**
 * A VRRP version 3 advertisement over IPv6 that passed every check of {@link VrrpDecoder}: a heartbeat candidate,
 * the IPv6 sibling of {@link VrrpAdvertisement}. Whether it counts is for the intake to decide (VRID, source MAC and
 * link-local address, ingress port against the configured gateways). VRRP over IPv6 exists in version 3 only.
 *
 * @param vrid the virtual router id, 1 to 255
 * @param priority the sender's priority, 0 to 255; 0 means the sender resigns, 255 that it owns the addresses
 * @param advertisementIntervalCentis the advertisement interval in centiseconds, 1 to 4095
 * @param srcMac the Ethernet source address: the gateway's own MAC, or its virtual MAC under keepalived's
 *     {@code use_vmac}
 * @param srcIp the IPv6 source address, always link-local (fe80::/10): the gateway's {@code ipv6-link-local}
 * @param vlanId the VLAN id of the one 802.1Q tag the frame carried, or {@link VrrpAdvertisement#NO_VLAN}
 * @param addresses the IPv6 addresses the advertisement carries, at least one, in the order sent
 */
public record Ipv6VrrpAdvertisement(int vrid, int priority, int advertisementIntervalCentis, Mac srcMac, Ipv6 srcIp,
        int vlanId, List<Ipv6> addresses) implements VrrpDecodeResult {
    /**
     * Validates every field, so that an instance means the same whether decoded or built.
     *
     * @throws IllegalArgumentException if a field is out of range, or the source is not link-local
     */
    public Ipv6VrrpAdvertisement {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1 to 255, not " + vrid);
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("Priority must be 0 to 255, not " + priority);
        }
        if (advertisementIntervalCentis < 1 || advertisementIntervalCentis > VrrpAdvertisement.MAX_V3_INTERVAL_CENTIS) {
            throw new IllegalArgumentException("Advertisement interval of " + advertisementIntervalCentis
                + " cs is out of range for VRRP version 3");
        }
        if (!srcIp.isLinkLocal()) {
            throw new IllegalArgumentException("An IPv6 advertisement comes from a link-local address, not " + srcIp);
        }
        if (vlanId != VrrpAdvertisement.NO_VLAN && (vlanId < 0 || vlanId > 4095)) {
            throw new IllegalArgumentException("VLAN id must be 0 to 4095 or NO_VLAN, not " + vlanId);
        }
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty() || addresses.size() > 255) {
            throw new IllegalArgumentException("An advertisement carries 1 to 255 addresses, not "
                + addresses.size());
        }
    }

    /** The VRRP version: 3, the only one over IPv6 (RFC 5798). */
    public int version() {
        return 3;
    }

    /** The address family of the VRRP instance that sent it: {@link AddressFamily#IPV6}. */
    public AddressFamily family() {
        return AddressFamily.IPV6;
    }
}
