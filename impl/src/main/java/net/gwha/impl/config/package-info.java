/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The configuration datastore side: what the datastore cannot check itself ({@link ClusterValidator}), the
 * defaults the YANG descriptions promise ({@link ClusterDefaults}), the commit cohort that refuses bad
 * transactions, and the listener that turns each cluster into an engine configuration ({@link ConfigSink}).
 */
@NonNullByDefault
package net.gwha.impl.config;

import org.eclipse.jdt.annotation.NonNullByDefault;
