/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cross-cluster rules compare, by the value they compare (a switch port and VRID, a MAC, an address), so
 * that a rule looks up the clusters it could clash with instead of comparing every cluster with every other: a
 * change's validation grows with the number of clusters and of the clashes found, not with its square.
 *
 * <p>Lookups answer in the order the items were added; the rules add them cluster by cluster in name order, so
 * they report in the order a comparison of every pair would.
 *
 * @param <K> what is compared
 * @param <T> what a rule needs of the item that has it
 */
final class ClusterIndex<K, T> {
    /**
     * An item of a cluster.
     *
     * @param order the cluster's place in name order
     * @param seq when it was added: the rules' iteration order
     */
    record Hit<T>(ClusterUnderCheck cluster, int order, int seq, T item) {
    }

    private record VlanKey<K>(K key, int vlan) {
    }

    private static final int UNTAGGED = -1;

    private final Map<K, List<Hit<T>>> byKey = new HashMap<>();
    private final Map<VlanKey<K>, List<Hit<T>>> byVlan = new HashMap<>();
    private int added;

    void add(final K key, final ClusterUnderCheck cluster, final int order, final T item) {
        final var hit = new Hit<>(cluster, order, added++, item);
        byKey.computeIfAbsent(key, unused -> new ArrayList<>()).add(hit);
        byVlan.computeIfAbsent(new VlanKey<>(key, vlanOf(cluster)), unused -> new ArrayList<>()).add(hit);
    }

    /** Every item with the key, of any cluster. */
    List<Hit<T>> all(final K key) {
        return byKey.getOrDefault(key, List.of());
    }

    /**
     * The items with the key of the clusters whose VLAN overlaps this one's ({@link ClusterUnderCheck#vlanOverlaps}),
     * this cluster's own included.
     */
    List<Hit<T>> overlapping(final K key, final ClusterUnderCheck view) {
        final var vlan = view.vlan();
        if (vlan == null) {
            return all(key);
        }
        final var tagged = byVlan.getOrDefault(new VlanKey<>(key, vlan), List.of());
        final var untagged = byVlan.getOrDefault(new VlanKey<>(key, UNTAGGED), List.of());
        if (untagged.isEmpty()) {
            return tagged;
        }
        // both are in insertion order: merge them
        final var merged = new ArrayList<Hit<T>>(tagged.size() + untagged.size());
        int first = 0;
        int second = 0;
        while (first < tagged.size() || second < untagged.size()) {
            if (second == untagged.size()
                    || first < tagged.size() && tagged.get(first).seq() < untagged.get(second).seq()) {
                merged.add(tagged.get(first++));
            } else {
                merged.add(untagged.get(second++));
            }
        }
        return merged;
    }

    private static int vlanOf(final ClusterUnderCheck cluster) {
        final var vlan = cluster.vlan();
        return vlan == null ? UNTAGGED : vlan;
    }
}
