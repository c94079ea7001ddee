/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark script, run with its smallest settings, so that none can rot unnoticed: each must finish, clean
 * up, and end with its figures. The figures themselves are not judged here: a test asserts behaviour, a benchmark
 * on a quiet machine reports numbers. Each script boots its own controller copy (ports shifted past the system
 * tests' own) and its own lab. Tagged {@code benchmark-scripts}: part of the default run, about 10 minutes; the
 * system-test POM says how to leave it out.
 */
@Tag("benchmark-scripts")
@Order(TestClassOrder.BENCHMARK_SCRIPTS)
class BenchmarkScriptsIT {
    private static final int PORT_OFFSET = Integer.getInteger("gwha.portOffset", 0);

    @Test
    void benchEngine() {
        final var output = Scripts.require(Map.of(), 900, "bench-engine", "--quick").output();
        assertTrue(output.contains("EngineBenchmark."), "JMH printed no EngineBenchmark figure:\n" + output);
    }

    @Test
    void benchKeepalived() {
        final var output = Scripts.require(Map.of(), 600, "bench-keepalived", "--fast-reps", "1", "--slow-reps", "1")
            .output();
        // one summary per advert_int, each with its failed repetitions
        assertEquals(2, output.lines().filter(line -> line.startsWith("keepalived advert_int=")
            && line.contains("failed=0")).count(), "both cases measured without a failed repetition:\n" + output);
    }

    @Test
    void benchFailover() throws IOException {
        final var output = Scripts.require(Map.of("GWHA_PORT_OFFSET", offset(600), "WARMUP_S", "3"), 900,
            "bench-failover", "--reps", "1", "--soak-seconds", "5").output();
        final var result = result(output);
        assertKeys(result, "gwha_silent_ms", "gwha_link_ms", "keepalived_fast_ms", "keepalived_default_ms",
            "false_failovers", "gwha_silent_v6_ms", "keepalived_fast_v6_ms", "gwha_silent_20ms_ms",
            "keepalived_20ms_ms", "gwha_false_20ms", "keepalived_false_20ms");
        assertEquals(1, result.get("runs").getAsInt());
        // the controller's part of the silent failure, from its own failover record
        final var silent = result.getAsJsonObject("controller").getAsJsonObject("gwha_silent");
        assertTrue(silent.get("threshold_ms").getAsDouble() > 100, "a threshold past the 100 ms interval: " + silent);
        assertTrue(silent.get("programming_ms").getAsDouble() > 0, "flows confirmed after the decision: " + silent);
        // the plot of every repetition's gap, drawn by gnuplot, where the script says
        final var plot = output.lines().filter(line -> line.startsWith("plot: ")).findFirst()
            .map(line -> Path.of(line.substring("plot: ".length()))).orElseThrow(() -> new AssertionError(
                "no plot line:\n" + output));
        assertTrue(Files.readString(plot).contains("<svg"), plot + " is an SVG");
    }

    @Test
    void benchFlows() {
        final var result = result(Scripts.require(Map.of("GWHA_PORT_OFFSET", offset(1500)), 900, "bench-flows",
            "--failovers", "2", "--paths", "RPC_AND_DATASTORE", "--packet-ins", "200").output());
        assertKeys(result, "failovers_per_path", "paths", "intake");
        assertEquals(1, result.getAsJsonArray("paths").size(), "one path measured: " + result);
    }

    @Test
    void benchFlood() {
        final var result = result(Scripts.require(Map.of("GWHA_PORT_OFFSET", offset(2100)), 900, "bench-flood",
            "--reps", "1", "--flood-seconds", "3").output());
        assertKeys(result, "frames_sent", "frames_per_s", "counted_spoofed", "vip_moves", "gap_quiet_ms",
            "gap_flood_ms", "restconf_p99_ms");
    }

    @Test
    void benchScale() {
        final var result = result(Scripts.require(Map.of("GWHA_PORT_OFFSET", offset(1800), "WARMUP_S", "3"), 900,
            "bench-scale", "--switches", "1", "--clusters", "5", "--reps", "1", "--soak-seconds", "5", "--window", "3",
            "--step-seconds", "3").output());
        assertKeys(result, "program_all_s", "program_singles_s", "gap_loaded_ms", "gap_unloaded_ms",
            "false_failovers", "intake_ceiling_hb_s");
        assertEquals(5, result.get("clusters").getAsInt());
        // The lab's three gateways captured through the soak: each one's adverts, 100 ms apart, were seen.
        final var sent = result.getAsJsonArray("soak_lab_sent_max_gap_ms");
        assertEquals(3, sent.size(), sent::toString);
        sent.forEach(gap -> assertTrue(gap.getAsDouble() >= 90, sent::toString));
    }

    private static String offset(final int base) {
        return Integer.toString(PORT_OFFSET + base);
    }

    /** The last line's {@code RESULT {json}}. */
    private static JsonObject result(final String output) {
        final List<String> lines = output.lines().filter(line -> line.startsWith("RESULT ")).toList();
        assertTrue(!lines.isEmpty(), "no RESULT line:\n" + output);
        return JsonParser.parseString(lines.get(lines.size() - 1).substring("RESULT ".length())).getAsJsonObject();
    }

    private static void assertKeys(final JsonObject result, final String... keys) {
        for (var key : keys) {
            assertTrue(result.has(key), "RESULT lacks " + key + ": " + result);
        }
    }
}
