/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;

/** Takes on a learned host that a switch's flow names, before that flow is judged stale. Called on the loop. */
@FunctionalInterface
public interface HostAdopter {
    /**
     * A flow of the project's that the plan lacks, on a switch or in its configuration.
     *
     * @param node the switch
     * @param cookie the flow's cookie
     * @param match the flow's match
     * @return whether the plan now holds the flow's host (re-planned at once, on the loop)
     */
    boolean adopt(String node, long cookie, Match match);
}
