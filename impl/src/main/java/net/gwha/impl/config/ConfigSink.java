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

/** Where the configuration listener hands a cluster's configuration, in datastore order. */
public interface ConfigSink {
    /** A cluster's configuration and its virtual IPs. */
    void configure(Event.ConfigSet config, List<String> virtualIps);

    void remove(String cluster);

    /** The engine's clock, to stamp configurations. */
    long now();
}
