/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Instant;
import java.util.Optional;
import net.gwha.impl.engine.ArbiterLease;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Arbiter;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ArbiterBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The arbiter's lease record in the operational datastore ({@code gwha:arbiter}), which {@link ArbiterLease} rests
 * on: a renewal is a commit, and a commit needs the majority of an OpenDaylight cluster.
 */
public final class ArbiterRecord {
    /** What the record says. */
    public record Renewal(String holder, Instant renewedAt) {
    }

    private static final DataObjectIdentifier<Arbiter> PATH = DataObjectIdentifier.builder(Arbiter.class).build();

    private final DataBroker broker;

    public ArbiterRecord(final DataBroker broker) {
        this.broker = broker;
    }

    /**
     * Renews: commits the record.
     *
     * @param holder this node's name
     * @param at the wall-clock time of the submission
     * @return completes when committed, that is when the majority has it
     */
    public ListenableFuture<?> renew(final String holder, final Instant at) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, PATH, new ArbiterBuilder().setHolder(holder)
            .setRenewedAt(new DateAndTime(at.toString()))
            .setLeaseLength(Uint32.valueOf(ArbiterLease.LENGTH.toMillis())).build());
        return tx.commit();
    }

    /**
     * Releases the lease: the holder has stopped writing to the switches, so that the next holder need not wait for
     * the lease to run out. A renewal still in flight may commit after it; the next holder then waits, which is safe.
     *
     * @return completes when committed
     */
    public ListenableFuture<?> release() {
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, PATH);
        return tx.commit();
    }

    /** The newest committed renewal, empty when there is none. */
    public ListenableFuture<Optional<Renewal>> read() {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transform(tx.read(LogicalDatastoreType.OPERATIONAL, PATH),
                found -> found.filter(arbiter -> arbiter.getHolder() != null && arbiter.getRenewedAt() != null)
                    .map(arbiter -> new Renewal(arbiter.getHolder(), Instant.parse(arbiter.getRenewedAt().getValue()))),
                MoreExecutors.directExecutor());
        }
    }
}
