/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape, parsed by the grammar of Prometheus's text exposition format 0.0.4: every line a comment
 * ({@code # HELP name text}, {@code # TYPE name type}) or a sample ({@code name{label="value",...} number}), each
 * metric's samples after its TYPE line. A line that does not parse fails the test. Samples are looked up by name and
 * labels in any order.
 */
public final class Scrape {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary"
        + "|untyped)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{((?:" + LABEL + ")(?:," + LABEL
        + ")*,?)?\\})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf)|[-+]Inf)(?: -?[0-9]+)?");
    private static final Pattern ONE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    private Scrape(final String text) {
        final Set<String> typed = new HashSet<>();
        for (var line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            final var help = HELP.matcher(line);
            final var type = TYPE.matcher(line);
            final var sample = SAMPLE.matcher(line);
            if (help.matches()) {
                continue;
            }
            if (type.matches()) {
                assertTrue(typed.add(type.group(1)), "two TYPE lines for " + type.group(1));
                types.put(type.group(1), type.group(2));
            } else if (sample.matches()) {
                final var name = sample.group(1);
                assertTrue(typed.stream().anyMatch(name::startsWith), "a sample before its TYPE line: " + line);
                final var labels = new TreeMap<String, String>();
                if (sample.group(2) != null) {
                    final var label = ONE_LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                final var previous = samples.put(key(name, labels), Double.parseDouble(sample.group(3)
                    .replace("Inf", "Infinity")));
                assertTrue(previous == null, "a sample twice: " + line);
            } else {
                fail("not in the text exposition format: '" + line + "'");
            }
        }
    }

    /** Scrapes the metrics and parses the text. */
    public static Scrape of(final GatewayHaMetrics metrics) {
        final var out = new ByteArrayOutputStream();
        try {
            metrics.scrape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    public static Scrape parse(final String text) {
        return new Scrape(text);
    }

    /**
     * The sample's value.
     *
     * @param labels name, value, name, value...
     */
    public OptionalDouble value(final String name, final String... labels) {
        final var wanted = new TreeMap<String, String>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        final var value = samples.get(key(name, wanted));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The metric's type from its TYPE line, or null. */
    public String type(final String name) {
        return types.get(name);
    }

    /** The names of every sample. */
    public Set<String> names() {
        return samples.keySet().stream().map(key -> key.replaceFirst("\\{.*", "")).collect(Collectors.toSet());
    }

    private static String key(final String name, final Map<String, String> labels) {
        return name + labels;
    }
}
