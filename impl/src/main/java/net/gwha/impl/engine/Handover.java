/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the previous arbiter published of one cluster, handed to a new arbiter (another controller node took the
 * role) with the cluster's configuration ({@link Event.ConfigSet}), so that it goes on from there instead of electing
 * afresh.
 *
 * <p>Rules. The active gateway stays active: nothing is elected away from it while it is up and in service. The
 * gateways shown active or passive are taken as up, as if heard at the take-over, so the election order (and the
 * fast-failover buckets the switches hold) is the previous one; none is judged silent before one dead interval
 * after the take-over. Those shown down stay down: they must be heard for the hold-up time again. A gateway taken
 * as up does not preempt before this engine has heard it; then the preempt delay runs from the take-over (the
 * previous arbiter's part of it is not known). A switch-over still holds ({@code pinned}). Unknown and maintenance
 * gateways start unknown.
 *
 * @param activeGateway the gateway traffic was steered to, absent if none had been elected
 * @param activeSince when it was elected, on this engine's clock; absent if not known
 * @param pinned whether a switch-over chose it and still holds
 * @param gateways by name
 */
public record Handover(Optional<String> activeGateway, OptionalLong activeSince, boolean pinned,
        Map<String, GatewayHandover> gateways) {
    public Handover {
        gateways = Map.copyOf(gateways);
    }

    /**
     * One gateway as the previous arbiter showed it.
     *
     * @param state its state
     * @param advertisedPriority the priority of its last heartbeat, if it was heard
     * @param lastHeard its last heartbeat, on this engine's clock, if it was heard: shown until this engine hears it
     */
    public record GatewayHandover(GatewayState state, OptionalInt advertisedPriority, OptionalLong lastHeard) {
    }
}
