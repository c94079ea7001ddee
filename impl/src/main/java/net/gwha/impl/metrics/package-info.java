/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The Prometheus view of Gateway HA: the metrics, fed by the runtime from what it already counts, and the servlet
 * that serves them (registered on OpenDaylight's web server with the web console). Prometheus types stay in this
 * package.
 */
@NonNullByDefault
package net.gwha.impl.metrics;

import org.eclipse.jdt.annotation.NonNullByDefault;
