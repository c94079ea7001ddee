/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * An address of either family, so that what binds a heartbeat to a gateway (its source address among others) is one
 * comparison whichever family the advertisement came over.
 */
public sealed interface IpAddress permits Ipv4, Ipv6 {
    /** The family of the address. */
    AddressFamily family();
}
