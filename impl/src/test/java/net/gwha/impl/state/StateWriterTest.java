/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.IntakeStatistics;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/** The intake's own counters reach the operational datastore, the packet-ins it dropped among them. */
class StateWriterTest extends AbstractConcurrentDataBrokerTest {
    StateWriterTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
    }

    @Test
    void packetInsTheFullQueueDroppedAreInTheIntakeStatistics() throws Exception {
        final var counters = new CounterView() {
            @Override
            public Counts of(final String cluster) {
                return new Counts(0, 0, 0);
            }

            @Override
            public Counts unattributed() {
                return new Counts(0, 2, 3);
            }

            @Override
            public long packetInsDropped() {
                return 7;
            }
        };
        try (var writer = new StateWriter(getDataBroker(), counters)) {
            writer.write(new LiveState() {
                @Override
                public Optional<ClusterView> view(final String cluster) {
                    return Optional.empty();
                }

                @Override
                public List<FailoverRecord> history(final String cluster) {
                    return List.of();
                }

                @Override
                public Instant wallTime(final long nanos) {
                    return Instant.EPOCH;
                }
            }, List.of(), List.of());

            await().atMost(Duration.ofSeconds(10)).until(this::intake, Optional::isPresent);
            final var stats = intake().orElseThrow();
            assertEquals(7, stats.getPacketInsDropped().getValue().longValue());
            assertEquals(2, stats.getHeartbeatsMalformed().getValue().longValue());
            assertEquals(3, stats.getHeartbeatsSpoofed().getValue().longValue());
        }
    }

    private Optional<IntakeStatistics> intake() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(IntakeStatistics.class)
                .build()).get(10, TimeUnit.SECONDS);
        }
    }
}
