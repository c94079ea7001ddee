/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The wiring, and the only place that knows every other package: the cluster singleton that starts and stops Gateway
 * HA on this node ({@link GatewayHaProvider}), the one event loop that feeds the engine and hands its decisions to
 * steering and state ({@link HaRuntime}), the heartbeat counters, and the operations service over the loop.
 */
@NonNullByDefault
package net.gwha.impl.runtime;

import org.eclipse.jdt.annotation.NonNullByDefault;
