/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The live state the engine loop publishes, as readers on any thread see it. */
public interface LiveState {
    Optional<ClusterView> view(String cluster);

    /** The cluster's failovers, oldest first; empty for a cluster not configured. */
    List<FailoverRecord> history(String cluster);

    /** The wall-clock instant of an engine timestamp. */
    Instant wallTime(long nanos);

    /** The datastore refused the write of these clusters' state: they are to be written again soon. */
    void refused(List<String> changed, List<String> removed);
}
