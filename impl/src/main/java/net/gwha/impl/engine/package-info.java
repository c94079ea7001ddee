/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Liveness and election: pure Java, no OpenDaylight types. Events in, decisions out.
 *
 * <p>The adapter feeds {@link net.gwha.impl.engine.Engine#apply} from one event loop with
 * {@link net.gwha.impl.engine.Event}s stamped on a monotonic nanosecond clock, carries out the
 * {@link net.gwha.impl.engine.Decision}s of each {@link net.gwha.impl.engine.Outcome}, and keeps one timer per
 * cluster at {@link net.gwha.impl.engine.Outcome#nextWakeup}, which it fires as a {@link
 * net.gwha.impl.engine.Event.Tick}. Readers take {@link net.gwha.impl.engine.Engine#snapshot}s.
 *
 * <p>Where each rule is enforced (each place says so in a "Rule:" comment):
 * <ul>
 *   <li>down on silence, port down, priority 0; up again after the hold-up: {@code Gateway}</li>
 *   <li>phi accrual detector, its floor and cap: {@code PhiAccrual}, applied in {@code Cluster.threshold}</li>
 *   <li>effective priority, tie-break, preemption, switch-over pin, maintenance, start-up, all down,
 *       config edits: {@code Cluster}</li>
 *   <li>determinism (name order, no randomness) and time that never runs backwards: {@code Engine}</li>
 * </ul>
 */
@NonNullByDefault
package net.gwha.impl.engine;

import org.eclipse.jdt.annotation.NonNullByDefault;
