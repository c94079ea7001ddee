/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.List;
import net.gwha.impl.engine.Event;

/**
 * Where the configuration listener hands clusters over, in datastore order. They are applied in that order on the
 * engine's loop, and an adapter that keeps its own copy of the configuration (flows, packet-in matching) hears of a
 * cluster only once the engine has taken it.
 */
public interface ConfigSink {
    /**
     * A cluster's configuration and its virtual IPs.
     *
     * @param accepted runs once the engine took the configuration, before the decisions it led to are carried
     *     out; never if the engine refused it
     */
    void configure(Event.ConfigSet config, List<String> virtualIps, Runnable accepted);

    /**
     * A cluster was deleted.
     *
     * @param forgotten runs once the engine forgot it
     */
    void remove(String cluster, Runnable forgotten);

    /** Runs {@code action} after everything handed over before it. */
    void afterPending(Runnable action);

    /** The engine's clock, to stamp configurations. */
    long now();
}
