/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * What operators use: the one service behind the RPCs, the Karaf console and the live state.
 */
@NonNullByDefault
package net.gwha.impl.runtime;

import org.eclipse.jdt.annotation.NonNullByDefault;
