/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Optional;
import net.gwha.impl.state.ClusterView;
import net.gwha.impl.state.FailoverRecord;

/**
 * The operations every surface shares: RESTCONF RPCs and the Karaf console are thin over this. On the controller node
 * that drives election, reads answer from the engine's live view and commands are carried out by the engine on its
 * event loop, so their futures complete once it has decided; on other nodes reads answer from the datastore and
 * commands go to that node ({@link RoutedOperations}). A command sees the configuration committed before it: it
 * waits, a few seconds at most, for the engine to take that in. A refused command (an unknown cluster or gateway,
 * named as such, or one the engine will not act on) fails its future with {@link OperationRefusedException}, on
 * every node alike; a command that is not carried out for another reason (no node drives election, say) fails with
 * another exception, and a datastore that does not answer in time fails a read with an
 * {@link IllegalStateException}.
 */
public interface GatewayHaService {
    /** Every configured cluster, by name. */
    List<ClusterView> clusters();

    Optional<ClusterView> cluster(String name);

    /** The most recent changes of active gateway of a cluster, oldest first (at most 50). */
    List<FailoverRecord> history(String cluster);

    /** Makes the gateway active now; completes with the previously active gateway, if any. */
    ListenableFuture<Optional<String>> switchOver(String cluster, String gateway);

    /** Drains a gateway at once (on) or returns it to service (off); persisted as its admin-state. */
    ListenableFuture<Void> setMaintenance(String cluster, String gateway, boolean on);
}
