/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The split-brain fence in a real partition: the arbiter's node is cut off from the other two (blackhole routes both
 * ways, scripts/cluster partition), the majority elects another arbiter, and the cut-off one must have stopped writing
 * to the switches before the new one may start. Both instants come from the nodes' own logs (the lease's end and the
 * new holder's first allowed write, computed on one machine's clock), and the lease record in the datastore names the
 * new holder. Shares the one cluster of the run; the cut-off node, which the cluster downs, is restarted at the end.
 */
@Tag(ClusterIT.TAG)
@ExtendWith(OdlClusterExtension.class)
@Order(TestClassOrder.CLUSTER_FENCE)
class ClusterFenceIT {
    private static final Duration TAKE_OVER = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Pattern RAN_OUT = Pattern.compile("Arbiter lease ran out at (\\S+):");
    private static final Pattern MAY_WRITE = Pattern.compile(
        "previous holder (member-\\d) renewed \\S+; this node may write to the switches from (\\S+) ");

    private final OdlCluster cluster;

    ClusterFenceIT(final OdlCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void anArbiterCutOffFromTheMajorityStopsWritingBeforeAnotherNodeMayStart() {
        final int arbiter = arbiterNode(1);
        final var holder = "member-" + arbiter;
        await("the lease record names " + holder).atMost(TAKE_OVER).pollInterval(POLL)
            .until(() -> arbiterRecord(arbiter).map(record -> record.get("holder").getAsString()),
                found -> found.equals(Optional.of(holder)));
        final int witness = arbiter % 3 + 1;
        final var cutOffLogBefore = cluster.log(arbiter).length();
        final var witnessLogsBefore = List.of(1, 2, 3).stream().map(node -> cluster.log(node).length()).toList();

        cluster.script(30, "partition", Integer.toString(arbiter));
        try {
            await("a node of the majority holds the lease").atMost(TAKE_OVER).pollInterval(POLL)
                .until(() -> arbiterRecord(witness).map(record -> record.get("holder").getAsString()),
                    found -> found.isPresent() && !found.orElseThrow().equals(holder));
            final int successor = Integer.parseInt(arbiterRecord(witness).orElseThrow().get("holder").getAsString()
                .substring("member-".length()));

            final var ranOut = RAN_OUT.matcher(since(cluster.log(arbiter), cutOffLogBefore));
            assertTrue(ranOut.find(), "node " + arbiter + " logged no end of its lease");
            final var mayWrite = MAY_WRITE.matcher(since(cluster.log(successor),
                witnessLogsBefore.get(successor - 1)));
            assertTrue(mayWrite.find(), "node " + successor + " logged no start");
            assertEquals(holder, mayWrite.group(1), "the successor waited for the cut-off node's lease");
            final var stopped = Instant.parse(ranOut.group(1));
            final var started = Instant.parse(mayWrite.group(2));
            assertTrue(stopped.isBefore(started), "node " + arbiter + " wrote until " + stopped + ", node "
                + successor + " from " + started);
        } finally {
            // Killed while still cut off: healed first, the old incarnation could meet the majority before its split
            // brain resolver had downed it and quarantine them, and they down themselves (DownSelfQuarantinedByRemote:
            // the whole cluster went down once). The majority downs the dead one; a new incarnation rejoins.
            cluster.script(30, "kill", Integer.toString(arbiter));
            cluster.script(30, "heal");
            cluster.script(OdlCluster.BOOT_TIMEOUT_S + 60, "restart", Integer.toString(arbiter));
        }
    }

    /** What a log gained since it was this long; all of it if it rolled over meanwhile. */
    private static String since(final String log, final int length) {
        return log.length() >= length ? log.substring(length) : log;
    }

    private int arbiterNode(final int askedNode) {
        final var owner = await("the singleton's owner").atMost(TAKE_OVER).pollInterval(POLL)
            .until(() -> cluster.serviceOwner(askedNode, "gwha-engine"), Optional::isPresent).orElseThrow();
        return Integer.parseInt(owner.substring("member-".length()));
    }

    private Optional<JsonObject> arbiterRecord(final int node) {
        final var response = cluster.restconf(node).get("/data/gwha:arbiter?content=nonconfig");
        if (response.status() != 200) {
            return Optional.empty();
        }
        final var record = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("gwha:arbiter");
        return record != null && record.has("holder") ? Optional.of(record) : Optional.empty();
    }
}
