/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/** Where openflowplugin's inventory keeps a switch, its flows, groups and meters. */
public final class InventoryPaths {
    /** The one table the project's flows live in. */
    static final Uint8 TABLE = Uint8.ZERO;

    private InventoryPaths() {
        // utility class
    }

    /**
     * A switch in the inventory.
     *
     * @param node the openflowplugin node id
     * @return the path of {@code nodes/node}
     */
    public static DataObjectIdentifier<Node> nodePath(final String node) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(node))).build();
    }

    /**
     * A switch's flows and groups, as the configuration datastore holds them for the forwarding-rules manager.
     *
     * @param node the openflowplugin node id
     * @return the path of {@code nodes/node/flow-node-inventory}
     */
    public static DataObjectIdentifier<FlowCapableNode> flowCapablePath(final String node) {
        return nodePath(node).toBuilder().augmentation(FlowCapableNode.class).build();
    }

    /**
     * The table of the project's flows on a switch.
     *
     * @param node the openflowplugin node id
     * @return the path of {@code nodes/node/flow-node-inventory:table[0]}
     */
    public static DataObjectIdentifier<Table> tablePath(final String node) {
        return flowCapablePath(node).toBuilder().child(Table.class, new TableKey(TABLE)).build();
    }

    /**
     * One of the project's flows.
     *
     * @param node the openflowplugin node id
     * @param flowId the flow id
     * @return the path under {@code nodes/node/flow-node-inventory:table[0]/flow}
     */
    public static DataObjectIdentifier<Flow> flowPath(final String node, final String flowId) {
        return tablePath(node).toBuilder().child(Flow.class, new FlowKey(new FlowId(flowId))).build();
    }

    /**
     * One of the project's meters.
     *
     * @param node the openflowplugin node id
     * @param meterId the meter id
     * @return the path under {@code nodes/node/flow-node-inventory:meter}
     */
    public static DataObjectIdentifier<Meter> meterPath(final String node, final long meterId) {
        return flowCapablePath(node).toBuilder()
            .child(Meter.class, new MeterKey(new MeterId(Uint32.valueOf(meterId)))).build();
    }

    /**
     * One of the project's groups.
     *
     * @param node the openflowplugin node id
     * @param groupId the group id
     * @return the path under {@code nodes/node/flow-node-inventory:group}
     */
    public static DataObjectIdentifier<Group> groupPath(final String node, final long groupId) {
        return flowCapablePath(node).toBuilder()
            .child(Group.class, new GroupKey(new GroupId(Uint32.valueOf(groupId)))).build();
    }
}
