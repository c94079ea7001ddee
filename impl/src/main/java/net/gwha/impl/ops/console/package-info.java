/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Karaf console commands, scope gwha: thin over the operations service, output as tables.
 */
@NonNullByDefault
package net.gwha.impl.ops.console;

import org.eclipse.jdt.annotation.NonNullByDefault;
