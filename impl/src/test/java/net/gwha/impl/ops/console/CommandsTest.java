/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.runtime.AbstractRunningServiceTest;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.apache.karaf.shell.support.table.ShellTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The console commands as Karaf runs them, over the real service on a fake clock (times print as T0 plus what the
 * test advanced): the tables they print, and the commands carried out or refused with the engine's reason.
 */
class CommandsTest extends AbstractRunningServiceTest {
    @BeforeEach
    void lanRunning() throws Exception {
        startLan();
    }

    @Test
    void listShowsOneRowPerCluster() {
        assertEquals(List.of(
            List.of("Cluster", "VIP", "Active", "Since", "State"),
            List.of("lan", "192.0.2.254", "gw1", "2026-11-25 10:00:00.100", "active")),
            cells(list().table()));
    }

    @Test
    void showListsEveryGatewayWithStatePrioritiesLastHeardAndCounters() {
        advance(Duration.ofMillis(400));
        // gw2 advertises 120 but is configured 150: the election uses the configured one (use-advertised-priority
        // is off). Its advert also arrives once from gw3's port: spoofed.
        packetIn(2, 120, 3);
        heartbeat(2, 120);

        assertEquals(List.of(
            List.of("Gateway", "State", "Configured", "Advertised", "Effective", "Last heard", "Accepted", "Malformed",
                "Spoofed"),
            List.of("gw1", "active", "200", "200", "200", "2026-11-25 10:00:00.100", "1", "0", "0"),
            List.of("gw2", "passive", "150", "120", "150", "2026-11-25 10:00:00.700", "2", "0", "1"),
            List.of("gw3", "passive", "100", "100", "100", "2026-11-25 10:00:00.300", "1", "0", "0")),
            cells(show(LAN).table()));
    }

    @Test
    void showOfANeverHeardGatewayHasNoAdvertisedPriorityNorLastHeard() throws Exception {
        configure(new ClusterBuilder(lan()).withKey(new ClusterKey(new ClusterName("lan2")))
            .setName(new ClusterName("lan2")).setVrid(Uint8.valueOf(52)).build());

        assertEquals(List.of("gw1", "unknown", "200", "-", "200", "-", "0", "0", "0"), cells(show("lan2").table())
            .get(1));
    }

    @Test
    void showMarksASilentGatewayDown() {
        silenceGw3();

        final var rows = cells(show(LAN).table());
        assertEquals(List.of("gw3", "down", "100", "100", "100", "2026-11-25 10:00:00.300", "1", "0", "0"),
            rows.get(3));
    }

    @Test
    void showOfAnUnknownClusterSaysSo() {
        assertEquals("no cluster named 'wan'",
            assertThrows(IllegalArgumentException.class, () -> show("wan").table()).getMessage());
    }

    @Test
    void historyOfAnUnknownClusterSaysSoRatherThanPrintingAnEmptyTable() {
        assertEquals("no cluster named 'wan'",
            assertThrows(IllegalArgumentException.class, () -> history("wan").table()).getMessage());
    }

    @Test
    void switchOverSaysWhoIsActiveAndHistoryShowsBothFailoversWithLatencies() throws Exception {
        advance(Duration.ofMillis(500));

        assertEquals("lan: gw2 is active (was gw1)", switchOver(LAN, "gw2").execute());
        assertEquals("gw2", cells(list().table()).get(1).get(2));
        // Each change of active gateway is confirmed by the (recording) switch before the clock moves again.
        waiting().until(() -> provider.history(LAN).stream().allMatch(failover -> failover.flowsConfirmedTime()
            .isPresent()));
        assertEquals(List.of(
            List.of("#", "Decided", "From", "To", "Cause", "Detection ms", "Programming ms", "Partition"),
            List.of("1", "2026-11-25 10:00:00.100", "-", "gw1", "startup", "0.000", "0.000", "-"),
            List.of("2", "2026-11-25 10:00:00.800", "gw1", "gw2", "switch-over", "0.000", "0.000", "-")),
            cells(history(LAN).table()));
    }

    @Test
    void historyOfASilentActiveGatewayShowsTheDetectionLatency() {
        // gw1 falls silent after T0 + 100 ms, gw2 and gw3 go on each second from T0 + 300 ms. gw1 is dead at
        // T0 + 3.1 s, which the engine notices at its first event after that: gw2's heartbeat at T0 + 3.3 s.
        for (int step = 1; step <= 3; step++) {
            advance(Duration.ofSeconds(1));
            heartbeat(2, 150);
            heartbeat(3, 100);
        }
        awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw2")));

        final var last = cells(history(LAN).table()).get(2);
        assertEquals(List.of("2", "2026-11-25 10:00:03.300", "gw1", "gw2", "heartbeat-timeout", "200.000"),
            last.subList(0, 6));
    }

    @Test
    void switchOverToADownGatewayFailsWithTheReasonAndChangesNothing() {
        silenceGw3();

        assertEquals("cluster 'lan': gateway gw3 is down",
            assertThrows(IllegalArgumentException.class, () -> switchOver(LAN, "gw3").execute()).getMessage());
        assertEquals("gw1", cells(list().table()).get(1).get(2));
        assertEquals(1, provider.history(LAN).size());
    }

    @Test
    void maintenanceDrainsTheActiveGatewayAndBackInServiceItPreempts() throws Exception {
        assertEquals("lan: gw1 is in maintenance", maintenance("gw1", "on").execute());
        assertEquals(List.of("gw1", "maintenance"), cells(show(LAN).table()).get(1).subList(0, 2));
        assertEquals("gw2", cells(list().table()).get(1).get(2));

        assertEquals("lan: gw1 is back in service", maintenance("gw1", "off").execute());
        awaitView(LAN, view -> view.gateways().getFirst().state() == GatewayState.ACTIVE);
        assertEquals("gw1", cells(list().table()).get(1).get(2));
    }

    @Test
    void maintenanceTakesOnOrOffOnly() {
        assertEquals("say on or off, not 'maybe'",
            assertThrows(IllegalArgumentException.class, () -> maintenance("gw2", "maybe").execute()).getMessage());
        assertEquals("passive", cells(show(LAN).table()).get(2).get(1));
    }

    @Test
    void completesClusterNames() {
        assertEquals(List.of("lan"), complete(completer(new ClusterCompleter()), "gwha:show", ""));
        assertEquals(List.of(), complete(completer(new ClusterCompleter()), "gwha:show", "w"));
    }

    @Test
    void completesTheGatewaysOfTheClusterBefore() {
        assertEquals(List.of("gw1", "gw2", "gw3"),
            complete(completer(new GatewayCompleter()), "gwha:switch-over", "lan", ""));
        assertEquals(List.of("gw2"), complete(completer(new GatewayCompleter()), "gwha:switch-over", "lan", "gw2"));
    }

    private ListClustersCommand list() {
        final var command = new ListClustersCommand();
        command.service = provider;
        return command;
    }

    private ShowClusterCommand show(final String cluster) {
        final var command = new ShowClusterCommand();
        command.service = provider;
        command.cluster = cluster;
        return command;
    }

    private HistoryCommand history(final String cluster) {
        final var command = new HistoryCommand();
        command.service = provider;
        command.cluster = cluster;
        return command;
    }

    private SwitchOverCommand switchOver(final String cluster, final String gateway) {
        final var command = new SwitchOverCommand();
        command.service = provider;
        command.cluster = cluster;
        command.gateway = gateway;
        return command;
    }

    private MaintenanceCommand maintenance(final String gateway, final String mode) {
        final var command = new MaintenanceCommand();
        command.service = provider;
        command.cluster = LAN;
        command.gateway = gateway;
        command.mode = mode;
        return command;
    }

    private Completer completer(final ClusterCompleter completer) {
        completer.service = provider;
        return completer;
    }

    private Completer completer(final GatewayCompleter completer) {
        completer.service = provider;
        return completer;
    }

    /** The table as printed, each line split into its trimmed cells; the rule under the header left out. */
    private static List<List<String>> cells(final ShellTable table) {
        final var rows = new ArrayList<List<String>>();
        for (var line : Console.render(table).lines().toList()) {
            if (!line.matches("[-+]+")) {
                rows.add(Arrays.stream(line.split("\\|", -1)).map(String::strip).toList());
            }
        }
        return rows;
    }

    /** Completes the last word, the cursor at its end; the candidates without trailing blanks, sorted. */
    private static List<String> complete(final Completer completer, final String... words) {
        final var buffer = String.join(" ", words);
        final var last = words[words.length - 1];
        final var candidates = new ArrayList<String>();
        completer.complete(null, new CommandLineImpl(words, words.length - 1, last.length(), buffer.length(), buffer),
            candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }
}
