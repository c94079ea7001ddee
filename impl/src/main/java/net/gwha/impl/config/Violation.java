/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static java.util.Objects.requireNonNull;

/**
 * One reason to refuse a proposed configuration, worded for an operator who reads it in a RESTCONF error.
 *
 * @param cluster the name of the cluster the problem is reported on
 * @param field where in that cluster, such as {@code virtual-ip} or {@code gateway 'gw1' attachment}
 * @param problem what is wrong there, starting with the offending value where there is one
 */
public record Violation(String cluster, String field, String problem) {
    /**
     * Checks that all parts are present.
     */
    public Violation {
        requireNonNull(cluster);
        requireNonNull(field);
        requireNonNull(problem);
    }

    /**
     * The whole message, such as
     * {@code cluster 'c1': virtual-ip 192.0.2.1 equals the ip-address of gateway 'gw1'}.
     *
     * @return the message
     */
    public String message() {
        return "cluster '" + cluster + "': " + field + " " + problem;
    }

    @Override
    public String toString() {
        return message();
    }
}
