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
 * One distribution for the whole test run: started before the first test class that asks for it, stopped when the
 * run ends, also when a test fails. Test classes declare {@code @ExtendWith(ControllerExtension.class)} and take a
 * {@link Controller} parameter.
 */
public final class ControllerExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(ControllerExtension.class);

    @Override
    public void beforeAll(final ExtensionContext context) {
        OdlClusterExtension.stop(context);
        running(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == Controller.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return running(context);
    }

    private static Controller running(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> new Running(),
            Running.class).controller;
    }

    /** Stops the controller if it runs, so that the cluster's tests have the machine to themselves. */
    static void stop(final ExtensionContext context) {
        final var running = context.getRoot().getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.close();
        }
    }

    /** Closed by JUnit when the root context closes, after the last test, unless stopped before. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final Controller controller = new Controller(Integer.getInteger("gwha.portOffset", 0));

        // A boot that failed or timed out must not leave the JVM running: nothing else would stop it.
        @SuppressWarnings("checkstyle:IllegalCatch")
        Running() {
            try {
                controller.script(Controller.BOOT_TIMEOUT_S + 60, "start");
            } catch (RuntimeException e) {
                controller.script(120, "stop");
                throw e;
            }
        }

        @Override
        public void close() {
            controller.script(120, "stop");
        }
    }
}
