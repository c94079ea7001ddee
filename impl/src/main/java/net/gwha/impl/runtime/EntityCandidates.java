/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.controller.entity.owners.norev.EntityName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.controller.entity.owners.norev.EntityType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.controller.entity.owners.norev.GetEntity;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.controller.entity.owners.norev.GetEntityInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.controller.entity.owners.norev.GetEntityInputBuilder;

/** The candidates for a cluster singleton service's role, from OpenDaylight's entity-ownership RPC. */
final class EntityCandidates implements ArbiterPlacement.Candidates {
    /** The entity type under which mdsal's cluster singleton services stand for their role. */
    private static final EntityType SERVICE_ENTITY = new EntityType("org.opendaylight.mdsal.ServiceEntityType");

    private final GetEntity getEntity;
    private final GetEntityInput input;

    EntityCandidates(final RpcService rpcService, final String service) {
        getEntity = rpcService.getRpc(GetEntity.class);
        input = new GetEntityInputBuilder().setType(SERVICE_ENTITY).setName(new EntityName(service)).build();
    }

    @Override
    public ListenableFuture<Integer> count() {
        return Futures.transform(getEntity.invoke(input), result -> {
            final var output = result.getResult();
            return result.isSuccessful() && output != null ? output.requireCandidateNodes().size() : 0;
        }, MoreExecutors.directExecutor());
    }
}
