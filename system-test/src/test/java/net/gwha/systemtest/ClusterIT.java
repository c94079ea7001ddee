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

import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three copies of the distribution form one cluster from configuration alone (scripts/cluster): RESTCONF answers on
 * every node, every shard of both datastores has one leader and two followers, and all three nodes agree on which of
 * them runs the Gateway HA singleton; every node carries out commands through that node, answers its refusals as it
 * does (RESTCONF and console) and reads its state. Tagged
 * {@value #TAG}: its cost is the cluster's boot (250 s in all at load 17 on two cores) and 2 GB of memory, so a run
 * can leave it out ({@code -DexcludedGroups=cluster}).
 */
@Tag(ClusterIT.TAG)
@ExtendWith(OdlClusterExtension.class)
@Order(TestClassOrder.CLUSTER)
class ClusterIT {
    static final String TAG = "cluster";

    // scripts/cluster start has waited for one leader per shard already: this only absorbs a late re-election.
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final OdlCluster cluster;

    ClusterIT(final OdlCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void restconfAnswersOnEveryNode() {
        for (int node : OdlCluster.NODES) {
            assertEquals(200, cluster.restconf(node).get("/data?content=config&depth=1").status(),
                "RESTCONF of node " + node);
        }
    }

    @Test
    void everyShardHasOneLeaderAndTwoFollowers() {
        for (String store : OdlCluster.STORES) {
            for (String shard : OdlCluster.SHARDS) {
                await(store + " shard " + shard + " led by one node, followed by two").atMost(SETTLE).pollInterval(POLL)
                    .until(() -> roles(shard, store), roles -> roles.stream().filter("Leader"::equals).count() == 1
                        && roles.stream().filter("Follower"::equals).count() == 2);
            }
        }
    }

    @Test
    void everyNodeSeesTheSameSingletonOwner() {
        await("one owner of the gwha singleton, the same on every node").atMost(SETTLE).pollInterval(POLL)
            .until(this::singletonOwners, owners -> owners.size() == 1 && !owners.contains("none"));
        final var owner = singletonOwners().iterator().next();
        assertTrue(owner.matches("member-[123]"), owner);
    }

    @Test
    void everyNodeCarriesOutCommandsThroughTheArbiterAndReadsItsState() {
        final var spread = ClusterJson.lab("spread");
        assertEquals(201, cluster.restconf(1).put(spread.path(), spread.json()).status());
        try {
            for (int node : OdlCluster.NODES) {
                final var restconf = cluster.restconf(node);
                // Relayed to the arbiter from any other node (relay-set-maintenance): it persists the drain.
                await("set-maintenance through node " + node).atMost(SETTLE).pollInterval(POLL)
                    .until(() -> maintenance(restconf, node % 2 == 1).status(), status -> status / 100 == 2);
                await("gw2's admin-state as node " + node + " set it").atMost(SETTLE).pollInterval(POLL)
                    .until(() -> restconf.get(spread.path() + "/gateway=gw2/admin-state?content=config").body(),
                        body -> body.contains(node % 2 == 1 ? "maintenance" : "in-service"));
                await("the state of spread as node " + node + " reads it").atMost(SETTLE).pollInterval(POLL)
                    .until(() -> restconf.get("/data/gwha:cluster-states/cluster-state=spread?content=nonconfig"),
                        response -> response.status() == 200 && response.body()
                            .matches("(?s).*\"status\":\"(starting|electing|no-switch)\".*"));
            }
        } finally {
            cluster.restconf(1).delete(spread.path());
        }
    }

    @Test
    void everyNodeAnswersARefusalAsTheArbiterDoes() {
        final var refused = ClusterJson.lab("refused");
        assertEquals(201, cluster.restconf(1).put(refused.path(), refused.json()).status());
        try {
            final var arbiter = await("the gwha singleton's owner").atMost(SETTLE).pollInterval(POLL)
                .until(() -> cluster.serviceOwner(1, "gwha-engine"), Optional::isPresent).orElseThrow();
            final var printed = new HashMap<Integer, String>();
            for (int node : OdlCluster.NODES) {
                final var restconf = cluster.restconf(node);
                // No switch connects: gw1 is configured but never heard, and the arbiter will not make it active.
                final var unheard = "cluster 'refused': gateway gw1 has not been heard yet";
                await("switch-over to gw1 refused through node " + node).atMost(SETTLE).pollInterval(POLL)
                    .until(() -> post(restconf, "switch-over", "gw1", ""), response -> response.status() == 400);
                assertRefused(post(restconf, "switch-over", "gw1", ""), unheard, node);
                final var unknown = "cluster 'refused' has no gateway named 'gw9'";
                assertRefused(post(restconf, "switch-over", "gw9", ""), unknown, node);
                assertRefused(relayed(() -> post(restconf, "set-maintenance", "gw9", ",\"enabled\":true"), node),
                    unknown, node);
                printed.put(node, cluster.console(node, "gwha:switch-over refused gw9").strip());
                assertTrue(printed.get(node).contains(unknown), "node " + node + "'s console: " + printed.get(node));
            }
            final int arbiterNode = Integer.parseInt(arbiter.substring("member-".length()));
            for (int node : OdlCluster.NODES) {
                assertEquals(printed.get(arbiterNode), printed.get(node), "node " + node + "'s console, arbiter "
                    + arbiter);
            }
        } finally {
            cluster.restconf(1).delete(refused.path());
        }
    }

    private static Restconf.Response post(final Restconf restconf, final String rpc, final String gateway,
            final String more) {
        return restconf.post("/operations/gwha:" + rpc,
            "{\"input\":{\"cluster\":\"refused\",\"gateway\":\"" + gateway + "\"" + more + "}}");
    }

    /**
     * The answer once this node knows the arbiter's relay for the command: each relay RPC's registration reaches the
     * other nodes on its own, so switch-over being relayed does not mean set-maintenance is yet.
     */
    private static Restconf.Response relayed(final Supplier<Restconf.Response> command, final int node) {
        return await("the arbiter's relay known to node " + node).atMost(SETTLE).pollInterval(POLL)
            .until(command::get, response -> !response.body().contains("No implementation of RPC"));
    }

    /** RESTCONF's answer to a refused command, as the arbiter gives it: 400, invalid-value, the reason. */
    private static void assertRefused(final Restconf.Response response, final String reason, final int node) {
        assertEquals(400, response.status(), "node " + node + ": " + response);
        final var error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("errors")
            .getAsJsonArray("error").get(0).getAsJsonObject();
        assertEquals(List.of("application", "invalid-value", reason), List.of(error.get("error-type").getAsString(),
            error.get("error-tag").getAsString(), error.get("error-message").getAsString()), "node " + node);
    }

    private static Restconf.Response maintenance(final Restconf restconf, final boolean on) {
        return restconf.post("/operations/gwha:set-maintenance",
            "{\"input\":{\"cluster\":\"spread\",\"gateway\":\"gw2\",\"enabled\":" + on + "}}");
    }

    private List<String> roles(final String shard, final String store) {
        return OdlCluster.NODES.stream().map(node -> cluster.shardRole(node, shard, store).orElse("none")).toList();
    }

    private Set<String> singletonOwners() {
        final var owners = new HashSet<String>();
        for (int node : OdlCluster.NODES) {
            owners.add(cluster.serviceOwner(node, "gwha-engine").orElse("none"));
        }
        return owners;
    }
}
