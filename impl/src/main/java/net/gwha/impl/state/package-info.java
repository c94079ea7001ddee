/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * What goes out to people and programs: the live state as views, written to the operational datastore, and the
 * YANG notifications. Fed by the engine loop through small interfaces of its own.
 */
@NonNullByDefault
package net.gwha.impl.state;

import org.eclipse.jdt.annotation.NonNullByDefault;
