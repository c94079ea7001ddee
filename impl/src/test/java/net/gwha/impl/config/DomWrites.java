/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.List;
import java.util.ServiceLoader;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.spi.BindingDOMCodecFactory;
import org.opendaylight.yangtools.binding.data.codec.spi.BindingDOMCodecServices;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerChild;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;

/**
 * Clusters as a commit cohort sees a write made through the DOM API (or any northbound that does not parse with
 * the model's types): decoded by the binding codec, which checks typedef patterns but not ranges. So a leaf can hold
 * a value that no binding builder would take, such as VRID 0.
 */
final class DomWrites {
    private static final BindingDOMCodecServices CODEC = ServiceLoader.load(BindingDOMCodecFactory.class)
        .findFirst().orElseThrow().createBindingDOMCodec(BindingRuntimeHelpers.createRuntimeContext(Clusters.class));

    private DomWrites() {
        // utility class
    }

    /**
     * The cluster with one leaf set to {@code value}.
     *
     * @param path from the cluster to the leaf; in the gateway list the step after {@code gateway} names the entry:
     *     {@code "gateway", "gw1", "attachment", "port-number"}
     */
    static Cluster with(final Cluster cluster, final Object value, final String... path) {
        final var identifier = DataObjectIdentifier.builder(Clusters.class).child(Cluster.class, cluster.key()).build();
        final var entry = (MapEntryNode) CODEC.toNormalizedDataObject(identifier, cluster).node();
        return (Cluster) CODEC.fromNormalizedNode(CODEC.toYangInstanceIdentifier(identifier),
            set(entry, value, List.of(path))).getValue();
    }

    private static DataContainerNode set(final DataContainerNode node, final Object value, final List<String> path) {
        final String name = path.getFirst();
        final DataContainerChild replacement;
        if (path.size() == 1) {
            replacement = ImmutableNodes.leafNode(QName.create(node.name().getNodeType(), name), value);
        } else if (child(node, name) instanceof MapNode list) {
            final var entry = list.body().stream()
                .filter(item -> path.get(1).equals(((LeafNode<?>) child(item, "name")).body()))
                .findFirst().orElseThrow();
            replacement = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(list.name()).withValue(list.body())
                .withChild((MapEntryNode) set(entry, value, path.subList(2, path.size()))).build();
        } else {
            replacement = (DataContainerChild) set((DataContainerNode) child(node, name), value,
                path.subList(1, path.size()));
        }
        return switch (node) {
            case MapEntryNode entry -> ImmutableNodes.newMapEntryBuilder().withNodeIdentifier(entry.name())
                .withValue(entry.body()).withChild(replacement).build();
            case ContainerNode container -> ImmutableNodes.newContainerBuilder().withNodeIdentifier(container.name())
                .withValue(container.body()).withChild(replacement).build();
            default -> throw new IllegalArgumentException("cannot rebuild " + node.name());
        };
    }

    private static DataContainerChild child(final DataContainerNode parent, final String name) {
        return parent.body().stream().filter(child -> child.name().getNodeType().getLocalName().equals(name))
            .findFirst().orElseThrow();
    }
}
