/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.gwha.impl.intake.HeartbeatTally;
import net.gwha.impl.state.CounterView;

/**
 * Heartbeat counters per gateway and per cluster: advertisements accepted, and those dropped as malformed or as
 * spoofed; the packet-ins the engine's full queue turned away; the malformed Neighbor Discovery punted, and the Router
 * Advertisements passed on. Written
 * from packet-in threads and the engine loop, read by the state writer and the console.
 */
public final class HeartbeatCounters implements HeartbeatTally, CounterView {
    private static final class Counter {
        final LongAdder accepted = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder spoofed = new LongAdder();

        Counts counts() {
            return new Counts(accepted.sum(), malformed.sum(), spoofed.sum());
        }
    }

    // By cluster, then gateway; a cluster's own counters (spoofed adverts with its VRID) under gateway "". Looked up
    // by the names as they are: the engine reads a cluster's counters with every heartbeat it publishes.
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Counter unattributed = new Counter();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder ndMalformed = new LongAdder();
    private final LongAdder raRelayed = new LongAdder();

    public void accepted(final String cluster, final String gateway) {
        counter(cluster, gateway).accepted.increment();
    }

    @Override
    public void spoofed(final String cluster, final String gateway) {
        counter(cluster, gateway).spoofed.increment();
    }

    @Override
    public void spoofed(final String cluster) {
        counter(cluster, "").spoofed.increment();
    }

    /** On the gateway and on its cluster, whose malformed count is its gateways' together. */
    @Override
    public void malformed(final String cluster, final String gateway) {
        counter(cluster, gateway).malformed.increment();
        counter(cluster, "").malformed.increment();
    }

    @Override
    public void countUnattributed(final boolean malformed) {
        (malformed ? unattributed.malformed : unattributed.spoofed).increment();
    }

    @Override
    public void dropped() {
        dropped.increment();
    }

    @Override
    public long packetInsDropped() {
        return dropped.sum();
    }

    @Override
    public void malformedNeighborDiscovery() {
        ndMalformed.increment();
    }

    @Override
    public long neighborDiscoveryMalformed() {
        return ndMalformed.sum();
    }

    @Override
    public void routerAdvertisementRelayed() {
        raRelayed.increment();
    }

    @Override
    public long routerAdvertisementsRelayed() {
        return raRelayed.sum();
    }

    @Override
    public Counts of(final String cluster, final String gateway) {
        final var gateways = counters.get(cluster);
        final var counter = gateways == null ? null : gateways.get(gateway);
        return counter == null ? new Counts(0, 0, 0) : counter.counts();
    }

    @Override
    public Counts of(final String cluster) {
        return of(cluster, "");
    }

    @Override
    public Counts unattributed() {
        return unattributed.counts();
    }

    /** A gateway's counters go on from the previous arbiter's (at a take-over), before it counts any. */
    void continueFrom(final String cluster, final String gateway, final Counts previous) {
        final var counter = counter(cluster, gateway);
        counter.accepted.add(previous.accepted());
        counter.malformed.add(previous.malformed());
        counter.spoofed.add(previous.spoofed());
    }

    /** A cluster's own counters go on from the previous arbiter's. */
    void continueFrom(final String cluster, final Counts previous) {
        continueFrom(cluster, "", previous);
    }

    /** The counters of no cluster go on from the previous arbiter's. */
    void continueFrom(final Counts previousUnattributed, final long previousDropped,
            final long previousNdMalformed, final long previousRaRelayed) {
        unattributed.malformed.add(previousUnattributed.malformed());
        unattributed.spoofed.add(previousUnattributed.spoofed());
        dropped.add(previousDropped);
        ndMalformed.add(previousNdMalformed);
        raRelayed.add(previousRaRelayed);
    }

    public void forget(final String cluster) {
        counters.remove(cluster);
    }

    private Counter counter(final String cluster, final String gateway) {
        return counters.computeIfAbsent(cluster, key -> new ConcurrentHashMap<>()).computeIfAbsent(gateway,
            key -> new Counter());
    }
}
