/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.util.Map;

/**
 * A running copy of the distribution on loopback, in system-test/target, driven through scripts/controller.
 */
final class Controller {
    /** How long scripts/controller waits for RESTCONF: boots take minutes on two loaded cores. */
    static final int BOOT_TIMEOUT_S = 540;

    private final Map<String, String> env;
    private final int portOffset;

    Controller(final int portOffset) {
        this.portOffset = portOffset;
        env = Map.of(
            "GWHA_RUN_DIR", Scripts.ROOT.resolve("system-test/target/controller").toString(),
            "GWHA_PORT_OFFSET", Integer.toString(portOffset),
            "GWHA_BOOT_TIMEOUT", Integer.toString(BOOT_TIMEOUT_S));
    }

    Restconf restconf() {
        return new Restconf(8181 + portOffset);
    }

    /** Jetty's port: RESTCONF and the metrics endpoint. */
    int httpPort() {
        return 8181 + portOffset;
    }

    int openflowPort() {
        return 6653 + portOffset;
    }

    /** Runs a Karaf console command through bin/client and returns its output. */
    String console(final String command) {
        return script(120, "client", command);
    }

    String script(final long timeoutSeconds, final String... args) {
        return Scripts.require(env, timeoutSeconds, "controller", args).output();
    }
}
