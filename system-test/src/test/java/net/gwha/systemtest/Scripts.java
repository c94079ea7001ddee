/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's scripts and returns what it printed; a script that fails or hangs fails the test.
 */
final class Scripts {
    static final Path ROOT = Path.of(System.getProperty("gwha.projectRoot", "..")).toAbsolutePath().normalize();

    private Scripts() {
        // utility class
    }

    record Result(int exitCode, String output) {
        Result requireSuccess(final List<String> command) {
            if (exitCode != 0) {
                throw new IllegalStateException(command + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(final Map<String, String> env, final long timeoutSeconds, final String script,
            final String... args) {
        final var command = new ArrayList<String>();
        command.add("bash");
        command.add(ROOT.resolve("scripts").resolve(script).toString());
        command.addAll(List.of(args));
        try {
            final var log = Files.createTempFile("gwha-script", ".out");
            try {
                final var builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
                builder.environment().putAll(env);
                final var process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    static Result require(final Map<String, String> env, final long timeoutSeconds, final String script,
            final String... args) {
        final var command = new ArrayList<String>();
        command.add(script);
        command.addAll(List.of(args));
        return run(env, timeoutSeconds, script, args).requireSuccess(command);
    }
}
