/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * What operators call: the one operations service ({@link GatewayHaService}), and the YANG RPCs switch-over and
 * set-maintenance, thin over it. The console commands are in {@code ops.console}.
 */
@NonNullByDefault
package net.gwha.impl.ops;

import org.eclipse.jdt.annotation.NonNullByDefault;
