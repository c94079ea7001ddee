/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Cluster configuration as RESTCONF JSON, built from the lab's addressing (192.0.2.0/24).
 */
record ClusterJson(String name, int vrid, String vip, Gateway... gateways) {
    record Gateway(String name, int priority, String ip, String mac, String node, int port) {
        String json() {
            return """
                {"name":"%s","priority":%d,"ip-address":"%s","mac-address":"%s",\
                "attachment":{"node-id":"%s","port-number":%d}}""".formatted(name, priority, ip, mac, node, port);
        }
    }

    static Gateway gateway(final int index, final int priority, final int port) {
        return new Gateway("gw" + index, priority, "192.0.2." + index, "02:00:00:00:00:0" + index, "openflow:1",
            port);
    }

    /** The lab's cluster: gw1 (200) and gw2 (150) on openflow:1 ports 11 and 12, VIP 192.0.2.254, VRID 51. */
    static ClusterJson lab(final String name) {
        return new ClusterJson(name, 51, "192.0.2.254", gateway(1, 200, 11), gateway(2, 150, 12));
    }

    ClusterJson withVip(final String newVip) {
        return new ClusterJson(name, vrid, newVip, gateways);
    }

    ClusterJson withGateways(final Gateway... newGateways) {
        return new ClusterJson(name, vrid, vip, newGateways);
    }

    String path() {
        return "/data/gwha:clusters/cluster=" + name;
    }

    String json() {
        return """
            {"gwha:cluster":[{"name":"%s","vrid":%d,"virtual-ip":["%s"],"gateway":[%s]}]}"""
            .formatted(name, vrid, vip, Arrays.stream(gateways).map(Gateway::json).collect(Collectors.joining(",")));
    }
}
