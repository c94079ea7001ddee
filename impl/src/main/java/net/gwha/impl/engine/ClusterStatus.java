/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/** A cluster's status, as the YANG {@code cluster-state/status}. */
public enum ClusterStatus {
    /**
     * Configured, not yet taken in by the engine: written when the configuration commits, and read back so on other
     * controller nodes; the engine itself never reports it.
     */
    STARTING,
    /** Never elected, configured less than one dead interval ago: waiting to hear the gateways. */
    ELECTING,
    /** The active gateway is up and in service. */
    ACTIVE,
    /** No gateway is up and in service; traffic stays steered to the last active one, if any. */
    ALL_DOWN,
    /**
     * As {@link #ALL_DOWN}, and none of the switches the gateways attach to is connected (reported by
     * {@link Event.SwitchConnected}, not disconnected since): the controller cannot hear them.
     */
    NO_SWITCH
}
