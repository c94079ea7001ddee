/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Carries the engine's decisions to the switches. Pure: the {@link net.gwha.impl.steering.FlowPlanner} (what a
 * cluster needs on each switch, its punts in {@link net.gwha.impl.steering.PuntFlows} and its return flows in
 * {@link net.gwha.impl.steering.ReturnFlows}, built from {@link net.gwha.impl.steering.Matches} and
 * {@link net.gwha.impl.steering.FlowEntries}, named by {@link net.gwha.impl.steering.FlowIds}) and the
 * {@link net.gwha.impl.steering.FlowLedger} (what each switch should hold, what was applied, the difference). Over
 * openflowplugin: the {@link net.gwha.impl.steering.FlowWriter} and its two transports (flow, group and meter RPCs
 * with a barrier; the configuration datastore), the {@link net.gwha.impl.steering.SwitchReconciler} for switches
 * that connect, all on one thread, the {@link net.gwha.impl.steering.SteeringLoop}.
 */
@NonNullByDefault
package net.gwha.impl.steering;

import org.eclipse.jdt.annotation.NonNullByDefault;
