/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.gwha.impl.engine.Event;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.LinkId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NetworkTopology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TopologyId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TpId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.link.attributes.DestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.link.attributes.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyBuilder;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Link;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.LinkBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;

/**
 * Links as openflowplugin's topology manager writes them (one directed link per direction, termination points named
 * like node connectors) become first hops.
 */
class LinkTopologyTest extends AbstractConcurrentDataBrokerTest {
    LinkTopologyTest() {
        super(true);
    }

    @Test
    void aChainOfThreeSwitchesGivesFirstHopsBothWays() {
        final var topology = LinkTopology.fromLinks(List.of(link(1, 100, 2, 100), link(2, 100, 1, 100),
            link(2, 200, 3, 7), link(3, 7, 2, 200)));

        assertEquals(OptionalLong.of(100), topology.portToward("openflow:1", "openflow:2"));
        assertEquals(OptionalLong.of(100), topology.portToward("openflow:1", "openflow:3"));
        assertEquals(OptionalLong.of(200), topology.portToward("openflow:2", "openflow:3"));
        assertEquals(OptionalLong.of(7), topology.portToward("openflow:3", "openflow:1"));
        assertEquals(OptionalLong.empty(), topology.portToward("openflow:1", "openflow:9"));
    }

    @Test
    void parallelLinksUseTheLowerPort() {
        final var topology = LinkTopology.fromLinks(List.of(link(1, 101, 2, 101), link(1, 100, 2, 100)));

        assertEquals(OptionalLong.of(100), topology.portToward("openflow:1", "openflow:2"));
        assertEquals(OptionalLong.empty(), topology.portToward("openflow:2", "openflow:1"));
    }

    @Test
    void theListenerFollowsTheOperationalTopology() throws Exception {
        // The broker test's setup() carries JUnit 4's @Before, which Jupiter ignores.
        setup();
        final var latest = new AtomicReference<Event.LinksChanged>();
        try (var listener = new LinkTopology(getDataBroker(), latest::set, () -> 42)) {
            final var path = DataObjectIdentifier.builder(NetworkTopology.class)
                .child(Topology.class, new TopologyKey(new TopologyId(LinkTopology.FLOW_TOPOLOGY))).build();
            final var tx = getDataBroker().newWriteOnlyTransaction();
            tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path, new TopologyBuilder()
                .setTopologyId(new TopologyId(LinkTopology.FLOW_TOPOLOGY))
                .setLink(BindingMap.of(link(1, 100, 2, 100), link(2, 100, 1, 100))).build());
            tx.commit().get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> latest.get() != null && latest.get().links()
                .map(links -> links.portToward("openflow:2", "openflow:1").equals(OptionalLong.of(100))).orElse(false));
            assertEquals(42, latest.get().at());

            // no topology at all: the controller knows nothing of links, which is not the same as knowing of none
            final var delete = getDataBroker().newWriteOnlyTransaction();
            delete.delete(LogicalDatastoreType.OPERATIONAL, path);
            delete.commit().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> latest.get().links().isEmpty());
        }
    }

    private static Link link(final int from, final int fromPort, final int to, final int toPort) {
        final var source = "openflow:" + from + ":" + fromPort;
        return new LinkBuilder()
            .setLinkId(new LinkId(source))
            .setSource(new SourceBuilder().setSourceNode(new NodeId("openflow:" + from))
                .setSourceTp(new TpId(source)).build())
            .setDestination(new DestinationBuilder().setDestNode(new NodeId("openflow:" + to))
                .setDestTp(new TpId("openflow:" + to + ":" + toPort)).build())
            .build();
    }
}
