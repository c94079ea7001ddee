/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The operator's web page at {@code /gwha/} on OpenDaylight's web server, and the {@code /gwha} web context it shares
 * with the metrics endpoint, behind RESTCONF's authentication. The page is static (HTML, CSS, JavaScript in this
 * package's resources): it reads, changes and watches the clusters through RESTCONF only, so nothing here touches the
 * datastore or the engine.
 */
@NonNullByDefault
package net.gwha.impl.webconsole;

import org.eclipse.jdt.annotation.NonNullByDefault;
