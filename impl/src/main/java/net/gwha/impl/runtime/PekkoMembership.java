/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.opendaylight.controller.cluster.ActorSystemProvider;

/** The members of OpenDaylight's Pekko cluster, as this node sees them. */
final class PekkoMembership implements ArbiterPlacement.Membership {
    private final ActorSystemProvider actorSystems;

    PekkoMembership(final ActorSystemProvider actorSystems) {
        this.actorSystems = actorSystems;
    }

    @Override
    public boolean oldestOfSeveral() {
        final var cluster = Cluster.get(actorSystems.getActorSystem());
        final var self = cluster.selfMember();
        if (!MemberStatus.up().equals(self.status())) {
            return false;
        }
        final var state = cluster.state();
        boolean anotherReachable = false;
        for (var member : state.getMembers()) {
            if (member.equals(self) || !MemberStatus.up().equals(member.status())) {
                continue;
            }
            if (member.isOlderThan(self)) {
                return false;
            }
            anotherReachable |= !state.getUnreachable().contains(member);
        }
        return anotherReachable;
    }
}
