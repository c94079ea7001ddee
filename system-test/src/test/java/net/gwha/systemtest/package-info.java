/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Tests against the assembled distribution and the lab of Open vSwitch and network namespaces. They drive the
 * project's own scripts (scripts/controller, scripts/lab), the same ones a person uses.
 */
@NonNullByDefault
package net.gwha.systemtest;

import org.eclipse.jdt.annotation.NonNullByDefault;
