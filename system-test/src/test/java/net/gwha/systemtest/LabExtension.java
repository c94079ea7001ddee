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
 * One lab for the whole test run, connected to the test distribution: brought up before the first test class that
 * asks for it, torn down when the run ends, also when a test fails. Heartbeats every 100 ms.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(final ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return running(context);
    }

    private static Lab running(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> new Running(),
            Running.class).lab;
    }

    /** Closed by JUnit when the root context closes, after the last test. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final Lab lab = new Lab(6653 + Integer.getInteger("gwha.portOffset", 0), "0.1");

        // A lab that failed half-way up must not leave namespaces and processes behind.
        @SuppressWarnings("checkstyle:IllegalCatch")
        Running() {
            try {
                lab.up();
            } catch (RuntimeException e) {
                lab.down();
                throw e;
            }
        }

        @Override
        public void close() {
            lab.down();
        }
    }
}
