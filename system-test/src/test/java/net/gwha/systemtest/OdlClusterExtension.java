/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One three-node cluster for the whole test run: started before the first test class that asks for it, stopped (nodes,
 * namespaces, bridge) when the run ends, also when a test fails. Test classes declare
 * {@code @ExtendWith(OdlClusterExtension.class)} and take an {@link OdlCluster} parameter. Its subnet is
 * {@code -Dgwha.clusterSubnet} (default 10.212.0).
 */
public final class OdlClusterExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(OdlClusterExtension.class);

    @Override
    public void beforeAll(final ExtensionContext context) {
        ControllerExtension.stop(context);
        running(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == OdlCluster.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return running(context);
    }

    private static OdlCluster running(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> new Running(),
            Running.class).cluster;
    }

    /** Stops the cluster if it runs, so that a single controller's tests have the machine to themselves. */
    static void stop(final ExtensionContext context) {
        final var running = context.getRoot().getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.close();
        }
    }

    /** Closed by JUnit when the root context closes, after the last test, unless stopped before. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final OdlCluster cluster = new OdlCluster(System.getProperty("gwha.clusterSubnet", "10.212.0"));

        // A boot that failed or timed out must not leave JVMs and namespaces behind: nothing else would remove them.
        @SuppressWarnings("checkstyle:IllegalCatch")
        Running() {
            try {
                cluster.script(OdlCluster.BOOT_TIMEOUT_S + 120, "start");
            } catch (RuntimeException e) {
                cluster.script(180, "stop");
                throw e;
            }
        }

        @Override
        public void close() {
            cluster.script(180, "stop");
        }
    }
}
