/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static net.gwha.impl.packet.Protocols.ARP_HARDWARE_ETHERNET;
import static net.gwha.impl.packet.Protocols.ARP_REPLY;
import static net.gwha.impl.packet.Protocols.ARP_REQUEST;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_ARP;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV4;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_QINQ;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_VLAN;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import net.gwha.impl.engine.Event;
import net.gwha.impl.engine.IpAddress;
import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.packet.Ipv6VrrpAdvertisement;
import net.gwha.impl.packet.Mac;
import net.gwha.impl.packet.NdDecodeResult;
import net.gwha.impl.packet.NeighborAdvertisement;
import net.gwha.impl.packet.NeighborDiscovery;
import net.gwha.impl.packet.NeighborSolicitation;
import net.gwha.impl.packet.RouterAdvertisement;
import net.gwha.impl.packet.VrrpAdvertisement;
import net.gwha.impl.packet.VrrpDecodeResult;
import net.gwha.impl.packet.VrrpDecoder;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketOutput;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.KeyStep;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packet-ins from the cluster flows: VRRP advertisements become heartbeats, ARP requests for a virtual IP get the
 * virtual MAC in reply (under the request's VLAN tags, if any; a VLAN cluster answers on its VLAN only). An
 * advertisement counts only when its VRID, VLAN, ingress switch and port, source MAC (or its cluster's virtual MAC)
 * and source IP all match a configured gateway; anything else with a configured VRID is counted as spoofed
 * ({@link ClusterDirectory#attribute}), anything malformed as malformed (on the gateway whose port and MAC it came
 * from, if any), and neither ever throws. What the engine's full queue refuses is counted as dropped.
 */
public final class PacketInHandler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketInHandler.class);
    private static final int ETH_TYPE_AT = 12;
    private static final int VLAN_TAG = 4;
    private static final int MAX_TAGS = 2;
    // Ethernet/IPv4 ARP: 8 bytes of header, two MAC and address pairs.
    private static final int ARP_LENGTH = 28;
    // The individual/group bit of the first octet, in a MAC held in the low 48 bits.
    private static final long MULTICAST_BIT = 1L << 40;

    private final ClusterDirectory directory;
    private final Predicate<Event.HeartbeatReceived> heartbeats;
    private final LongSupplier nanoClock;
    private final HeartbeatTally counters;
    private final TransmitPacket transmit;
    private final HostListener hostAsked;
    private final Consumer<Event.SwitchRelayed> paths;
    // By switch: whether its last heartbeat came relayed by another controller node. Absent: none yet, or direct.
    private final Map<String, Boolean> relayedSwitches = new ConcurrentHashMap<>();
    private final Registration registration;

    /**
     * Starts listening to packet-ins.
     *
     * @param notifications where openflowplugin publishes {@link PacketReceived}
     * @param rpcs openflowplugin's RPCs, for {@link TransmitPacket}
     * @param directory the configured gateways, as the lead keeps it up to date
     * @param heartbeats offered every advertisement that matches a gateway; must not block, and refuses (false)
     *     when the engine's queue is full, which is counted as a drop
     * @param nanoClock stamps heartbeats on arrival
     * @param counters malformed, spoofed and dropped advertisements are counted here (accepted ones by the
     *     consumer)
     * @param hostAsked told of every host that got an ARP reply for a cluster's virtual IP (by cluster name); a
     *     refusal is counted as a drop
     * @param paths told when a switch's heartbeats start arriving relayed, or directly again; after the heartbeat
     *     that shows it, in order with the heartbeats
     * @param executor runs the listener; decoding is cheap, so openflowplugin's own thread is fine
     */
    public PacketInHandler(final NotificationService notifications, final RpcService rpcs,
            final ClusterDirectory directory, final Predicate<Event.HeartbeatReceived> heartbeats,
            final LongSupplier nanoClock, final HeartbeatTally counters, final HostListener hostAsked,
            final Consumer<Event.SwitchRelayed> paths, final Executor executor) {
        this.paths = paths;
        this.directory = directory;
        this.hostAsked = hostAsked;
        this.heartbeats = heartbeats;
        this.nanoClock = nanoClock;
        this.counters = counters;
        transmit = rpcs.getRpc(TransmitPacket.class);
        registration = notifications.registerListener(PacketReceived.class, this::onPacket, executor);
    }

    void onPacket(final PacketReceived packet) {
        final var at = nanoClock.getAsLong();
        final var payload = packet.getPayload();
        final var ingress = ingress(packet.getIngress());
        if (payload != null && ingress.isPresent()) {
            handle(payload, ingress.orElseThrow(), packet.getIngress(), false, at);
        }
    }

    /**
     * A packet-in that another controller node received as the switch's OpenFlow master and relayed here
     * ({@link PacketRelay}): handled as if it had arrived here, stamped on arrival.
     *
     * @param connectorId the openflowplugin node connector it came in on, such as "openflow:1:3"
     */
    public void relayed(final String connectorId, final byte[] payload) {
        final var at = nanoClock.getAsLong();
        port(connectorId).ifPresent(ingress -> handle(payload, ingress, new NodeConnectorRef(
            DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(ingress.node())))
                .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(connectorId))).build()), true,
            at));
    }

    private void handle(final byte[] payload, final Port ingress, final NodeConnectorRef ingressRef,
            final boolean relayed, final long at) {
        switch (VrrpDecoder.decode(payload)) {
            case VrrpAdvertisement advert -> heartbeat(advert.vrid(), advert.vlanId(), advert.srcMac(), advert.srcIp(),
                advert.priority(), advert.advertisementIntervalCentis(), ingress, relayed, at);
            case Ipv6VrrpAdvertisement advert -> heartbeat(advert.vrid(), advert.vlanId(), advert.srcMac(),
                advert.srcIp(), advert.priority(), advert.advertisementIntervalCentis(), ingress, relayed, at);
            case VrrpDecodeResult.Malformed malformed -> malformed(payload, ingress);
            case VrrpDecodeResult.NotVrrp(var kind) when kind == VrrpDecodeResult.NotVrrp.Kind.IPV6 ->
                neighborDiscovery(payload, ingress, ingressRef);
            case VrrpDecodeResult.NotVrrp notVrrp -> arp(payload, ingress, ingressRef);
        }
    }

    /**
     * Whether the node that drives election handles this frame: a VRRP advertisement of either family, well-formed
     * or not, an ARP request, or Neighbor Discovery the cluster flows punt (a solicitation, a Router Advertisement,
     * or a malformed one, which is counted there).
     */
    static boolean forElection(final byte[] frame) {
        if (!(VrrpDecoder.decode(frame) instanceof VrrpDecodeResult.NotVrrp) || arpAt(frame) > 0) {
            return true;
        }
        final var nd = NeighborDiscovery.decode(frame);
        return nd instanceof NeighborSolicitation || nd instanceof RouterAdvertisement
            || nd instanceof NdDecodeResult.Malformed;
    }

    private void heartbeat(final int vrid, final int vlanId, final Mac srcMac, final IpAddress srcIp,
            final int priority, final int intervalCentis, final Port ingress, final boolean relayed, final long at) {
        switch (directory.attribute(vrid, vlanId, srcMac, srcIp, ingress.node(), ingress.port())) {
            case ClusterDirectory.Attribution.Heartbeat(var member) -> {
                if (!heartbeats.test(new Event.HeartbeatReceived(member.cluster(), member.gateway(),
                        srcIp.family(), priority, Math.min(intervalCentis, 4095), at))) {
                    counters.dropped();
                }
                // After the heartbeat: one that ends a silence is judged by the path the silence fell on.
                final Boolean before = relayedSwitches.put(ingress.node(), relayed);
                if (before == null ? relayed : before != relayed) {
                    paths.accept(new Event.SwitchRelayed(ingress.node(), relayed, at));
                }
            }
            case ClusterDirectory.Attribution.ForgedGateway(var member) ->
                counters.spoofed(member.cluster(), member.gateway());
            case ClusterDirectory.Attribution.ForgedCluster(var cluster) -> counters.spoofed(cluster);
            case ClusterDirectory.Attribution.Unattributed unattributed -> counters.countUnattributed(false);
        }
    }

    /**
     * A malformed advertisement is counted on the gateways whose port and MAC it came from ({@link
     * ClusterDirectory#sendersAt}), so that a gateway sending broken heartbeats shows in its own counters; one from no
     * gateway, or too short to name a source, is counted as nobody's.
     */
    private void malformed(final byte[] frame, final Port ingress) {
        final var senders = frame.length < ETH_TYPE_AT ? List.<ClusterDirectory.Member>of()
            : directory.sendersAt(ingress.node(), ingress.port(), mac(ByteBuffer.wrap(frame), 6));
        if (senders.isEmpty()) {
            counters.countUnattributed(true);
        }
        senders.forEach(member -> counters.malformed(member.cluster(), member.gateway()));
    }

    /** Neighbor Discovery the cluster flows punt; a malformed message is counted and dropped. */
    private void neighborDiscovery(final byte[] frame, final Port ingress, final NodeConnectorRef ingressRef) {
        switch (NeighborDiscovery.decode(frame)) {
            case NeighborSolicitation solicitation -> neighborSolicitation(solicitation, ingress, ingressRef);
            case RouterAdvertisement advert -> routerAdvertisement(frame, advert, ingress, ingressRef);
            case NdDecodeResult.Malformed malformed -> counters.malformedNeighborDiscovery();
            case NeighborAdvertisement advert -> {
                // No cluster flow punts these: the guards drop gateways' claims, the rest are forwarded.
            }
            case NdDecodeResult.NotNd notNd -> {
                // Not for the controller (IPv6 of no flow of the clusters, such as another controller's punt).
            }
        }
    }

    /**
     * A Router Advertisement from a cluster's virtual link-local address that came in on its active gateway's port
     * ({@code ra-punt}) goes on as the switch would have forwarded it: by its normal forwarding from that port
     * (packet-out with that in_port and the NORMAL action, which never sends a frame back out of its in_port), with
     * the virtual MAC in every source link-layer option ({@link NeighborDiscovery#fromVirtualRouter}), so a host maps
     * the virtual router to the virtual MAC and nothing else; counted as relayed once openflowplugin has sent the
     * packet-out. One whose option is not an Ethernet address is counted as malformed and dropped; one from an address
     * that is no cluster's virtual IP on its VLAN is dropped (no flow of the clusters punts such).
     */
    private void routerAdvertisement(final byte[] frame, final RouterAdvertisement advert, final Port ingress,
            final NodeConnectorRef ingressRef) {
        final int vlanId = advert.vlanTags().isEmpty() ? VrrpAdvertisement.NO_VLAN
            : advert.vlanTags().getFirst().vlanId();
        directory.withVirtualIp(advert.source(), vlanId).ifPresent(entry -> {
            final var passed = NeighborDiscovery.fromVirtualRouter(frame, entry.ipv6VirtualMac());
            if (passed.isEmpty()) {
                counters.malformedNeighborDiscovery();
                return;
            }
            send(new TransmitPacketInputBuilder()
                .setNode(nodeOf(ingressRef))
                .setIngress(ingressRef)
                .setEgress(ingressRef)
                .setAction(BindingMap.of(new ActionBuilder().setOrder(0).setAction(new OutputActionCaseBuilder()
                    .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri("NORMAL"))
                        .setMaxLength(Uint16.MAX_VALUE).build()).build()).build()))
                .setPayload(passed.orElseThrow())
                .build(), advert.source(), ingress, counters::routerAdvertisementRelayed);
        });
    }

    /**
     * A Neighbor Solicitation for an IPv6 virtual IP gets the virtual MAC in a Neighbor Advertisement, out of the port
     * it came in on, under its VLAN tags ({@link NeighborDiscovery#answer}): the IPv6 counterpart of the ARP reply.
     * No switch-side answer is planned for it, so every solicitation for a virtual IP comes here, through the
     * cluster's shared punt meter: standard OpenFlow 1.3 set-fields can rewrite the type but not the advertisement's
     * flags nor the option's type; Open vSwitch's Ericsson fields for those reach openflowplugin 0.20.1 only through
     * its eric extension, which this product does not ship and which models them for the inventory's flows alone, not
     * for the add-flow RPC its failovers and repairs use (README, "No switch-side Neighbor Advertisements").
     */
    private void neighborSolicitation(final NeighborSolicitation solicitation, final Port ingress,
            final NodeConnectorRef egress) {
        final int vlanId = solicitation.vlanTags().isEmpty() ? VrrpAdvertisement.NO_VLAN
            : solicitation.vlanTags().getFirst().vlanId();
        directory.withVirtualIp(solicitation.target(), vlanId).ifPresent(entry ->
            transmit(NeighborDiscovery.answer(solicitation, entry.ipv6VirtualMac()), solicitation.target(), ingress,
                egress));
    }

    /** Where the ethertype of an ARP request is in the frame, or -1 when it is none. */
    private static int arpAt(final byte[] frame) {
        final var buffer = ByteBuffer.wrap(frame);
        // The switch matches ARP under VLAN tags too: skip up to two (802.1Q, 802.1ad) to find it.
        int typeAt = ETH_TYPE_AT;
        while (typeAt <= ETH_TYPE_AT + VLAN_TAG * (MAX_TAGS - 1) && frame.length >= typeAt + 2
                && isVlanTag(buffer.getShort(typeAt) & 0xFFFF)) {
            typeAt += VLAN_TAG;
        }
        final int arp = typeAt + 2;
        return frame.length < arp + ARP_LENGTH || (buffer.getShort(typeAt) & 0xFFFF) != ETHERTYPE_ARP
            || (buffer.getShort(arp + 6) & 0xFFFF) != ARP_REQUEST ? -1 : typeAt;
    }

    private void arp(final byte[] frame, final Port ingress, final NodeConnectorRef egress) {
        final int typeAt = arpAt(frame);
        if (typeAt < 0) {
            return;
        }
        final var buffer = ByteBuffer.wrap(frame);
        final int arp = typeAt + 2;
        final var target = new Ipv4(buffer.getInt(arp + 24));
        // The outermost tag is the one the switch's vlan_vid match sees.
        final int vlanId = typeAt == ETH_TYPE_AT ? VrrpAdvertisement.NO_VLAN
            : buffer.getShort(ETH_TYPE_AT + 2) & 0xFFF;
        // A VLAN cluster's virtual IP is not there to be had from another VLAN.
        final var found = directory.withVirtualIp(target, vlanId);
        if (found.isEmpty()) {
            return;
        }
        final var entry = found.orElseThrow();
        reply(frame, typeAt, entry.virtualMac(), target, ingress, egress);
        final var sender = mac(buffer, arp + 8);
        final var senderIp = new Ipv4(buffer.getInt(arp + 14));
        if (answerableInSwitch(entry, mac(buffer, 6), sender, senderIp)
                && !hostAsked.hostAsked(entry.name(), ingress.node(), new MacAddress(sender.toString()),
                    senderIp.toString(), target.toString())) {
            counters.dropped();
        }
    }

    private static boolean isVlanTag(final int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ;
    }

    /**
     * Whether the switch may answer this sender from now on: a unicast MAC that is the frame's own source, a real
     * address (not an RFC 5227 probe from 0.0.0.0), neither a gateway nor a virtual IP of the cluster, nor its
     * virtual MAC (which a gateway running keepalived with {@code use_vmac} sends from): a responder for that MAC would
     * answer the switch's own steering target as if it were a host.
     */
    private static boolean answerableInSwitch(final ClusterDirectory.Entry entry, final Mac frameSource,
            final Mac sender, final Ipv4 senderIp) {
        return sender.equals(frameSource) && (sender.bits() & MULTICAST_BIT) == 0 && senderIp.bits() != 0
            && !sender.equals(entry.virtualMac()) && !entry.virtualIps().contains(senderIp)
            && entry.members().stream()
                .noneMatch(member -> member.mac().equals(sender) || member.ip().equals(senderIp));
    }

    private static Mac mac(final ByteBuffer buffer, final int offset) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | buffer.get(offset + i) & 0xFF;
        }
        return new Mac(bits);
    }

    /**
     * An ARP reply from the virtual MAC, out of the port the request came in on, under the request's VLAN tags.
     *
     * @param typeAt where the request's ARP ethertype is: the tags are the bytes from 12 up to it
     */
    private void reply(final byte[] request, final int typeAt, final Mac virtualMac, final Ipv4 vip,
            final Port ingress, final NodeConnectorRef egress) {
        final int arp = typeAt + 2;
        final var reply = ByteBuffer.allocate(arp + ARP_LENGTH);
        reply.put(request, 6, 6);
        putMac(reply, virtualMac);
        reply.put(request, ETH_TYPE_AT, typeAt - ETH_TYPE_AT);
        reply.putShort((short) ETHERTYPE_ARP);
        reply.putShort((short) ARP_HARDWARE_ETHERNET).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4)
            .putShort((short) ARP_REPLY);
        putMac(reply, virtualMac);
        reply.putInt(vip.bits());
        reply.put(request, arp + 8, 6);
        reply.put(request, arp + 14, 4);
        transmit(reply.array(), vip, ingress, egress);
    }

    /** Sends an answer for a virtual IP out of the port its question came in on; a failure is logged. */
    private void transmit(final byte[] answer, final IpAddress vip, final Port ingress,
            final NodeConnectorRef egress) {
        send(new TransmitPacketInputBuilder()
            .setNode(nodeOf(egress))
            .setEgress(egress)
            .setPayload(answer)
            .build(), vip, ingress, () -> { });
    }

    /** The switch a port is on, as a packet-out names it. */
    private static NodeRef nodeOf(final NodeConnectorRef port) {
        return new NodeRef(((DataObjectIdentifier<?>) port.getValue()).trimTo(Node.class));
    }

    /**
     * Sends a packet-out for a virtual IP (an answer, or a relayed Router Advertisement); a failure is logged.
     *
     * @param sent runs once openflowplugin has sent it
     */
    private void send(final TransmitPacketInput input, final IpAddress vip, final Port ingress, final Runnable sent) {
        Futures.addCallback(transmit.invoke(input),
            new FutureCallback<RpcResult<TransmitPacketOutput>>() {
                @Override
                public void onSuccess(final RpcResult<TransmitPacketOutput> result) {
                    if (result.isSuccessful()) {
                        sent.run();
                    } else {
                        LOG.warn("Packet-out for {} on {} refused: {}", vip, ingress, result.getErrors());
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("Packet-out for {} on {} failed", vip, ingress, cause);
                }
            }, MoreExecutors.directExecutor());
    }

    private static void putMac(final ByteBuffer buffer, final Mac mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            buffer.put((byte) (mac.bits() >>> shift));
        }
    }

    /** A switch port: the openflowplugin node id and the port number. */
    record Port(String node, long port) {
    }

    static Optional<Port> ingress(final NodeConnectorRef ref) {
        return ref == null ? Optional.empty()
            : firstKey(ref.getValue(), NodeConnectorKey.class).flatMap(key -> port(key.getId().getValue()));
    }

    /** The first key of a type along an inventory path, such as the node's or the port's. */
    static <K> Optional<K> firstKey(final Object path, final Class<K> type) {
        if (path instanceof DataObjectIdentifier<?> identifier) {
            for (var step : identifier.steps()) {
                if (step instanceof KeyStep<?, ?> keyStep && type.isInstance(keyStep.key())) {
                    return Optional.of(type.cast(keyStep.key()));
                }
            }
        }
        return Optional.empty();
    }

    /** "openflow:1:11" is port 11 of switch "openflow:1"; LOCAL and other named ports are not gateways. */
    static Optional<Port> port(final String connectorId) {
        final int colon = connectorId.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Port(connectorId.substring(0, colon),
                Long.parseLong(connectorId.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
