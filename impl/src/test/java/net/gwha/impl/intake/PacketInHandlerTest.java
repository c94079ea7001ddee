/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.intake;

import static net.gwha.impl.fixtures.LabClusters.S1;
import static net.gwha.impl.fixtures.LabClusters.S2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.gwha.impl.engine.AddressFamily;
import net.gwha.impl.engine.Event;
import net.gwha.impl.fixtures.LabClusters;
import net.gwha.impl.fixtures.RecordingRpcs;
import net.gwha.impl.packet.Mac;
import net.gwha.impl.packet.NeighborDiscovery;
import net.gwha.impl.packet.NeighborSolicitation;
import net.gwha.impl.packet.RouterAdvertisement;
import net.gwha.impl.runtime.HeartbeatCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SteeringMode;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.Gateway;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceivedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInput;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Packet-ins as openflowplugin delivers them, with the lab's captured keepalived advertisement (gw2: VRID 51,
 * priority 150, 192.0.2.2, 02:00:00:00:00:02, advert_int 0.1 s) and hand-made ARP.
 */
class PacketInHandlerTest {
    private static final long NOW = 99;

    private final List<Event.HeartbeatReceived> heartbeats = new ArrayList<>();
    // Heartbeats and path changes, in the order the engine would get them.
    private final List<Event> events = new ArrayList<>();
    private final HeartbeatCounters counters = new HeartbeatCounters();
    private final RecordingRpcs rpcs = new RecordingRpcs();
    private final List<String> hostsAsked = new ArrayList<>();
    private final ClusterDirectory directory = new ClusterDirectory();
    // Whether the engine's queue has room.
    private boolean room = true;
    private PacketInHandler handler;

    @BeforeEach
    void start() {
        directory.put(LabClusters.oneSwitch(SteeringMode.MacRewrite));
        handler = new PacketInHandler(notifications(), rpcs, directory,
            heartbeat -> room && heartbeats.add(heartbeat) && events.add(heartbeat), () -> NOW, counters,
            (cluster, node, mac, ip, vip) -> room
                && hostsAsked.add(cluster + " " + node + " " + mac.getValue() + " " + ip + " asked for " + vip),
            events::add, MoreExecutors.directExecutor());
    }

    @Test
    void theEngineLearnsWhenASwitchsHeartbeatsStartComingRelayedAndWhenDirectlyAgain() throws IOException {
        final var heartbeat = new Event.HeartbeatReceived("lab", "gw2", AddressFamily.IPV4, 150, 10, NOW);
        handler.onPacket(packet(12, labAdvert()));
        handler.relayed("openflow:1:12", labAdvert());
        handler.relayed("openflow:1:12", labAdvert());
        handler.onPacket(packet(12, labAdvert()));

        // Direct is the default; each change follows the heartbeat that showed it.
        assertEquals(List.of(heartbeat, heartbeat, new Event.SwitchRelayed("openflow:1", true, NOW), heartbeat,
            heartbeat, new Event.SwitchRelayed("openflow:1", false, NOW)), events);
    }

    @Test
    void anAdvertisementFromItsGatewaysPortIsAHeartbeat() throws IOException {
        handler.onPacket(packet(12, labAdvert()));

        assertEquals(List.of(new Event.HeartbeatReceived("lab", "gw2", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw2"));
    }

    @Test
    void theSameAdvertisementFromAnotherPortIsSpoofed() throws IOException {
        handler.onPacket(packet(1, labAdvert()));

        assertEquals(List.of(), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab", "gw2"));
    }

    @Test
    void anAdvertisementFromNoConfiguredAddressIsSpoofedForTheCluster() throws IOException {
        final var advert = labAdvert();
        // Source MAC 02:00:00:00:00:09 and source IP 192.0.2.9: nobody's, but VRID 51 is the lab's.
        advert[11] = 9;
        advert[29] = 9;
        fixChecksums(advert);
        handler.onPacket(packet(12, advert));

        assertEquals(List.of(), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab"));
    }

    /**
     * Two clusters with VRID 51 on different switches: each one's heartbeats are its own, whichever cluster the
     * directory holds first, and a forgery is counted on the cluster that has the VRID on the switch it came in on.
     */
    @Test
    void oneVridOnTwoSwitchesIsTwoClusters() throws IOException {
        directory.put(LabClusters.builder(LabClusters.gateway(7, 200, S2, 17), LabClusters.gateway(8, 100, S2, 18))
            .setName(new ClusterName("far")).build());
        final var far = advertFrom(7);

        handler.onPacket(packet(S1, 12, labAdvert()));
        handler.onPacket(packet(S2, 17, far));

        assertEquals(List.of(new Event.HeartbeatReceived("lab", "gw2", AddressFamily.IPV4, 150, 10, NOW),
            new Event.HeartbeatReceived("far", "gw7", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("far"));

        // gw2 of lab forged on far's switch, gw7 of far forged on lab's switch, and nobody's address on each
        handler.onPacket(packet(S2, 1, labAdvert()));
        handler.onPacket(packet(S1, 1, far));
        handler.onPacket(packet(S1, 1, advertFrom(9)));
        handler.onPacket(packet(S2, 1, advertFrom(9)));

        assertEquals(2, heartbeats.size());
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("far", "gw7"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 2), counters.of("far"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 2), counters.of("lab"));
        assertEquals(0, counters.unattributed().spoofed());
    }

    /**
     * One router pair running a VRRP group per subnet: two clusters' gateways on the same ports, with the same
     * addresses and MACs, told apart by VRID. A forgery of the second group is counted on the second cluster only,
     * and a group the routers run that no cluster configures belongs to nobody.
     */
    @Test
    void clustersSharingGatewayPortsAreToldApartByVrid() throws IOException {
        directory.put(LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 250, S1, 12))
            .setName(new ClusterName("pair")).setVrid(Uint8.valueOf(52)).setVirtualIp(LabClusters.vips("192.0.2.253"))
            .build());

        handler.onPacket(packet(12, labAdvert()));
        handler.onPacket(packet(12, withVrid(labAdvert(), 52)));

        assertEquals(List.of(new Event.HeartbeatReceived("lab", "gw2", AddressFamily.IPV4, 150, 10, NOW),
            new Event.HeartbeatReceived("pair", "gw2", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);

        handler.onPacket(packet(1, withVrid(labAdvert(), 52)));
        handler.onPacket(packet(12, withVrid(labAdvert(), 53)));

        assertEquals(2, heartbeats.size());
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("pair", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab"));
        assertEquals(1, counters.unattributed().spoofed());
    }

    /**
     * One router pair on VLAN trunks: two clusters with the same VRID on the same ports, on VLANs 10 and 20. A
     * heartbeat counts for the cluster of its tag only; one tagged with another VLAN, or untagged, counts for neither
     * and is spoofed; a VIP's ARP requests are answered on its own VLAN only, under its tag.
     */
    @Test
    void clustersOnTwoVlansOfOnePortAreToldApartByTheTag() throws IOException {
        directory.remove("lab");
        for (var vlan : List.of(10, 20)) {
            directory.put(LabClusters.builder(LabClusters.gateway(1, 200, S1, 11), LabClusters.gateway(2, 150, S1, 12))
                .setName(new ClusterName("v" + vlan)).setVlan(Uint16.valueOf(vlan))
                .setVirtualIp(LabClusters.vips("192.0.2." + (200 + vlan))).build());
        }

        handler.onPacket(packet(12, tagged(labAdvert(), 20)));
        handler.onPacket(packet(12, tagged(labAdvert(), 10)));
        assertEquals(List.of(new Event.HeartbeatReceived("v20", "gw2", AddressFamily.IPV4, 150, 10, NOW),
            new Event.HeartbeatReceived("v10", "gw2", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);

        handler.onPacket(packet(12, tagged(labAdvert(), 30)));
        handler.onPacket(packet(12, labAdvert()));
        // cut inside its tag: malformed, from gw2's port and MAC, its VLAN unread, so gw2's in both clusters; under
        // two tags: not an advertisement of ours; neither throws
        handler.onPacket(packet(12, Arrays.copyOf(tagged(labAdvert(), 10), 16)));
        handler.onPacket(packet(12, tagged(tagged(labAdvert(), 10), 10)));
        assertEquals(2, heartbeats.size());
        assertEquals(0, counters.unattributed().malformed());
        assertEquals(new HeartbeatCounters.Counts(0, 1, 2), counters.of("v10", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 1, 0), counters.of("v20", "gw2"));

        // who has 192.0.2.210 (VLAN 10's VIP), asked on VLAN 20, then on VLAN 10
        final var request = "0806" + "0001" + "0800" + "06" + "04" + "0001" + "02000000000a" + "c000020a"
            + "000000000000" + "c00002d2";
        handler.onPacket(packet(1, HexFormat.of().parseHex("ffffffffffff" + "02000000000a" + "81000014" + request)));
        assertEquals(List.of(), rpcs.takeCalls());
        handler.onPacket(packet(1, HexFormat.of().parseHex("ffffffffffff" + "02000000000a" + "8100000a" + request)));
        final var calls = rpcs.takeCalls();
        assertEquals(1, calls.size());
        assertArrayEquals(HexFormat.of().parseHex("02000000000a" + "00005e000133" + "8100000a" + "0806"
            + "0001" + "0800" + "06" + "04" + "0002" + "00005e000133" + "c00002d2" + "02000000000a" + "c000020a"),
            assertInstanceOf(TransmitPacketInput.class, calls.getFirst().input()).getPayload());
        assertEquals(List.of("v10 openflow:1 02:00:00:00:00:0a 192.0.2.10 asked for 192.0.2.210"), hostsAsked);
    }

    /**
     * keepalived with {@code use_vmac} advertises from the virtual MAC (00:00:5e:00:01:33 for the lab's VRID 51) with
     * the gateway's own address: its heartbeat when it comes in on the gateway's port, a forgery from any other port,
     * with any other address, or with another VRID's virtual MAC.
     */
    @Test
    void anAdvertisementFromTheVirtualMacIsAHeartbeatOnlyOnItsGatewaysPortWithItsAddress() throws IOException {
        final var vmac = "00005e000133";
        handler.onPacket(packet(12, fromMac(labAdvert(), vmac)));

        assertEquals(List.of(new Event.HeartbeatReceived("lab", "gw2", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw2"));

        // gw2's address from a host's port and from gw1's port; gw1's address and nobody's from gw2's port
        handler.onPacket(packet(1, fromMac(labAdvert(), vmac)));
        handler.onPacket(packet(11, fromMac(labAdvert(), vmac)));
        handler.onPacket(packet(12, fromMac(advertFrom(1), vmac)));
        handler.onPacket(packet(12, fromMac(advertFrom(9), vmac)));
        // the virtual MAC of VRID 52, which no cluster here has
        handler.onPacket(packet(12, fromMac(labAdvert(), "00005e000134")));

        assertEquals(1, heartbeats.size());
        assertEquals(new HeartbeatCounters.Counts(0, 0, 3), counters.of("lab", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab", "gw1"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab"));
    }

    /**
     * A configured virtual MAC replaces the default (keepalived's {@code use_vmac vrrp.51 02:00:5e:00:00:51}), so the
     * RFC 5798 default is then no heartbeat; and on a port shared by two groups each VRID takes its own cluster's.
     */
    @Test
    void theVirtualMacAcceptedIsTheClustersOwnConfiguredOrDefault() throws IOException {
        directory.put(LabClusters.builder(LabClusters.gateway(1, 100, S1, 11), LabClusters.gateway(2, 250, S1, 12))
            .setName(new ClusterName("pair")).setVrid(Uint8.valueOf(52)).setVirtualIp(LabClusters.vips("192.0.2.253"))
            .setVirtualMac(new MacAddress("02:00:5E:00:00:52")).build());

        handler.onPacket(packet(12, fromMac(withVrid(labAdvert(), 52), "02005e000052")));
        handler.onPacket(packet(12, fromMac(withVrid(labAdvert(), 52), "00005e000134")));
        handler.onPacket(packet(12, fromMac(withVrid(labAdvert(), 52), "00005e000133")));
        handler.onPacket(packet(12, fromMac(labAdvert(), "02005e000052")));

        assertEquals(List.of(new Event.HeartbeatReceived("pair", "gw2", AddressFamily.IPV4, 150, 10, NOW)), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 2), counters.of("pair", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab", "gw2"));
    }

    @Test
    void aForgeryWhereNoClusterHasItsVridStillNamesTheGatewayItClaims() throws IOException {
        handler.onPacket(packet(S2, 12, labAdvert()));
        handler.onPacket(packet(S2, 12, advertFrom(9)));

        assertEquals(List.of(), heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("lab", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab"));
        assertEquals(1, counters.unattributed().spoofed());
    }

    @Test
    void aMalformedAdvertisementIsCountedAndNeverThrows() throws IOException {
        final var advert = labAdvert();
        // TTL 254: RFC 5798 says drop.
        advert[22] = (byte) 254;
        handler.onPacket(packet(12, advert));
        handler.onPacket(packet(12, new byte[] { 1, 2, 3 }));
        // No ingress port: nothing to match against, dropped before decoding.
        handler.onPacket(new PacketReceivedBuilder().setPayload(advert).build());

        assertEquals(List.of(), heartbeats);
        // The bad TTL came from gw2's port and MAC: gw2 sends broken heartbeats. The truncated frame names nobody.
        assertEquals(new HeartbeatCounters.Counts(0, 1, 0), counters.of("lab", "gw2"));
        assertEquals(new HeartbeatCounters.Counts(0, 1, 0), counters.of("lab"));
        assertEquals(1, counters.unattributed().malformed());
    }

    @Test
    void aMalformedAdvertisementIsTheGatewaysOnlyFromItsPortAndMac() throws IOException {
        final var advert = labAdvert();
        advert[22] = (byte) 254;
        // gw2's MAC on gw1's port: nobody's.
        handler.onPacket(packet(11, advert));
        // The cluster's virtual MAC (keepalived's use_vmac) on gw2's port: gw2's.
        final var fromVirtualMac = advert.clone();
        System.arraycopy(new byte[] { 0, 0, 0x5e, 0, 1, 51 }, 0, fromVirtualMac, 6, 6);
        handler.onPacket(packet(12, fromVirtualMac));

        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw1"));
        assertEquals(new HeartbeatCounters.Counts(0, 1, 0), counters.of("lab", "gw2"));
        assertEquals(1, counters.unattributed().malformed());
    }

    @Test
    void anArpRequestForTheVipIsAnsweredWithTheVirtualMacOutOfItsPort() {
        final var request = HexFormat.of().parseHex(
            // to broadcast, from the client 02:00:00:00:00:0a, ARP
            "ffffffffffff" + "02000000000a" + "0806"
            // Ethernet/IPv4 request: who has 192.0.2.254, tell 192.0.2.10
            + "0001" + "0800" + "06" + "04" + "0001" + "02000000000a" + "c000020a" + "000000000000" + "c00002fe");
        handler.onPacket(packet(1, request));

        final var calls = rpcs.takeCalls();
        assertEquals(1, calls.size());
        final var input = assertInstanceOf(TransmitPacketInput.class, calls.getFirst().input());
        assertEquals(connector(1), input.getEgress());
        assertArrayEquals(HexFormat.of().parseHex(
            "02000000000a" + "00005e000133" + "0806"
            + "0001" + "0800" + "06" + "04" + "0002" + "00005e000133" + "c00002fe" + "02000000000a" + "c000020a"),
            input.getPayload());
        // answered once by the controller, from now on by the switch
        assertEquals(List.of("lab openflow:1 02:00:00:00:00:0a 192.0.2.10 asked for 192.0.2.254"), hostsAsked);
    }

    @Test
    void anArpRequestUnderVlanTagsIsAnsweredUnderTheSameTags() {
        for (var tags : List.of("8100" + "000a", "88a8" + "0064" + "8100" + "000a")) {
            handler.onPacket(packet(1, HexFormat.of().parseHex("ffffffffffff" + "02000000000a" + tags + "0806"
                + "0001" + "0800" + "06" + "04" + "0001" + "02000000000a" + "c000020a" + "000000000000"
                + "c00002fe")));

            final var calls = rpcs.takeCalls();
            assertEquals(1, calls.size(), tags);
            assertArrayEquals(HexFormat.of().parseHex("02000000000a" + "00005e000133" + tags + "0806"
                + "0001" + "0800" + "06" + "04" + "0002" + "00005e000133" + "c00002fe" + "02000000000a" + "c000020a"),
                assertInstanceOf(TransmitPacketInput.class, calls.getFirst().input()).getPayload(), tags);
        }
    }

    @Test
    void whatTheFullQueueRefusesIsCountedAsDropped() throws IOException {
        room = false;
        handler.onPacket(packet(12, labAdvert()));
        handler.onPacket(packet(1, arpRequest("02000000000a", "02000000000a", "c000020a", "c00002fe")));

        assertEquals(List.of(), heartbeats);
        assertEquals(List.of(), hostsAsked);
        // The host is answered all the same: only the switch-side reply waits for a later request.
        assertEquals(1, rpcs.takeCalls().size());
        assertEquals(2, counters.packetInsDropped());
        assertEquals(new HeartbeatCounters.Counts(0, 0, 0), counters.of("lab", "gw2"));
    }

    @Test
    void anAddressProbeIsAnsweredButNotLeftToTheSwitch() {
        // RFC 5227 probe: sender IP 0.0.0.0, so no reply the switch could address
        handler.onPacket(packet(1, arpRequest("02000000000a", "02000000000a", "00000000", "c00002fe")));

        assertEquals(1, rpcs.takeCalls().size());
        assertEquals(List.of(), hostsAsked);
    }

    @Test
    void aGatewayOrAForgedSenderIsNotLeftToTheSwitch() {
        // gw2 itself asking; a sender hardware address that is not the frame's source
        handler.onPacket(packet(12, arpRequest("020000000002", "020000000002", "c0000202", "c00002fe")));
        handler.onPacket(packet(1, arpRequest("02000000000a", "02000000000b", "c000020a", "c00002fe")));

        assertEquals(2, rpcs.takeCalls().size());
        assertEquals(List.of(), hostsAsked);
    }

    /**
     * A use_vmac gateway's gratuitous ARP never reaches the controller (the guard drops ARP claiming a virtual IP from
     * a gateway's port), but an ARP request for the virtual IP from the virtual MAC, from wherever it comes, must not
     * make the switch answer that MAC as a host.
     */
    @Test
    void theVirtualMacIsNeverLearnedAsAHost() {
        handler.onPacket(packet(1, arpRequest("00005e000133", "00005e000133", "c000020a", "c00002fe")));
        handler.onPacket(packet(12, arpRequest("00005e000133", "00005e000133", "c000020b", "c00002fe")));

        assertEquals(2, rpcs.takeCalls().size());
        assertEquals(List.of(), hostsAsked);
    }

    private static byte[] arpRequest(final String frameSource, final String senderMac, final String senderIp,
            final String targetIp) {
        return HexFormat.of().parseHex("ffffffffffff" + frameSource + "0806"
            + "0001" + "0800" + "06" + "04" + "0001" + senderMac + senderIp + "000000000000" + targetIp);
    }

    @Test
    void anArpRequestForAnotherAddressIsNotAnswered() {
        final var request = HexFormat.of().parseHex("ffffffffffff" + "02000000000a" + "0806"
            + "0001" + "0800" + "06" + "04" + "0001" + "02000000000a" + "c000020a" + "000000000000" + "c0000201");
        handler.onPacket(packet(1, request));

        assertEquals(List.of(), rpcs.takeCalls());
    }

    /**
     * An IPv6 cluster as keepalived 2.2.7 ran it in a namespace (VRID 61, from fe80::1 and 02:00:00:00:0a:01, VIP
     * 2001:db8::61): its advertisement on its gateway's port is an IPv6 heartbeat, on any other port a forgery; a
     * Neighbor Solicitation for the VIP gets the virtual MAC of RFC 9568 in the advertisement the kernel itself
     * would send, out of the port it came in on.
     */
    @Test
    void anIpv6GatewayIsHeardByItsLinkLocalAddressAndItsVirtualIpIsAnsweredByNeighborDiscovery() throws IOException {
        directory.put(LabClusters.builder(ipv6Gateway(1, 150, 11), ipv6Gateway(2, 100, 12))
            .setName(new ClusterName("six")).setVrid(Uint8.valueOf(61))
            .setVirtualIp(Set.of(new IpAddress(new Ipv6Address("2001:db8::61")))).build());

        handler.onPacket(packet(11, capture6("v6-vrid61-prio150-10cs")));
        handler.onPacket(packet(12, capture6("v6-vrid61-prio150-10cs")));
        assertEquals(List.of(new Event.HeartbeatReceived("six", "gw1", AddressFamily.IPV6, 150, 10, NOW)),
            heartbeats);
        assertEquals(new HeartbeatCounters.Counts(0, 0, 1), counters.of("six", "gw1"));

        final var solicitation = capture6("nd-ns-for-vip");
        handler.onPacket(packet(1, solicitation));
        final var calls = rpcs.takeCalls();
        assertEquals(1, calls.size());
        final var sent = assertInstanceOf(TransmitPacketInput.class, calls.getFirst().input());
        assertEquals(connector(1), sent.getEgress());
        assertArrayEquals(NeighborDiscovery.answer(assertInstanceOf(NeighborSolicitation.class,
            NeighborDiscovery.decode(solicitation)), Mac.parse("00:00:5e:00:02:3d")), sent.getPayload());
        assertEquals(0x3d, sent.getPayload()[11] & 0xFF);
    }

    /**
     * radvd's Router Advertisement from fe80::1 with its own MAC in the source link-layer option (its default), as
     * the active gateway's {@code ra-punt} brings it up: it goes on by the switch's normal forwarding from the port
     * it came in on, with the virtual MAC in the option; one without the option goes on unchanged.
     */
    @Test
    void aRouterAdvertisementFromTheVirtualRouterGoesOnWithTheVirtualMac() throws IOException {
        directory.put(ipv6Cluster("fe80::1"));
        final var advert = capture6("nd-ra-radvd");

        handler.onPacket(packet(11, advert));
        final var calls = rpcs.takeCalls();
        assertEquals(1, calls.size());
        final var sent = assertInstanceOf(TransmitPacketInput.class, calls.getFirst().input());
        assertEquals(connector(11), sent.getIngress(), "in_port: the gateway's, so NORMAL skips it");
        assertEquals(List.of("NORMAL"), sent.nonnullAction().values().stream()
            .map(action -> ((OutputActionCase) action.getAction()).getOutputAction().getOutputNodeConnector()
                .getValue()).toList());
        assertArrayEquals(NeighborDiscovery.fromVirtualRouter(advert, Mac.parse("00:00:5e:00:02:3d")).orElseThrow(),
            sent.getPayload());
        assertEquals(Optional.of(Mac.parse("00:00:5e:00:02:3d")), assertInstanceOf(RouterAdvertisement.class,
            NeighborDiscovery.decode(sent.getPayload())).sourceLinkLayer());
        assertEquals(0, counters.neighborDiscoveryMalformed());
        assertEquals(1, counters.routerAdvertisementsRelayed());
        assertTrue(PacketInHandler.forElection(advert), "relayed to the node that drives election");
    }

    /** An RA is counted as relayed once its packet-out is sent: not while it waits, not when it fails. */
    @Test
    void aRouterAdvertisementCountsAsRelayedOnceItsPacketOutIsSent() throws IOException {
        directory.put(ipv6Cluster("fe80::1"));
        rpcs.failNext("TransmitPacket", "switch gone");
        handler.onPacket(packet(11, capture6("nd-ra-radvd")));
        assertEquals(1, rpcs.takeCalls().size());
        assertEquals(0, counters.routerAdvertisementsRelayed());

        rpcs.hold("TransmitPacket");
        handler.onPacket(packet(11, capture6("nd-ra-radvd")));
        handler.onPacket(packet(11, capture6("nd-ra-radvd")));
        assertEquals(0, counters.routerAdvertisementsRelayed());
        rpcs.release("TransmitPacket", "");
        assertEquals(2, counters.routerAdvertisementsRelayed());

        // answers to solicitations are no relayed RAs
        handler.onPacket(packet(1, capture6("nd-ns-for-vip")));
        assertEquals(3, rpcs.takeCalls().size(), "two RAs and the answer");
        assertEquals(2, counters.routerAdvertisementsRelayed());
    }

    @Test
    void aMalformedRouterAdvertisementIsCountedAndDropped() throws IOException {
        directory.put(ipv6Cluster("fe80::1"));
        final var badSum = capture6("nd-ra-radvd");
        badSum[14 + 40 + 2] ^= 1;
        handler.onPacket(packet(11, badSum));
        assertEquals(List.of(), rpcs.takeCalls());
        assertEquals(1, counters.neighborDiscoveryMalformed());
        assertTrue(PacketInHandler.forElection(badSum), "counted where the election is driven");

        // fe80::1 is no router of a cluster that has fe80::2 as its virtual link-local: no flow punts it
        directory.put(ipv6Cluster("fe80::2"));
        handler.onPacket(packet(11, capture6("nd-ra-radvd")));
        assertEquals(List.of(), rpcs.takeCalls());
        assertEquals(1, counters.neighborDiscoveryMalformed());
        assertEquals(0, counters.routerAdvertisementsRelayed());
    }

    private static Cluster ipv6Cluster(final String router) {
        return LabClusters.builder(ipv6Gateway(1, 150, 11), ipv6Gateway(2, 100, 12))
            .setName(new ClusterName("six")).setVrid(Uint8.valueOf(61))
            .setVirtualIp(Set.of(new IpAddress(new Ipv6Address("2001:db8::61")),
                new IpAddress(new Ipv6Address(router)))).build();
    }

    private static Gateway ipv6Gateway(final int index, final int priority, final int port) {
        return new GatewayBuilder(LabClusters.gateway(index, priority, S1, port)).setIpAddress(null)
            .setMacAddress(new MacAddress("02:00:00:00:0a:0" + index))
            .setIpv6LinkLocal(new Ipv6Address("fe80::" + index)).build();
    }

    /** A capture of keepalived or the kernel over IPv6 ({@code vrrp/keepalived-2.2.7-netns-ipv6}). */
    private static byte[] capture6(final String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(PacketInHandlerTest.class.getResourceAsStream(
                "/vrrp/keepalived-2.2.7-netns-ipv6/" + name + ".hex"))) {
            final var hex = new StringBuilder();
            for (var line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replaceFirst("^\\s*0x[0-9a-f]+:", "").replaceAll("\\s", ""));
                }
            }
            return HexFormat.of().parseHex(hex);
        }
    }

    private static PacketReceived packet(final long port, final byte[] payload) {
        return packet(S1, port, payload);
    }

    private static PacketReceived packet(final String node, final long port, final byte[] payload) {
        return new PacketReceivedBuilder().setIngress(connector(node, port)).setPayload(payload).build();
    }

    private static NodeConnectorRef connector(final long port) {
        return connector(S1, port);
    }

    private static NodeConnectorRef connector(final String node, final long port) {
        return new NodeConnectorRef(LabClusters.nodePath(node).toBuilder()
            .child(NodeConnector.class, new NodeConnectorKey(new NodeConnectorId(node + ":" + port))).build());
    }

    /** The lab's advertisement as sent by 192.0.2.index from 02:00:00:00:00:0index. */
    private static byte[] advertFrom(final int index) throws IOException {
        final var advert = labAdvert();
        advert[11] = (byte) index;
        advert[29] = (byte) index;
        fixChecksums(advert);
        return advert;
    }

    /** An advertisement with another source MAC (bytes 6 to 11, outside every checksum). */
    private static byte[] fromMac(final byte[] advert, final String mac) {
        System.arraycopy(HexFormat.of().parseHex(mac), 0, advert, 6, 6);
        return advert;
    }

    /** An advertisement with another VRID (byte 35 of an untagged frame), checksums fixed. */
    private static byte[] withVrid(final byte[] advert, final int vrid) {
        advert[35] = (byte) vrid;
        fixChecksums(advert);
        return advert;
    }

    /** A frame with an 802.1Q tag of this VLAN after its MAC addresses. */
    private static byte[] tagged(final byte[] frame, final int vlan) {
        final byte[] result = new byte[frame.length + 4];
        System.arraycopy(frame, 0, result, 0, 12);
        result[12] = (byte) 0x81;
        result[14] = (byte) (vlan >>> 8);
        result[15] = (byte) vlan;
        System.arraycopy(frame, 12, result, 16, frame.length - 12);
        return result;
    }

    /** keepalived 2.2.7 in the lab as gw2, captured on the wire. */
    private static byte[] labAdvert() throws IOException {
        try (InputStream in = Objects.requireNonNull(PacketInHandlerTest.class.getResourceAsStream(
                "/vrrp/keepalived-v3-prio150.hex"))) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    /** Recomputes the IPv4 header checksum and the VRRPv3 checksum (over the pseudo-header) of an untagged frame. */
    private static void fixChecksums(final byte[] frame) {
        frame[24] = 0;
        frame[25] = 0;
        putChecksum(frame, 24, sum(frame, 14, 20, 0));
        final int vrrpLength = ((frame[16] & 0xFF) << 8 | frame[17] & 0xFF) - 20;
        frame[40] = 0;
        frame[41] = 0;
        final int pseudo = sum(frame, 26, 8, 112 + vrrpLength);
        putChecksum(frame, 40, sum(frame, 34, vrrpLength, pseudo));
    }

    private static int sum(final byte[] bytes, final int offset, final int length, final int initial) {
        int sum = initial;
        for (int i = offset; i < offset + length; i += 2) {
            sum += (bytes[i] & 0xFF) << 8 | (i + 1 < offset + length ? bytes[i + 1] & 0xFF : 0);
        }
        return sum;
    }

    private static void putChecksum(final byte[] frame, final int at, final int sum) {
        int folded = (sum & 0xFFFF) + (sum >>> 16);
        folded = ~((folded & 0xFFFF) + (folded >>> 16)) & 0xFFFF;
        frame[at] = (byte) (folded >>> 8);
        frame[at + 1] = (byte) folded;
    }

    private static NotificationService notifications() {
        return (NotificationService) Proxy.newProxyInstance(NotificationService.class.getClassLoader(),
            new Class<?>[] { NotificationService.class }, (proxy, method, args) -> switch (method.getName()) {
                case "registerListener" -> (Registration) () -> { };
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "no notifications";
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }
}
