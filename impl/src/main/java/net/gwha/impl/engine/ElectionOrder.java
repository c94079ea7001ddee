/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import net.gwha.impl.engine.Decision.ElectionOrderChanged;

/**
 * Where one cluster's traffic may go, in order of preference (the fast-failover buckets follow it), and the
 * decision that reports a change of it. Owned by its cluster, which works it out after every event.
 */
final class ElectionOrder {
    private final String cluster;
    /** Whether the first gateway beats the second in the cluster's election. */
    private final BiPredicate<Gateway, Gateway> better;
    /** Whether a gateway is in the active one's partition: traffic steered by this order cannot reach the others. */
    private final Predicate<Gateway> reachable;
    /** The order last reported, and the array it is worked out in. */
    private List<String> order = List.of();
    private Gateway[] ranked = new Gateway[0];

    ElectionOrder(final String cluster, final BiPredicate<Gateway, Gateway> better,
            final Predicate<Gateway> reachable) {
        this.cluster = cluster;
        this.better = better;
        this.reachable = reachable;
    }

    // Rule: the election order is the active gateway (even when it is down: with nobody electable steering stays),
    // then every other electable gateway of its partition, best first; never one unknown, down or in maintenance.
    // Worked out in a reused array, so a heartbeat that changes nothing allocates nothing
    void publish(final Gateway[] gateways, final int active, final long at, final List<Decision> out) {
        if (ranked.length < gateways.length) {
            ranked = new Gateway[gateways.length];
        }
        int count = 0;
        if (active >= 0) {
            ranked[count++] = gateways[active];
            for (int i = 0; i < gateways.length; i++) {
                if (i != active && gateways[i].electable() && reachable.test(gateways[i])) {
                    int slot = count++;
                    while (slot > 1 && better.test(gateways[i], ranked[slot - 1])) {
                        ranked[slot] = ranked[slot - 1];
                        slot--;
                    }
                    ranked[slot] = gateways[i];
                }
            }
        }
        boolean same = count == order.size();
        for (int i = 0; same && i < count; i++) {
            same = ranked[i].name().equals(order.get(i));
        }
        if (!same) {
            final var names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = ranked[i].name();
            }
            order = List.of(names);
            out.add(new ElectionOrderChanged(cluster, order, at));
        }
    }
}
