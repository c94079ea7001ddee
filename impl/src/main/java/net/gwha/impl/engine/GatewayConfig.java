/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.Optional;

/**
 * One gateway of a cluster, as configured.
 *
 * @param name unique within its cluster
 * @param priority the configured priority, 1..254 as in VRRP (0 means "resigned", 255 "address owner")
 * @param ipv4 the gateway's real IPv4 address, the source of its IPv4 advertisements; present when its cluster has
 *             IPv4 virtual IPs
 * @param ipv6LinkLocal the gateway's IPv6 link-local address (fe80::/10), the source of its IPv6 advertisements;
 *                      present when its cluster has IPv6 virtual IPs
 * @param switchId the switch it is attached to, such as {@code openflow:1}: while that switch is disconnected
 *                 the gateway cannot be heard (see {@link Event.SwitchDisconnected})
 * @param inService {@code false} when the gateway is in maintenance: never elected
 */
public record GatewayConfig(String name, int priority, Optional<Ipv4> ipv4, Optional<Ipv6> ipv6LinkLocal,
        String switchId, boolean inService) {
    /** A gateway with an IPv4 address only. */
    public GatewayConfig(final String name, final int priority, final Ipv4 ipv4, final String switchId,
            final boolean inService) {
        this(name, priority, Optional.of(ipv4), Optional.empty(), switchId, inService);
    }

    public GatewayConfig {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("gateway name is empty");
        }
        if (priority < 1 || priority > 254) {
            throw new IllegalArgumentException("gateway " + name + ": priority " + priority + " is not in 1..254");
        }
        if (ipv4.isEmpty() && ipv6LinkLocal.isEmpty()) {
            throw new IllegalArgumentException("gateway " + name + " has no address");
        }
        if (ipv6LinkLocal.isPresent() && !ipv6LinkLocal.orElseThrow().isLinkLocal()) {
            throw new IllegalArgumentException("gateway " + name + ": " + ipv6LinkLocal.orElseThrow()
                + " is not a link-local address");
        }
    }

    /** Whether it has an address of the family, and so can be heard on it. */
    public boolean has(final AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4.isPresent() : ipv6LinkLocal.isPresent();
    }

    /**
     * Compares its address of the family with another gateway's, as unsigned numbers: the election's tie-break.
     *
     * @throws java.util.NoSuchElementException if either has no address of the family
     */
    public int compareAddress(final GatewayConfig other, final AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4.orElseThrow().compareTo(other.ipv4.orElseThrow())
            : ipv6LinkLocal.orElseThrow().compareTo(other.ipv6LinkLocal.orElseThrow());
    }
}
