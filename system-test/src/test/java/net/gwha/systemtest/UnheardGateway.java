/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.util.stream.Collectors;

/**
 * What a test reports when a gateway of switch 1 that keepalived says is master was not heard: each place its
 * advertisements pass on their way to the engine, so that one report tells where they stopped. The switch port (what
 * arrived, decoded, checksums checked), the punt flow and its meter (what went up to the controller, what the meter
 * dropped), and the controller's own counters (accepted, spoofed or malformed per gateway and cluster, the
 * malformed and spoofed it could attribute to no cluster, and what its full queue dropped).
 */
final class UnheardGateway {
    private UnheardGateway() {
    }

    static String report(final Lab lab, final Restconf restconf, final String gateway) {
        final var metrics = restconf.metrics();
        return gateway + "'s keepalived " + lab.vrrpState(gateway)
            + "\nits advertisements at the switch port:\n" + lab.advertsAtSwitch(gateway)
            + "\nmeters of switch 1:\n" + lab.meterStats(1)
            + "\nflows of switch 1:\n" + lab.flows(1)
            + "\nthe controller's heartbeat counters (HTTP " + metrics.status() + "):\n"
            + metrics.body().lines()
                .filter(line -> line.startsWith("gwha_heartbeats_total") || line.startsWith("gwha_packet_ins_dropped"))
                .collect(Collectors.joining("\n"));
    }
}
