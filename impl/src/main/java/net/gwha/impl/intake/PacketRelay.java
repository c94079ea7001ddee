/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketIn;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketInInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.RelayPacketInOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on every controller node of an OpenDaylight cluster. openflowplugin delivers a switch's packet-ins only on the
 * node that is the switch's OpenFlow master; while this node does not drive election, the packet-ins the election
 * needs are relayed unchanged to the node that does, through the {@link RelayPacketIn} RPC, which MD-SAL's remote
 * RPC broker routes to the one node that registered it. The node that drives election handles its own packet-ins
 * ({@link PacketInHandler}) and relays nothing.
 */
public final class PacketRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketRelay.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final BooleanSupplier drivesElection;
    private final RelayPacketIn relay;
    private final Registration registration;
    private long lostSinceWarning;
    private long lastWarning;
    private boolean warned;

    /**
     * Starts listening to packet-ins.
     *
     * @param drivesElection whether this node drives election now, and so handles its packet-ins itself
     */
    public PacketRelay(final NotificationService notifications, final RpcService rpcs,
            final BooleanSupplier drivesElection) {
        this.drivesElection = drivesElection;
        relay = rpcs.getRpc(RelayPacketIn.class);
        registration = notifications.registerListener(PacketReceived.class, this::onPacket,
            MoreExecutors.directExecutor());
    }

    void onPacket(final PacketReceived packet) {
        final var payload = packet.getPayload();
        if (drivesElection.getAsBoolean() || payload == null || !PacketInHandler.forElection(payload)) {
            return;
        }
        final var port = packet.getIngress() == null ? null
            : PacketInHandler.firstKey(packet.getIngress().getValue(), NodeConnectorKey.class).orElse(null);
        if (port == null) {
            return;
        }
        Futures.addCallback(relay.invoke(new RelayPacketInInputBuilder()
                .setIngress(port.getId().getValue())
                .setPayload(payload)
                .build()),
            new FutureCallback<RpcResult<RelayPacketInOutput>>() {
                @Override
                public void onSuccess(final RpcResult<RelayPacketInOutput> result) {
                    if (!result.isSuccessful()) {
                        lost(result.getErrors());
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    lost(cause);
                }
            }, MoreExecutors.directExecutor());
    }

    /**
     * While no node drives election (a takeover) every relay fails, and relays sent to a node just killed fail only
     * when they time out, up to 15 s later, between others that succeed: one warning per {@link #WARN_EVERY} with the
     * number lost, each cause at debug.
     */
    private synchronized void lost(final Object why) {
        lostSinceWarning++;
        if (why instanceof Throwable cause) {
            LOG.debug("Relayed packet-in lost", cause);
        } else {
            LOG.debug("Relayed packet-in lost: {}", why);
        }
        final long now = System.nanoTime();
        if (!warned || now - lastWarning >= WARN_EVERY.toNanos()) {
            LOG.warn("{} packet-in(s) relayed to the node that drives election lost since the last warning; the "
                + "latest: {}", lostSinceWarning, String.valueOf(why));
            warned = true;
            lastWarning = now;
            lostSinceWarning = 0;
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
