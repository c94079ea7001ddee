/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.config.EngineConfigs;
import net.gwha.impl.engine.Engine;
import net.gwha.impl.engine.Event;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yangtools.yang.common.Uint32;

/** The programmer between a real engine and a recording writer: which plans it makes of the engine's decisions. */
class FlowProgrammerTest {
    private static final Cluster LAB = LabClusters.builder(LabClusters.gateway(1, 200, S1, 11),
        LabClusters.gateway(2, 150, S1, 12), LabClusters.gateway(3, 100, S1, 13)).setUseAdvertisedPriority(true)
        .build();

    private final RecordingSink sink = new RecordingSink();
    private final Engine engine = new Engine();
    private final FlowProgrammer programmer = new FlowProgrammer(sink, FlowPlanner.Options.DEFAULT,
        (cluster, decided, confirmed) -> { });

    private void engine(final Event event) {
        programmer.onDecisions(engine.apply(event).decisions());
    }

    private static Event heartbeat(final String gateway, final int priority, final long millis) {
        return new Event.HeartbeatReceived("lab", gateway, priority, 100, TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The watch ports of the steering group's buckets in the last plan, in bucket order. */
    private List<Uint32> buckets() {
        final var group = sink.plans.getLast().switches().get(S1).groups().get(0x47573300L);
        return group == null ? List.of() : group.getBuckets().nonnullBucket().values().stream()
            .map(bucket -> bucket.getWatchPort()).toList();
    }

    @Test
    void bucketsAreTheEnginesElectionOrderWithoutGatewaysNeverHeard() {
        programmer.configured(LAB);
        engine(new Event.ConfigSet(EngineConfigs.of(LAB), 0));
        engine(heartbeat("gw1", 200, 1));
        // gw3 is configured at 100 but advertises 180, and the cluster counts advertised priorities; gw2 (150) is
        // configured, never heard: no bucket may send traffic to it.
        engine(heartbeat("gw3", 180, 2));

        assertEquals(List.of(Uint32.valueOf(11), Uint32.valueOf(13)), buckets());

        // gw2 is heard at last, advertising 190: the engine ranks it before gw3.
        engine(heartbeat("gw2", 190, 3));
        assertEquals(List.of(Uint32.valueOf(11), Uint32.valueOf(12), Uint32.valueOf(13)), buckets());
    }

    /** A writer that takes every plan at once. */
    static final class RecordingSink implements FlowSink {
        final List<Plan> plans = new ArrayList<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public ListenableFuture<Long> apply(final Plan plan) {
            plans.add(plan);
            return Futures.immediateFuture(0L);
        }

        @Override
        public ListenableFuture<Long> remove(final String cluster) {
            removed.add(cluster);
            return Futures.immediateFuture(0L);
        }

        @Override
        public void own(final String cluster, final Owned cookiesAndGroups) {
            // reconciliation is the writer's business
        }

        @Override
        public void loaded() {
            // same
        }
    }
}
