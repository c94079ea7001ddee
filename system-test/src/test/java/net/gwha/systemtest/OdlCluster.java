/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A three-node OpenDaylight cluster of the distribution, driven through scripts/cluster: each node in its own network
 * namespace with its own address in a 10.x /24 behind a host bridge, RESTCONF on port 8181 of that address. Its copies
 * live in system-test/target/cluster; its names carry the prefix {@code -Dgwha.clusterPrefix} (default
 * {@value #PREFIX}, at most 5 characters: interface names are limited to 15).
 */
final class OdlCluster {
    static final List<Integer> NODES = List.of(1, 2, 3);
    /** The shards of the distribution's module-shards.conf, each replicated on all three members. */
    static final List<String> SHARDS = List.of("default", "topology", "inventory");
    static final List<String> STORES = List.of("config", "operational");
    static final String PREFIX = "gwcit";
    /** Three boots side by side on two shared cores. */
    static final int BOOT_TIMEOUT_S = 540;
    private static final Path RUN_DIR = Scripts.ROOT.resolve("system-test/target/cluster");

    private final Map<String, String> env;
    private final String subnet;

    OdlCluster(final String subnet) {
        this.subnet = subnet;
        env = Map.of(
            "GWHA_CLUSTER_RUN_DIR", RUN_DIR.toString(),
            "GWHA_CLUSTER_PREFIX", System.getProperty("gwha.clusterPrefix", PREFIX),
            "GWHA_CLUSTER_SUBNET", subnet,
            "GWHA_BOOT_TIMEOUT", Integer.toString(BOOT_TIMEOUT_S));
    }

    String address(final int node) {
        return subnet + "." + node;
    }

    /** Every node's OpenFlow listener, in node order, as scripts/lab takes controller targets. */
    String openflowTargets() {
        return NODES.stream().map(node -> "tcp:" + address(node) + ":6653").collect(Collectors.joining(","));
    }

    Restconf restconf(final int node) {
        return new Restconf(address(node), 8181);
    }

    /** The node's role in a shard ("Leader", "Follower", ...), empty when it has none or does not answer. */
    Optional<String> shardRole(final int node, final String shard, final String store) {
        final var response = restconf(node).post("/operations/cluster-admin:get-shard-role", """
            {"input":{"shard-name":"%s","data-store-type":"%s"}}""".formatted(shard, store));
        if (response.status() != 200) {
            return Optional.empty();
        }
        final var output = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonObject("cluster-admin:output");
        return output != null && output.has("role") ? Optional.of(output.get("role").getAsString())
            : Optional.empty();
    }

    /** The member ("member-N") owning a singleton service group as the node sees it, empty when none does. */
    Optional<String> serviceOwner(final int node, final String serviceGroup) {
        final var response = restconf(node).post("/operations/odl-entity-owners:get-entities", "{\"input\":{}}");
        if (response.status() != 200) {
            return Optional.empty();
        }
        final var output = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonObject("odl-entity-owners:output");
        if (output == null || !output.has("entities")) {
            return Optional.empty();
        }
        for (var element : output.getAsJsonArray("entities")) {
            final var entity = element.getAsJsonObject();
            if ("org.opendaylight.mdsal.ServiceEntityType".equals(entity.get("type").getAsString())
                && serviceGroup.equals(entity.get("name").getAsString()) && entity.has("owner-node")) {
                return Optional.of(entity.get("owner-node").getAsString());
            }
        }
        return Optional.empty();
    }

    /** Node N's Karaf log so far. */
    String log(final int node) {
        try {
            return Files.readString(RUN_DIR.resolve("n" + node + "/karaf/data/log/karaf.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Karaf console command on the node (bin/client): what it printed, whatever its exit code. */
    String console(final int node, final String command) {
        return Scripts.run(env, 120, "cluster", "client", Integer.toString(node), command).output();
    }

    /** SIGKILL of the node's JVM. */
    void kill(final int node) {
        script(60, "kill", Integer.toString(node));
    }

    /** Boots the node again with its data and waits until every node answers and every shard has a leader. */
    void restart(final int node) {
        script(BOOT_TIMEOUT_S + 120L, "restart", Integer.toString(node));
    }

    String script(final long timeoutSeconds, final String... args) {
        return Scripts.require(env, timeoutSeconds, "cluster", args).output();
    }
}
