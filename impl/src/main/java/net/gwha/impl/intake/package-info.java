/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * What comes in from the switches: packet-ins (VRRP advertisements bound to a configured gateway by switch, port,
 * VRID, MAC and address; ARP requests for a virtual IP, answered by packet-out), port status, and the links
 * between switches. Everything becomes an engine event handed to a consumer; nothing here decides.
 */
@NonNullByDefault
package net.gwha.impl.intake;

import org.eclipse.jdt.annotation.NonNullByDefault;
