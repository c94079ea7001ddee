/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

/**
 * An IP address family. VRRPv3 runs one instance per family (RFC 5798 section 5.1): a dual-stack gateway sends one
 * stream of advertisements per family, each judged on its own.
 */
public enum AddressFamily {
    /** Advertisements to 224.0.0.18 from the gateway's IPv4 address. */
    IPV4,
    /** Advertisements to ff02::12 from the gateway's IPv6 link-local address. */
    IPV6
}
