/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.fixtures.FakeScheduler;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.fixtures.RecordingRpcs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;

/**
 * Leadership lost or shutdown: from the moment the writer is closed nothing more reaches a switch, and nothing
 * waits forever. The writer's thread is a fake scheduler the test drives.
 */
class FlowWriterShutdownTest extends AbstractConcurrentDataBrokerTest {
    private final RecordingRpcs rpcs = new RecordingRpcs();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final SteeringLoop steering = new SteeringLoop(scheduler);
    private FlowWriter writer;

    FlowWriterShutdownTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        writer = new FlowWriter(getDataBroker(), rpcs, FlowWriter.Mode.RPC, scheduler::nanoTime, steering,
            (cluster, total) -> { }, () -> true);
    }

    private void close() {
        writer.close();
        steering.close();
    }

    @Test
    void whatIsInFlightFailsAtCloseAndNothingIsSentAfter() throws Exception {
        // A switch that does not answer: the group's RPC hangs.
        rpcs.hold("AddGroup");
        final var confirmed = writer.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1", "gw2")));
        scheduler.runDue();
        // meters go first, then the group, whose answer never comes
        assertTrue(rpcs.takeCalls().stream().anyMatch(call -> call.rpc().equals("AddGroup")));
        assertTrue(!confirmed.isDone());

        close();

        assertTrue(confirmed.isDone(), "closing ends what is in flight");
        assertThrows(ExecutionException.class, () -> confirmed.get(0, TimeUnit.SECONDS));
        // The switch answers late that the group exists: the writer would modify it, but it has stopped.
        rpcs.release("AddGroup", "Device reported error type GROUPMODFAILED code GROUPEXISTS");
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), rpcs.takeCalls());
    }

    @Test
    void aPlanAfterCloseFailsAndSendsNothing() {
        close();

        final var refused = writer.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite),
            List.of("gw1")));
        scheduler.advance(Duration.ofSeconds(1));

        assertTrue(refused.isDone());
        assertThrows(ExecutionException.class, () -> refused.get(0, TimeUnit.SECONDS));
        assertEquals(List.of(), rpcs.takeCalls());
    }

    @Test
    void aRetryDueAfterCloseDoesNotFire() {
        rpcs.failNext("AddFlow", "Device reported error type BADREQUEST");
        writer.apply(FlowPlanner.plan(LabClusters.oneSwitch(SteeringMode.MacRewrite), List.of("gw1")));
        scheduler.runDue();
        rpcs.takeCalls();
        assertTrue(scheduler.queued() > 0, "a re-send is scheduled");

        close();
        scheduler.advance(Duration.ofSeconds(30));

        assertEquals(List.of(), rpcs.takeCalls());
    }
}
