/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * One gateway of a cluster, as configured.
 *
 * @param name unique within its cluster
 * @param priority the configured priority, 1..254 as in VRRP (0 means "resigned", 255 "address owner")
 * @param ipv4 the gateway's real address: the election's tie-break
 * @param switchId the switch it is attached to, such as {@code openflow:1}: while that switch is disconnected
 *                 the gateway cannot be heard (see {@link Event.SwitchDisconnected})
 * @param inService {@code false} when the gateway is in maintenance: never elected
 */
public record GatewayConfig(String name, int priority, Ipv4 ipv4, String switchId, boolean inService) {
    public GatewayConfig {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("gateway name is empty");
        }
        if (priority < 1 || priority > 254) {
            throw new IllegalArgumentException("gateway " + name + ": priority " + priority + " is not in 1..254");
        }
    }
}
