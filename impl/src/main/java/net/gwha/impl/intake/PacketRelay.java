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
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final BooleanSupplier drivesElection;
    private final RelayPacketIn relay;
    private final Registration registration;
    private final AtomicBoolean failing = new AtomicBoolean();

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
                    if (result.isSuccessful()) {
                        failing.set(false);
                    } else {
                        lost(result.getErrors());
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    lost(cause);
                }
            }, MoreExecutors.directExecutor());
    }

    /** While no node drives election (a takeover) every relay fails: warn once per such spell. */
    private void lost(final Object why) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Packet-ins relayed to the node that drives election are being lost: {}", why);
        } else {
            LOG.debug("Relayed packet-in lost: {}", why);
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
