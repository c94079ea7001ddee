/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.service;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.gwha.impl.engine.ClusterStatus;
import net.gwha.impl.engine.FailoverCause;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.service.ClusterView.GatewayView;

/**
 * An operations service with one cluster "lan": gw1 active, gw2 passive, gw3 down. It refuses like the real one:
 * unknown names, and a switch-over to a gateway that is not live. For testing the surfaces over the interface.
 */
public final class FakeGatewayHaService implements GatewayHaService {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private String active = "gw1";
    private final List<String> maintenance = new ArrayList<>();
    private final List<FailoverRecord> history = new ArrayList<>(List.of(new FailoverRecord(1, "lan",
        Optional.empty(), "gw1", FailoverCause.STARTUP, T0, T0, Optional.of(T0.plus(Duration.ofMillis(12))))));

    @Override
    public List<ClusterView> clusters() {
        return List.of(view());
    }

    @Override
    public Optional<ClusterView> cluster(final String name) {
        return "lan".equals(name) ? Optional.of(view()) : Optional.empty();
    }

    @Override
    public List<FailoverRecord> history(final String cluster) {
        return "lan".equals(cluster) ? List.copyOf(history) : List.of();
    }

    @Override
    public ListenableFuture<Optional<String>> switchOver(final String cluster, final String gateway) {
        final var refusal = refusal(cluster, gateway);
        if (refusal.isPresent()) {
            return Futures.immediateFailedFuture(refusal.orElseThrow());
        }
        if (!"gw2".equals(gateway) && !active.equals(gateway)) {
            return Futures.immediateFailedFuture(new OperationRefusedException("cluster 'lan': gateway '" + gateway
                + "' is down"));
        }
        final var previous = active;
        active = gateway;
        history.add(new FailoverRecord(history.size() + 1, "lan", Optional.of(previous), gateway,
            FailoverCause.SWITCH_OVER, T0, T0, Optional.empty()));
        return Futures.immediateFuture(Optional.of(previous));
    }

    @Override
    public ListenableFuture<Void> setMaintenance(final String cluster, final String gateway, final boolean on) {
        final var refusal = refusal(cluster, gateway);
        if (refusal.isPresent()) {
            return Futures.immediateFailedFuture(refusal.orElseThrow());
        }
        if (on) {
            maintenance.add(gateway);
        } else {
            maintenance.remove(gateway);
        }
        return Futures.immediateVoidFuture();
    }

    private static Optional<OperationRefusedException> refusal(final String cluster, final String gateway) {
        if (!"lan".equals(cluster)) {
            return Optional.of(new OperationRefusedException("no cluster named '" + cluster + "'"));
        }
        if (!List.of("gw1", "gw2", "gw3").contains(gateway)) {
            return Optional.of(new OperationRefusedException("cluster 'lan' has no gateway named '" + gateway + "'"));
        }
        return Optional.empty();
    }

    private ClusterView view() {
        return new ClusterView("lan", List.of("192.0.2.254"), ClusterStatus.ACTIVE, Optional.of(active),
            Optional.of(T0), List.of(gateway("gw1", 200), gateway("gw2", 150), gateway("gw3", 100)));
    }

    private GatewayView gateway(final String name, final int priority) {
        final GatewayState state;
        if (maintenance.contains(name)) {
            state = GatewayState.MAINTENANCE;
        } else if ("gw3".equals(name)) {
            state = GatewayState.DOWN;
        } else {
            state = active.equals(name) ? GatewayState.ACTIVE : GatewayState.PASSIVE;
        }
        return new GatewayView(name, state, Optional.of(T0), OptionalInt.of(priority), priority, 42, 1, 3);
    }
}
