/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A cluster's live state as RESTCONF returns it, and the parts the tests read from it. */
final class ClusterStates {
    private ClusterStates() {
    }

    /** The cluster's live state; empty while it has none. */
    static JsonObject state(final Restconf restconf, final String cluster) {
        final var response = restconf.get("/data/gwha:cluster-states/cluster-state=" + cluster
            + "?content=nonconfig");
        if (response.status() != 200) {
            return new JsonObject();
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("gwha:cluster-state").get(0)
            .getAsJsonObject();
    }

    /** A counter of the intake that belongs to no cluster ({@code intake-statistics}); absent is 0. */
    static long intakeCounter(final Restconf restconf, final String key) {
        final var response = restconf.get("/data/gwha:intake-statistics?content=nonconfig");
        if (response.status() != 200) {
            return 0;
        }
        return count(JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonObject("gwha:intake-statistics"), key);
    }

    /** A state's failover history: one line per event, in sequence order. */
    static List<String> failovers(final JsonObject state) {
        final var events = state.getAsJsonArray("failover-event");
        final var lines = new ArrayList<JsonObject>();
        if (events != null) {
            events.forEach(event -> lines.add(event.getAsJsonObject()));
        }
        return lines.stream().sorted(Comparator.comparingLong(event -> event.get("sequence").getAsLong()))
            .map(event -> text(event, "sequence") + " " + text(event, "from-gateway") + " -> "
                + text(event, "to-gateway"))
            .toList();
    }

    /** A state's gateway states. */
    static List<JsonObject> gateways(final JsonObject state) {
        final var gateways = new ArrayList<JsonObject>();
        final var array = state.getAsJsonArray("gateway-state");
        if (array != null) {
            array.forEach(gateway -> gateways.add(gateway.getAsJsonObject()));
        }
        return gateways;
    }

    /** A gateway's state by name; an empty object (every counter 0) while the state has none of that name. */
    static JsonObject gateway(final JsonObject state, final String name) {
        return gateways(state).stream().filter(gateway -> name.equals(text(gateway, "name"))).findFirst()
            .orElseGet(JsonObject::new);
    }

    /** A counter; absent is 0. */
    static long count(final JsonObject object, final String key) {
        final var value = object.get(key);
        return value == null || value.isJsonNull() ? 0 : value.getAsLong();
    }

    /** A leaf as text; absent is "none". */
    static String text(final JsonObject object, final String key) {
        final var value = object.get(key);
        return value == null || value.isJsonNull() ? "none" : value.getAsString();
    }
}
