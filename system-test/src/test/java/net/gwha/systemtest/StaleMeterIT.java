/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static net.gwha.systemtest.ClusterStates.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A switch that kept a meter with other bands, as one does across a controller restart or when a cluster is
 * re-created with another heartbeat interval: the switch refuses to add the planned meter, openflowplugin 0.20.1
 * reads no bands back, and the controller replaces the meter and adds the flows that name it again. Tagged
 * {@value #TAG}.
 */
@Tag(StaleMeterIT.TAG)
@ExtendWith({ ControllerExtension.class, LabExtension.class })
class StaleMeterIT {
    static final String TAG = "stale-meter";

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /** gw1's heartbeat meter in a VRID 51 cluster: the project's tag 0x4757, VRID 0x33, gw1 the first gateway. */
    private static final long GW1_METER = 0x47573301L;
    /** A 1 s heartbeat interval's band (4 x 1 advert a second, a burst of at least 10). */
    private static final String STALE_BAND = "type=drop rate=4 burst_size=10";
    /** The 100 ms interval's band the cluster plans: 4 x 10 adverts a second, a burst of one second's rate. */
    private static final String PLANNED_BAND = "type=drop rate=40 burst_size=40";

    private final Restconf restconf;
    private final Lab lab;

    StaleMeterIT(final Controller controller, final Lab lab) {
        restconf = controller.restconf();
        this.lab = lab;
    }

    @AfterEach
    void deleted() {
        restconf.delete("/data/gwha:clusters");
    }

    @Test
    void aMeterTheSwitchKeptWithOtherBandsIsReplacedAndGw1IsHeardThroughIt() {
        restconf.delete("/data/gwha:clusters");
        lab.waitConnected(60);
        await("no cluster's meter left on switch 1").atMost(SETTLE).pollInterval(POLL)
            .until(() -> band(GW1_METER).isEmpty());
        lab.addMeter(1, "meter=" + GW1_METER + ",pktps,burst,stats,bands=type=drop,rate=4,burst_size=10");
        assertEquals(STALE_BAND, band(GW1_METER), lab.meters(1));

        final var put = restconf.put("/data/gwha:clusters/cluster=lab", FailoverIT.clusterJson(true));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());

        await("the planned band on switch 1").atMost(SETTLE).pollInterval(POLL)
            .untilAsserted(() -> assertEquals(PLANNED_BAND, band(GW1_METER), lab.meters(1)));
        // The switch removed gw1's heartbeat punt with the stale meter: it is back, and gw1 is heard through it.
        await("gw1's heartbeat punt back and used").atMost(SETTLE).pollInterval(POLL)
            .until(() -> lab.packets(1, line -> line.contains("in_port=11,") && line.contains("nw_proto=112")
                && line.contains("actions=meter:" + GW1_METER + ",CONTROLLER")) > 0);
        await("gw1 active").atMost(SETTLE).pollInterval(POLL).untilAsserted(() -> assertEquals("gw1",
            text(ClusterStates.state(restconf, "lab"), "active-gateway")));
    }

    /** A meter's band as ovs-ofctl's dump-meters prints it (after "bands=", or on the next line), "" if absent. */
    private String band(final long meter) {
        final var lines = lab.meters(1).lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("meter=" + meter + " ")) {
                final var inline = lines.get(i).replaceFirst(".*bands=", "");
                return !inline.isEmpty() || i + 1 == lines.size() ? inline : lines.get(i + 1);
            }
        }
        return "";
    }
}
