/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import com.google.common.util.concurrent.ListenableFuture;
import net.gwha.impl.steering.FlowPlanner.Owned;
import net.gwha.impl.steering.FlowPlanner.Plan;

/** Where the programmer's plans go: the {@link FlowWriter}, or a test's recorder. */
public interface FlowSink {
    /**
     * Makes the switches hold this plan for its cluster.
     *
     * @return completes with the time the change was confirmed
     */
    ListenableFuture<Long> apply(Plan plan);

    /**
     * Removes everything of a cluster that no other cluster plans.
     *
     * @return completes with the time the removal was confirmed
     */
    ListenableFuture<Long> remove(String cluster);

    /** What a cluster may hold under any election order ({@link FlowPlanner#owned}). */
    void own(String cluster, Owned cookiesAndGroups);

    /** Every configured cluster has been handed over. */
    void loaded();
}
