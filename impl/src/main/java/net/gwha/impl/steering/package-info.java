/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The engine's decisions carried to the switches: the pure flow planner (a cluster, its election order and the
 * links between switches in, the flows and groups of every switch out), the programmer that re-plans on each
 * decision, and the writer that applies the difference through openflowplugin.
 */
@NonNullByDefault
package net.gwha.impl.steering;

import org.eclipse.jdt.annotation.NonNullByDefault;
