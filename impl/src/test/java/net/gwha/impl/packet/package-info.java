/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Tests of the VRRP decoder: captured keepalived frames, mutations of them, a frame builder, properties and a fuzz
 * test.
 */
@NonNullByDefault
package net.gwha.impl.packet;

import org.eclipse.jdt.annotation.NonNullByDefault;
