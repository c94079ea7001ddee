/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops;

/**
 * A command the controller will not carry out, with the reason an operator reads: an unknown cluster or gateway,
 * or a gateway that is down, unknown or in maintenance.
 */
public final class OperationRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public OperationRefusedException(final String reason) {
        super(reason);
    }
}
