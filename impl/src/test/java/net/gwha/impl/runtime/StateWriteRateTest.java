/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterStates;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.cluster.states.ClusterState;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;

/**
 * How often a cluster's live state goes through the operational datastore, which in an OpenDaylight cluster is a
 * Raft round to every node: with healthy gateways, whose heartbeats change only last-heard and the counters, once
 * every {@link StateFlush#LIVE_NANOS}, however often they are heard.
 */
class StateWriteRateTest extends AbstractRunningServiceTest {
    @Test
    void healthyGatewaysAreWrittenOncePerLiveInterval() throws Exception {
        startLan();
        // The start's own writes are in first, each a decision: every gateway heard, the flows confirmed, and the
        // retry of a first write that met the cohort's starting entry (made again RETRY_NANOS later, on the lab's
        // clock).
        advance(Duration.ofNanos(StateFlush.RETRY_NANOS));
        waiting().until(this::startWritten);
        final var writes = new AtomicInteger();
        try (var counting = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
                DataObjectReference.builder(ClusterStates.class).child(ClusterState.class).build(),
                changes -> changes.stream().filter(StateWriteRateTest::notARepair).forEach(
                    change -> writes.incrementAndGet()))) {
            // the first notification is what is there already
            waiting().until(() -> writes.get() == 1);
            final int seconds = 120;
            for (int second = 0; second < seconds; second++) {
                advance(Duration.ofSeconds(1));
                heartbeat(1, 200);
                heartbeat(2, 150);
                heartbeat(3, 100);
            }
            // the last live write is in: gw3's count of at most one live interval before
            final long live = TimeUnit.NANOSECONDS.toSeconds(StateFlush.LIVE_NANOS);
            waiting().until(() -> accepted("gw3") >= seconds - live);

            final long expected = seconds / live;
            final int written = writes.get() - 1;
            assertTrue(written >= expected - 1 && written <= expected, written + " writes in " + seconds + " s");
        }
    }

    /**
     * Whether a write is not the flow audit's: it runs on real time, finds the recording switch without the flows
     * (it answers no statistics) and writes each new repair count at once.
     */
    private static boolean notARepair(final DataTreeModification<ClusterState> change) {
        final var before = change.getRootNode().dataBefore();
        final var after = change.getRootNode().dataAfter();
        return before == null || after == null || Objects.equals(before.getFlowsRepaired(), after.getFlowsRepaired());
    }

    private boolean startWritten() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class).build())
                .get(10, TimeUnit.SECONDS).stream().flatMap(states -> states.nonnullClusterState().values().stream())
                .anyMatch(state -> state.nonnullGatewayState().size() == 3 && state.nonnullGatewayState().values()
                    .stream().allMatch(gw -> gw.getHeartbeatsAccepted() != null
                        && gw.getHeartbeatsAccepted().getValue().longValue() > 0)
                    && !state.nonnullFailoverEvent().isEmpty() && state.nonnullFailoverEvent().values().stream()
                        .allMatch(event -> event.getFlowsConfirmedTime() != null));
        }
    }

    private long accepted(final String gateway) throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(ClusterStates.class).build())
                .get(10, TimeUnit.SECONDS).stream().flatMap(states -> states.nonnullClusterState().values().stream())
                .flatMap(state -> state.nonnullGatewayState().values().stream())
                .filter(gw -> gw.getName().getValue().equals(gateway) && gw.getHeartbeatsAccepted() != null)
                .mapToLong(gw -> gw.getHeartbeatsAccepted().getValue().longValue()).findFirst().orElse(0);
        }
    }
}
