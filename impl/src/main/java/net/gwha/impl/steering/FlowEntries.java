/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.gwha.impl.packet.Protocols;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.group.action._case.GroupActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.BucketId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.BucketsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.Bucket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.BucketBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.BandId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterBandType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.DropBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.MeterBandHeadersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.MeterBandHeaderBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.meter.band.header.MeterBandTypesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpSourceHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpTargetHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/** Flows, fast-failover groups, meters and their actions, in openflowplugin's model. Pure. */
final class FlowEntries {
    /** A bucket's watch group: none. */
    private static final Uint32 ANY_GROUP = Uint32.MAX_VALUE;

    /**
     * One bucket of a fast-failover group: live while its port is.
     *
     * @param watchPort the port whose liveness the bucket follows, and which the actions end by sending to
     * @param rewrite what the bucket changes before sending
     */
    record FailoverBucket(Uint32 watchPort, List<Action> rewrite) {
        FailoverBucket {
            rewrite = List.copyOf(rewrite);
        }
    }

    private FlowEntries() {
        // utility class
    }

    /**
     * A flow in table 0 that applies actions.
     *
     * @param idleTimeout seconds without a matching packet after which the switch removes it; 0 for never
     */
    static Flow flow(final String id, final int priority, final long cookie, final int idleTimeout,
            final Match match, final List<Action> actions) {
        return flow(id, priority, cookie, idleTimeout, match, OptionalLong.empty(), actions);
    }

    /**
     * A flow in table 0 that applies actions, through a meter when one is given.
     *
     * @param idleTimeout seconds without a matching packet after which the switch removes it; 0 for never
     * @param meter the meter every matching packet passes first (and is dropped by when over its rate)
     */
    static Flow flow(final String id, final int priority, final long cookie, final int idleTimeout,
            final Match match, final OptionalLong meter, final List<Action> actions) {
        final var instructions = new ArrayList<Instruction>();
        meter.ifPresent(meterId -> instructions.add(new InstructionBuilder().setOrder(instructions.size())
            .setInstruction(new MeterCaseBuilder().setMeter(new org.opendaylight.yang.gen.v1.urn.opendaylight.flow
                .types.rev131026.instruction.instruction.meter._case.MeterBuilder()
                .setMeterId(new MeterId(Uint32.valueOf(meterId))).build()).build())
            .build()));
        instructions.add(new InstructionBuilder().setOrder(instructions.size())
            .setInstruction(new ApplyActionsCaseBuilder().setApplyActions(new ApplyActionsBuilder()
                .setAction(ordered(actions)).build()).build())
            .build());
        return new FlowBuilder()
            .setId(new FlowId(id))
            .setTableId(Uint8.ZERO)
            .setPriority(Uint16.valueOf(priority))
            .setCookie(new FlowCookie(Uint64.fromLongBits(cookie)))
            .setFlowName(id)
            .setHardTimeout(Uint16.ZERO)
            .setIdleTimeout(Uint16.valueOf(idleTimeout))
            .setBarrier(Boolean.FALSE)
            // The model's default, stated so that a plan equals what the datastore hands back.
            .setStrict(Boolean.FALSE)
            .setMatch(match)
            .setInstructions(new InstructionsBuilder().setInstruction(BindingMap.ordered(instructions)).build())
            .build();
    }

    /** The meter a flow's packets pass first, if any. */
    static Optional<Long> meter(final Flow flow) {
        final var instructions = flow.getInstructions();
        return instructions == null ? Optional.empty() : instructions.nonnullInstruction().values().stream()
            .map(instruction -> instruction.getInstruction())
            .filter(MeterCase.class::isInstance)
            .map(instruction -> ((MeterCase) instruction).getMeter().getMeterId().getValue().toJava())
            .findFirst();
    }

    /**
     * A meter that passes packets up to a rate and a burst, and drops the rest.
     *
     * @param rate packets per second
     * @param burst packets above the rate in a burst
     */
    static Meter meter(final String name, final long meterId, final long rate, final long burst) {
        final var rateValue = Uint32.valueOf(rate);
        final var burstValue = Uint32.valueOf(burst);
        return new MeterBuilder()
            .setMeterId(new MeterId(Uint32.valueOf(meterId)))
            .setMeterName(name)
            // burst, kbps, pktps, stats: the generated constructor takes the bits in alphabetical order
            .setFlags(new MeterFlags(true, false, true, true))
            .setBarrier(Boolean.FALSE)
            .setMeterBandHeaders(new MeterBandHeadersBuilder().setMeterBandHeader(BindingMap.of(
                new MeterBandHeaderBuilder()
                    .setBandId(new BandId(Uint32.ZERO))
                    // drop, dscp-remark, experimenter
                    .setMeterBandTypes(new MeterBandTypesBuilder().setFlags(new MeterBandType(true, false, false))
                        .build())
                    .setBandRate(rateValue)
                    .setBandBurstSize(burstValue)
                    .setBandType(new DropBuilder().setDropRate(rateValue).setDropBurstSize(burstValue).build())
                    .build())).build())
            .build();
    }

    /** A fast-failover group: the first bucket whose port is live carries the traffic. */
    static Group failoverGroup(final String name, final long groupId, final List<FailoverBucket> buckets) {
        final var built = new ArrayList<Bucket>();
        for (int i = 0; i < buckets.size(); i++) {
            final var bucket = buckets.get(i);
            final var actions = new ArrayList<>(bucket.rewrite());
            actions.add(output(bucket.watchPort().toString()));
            built.add(new BucketBuilder()
                .setBucketId(new BucketId(Uint32.valueOf(i)))
                .setWatchPort(bucket.watchPort())
                .setWatchGroup(ANY_GROUP)
                .setAction(ordered(actions))
                .build());
        }
        return new GroupBuilder()
            .setGroupId(new GroupId(Uint32.valueOf(groupId)))
            .setGroupType(GroupTypes.GroupFf)
            .setGroupName(name)
            .setBarrier(Boolean.FALSE)
            .setBuckets(new BucketsBuilder().setBucket(BindingMap.ordered(built)).build())
            .build();
    }

    /** Out of a port: a number, or a reserved name (CONTROLLER, NORMAL, IN_PORT). */
    static Action output(final String port) {
        return new ActionBuilder().setOrder(0).setAction(new OutputActionCaseBuilder()
            .setOutputAction(new OutputActionBuilder().setOutputNodeConnector(new Uri(port))
                .setMaxLength(Uint16.MAX_VALUE).build()).build()).build();
    }

    static Action toGroup(final long groupId) {
        return new ActionBuilder().setOrder(0).setAction(new GroupActionCaseBuilder()
            .setGroupAction(new GroupActionBuilder().setGroupId(Uint32.valueOf(groupId)).build()).build()).build();
    }

    static Action setEthDestination(final MacAddress mac) {
        return setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
            .setEthernetDestination(new EthernetDestinationBuilder().setAddress(mac).build()).build()));
    }

    static Action setEthSource(final MacAddress mac) {
        return setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
            .setEthernetSource(new EthernetSourceBuilder().setAddress(mac).build()).build()));
    }

    static Action setIpv4Destination(final String ip) {
        return setField(new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
            .setIpv4Destination(Matches.host(ip)).build()));
    }

    static Action setIpv4Source(final String ip) {
        return setField(new SetFieldBuilder().setLayer3Match(new Ipv4MatchBuilder()
            .setIpv4Source(Matches.host(ip)).build()));
    }

    /**
     * Turns an ARP request for an address into its reply from a MAC, sent back out of the port it came in on.
     *
     * @param mac the answer
     * @param ip the address asked for
     * @param askerMac the MAC that asked
     * @param askerIp the address that asked
     */
    static List<Action> answerArp(final MacAddress mac, final String ip, final MacAddress askerMac,
            final String askerIp) {
        return List.of(setEthDestination(askerMac), setEthSource(mac),
            setArp(new ArpMatchBuilder().setArpOp(Uint16.valueOf(Protocols.ARP_REPLY))),
            setArp(new ArpMatchBuilder().setArpSourceHardwareAddress(
                new ArpSourceHardwareAddressBuilder().setAddress(mac).build())),
            setArp(new ArpMatchBuilder().setArpSourceTransportAddress(Matches.host(ip))),
            setArp(new ArpMatchBuilder().setArpTargetHardwareAddress(
                new ArpTargetHardwareAddressBuilder().setAddress(askerMac).build())),
            setArp(new ArpMatchBuilder().setArpTargetTransportAddress(Matches.host(askerIp))),
            output("IN_PORT"));
    }

    /** Sets one ARP field: build the field with exactly one value set. */
    private static Action setArp(final ArpMatchBuilder field) {
        return setField(new SetFieldBuilder().setLayer3Match(field.build()));
    }

    private static Action setField(final SetFieldBuilder field) {
        return new ActionBuilder().setOrder(0).setAction(new SetFieldCaseBuilder().setSetField(field.build()).build())
            .build();
    }

    /** The actions keyed by their position, which is the order the switch applies them in. */
    private static Map<ActionKey, Action> ordered(final List<Action> actions) {
        final var ordered = new ArrayList<Action>();
        for (int i = 0; i < actions.size(); i++) {
            ordered.add(new ActionBuilder().setOrder(i).setAction(actions.get(i).getAction()).build());
        }
        return BindingMap.ordered(ordered);
    }
}
