/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * A gateway's state as the controller sees it; the YANG typedef {@code gateway-state}.
 */
public enum GatewayState {
    /** Not heard since the cluster was configured (and its port not seen down). */
    UNKNOWN,
    /** Elected, or the last elected while every gateway is down. */
    ACTIVE,
    /** Up and in service, not elected. */
    PASSIVE,
    /** Silent, port down, resigned, or heard again but not yet for the hold-up time. */
    DOWN,
    /** Out of service: never elected. Wins over every other state. */
    MAINTENANCE
}
