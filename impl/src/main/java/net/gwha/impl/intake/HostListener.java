/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;

/** Told of every host the controller answered an ARP request for a cluster's virtual IP. */
@FunctionalInterface
public interface HostListener {
    /**
     * A host asked for a virtual IP through a switch and got the controller's reply.
     *
     * @param cluster the cluster whose virtual IP it asked for
     * @param node the switch the request came in on
     * @param mac the host's MAC
     * @param ip the host's address
     * @param vip the virtual IP it asked for
     * @return false when the news could not be queued (the intake's queue is full): it is dropped
     */
    boolean hostAsked(String cluster, String node, MacAddress mac, String ip, String vip);
}
