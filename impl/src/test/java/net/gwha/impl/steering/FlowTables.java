/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gwha.impl.engine.Ipv6;
import net.gwha.impl.engine.SwitchLinks;
import net.gwha.impl.steering.FlowPlanner.Plan;
import net.gwha.impl.steering.Lan.Link;
import net.gwha.impl.steering.Lan.Port;
import net.gwha.impl.steering.Lan.Station;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetField;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6MatchBuilder;

/**
 * An interpreter of planned flows and groups on a {@link Lan}: a frame enters at a port and is followed through
 * table 0 of each switch it reaches until it leaves at stations, goes to the controller or is dropped.
 *
 * <p>The subset of OpenFlow it models is what {@link FlowPlanner} uses, and anything else fails loudly instead of being
 * ignored: one table; match on in_port, eth type/src/dst, IP protocol, IPv4 src/dst prefixes, ARP op/spa/tpa, IPv6
 * src/dst prefixes and Neighbor Discovery target, ICMPv6 type (each with its prerequisites); the highest priority match
 * wins, and two matches at the same priority are an error (OpenFlow leaves the choice to the switch); a meter
 * instruction, which passes everything (rates are not modelled) but must name a meter of the switch's plan, then one
 * apply-actions instruction whose actions run in order: set-field of eth src/dst, IPv4 src/dst and the ARP fields,
 * output to a port number, IN_PORT, CONTROLLER or NORMAL, and fast-failover groups (the first bucket whose watch port
 * is up; none: drop). Output to the frame's own in_port is dropped, as switches do. NORMAL is a learning switch that
 * has seen every station: to the port toward the destination MAC's station over live links, or flooded (every other
 * port) when the MAC is no station's, such as the virtual MAC or broadcast. No flow matching: the table-miss drops, as
 * in the lab's fail-secure switches.
 */
final class FlowTables {
    static final String BROADCAST = "ff:ff:ff:ff:ff:ff";
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_ARP = 0x0806;
    static final int ETH_IPV6 = 0x86DD;
    static final int IP_ICMPV6 = 58;
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int ROUTER_ADVERTISEMENT = 134;
    static final int NEIGHBOR_SOLICITATION = 135;
    static final int NEIGHBOR_ADVERTISEMENT = 136;

    /**
     * The header fields the flows look at; absent ones are null.
     *
     * @param ipSrc IPv4 or IPv6 source, for IP frames, as {@link Ipv6#toString} writes IPv6 ones
     * @param arpSpa ARP sender protocol address, for ARP frames (likewise sha, tha, tpa)
     * @param icmpv6Type the ICMPv6 type, for ICMPv6 frames
     * @param ndTarget the Neighbor Discovery target, for solicitations and advertisements
     */
    record Frame(int ethType, String ethSrc, String ethDst, Integer ipProto, String ipSrc, String ipDst,
            Integer arpOp, String arpSha, String arpSpa, String arpTha, String arpTpa, Integer icmpv6Type,
            String ndTarget) {
        static Frame ipv4(final String ethSrc, final String ethDst, final String ipSrc, final String ipDst) {
            return new Frame(ETH_IPV4, ethSrc, ethDst, 1, ipSrc, ipDst, null, null, null, null, null, null, null);
        }

        static Frame arp(final int op, final String ethSrc, final String ethDst, final String spa, final String tha,
                final String tpa) {
            return new Frame(ETH_ARP, ethSrc, ethDst, null, null, null, op, ethSrc, spa, tha, tpa, null, null);
        }

        /** An ICMPv6 echo request: IPv6 traffic that no Neighbor Discovery flow takes for its own. */
        static Frame ipv6(final String ethSrc, final String ethDst, final String ipSrc, final String ipDst) {
            return new Frame(ETH_IPV6, ethSrc, ethDst, IP_ICMPV6, ipSrc, ipDst, null, null, null, null, null,
                ICMPV6_ECHO_REQUEST, null);
        }

        /** A Neighbor Solicitation or Advertisement for a target. */
        static Frame neighborDiscovery(final int type, final String ethSrc, final String ethDst, final String ipSrc,
                final String ipDst, final String target) {
            return new Frame(ETH_IPV6, ethSrc, ethDst, IP_ICMPV6, ipSrc, ipDst, null, null, null, null, null, type,
                target);
        }

        Frame withEth(final String src, final String dst) {
            return new Frame(ethType, src, dst, ipProto, ipSrc, ipDst, arpOp, arpSha, arpSpa, arpTha, arpTpa,
                icmpv6Type, ndTarget);
        }

        Frame withIp(final String src, final String dst) {
            if (ethType != ETH_IPV4) {
                throw new AssertionError("IPv4 field set on a frame that is not IPv4: " + this);
            }
            return new Frame(ethType, ethSrc, ethDst, ipProto, src, dst, arpOp, arpSha, arpSpa, arpTha, arpTpa,
                icmpv6Type, ndTarget);
        }

        Frame withArp(final Integer op, final String sha, final String spa, final String tha, final String tpa) {
            if (ethType != ETH_ARP) {
                throw new AssertionError("ARP field set on a frame that is not ARP: " + this);
            }
            return new Frame(ethType, ethSrc, ethDst, ipProto, ipSrc, ipDst, op, sha, spa, tha, tpa, icmpv6Type,
                ndTarget);
        }
    }

    /** Where a frame (or one of its copies) ended. */
    sealed interface End {
    }

    /** Out of a port into a station. */
    record Delivered(Port port, String station, Frame frame) implements End {
    }

    record Controller(String node, Frame frame) implements End {
    }

    record Dropped(String node, String why) implements End {
    }

    /** Crossed more links than a loop-free path can have. */
    record Looped(Port at, Frame frame) implements End {
    }

    private final Lan lan;
    private final SwitchLinks live;
    private final Map<String, FlowPlanner.SwitchPlan> tables;

    FlowTables(final Lan lan, final Plan plan) {
        this.lan = lan;
        this.live = lan.liveLinks();
        this.tables = plan.switches();
    }

    /** Every end of a frame that enters the LAN at a port. */
    List<End> inject(final Port at, final Frame frame) {
        final var ends = new ArrayList<End>();
        arrive(at, frame, 0, ends);
        return ends;
    }

    /**
     * Every end of a frame the controller sends by packet-out with this in_port and one output action: the action runs
     * on the in_port's switch without its table, the frame then goes on as any other.
     */
    List<End> packetOut(final Port in, final Frame frame, final String output) {
        final var ends = new ArrayList<End>();
        output(output, in, frame, 0, ends);
        return ends;
    }

    private void arrive(final Port in, final Frame frame, final int links, final List<End> ends) {
        // A loop-free path crosses each switch at most once.
        if (links >= lan.nodes().size()) {
            ends.add(new Looped(in, frame));
            return;
        }
        final var table = tables.containsKey(in.node()) ? tables.get(in.node()).flows().values() : List.<Flow>of();
        final var matching = table.stream().filter(flow -> matches(flow.getMatch(), in, frame))
            .sorted(Comparator.comparing((Flow flow) -> flow.getPriority().toJava()).reversed()).toList();
        if (matching.isEmpty()) {
            ends.add(new Dropped(in.node(), "table-miss"));
            return;
        }
        if (matching.size() > 1 && matching.get(0).getPriority().equals(matching.get(1).getPriority())) {
            throw new AssertionError("ambiguous on " + in + ": " + matching.get(0).getId().getValue() + " and "
                + matching.get(1).getId().getValue() + " both match " + frame);
        }
        final var instructions = matching.getFirst().getInstructions().nonnullInstruction().values().stream()
            .sorted(Comparator.comparing(Instruction::getOrder)).map(Instruction::getInstruction).toList();
        // A meter first, if any (rates are not modelled: it passes, but must exist on the switch); then the actions.
        final var meter = instructions.getFirst() instanceof MeterCase metered ? Optional.of(metered)
            : Optional.<MeterCase>empty();
        meter.ifPresent(metered -> {
            final long id = metered.getMeter().getMeterId().getValue().toJava();
            if (!tables.get(in.node()).meters().containsKey(id)) {
                throw new AssertionError("no meter " + id + " on " + in.node() + " for "
                    + matching.getFirst().getId().getValue());
            }
        });
        final var rest = instructions.subList(meter.isPresent() ? 1 : 0, instructions.size());
        if (rest.size() != 1 || !(rest.getFirst() instanceof ApplyActionsCase apply)) {
            throw new AssertionError("unmodelled instructions: " + instructions);
        }
        run(apply.getApplyActions().nonnullAction().values(), in, frame, links, ends);
    }

    private void run(final java.util.Collection<Action> actions, final Port in, final Frame frame, final int links,
            final List<End> ends) {
        Frame current = frame;
        boolean sent = false;
        for (var action : actions.stream().sorted(Comparator.comparing(Action::getOrder)).toList()) {
            switch (action.getAction()) {
                case SetFieldCase set -> current = set(set.getSetField(), current);
                case OutputActionCase output -> {
                    sent = true;
                    output(output.getOutputAction().getOutputNodeConnector().getValue(), in, current, links, ends);
                }
                case GroupActionCase group -> {
                    sent = true;
                    fastFailover(group.getGroupAction().getGroupId().toJava(), in, current, links, ends);
                }
                default -> throw new AssertionError("unmodelled action: " + action);
            }
        }
        if (!sent) {
            ends.add(new Dropped(in.node(), "no output"));
        }
    }

    private void fastFailover(final long groupId, final Port in, final Frame frame, final int links,
            final List<End> ends) {
        final Group group = tables.get(in.node()).groups().get(groupId);
        if (group == null || group.getGroupType() != GroupTypes.GroupFf) {
            throw new AssertionError("no fast-failover group " + groupId + " on " + in.node() + ": " + group);
        }
        final var bucket = group.getBuckets().nonnullBucket().values().stream()
            .filter(candidate -> lan.isUp(new Port(in.node(), candidate.getWatchPort().toJava())))
            .findFirst();
        if (bucket.isEmpty()) {
            ends.add(new Dropped(in.node(), "no live bucket in group " + groupId));
        } else {
            run(bucket.orElseThrow().nonnullAction().values(), in, frame, links, ends);
        }
    }

    private void output(final String connector, final Port in, final Frame frame, final int links,
            final List<End> ends) {
        switch (connector) {
            case "IN_PORT" -> leave(in, frame, links, ends);
            case "CONTROLLER" -> ends.add(new Controller(in.node(), frame));
            case "NORMAL" -> normal(in, frame, links, ends);
            default -> {
                // openflowplugin takes a bare port number or a node connector id
                final long number = Long.parseLong(connector.substring(connector.lastIndexOf(':') + 1));
                if (number == in.number()) {
                    ends.add(new Dropped(in.node(), "output to its in_port"));
                } else {
                    leave(new Port(in.node(), number), frame, links, ends);
                }
            }
        }
    }

    private void normal(final Port in, final Frame frame, final int links, final List<End> ends) {
        final var learned = lan.learned(in.node(), frame.ethDst(), live);
        if (learned.isPresent()) {
            if (learned.getAsLong() == in.number()) {
                ends.add(new Dropped(in.node(), "normal: destination behind its in_port"));
            } else {
                leave(new Port(in.node(), learned.getAsLong()), frame, links, ends);
            }
            return;
        }
        lan.ports(in.node()).keySet().stream().filter(number -> number != in.number())
            .forEach(number -> leave(new Port(in.node(), number), frame, links, ends));
    }

    private void leave(final Port out, final Frame frame, final int links, final List<End> ends) {
        if (!lan.isUp(out)) {
            ends.add(new Dropped(out.node(), "port " + out + " down"));
            return;
        }
        switch (lan.at(out).orElseThrow(() -> new AssertionError("output to a port that does not exist: " + out))) {
            case Station station -> ends.add(new Delivered(out, station.name(), frame));
            case Link link when !lan.isUp(link.peer()) -> ends.add(new Dropped(out.node(), "link from " + out
                + " down"));
            case Link link -> arrive(link.peer(), frame, links + 1, ends);
        }
    }

    private static boolean matches(final Match match, final Port in, final Frame frame) {
        final var modelled = new MatchBuilder().setInPort(match.getInPort()).setEthernetMatch(match.getEthernetMatch())
            .setIpMatch(match.getIpMatch()).setIcmpv6Match(match.getIcmpv6Match())
            .setLayer3Match(match.getLayer3Match()).build();
        if (!modelled.equals(match)) {
            throw new AssertionError("unmodelled match field: " + match);
        }
        if (match.getInPort() != null && !match.getInPort().getValue().equals(in.toString())) {
            return false;
        }
        final var eth = match.getEthernetMatch();
        final Long ethType = eth == null || eth.getEthernetType() == null ? null
            : eth.getEthernetType().getType().getValue().toJava();
        if (eth != null) {
            if (eth.getEthernetType() != null && ethType != frame.ethType()
                    || eth.getEthernetSource() != null && !macMatches(eth.getEthernetSource().getAddress(),
                        eth.getEthernetSource().getMask(), frame.ethSrc())
                    || eth.getEthernetDestination() != null && !macMatches(eth.getEthernetDestination().getAddress(),
                        eth.getEthernetDestination().getMask(), frame.ethDst())) {
                return false;
            }
        }
        if (match.getIpMatch() != null) {
            requireEthType(ethType, ethType != null && ethType == ETH_IPV6 ? ETH_IPV6 : ETH_IPV4, match);
            final var ip = match.getIpMatch();
            if (!new IpMatchBuilder().setIpProtocol(ip.getIpProtocol()).build().equals(ip)) {
                throw new AssertionError("unmodelled IP match field: " + ip);
            }
            if (ip.getIpProtocol() != null && !Integer.valueOf(ip.getIpProtocol().intValue()).equals(frame.ipProto())) {
                return false;
            }
        }
        final var icmpv6 = match.getIcmpv6Match();
        if (icmpv6 != null) {
            requireEthType(ethType, ETH_IPV6, match);
            if (match.getIpMatch() == null || match.getIpMatch().getIpProtocol() == null
                    || match.getIpMatch().getIpProtocol().intValue() != IP_ICMPV6 || icmpv6.getIcmpv6Code() != null) {
                throw new AssertionError("unmodelled or unprerequisited ICMPv6 match: " + match);
            }
            if (icmpv6.getIcmpv6Type() != null
                    && !Integer.valueOf(icmpv6.getIcmpv6Type().intValue()).equals(frame.icmpv6Type())) {
                return false;
            }
        }
        return switch (match.getLayer3Match()) {
            case null -> true;
            case Ipv4Match ip -> {
                requireEthType(ethType, ETH_IPV4, match);
                yield prefixMatches(ip.getIpv4Source(), frame.ipSrc())
                    && prefixMatches(ip.getIpv4Destination(), frame.ipDst());
            }
            case ArpMatch arp -> {
                requireEthType(ethType, ETH_ARP, match);
                if (arp.getArpSourceHardwareAddress() != null || arp.getArpTargetHardwareAddress() != null) {
                    throw new AssertionError("unmodelled ARP match field: " + arp);
                }
                yield (arp.getArpOp() == null || Integer.valueOf(arp.getArpOp().intValue()).equals(frame.arpOp()))
                    && prefixMatches(arp.getArpSourceTransportAddress(), frame.arpSpa())
                    && prefixMatches(arp.getArpTargetTransportAddress(), frame.arpTpa());
            }
            case Ipv6Match ip -> {
                requireEthType(ethType, ETH_IPV6, match);
                if (!new Ipv6MatchBuilder().setIpv6Source(ip.getIpv6Source())
                        .setIpv6Destination(ip.getIpv6Destination()).setIpv6NdTarget(ip.getIpv6NdTarget()).build()
                        .equals(ip)) {
                    throw new AssertionError("unmodelled IPv6 match field: " + ip);
                }
                // The target's prerequisite: a solicitation or an advertisement.
                if (ip.getIpv6NdTarget() != null && (icmpv6 == null || icmpv6.getIcmpv6Type() == null
                        || icmpv6.getIcmpv6Type().intValue() != NEIGHBOR_SOLICITATION
                            && icmpv6.getIcmpv6Type().intValue() != NEIGHBOR_ADVERTISEMENT)) {
                    throw new AssertionError("prerequisite ICMPv6 type missing: " + match);
                }
                yield prefixMatches(ip.getIpv6Source(), frame.ipSrc())
                    && prefixMatches(ip.getIpv6Destination(), frame.ipDst())
                    && (ip.getIpv6NdTarget() == null || frame.ndTarget() != null
                        && Ipv6.parse(ip.getIpv6NdTarget().getValue()).equals(Ipv6.parse(frame.ndTarget())));
            }
            default -> throw new AssertionError("unmodelled layer 3 match: " + match.getLayer3Match());
        };
    }

    /** A switch refuses a match on a field whose prerequisite eth type is not matched too. */
    private static void requireEthType(final Long matched, final int required, final Match match) {
        if (matched == null || matched != required) {
            throw new AssertionError("prerequisite eth type 0x" + Integer.toHexString(required) + " missing: "
                + match);
        }
    }

    private static Frame set(final SetField field, final Frame frame) {
        if (!new SetFieldBuilder().setEthernetMatch(field.getEthernetMatch()).setLayer3Match(field.getLayer3Match())
                .build().equals(field)) {
            throw new AssertionError("unmodelled set-field: " + field);
        }
        final var eth = field.getEthernetMatch();
        if (eth != null) {
            return frame.withEth(eth.getEthernetSource() == null ? frame.ethSrc() : mac(eth.getEthernetSource()
                    .getAddress()),
                eth.getEthernetDestination() == null ? frame.ethDst() : mac(eth.getEthernetDestination()
                    .getAddress()));
        }
        return switch (field.getLayer3Match()) {
            case Ipv4Match ip -> frame.withIp(host(ip.getIpv4Source(), frame.ipSrc()),
                host(ip.getIpv4Destination(), frame.ipDst()));
            case ArpMatch arp -> frame.withArp(arp.getArpOp() == null ? frame.arpOp() : arp.getArpOp().toJava(),
                arp.getArpSourceHardwareAddress() == null ? frame.arpSha()
                    : mac(arp.getArpSourceHardwareAddress().getAddress()),
                host(arp.getArpSourceTransportAddress(), frame.arpSpa()),
                arp.getArpTargetHardwareAddress() == null ? frame.arpTha()
                    : mac(arp.getArpTargetHardwareAddress().getAddress()),
                host(arp.getArpTargetTransportAddress(), frame.arpTpa()));
            case null, default -> throw new AssertionError("unmodelled set-field: " + field);
        };
    }

    private static boolean macMatches(final MacAddress address, final MacAddress mask, final String mac) {
        if (mask != null) {
            throw new AssertionError("unmodelled MAC mask: " + mask);
        }
        return mac(address).equals(mac);
    }

    private static boolean prefixMatches(final Ipv4Prefix prefix, final String address) {
        if (prefix == null) {
            return true;
        }
        if (address == null) {
            return false;
        }
        final var parts = prefix.getValue().split("/", -1);
        final long mask = -1L << 32 - Integer.parseInt(parts[1]) & 0xFFFF_FFFFL;
        return (bits(parts[0]) & mask) == (bits(address) & mask);
    }

    private static boolean prefixMatches(final Ipv6Prefix prefix, final String address) {
        if (prefix == null) {
            return true;
        }
        if (address == null) {
            return false;
        }
        final var parts = prefix.getValue().split("/", -1);
        final int length = Integer.parseInt(parts[1]);
        final var network = Ipv6.parse(parts[0]);
        final var candidate = Ipv6.parse(address);
        return masked(network.high(), length) == masked(candidate.high(), length)
            && masked(network.low(), length - 64) == masked(candidate.low(), length - 64);
    }

    /** The first {@code length} bits of a 64-bit half (none for 0 or less, all for 64 or more). */
    private static long masked(final long half, final int length) {
        return length <= 0 ? 0 : length >= 64 ? half : half & -1L << 64 - length;
    }

    /** The address a set-field writes, which the planner gives as a /32 prefix. */
    private static String host(final Ipv4Prefix prefix, final String unchanged) {
        if (prefix == null) {
            return unchanged;
        }
        if (!prefix.getValue().endsWith("/32")) {
            throw new AssertionError("set-field of a prefix, not an address: " + prefix);
        }
        return prefix.getValue().substring(0, prefix.getValue().length() - 3);
    }

    private static long bits(final String dotted) {
        long bits = 0;
        for (var octet : dotted.split("\\.", -1)) {
            bits = bits << 8 | Long.parseLong(octet);
        }
        return bits;
    }

    static String mac(final MacAddress mac) {
        return mac.getValue().toLowerCase(java.util.Locale.ROOT);
    }
}
