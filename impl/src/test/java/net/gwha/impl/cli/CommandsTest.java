/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.gwha.impl.service.FakeGatewayHaService;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private final FakeGatewayHaService service = new FakeGatewayHaService();

    @Test
    void listShowsOneRowPerCluster() {
        final var command = new ListClustersCommand();
        command.service = service;

        final var lines = Console.render(command.table()).lines().toList();
        assertTrue(lines.get(0).matches("Cluster\\s*\\|\\s*VIP\\s*\\|\\s*Active\\s*\\|\\s*Since\\s*\\|\\s*State\\s*"),
            lines.get(0));
        assertTrue(lines.get(2).matches("lan\\s*\\|\\s*192\\.0\\.2\\.254\\s*\\|\\s*gw1\\s*\\|"
            + "\\s*2026-11-25 10:00:00\\.000\\s*\\|\\s*active\\s*"), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void showListsGatewaysWithStateAndCounters() {
        final var command = new ShowClusterCommand();
        command.service = service;
        command.cluster = "lan";

        final var out = Console.render(command.table());
        assertTrue(out.lines().anyMatch(line -> line.matches("gw3\\s*\\|\\s*down\\s*\\|\\s*100\\s*\\|\\s*100\\s*\\|.*"
            + "\\|\\s*42\\s*\\|\\s*1\\s*\\|\\s*3\\s*")), out);
    }

    @Test
    void showOfAnUnknownClusterSaysSo() {
        final var command = new ShowClusterCommand();
        command.service = service;
        command.cluster = "wan";

        assertEquals("no cluster named 'wan'", assertThrows(IllegalArgumentException.class, command::table)
            .getMessage());
    }

    @Test
    void historyShowsLatenciesInMilliseconds() {
        final var command = new HistoryCommand();
        command.service = service;
        command.cluster = "lan";

        final var out = Console.render(command.table());
        assertTrue(out.lines().anyMatch(line -> line.matches("1\\s*\\|.*\\|\\s*-\\s*\\|\\s*gw1\\s*\\|\\s*startup\\s*"
            + "\\|\\s*0\\.000\\s*\\|\\s*12\\.000\\s*")), out);
    }

    @Test
    void switchOverSaysWhoIsActive() throws Exception {
        final var command = new SwitchOverCommand();
        command.service = service;
        command.cluster = "lan";
        command.gateway = "gw2";

        assertEquals("lan: gw2 is active (was gw1)", command.execute());
    }

    @Test
    void switchOverToADownGatewayFailsWithTheReason() {
        final var command = new SwitchOverCommand();
        command.service = service;
        command.cluster = "lan";
        command.gateway = "gw3";

        assertEquals("cluster 'lan': gateway 'gw3' is down",
            assertThrows(IllegalArgumentException.class, command::execute).getMessage());
    }

    @Test
    void maintenanceTakesOnOrOffOnly() throws Exception {
        final var command = new MaintenanceCommand();
        command.service = service;
        command.cluster = "lan";
        command.gateway = "gw2";
        command.mode = "on";
        assertEquals("lan: gw2 is in maintenance", command.execute());

        command.mode = "maybe";
        assertThrows(IllegalArgumentException.class, command::execute);
    }

}
