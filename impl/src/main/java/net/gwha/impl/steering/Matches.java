/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import static net.gwha.impl.packet.Protocols.ARP_REQUEST;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_ARP;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV4;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_IPV6;
import static net.gwha.impl.packet.Protocols.ETHERTYPE_LLDP;
import static net.gwha.impl.packet.Protocols.ICMPV6_NEIGHBOR_ADVERTISEMENT;
import static net.gwha.impl.packet.Protocols.ICMPV6_NEIGHBOR_SOLICITATION;
import static net.gwha.impl.packet.Protocols.ICMPV6_ROUTER_ADVERTISEMENT;
import static net.gwha.impl.packet.Protocols.IP_PROTOCOL_ICMPV6;
import static net.gwha.impl.packet.Protocols.IP_PROTOCOL_VRRP;
import static net.gwha.impl.packet.Protocols.VRRP6_GROUP;
import static net.gwha.impl.packet.Protocols.VRRP_GROUP;

import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.Icmpv6MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.vlan.match.fields.VlanIdBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/** The matches of the project's flows, in openflowplugin's model. Pure. */
final class Matches {
    private static final Ipv4Prefix VRRP_DESTINATION = host(VRRP_GROUP.toString());
    private static final Ipv6Prefix VRRP6_DESTINATION = new Ipv6Prefix(VRRP6_GROUP + "/128");

    private Matches() {
        // utility class
    }

    /** Everything: the lowest-priority catch-all. */
    static Match any() {
        return new MatchBuilder().build();
    }

    /**
     * A match narrowed to frames whose (outer) 802.1Q tag carries this VLAN id: OpenFlow's vlan_vid with the
     * present bit, which openflowplugin sets for a VLAN id marked present.
     *
     * @param vlan the VLAN id, 1 to 4094; 0 (an untagged cluster) leaves the match as it is, tags or not
     */
    static Match onVlan(final Match match, final int vlan) {
        return vlan == 0 ? match : new MatchBuilder(match)
            .setVlanMatch(new VlanMatchBuilder().setVlanId(new VlanIdBuilder().setVlanIdPresent(true)
                .setVlanId(new org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.VlanId(
                    Uint16.valueOf(vlan))).build()).build())
            .build();
    }

    /** LLDP, which openflowplugin's topology manager needs punted. */
    static Match lldp() {
        return new MatchBuilder().setEthernetMatch(ethType(ETHERTYPE_LLDP)).build();
    }

    /** VRRP advertisements from one port, whoever sends them. */
    static Match vrrpFrom(final NodeConnectorId port) {
        return new MatchBuilder()
            .setInPort(port)
            .setEthernetMatch(ethType(ETHERTYPE_IPV4))
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(VRRP_DESTINATION).build())
            .build();
    }

    /** VRRP advertisements with this source MAC, from any port. */
    static Match vrrpFrom(final MacAddress source) {
        return new MatchBuilder()
            .setEthernetMatch(new EthernetMatchBuilder(ethType(ETHERTYPE_IPV4))
                .setEthernetSource(new EthernetSourceBuilder().setAddress(source).build())
                .build())
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(VRRP_DESTINATION).build())
            .build();
    }

    /** VRRP advertisements with this source address, from any port. */
    static Match vrrpFrom(final String sourceIp) {
        return new MatchBuilder()
            .setEthernetMatch(ethType(ETHERTYPE_IPV4))
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(host(sourceIp))
                .setIpv4Destination(VRRP_DESTINATION).build())
            .build();
    }

    /** VRRP advertisements over IPv6 from one port, whoever sends them. */
    static Match vrrp6From(final NodeConnectorId port) {
        return new MatchBuilder()
            .setInPort(port)
            .setEthernetMatch(ethType(ETHERTYPE_IPV6))
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv6MatchBuilder().setIpv6Destination(VRRP6_DESTINATION).build())
            .build();
    }

    /** VRRP advertisements over IPv6 with this source MAC, from any port. */
    static Match vrrp6From(final MacAddress source) {
        return new MatchBuilder()
            .setEthernetMatch(new EthernetMatchBuilder(ethType(ETHERTYPE_IPV6))
                .setEthernetSource(new EthernetSourceBuilder().setAddress(source).build())
                .build())
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv6MatchBuilder().setIpv6Destination(VRRP6_DESTINATION).build())
            .build();
    }

    /** VRRP advertisements over IPv6 with this (link-local) source address, from any port. */
    static Match vrrp6FromAddress(final String sourceIp) {
        return new MatchBuilder()
            .setEthernetMatch(ethType(ETHERTYPE_IPV6))
            .setIpMatch(vrrp())
            .setLayer3Match(new Ipv6MatchBuilder().setIpv6Source(new Ipv6Prefix(sourceIp + "/128"))
                .setIpv6Destination(VRRP6_DESTINATION).build())
            .build();
    }

    /** Neighbor Solicitations for this IPv6 address, from anyone. */
    static Match neighborSolicitationFor(final String target) {
        return neighborDiscovery(ICMPV6_NEIGHBOR_SOLICITATION, target).build();
    }

    /** Neighbor Advertisements from one port that claim this IPv6 address. */
    static Match neighborAdvertisementFrom(final NodeConnectorId port, final String target) {
        return neighborDiscovery(ICMPV6_NEIGHBOR_ADVERTISEMENT, target).setInPort(port).build();
    }

    /** Router Advertisements from one port with this source address. */
    static Match routerAdvertisementFrom(final NodeConnectorId port, final String source) {
        return new MatchBuilder()
            .setInPort(port)
            .setEthernetMatch(ethType(ETHERTYPE_IPV6))
            .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_ICMPV6)).build())
            .setIcmpv6Match(new Icmpv6MatchBuilder().setIcmpv6Type(Uint8.valueOf(ICMPV6_ROUTER_ADVERTISEMENT))
                .build())
            .setLayer3Match(new Ipv6MatchBuilder().setIpv6Source(new Ipv6Prefix(source + "/128")).build())
            .build();
    }

    private static MatchBuilder neighborDiscovery(final int type, final String target) {
        return new MatchBuilder()
            .setEthernetMatch(ethType(ETHERTYPE_IPV6))
            .setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_ICMPV6)).build())
            .setIcmpv6Match(new Icmpv6MatchBuilder().setIcmpv6Type(Uint8.valueOf(type)).build())
            .setLayer3Match(new Ipv6MatchBuilder().setIpv6NdTarget(new Ipv6Address(target)).build());
    }

    /** ARP from one port whose sender protocol address is this IPv4 address. */
    static Match arpSentFrom(final NodeConnectorId port, final String senderIp) {
        return new MatchBuilder()
            .setInPort(port)
            .setEthernetMatch(ethType(ETHERTYPE_ARP))
            .setLayer3Match(new ArpMatchBuilder().setArpSourceTransportAddress(host(senderIp)).build())
            .build();
    }

    /** ARP requests for this IPv4 address, from anyone. */
    static Match arpRequestFor(final String targetIp) {
        return new MatchBuilder()
            .setEthernetMatch(ethType(ETHERTYPE_ARP))
            .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REQUEST))
                .setArpTargetTransportAddress(host(targetIp)).build())
            .build();
    }

    /** ARP requests for an IPv4 address from one host: its MAC as the frame's source, its address as sender. */
    static Match arpRequestFrom(final MacAddress hostMac, final String hostIp, final String targetIp) {
        return new MatchBuilder()
            .setEthernetMatch(new EthernetMatchBuilder(ethType(ETHERTYPE_ARP))
                .setEthernetSource(new EthernetSourceBuilder().setAddress(hostMac).build()).build())
            .setLayer3Match(new ArpMatchBuilder().setArpOp(Uint16.valueOf(ARP_REQUEST))
                .setArpSourceTransportAddress(host(hostIp)).setArpTargetTransportAddress(host(targetIp)).build())
            .build();
    }

    /** The host, its address and the address it asks for, of an {@link #arpRequestFrom} match. */
    record ArpRequester(MacAddress mac, String ip, String target) {
    }

    /** What an {@link #arpRequestFrom} match, as read back from a switch or the datastore, names; empty for others. */
    static Optional<ArpRequester> arpRequester(final Match match) {
        final var ethernet = match == null ? null : match.getEthernetMatch();
        if (ethernet == null || ethernet.getEthernetSource() == null || ethernet.getEthernetType() == null
                || ethernet.getEthernetType().getType().getValue().toJava() != ETHERTYPE_ARP
                || !(match.getLayer3Match() instanceof ArpMatch arp) || arp.getArpOp() == null
                || arp.getArpOp().toJava() != ARP_REQUEST) {
            return Optional.empty();
        }
        final var source = hostAddress(arp.getArpSourceTransportAddress());
        final var target = hostAddress(arp.getArpTargetTransportAddress());
        return source.isEmpty() || target.isEmpty() ? Optional.empty()
            : Optional.of(new ArpRequester(ethernet.getEthernetSource().getAddress(), source.orElseThrow(),
                target.orElseThrow()));
    }

    private static Optional<String> hostAddress(final Ipv4Prefix prefix) {
        return prefix == null || !prefix.getValue().endsWith("/32") ? Optional.empty()
            : Optional.of(prefix.getValue().substring(0, prefix.getValue().length() - "/32".length()));
    }

    /** Frames to a MAC. */
    static Match toMac(final MacAddress destination) {
        return new MatchBuilder().setEthernetMatch(toMacOnly(destination)).build();
    }

    /** IPv4 to a MAC and an address. */
    static Match ipv4To(final MacAddress destination, final String ip) {
        return new MatchBuilder()
            .setEthernetMatch(new EthernetMatchBuilder(toMacOnly(destination))
                .setEthernetType(ethType(ETHERTYPE_IPV4).getEthernetType()).build())
            .setLayer3Match(new Ipv4MatchBuilder().setIpv4Destination(host(ip)).build())
            .build();
    }

    /** IPv4 from one port, source MAC and source address, to one address. */
    static Match ipv4Between(final NodeConnectorId port, final MacAddress source, final String ip,
            final String destination) {
        return new MatchBuilder()
            .setInPort(port)
            .setEthernetMatch(new EthernetMatchBuilder(ethType(ETHERTYPE_IPV4))
                .setEthernetSource(new EthernetSourceBuilder().setAddress(source).build())
                .build())
            .setLayer3Match(new Ipv4MatchBuilder().setIpv4Source(host(ip)).setIpv4Destination(host(destination))
                .build())
            .build();
    }

    /** A dotted IPv4 address as the one-address prefix matches and set-fields take. */
    static Ipv4Prefix host(final String ip) {
        return new Ipv4Prefix(ip + "/32");
    }

    private static EthernetMatch toMacOnly(final MacAddress destination) {
        return new EthernetMatchBuilder().setEthernetDestination(new EthernetDestinationBuilder()
            .setAddress(destination).build()).build();
    }

    private static IpMatch vrrp() {
        return new IpMatchBuilder().setIpProtocol(Uint8.valueOf(IP_PROTOCOL_VRRP)).build();
    }

    private static EthernetMatch ethType(final int type) {
        return new EthernetMatchBuilder().setEthernetType(new EthernetTypeBuilder()
            .setType(new EtherType(Uint32.valueOf(type))).build()).build();
    }
}
