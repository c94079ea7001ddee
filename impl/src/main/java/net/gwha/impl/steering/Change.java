/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;

/** One flow, group or meter to add (no before), update (both) or remove (no after) on one switch. Pure data. */
sealed interface Change {
    String node();

    /** Whether a failover makes this change: it then goes the fast way ({@link FlowWriter.Mode}). */
    boolean steering();

    /** What the switch should hold afterwards; null when the change removes it. */
    @Nullable Object after();

    /** Whether the switch should hold something afterwards. */
    default boolean adds() {
        return after() != null;
    }

    record FlowChange(String node, String id, @Nullable Flow before, @Nullable Flow after) implements Change {
        @Override
        public boolean steering() {
            return FlowPlanner.isSteering(id);
        }
    }

    /**
     * A meter changes with the configuration only, never in a failover; but a flow must not reach a switch before
     * the meter it names, and a changed meter is replaced, so a plan that adds or changes one goes the fast way too
     * ({@link FlowWriter}).
     */
    record MeterChange(String node, long id, @Nullable Meter before, @Nullable Meter after) implements Change {
        @Override
        public boolean steering() {
            return false;
        }
    }

    record GroupChange(String node, long id, @Nullable Group before, @Nullable Group after) implements Change {
        @Override
        public boolean steering() {
            return true;
        }
    }
}
