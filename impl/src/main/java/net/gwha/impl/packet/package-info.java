/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Wire formats, pure: a decoder of VRRP advertisements (RFC 5798 version 3 over IPv4 and IPv6, RFC 3768 version 2)
 * from the whole Ethernet frames that switches punt to the controller, and the IPv6 Neighbor Discovery messages the
 * controller reads and answers for virtual addresses (RFC 4861). No OpenDaylight types: bytes in, an immutable
 * {@link net.gwha.impl.packet.VrrpDecodeResult} or {@link net.gwha.impl.packet.NdDecodeResult} out, and frames built
 * from values.
 */
@NonNullByDefault
package net.gwha.impl.packet;

import org.eclipse.jdt.annotation.NonNullByDefault;
