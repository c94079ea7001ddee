/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import java.util.Locale;

/** The engine's enum constants under the names the YANG model (and so RESTCONF and the console) gives them. */
public final class YangNames {
    private YangNames() {
        // static helpers only
    }

    /** Engine constants and YANG names differ in case and separator only: {@code LINK_DOWN} is {@code link-down}. */
    public static String of(final Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The engine constant of a YANG enum name, as {@link #of} names it. */
    public static <E extends Enum<E>> E parse(final Class<E> type, final String yangName) {
        return Enum.valueOf(type, yangName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
