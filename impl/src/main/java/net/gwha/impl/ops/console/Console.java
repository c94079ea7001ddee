/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.gwha.impl.ops.OperationRefusedException;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Formatting and command completion shared by the commands.
 */
final class Console {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .withZone(ZoneOffset.UTC);

    private Console() {
        // utility class
    }

    static String time(final Optional<Instant> instant) {
        return instant.map(TIME::format).orElse("-");
    }

    /** Karaf's console is the command's standard output (a returned value is not shown in batch mode). */
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    static void print(final String text) {
        System.out.print(text);
        System.out.flush();
    }

    /** The table as a person reads it. */
    static String render(final ShellTable table) {
        final var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            table.print(out, true);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What a command says of a cluster that is not configured. */
    static IllegalArgumentException unknownCluster(final String name) {
        return new IllegalArgumentException("no cluster named '" + name + "'");
    }

    /** Waits for a command's result; a refusal becomes the error Karaf prints. */
    static <T> T await(final Future<T> result) throws InterruptedException, TimeoutException {
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationRefusedException refused) {
                throw new IllegalArgumentException(refused.getMessage(), e);
            }
            throw new IllegalStateException("the command failed: " + e.getCause(), e);
        }
    }
}
