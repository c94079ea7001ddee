/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.Event;
import net.gwha.impl.runtime.HaRuntime;
import net.gwha.impl.runtime.HeartbeatCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.DetectorType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.FailureDetectorBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * One cluster that cannot be applied (here, one the validator would refuse, written past it as the in-memory
 * broker allows) is left out: the others are applied, the replay completes, and the adapters (the observer) never
 * hear of it, since they hear of a configuration only once the engine took it. Over the real broker and runtime.
 */
class ClusterConfigListenerTest extends AbstractConcurrentDataBrokerTest {
    private final List<String> observed = new ArrayList<>();
    private final HaRuntime runtime = new HaRuntime((live, changed, removed) -> { }, new HeartbeatCounters());
    private ClusterConfigListener listener;

    ClusterConfigListenerTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        runtime.close();
    }

    private void listen(final ConfigSink sink) {
        listener = new ClusterConfigListener(getDataBroker(), sink, new RecordingObserver());
    }

    /** Records what the listener tells its observer; the hand-overs too in the subclass that overrides them. */
    private class RecordingObserver implements ClusterConfigListener.ConfigObserver {
        @Override
        public void configured(final Cluster cluster) {
            record("configured " + cluster.getName().getValue());
        }

        @Override
        public void removed(final String cluster) {
            record("removed " + cluster);
        }

        @Override
        public void loaded() {
            record("loaded");
        }
    }

    private synchronized void record(final String what) {
        observed.add(what);
    }

    private synchronized List<String> observed() {
        return List.copyOf(observed);
    }

    private List<String> awaitObserved(final int count) {
        return await().atMost(Duration.ofSeconds(10)).until(this::observed, found -> found.size() >= count);
    }

    /** Engine-valid clusters c1 (VRID 1) and c2 (VRID 2); "bad" has an adaptive floor past its dead interval. */
    private static Cluster named(final String name, final int vrid) {
        return Fixtures.validBuilder().withKey(new ClusterKey(new ClusterName(name))).setName(new ClusterName(name))
            .setVrid(Uint8.valueOf(vrid)).build();
    }

    private static Cluster bad() {
        return Fixtures.validBuilder().withKey(new ClusterKey(new ClusterName("bad"))).setName(new ClusterName("bad"))
            .setVrid(Uint8.valueOf(3)).setFailureDetector(new FailureDetectorBuilder().setType(DetectorType.Adaptive)
                .setFloor(Uint32.valueOf(4000)).build()).build();
    }

    private void put(final Cluster... clusters) throws Exception {
        final var tx = getDataBroker().newWriteOnlyTransaction();
        for (var cluster : clusters) {
            tx.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
                .child(Cluster.class, cluster.key()).build(), cluster);
        }
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClusterTheEngineCannotRunIsLeftOutAndTheReplayStillCompletes() throws Exception {
        put(named("c1", 1), bad(), named("c2", 2));

        listen(runtime);

        final var found = awaitObserved(3);
        assertEquals(Set.of("configured c1", "configured c2"), Set.copyOf(found.subList(0, 2)));
        assertEquals("loaded", found.get(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.view("c2").isPresent());
        assertEquals(Optional.empty(), runtime.view("bad"));
    }

    @Test
    void aClusterTheEngineCannotRunInALaterChangeIsNeverHandedToTheAdapters() throws Exception {
        listen(runtime);
        assertEquals(List.of("loaded"), awaitObserved(1));

        put(bad(), named("c1", 1));
        // a later change marks the end: the observer hears of configurations in datastore order
        put(named("c2", 2));

        assertEquals(List.of("loaded", "configured c1", "configured c2"), awaitObserved(3));
        assertEquals(Optional.empty(), runtime.view("bad"));
    }

    @Test
    void whatTheEngineRefusesTheAdaptersNeverHearOf() throws Exception {
        put(named("c1", 1), named("c2", 2));
        // an engine that refuses c2: it never runs what it was told to run once it accepted
        listen(new ConfigSink() {
            @Override
            public void configure(final Event.ConfigSet config, final List<String> virtualIps,
                    final Runnable accepted) {
                if (!config.config().name().equals("c2")) {
                    accepted.run();
                }
            }

            @Override
            public void remove(final String cluster, final Runnable forgotten) {
                forgotten.run();
            }

            @Override
            public void afterPending(final Runnable action) {
                action.run();
            }

            @Override
            public long now() {
                return 0;
            }
        });

        assertEquals(List.of("configured c1", "loaded"), awaitObserved(2));
    }

    /** The changes of a notification are announced before the first reaches the engine and closed after the last. */
    @Test
    void aNotificationIsHandedOverBetweenHandingOverAndHandedOver() throws Exception {
        listener = new ClusterConfigListener(getDataBroker(), runtime, new RecordingObserver() {
            @Override
            public void handingOver() {
                record("handing over");
            }

            @Override
            public void handedOver() {
                record("handed over");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> observed().contains("loaded"));
        final int before = observed().size();

        put(named("c1", 1), named("c2", 2));

        final var found = awaitObserved(before + 4).subList(before, before + 4);
        assertEquals("handing over", found.getFirst());
        assertEquals(Set.of("configured c1", "configured c2"), Set.copyOf(found.subList(1, 3)));
        assertEquals("handed over", found.getLast());
    }
}
