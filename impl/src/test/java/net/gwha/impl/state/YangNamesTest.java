/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.gwha.impl.engine.FailoverCause;
import org.junit.jupiter.api.Test;

/**
 * Every failover cause of the engine is one of the model's, under the name the state, the history, the console and
 * the metrics show: a cause added to the engine alone would fail the first state write that carries it.
 */
class YangNamesTest {
    @Test
    void everyEngineCauseIsModelled() {
        for (var cause : FailoverCause.values()) {
            final var name = YangNames.of(cause);
            assertEquals(name, org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.FailoverCause
                .ofName(name).getName());
            assertEquals(cause, YangNames.parse(FailoverCause.class, name));
        }
        assertEquals("ipv6-heartbeat-timeout", YangNames.of(FailoverCause.IPV6_HEARTBEAT_TIMEOUT));
    }
}
