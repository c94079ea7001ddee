/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.steering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.Drop;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6Match;

/**
 * Flows and groups in the compact text of {@code ovs-ofctl dump-flows}, so that tests state exactly what a switch
 * gets.
 */
final class Describe {
    private Describe() {
        // utility class
    }

    static String flow(final Flow flow) {
        final var match = flow.getMatch();
        final var fields = new ArrayList<String>();
        if (match.getInPort() != null) {
            fields.add("in_port=" + match.getInPort().getValue());
        }
        final var vlan = match.getVlanMatch() == null ? null : match.getVlanMatch().getVlanId();
        if (vlan != null) {
            fields.add(Boolean.TRUE.equals(vlan.getVlanIdPresent()) ? "dl_vlan=" + vlan.getVlanId().getValue()
                : "vlan_tci=0x0000");
        }
        final var eth = match.getEthernetMatch();
        if (eth != null) {
            if (eth.getEthernetType() != null) {
                fields.add("dl_type=0x" + Long.toHexString(eth.getEthernetType().getType().getValue().toJava()));
            }
            if (eth.getEthernetSource() != null) {
                fields.add("dl_src=" + eth.getEthernetSource().getAddress().getValue());
            }
            if (eth.getEthernetDestination() != null) {
                fields.add("dl_dst=" + eth.getEthernetDestination().getAddress().getValue());
            }
        }
        if (match.getIpMatch() != null && match.getIpMatch().getIpProtocol() != null) {
            fields.add("nw_proto=" + match.getIpMatch().getIpProtocol());
        }
        switch (match.getLayer3Match()) {
            case null -> { }
            case ArpMatch arp -> {
                if (arp.getArpOp() != null) {
                    fields.add("arp_op=" + arp.getArpOp());
                }
                if (arp.getArpSourceTransportAddress() != null) {
                    fields.add("arp_spa=" + arp.getArpSourceTransportAddress().getValue());
                }
                if (arp.getArpTargetTransportAddress() != null) {
                    fields.add("arp_tpa=" + arp.getArpTargetTransportAddress().getValue());
                }
            }
            case Ipv4Match ip -> {
                if (ip.getIpv4Source() != null) {
                    fields.add("nw_src=" + ip.getIpv4Source().getValue());
                }
                if (ip.getIpv4Destination() != null) {
                    fields.add("nw_dst=" + ip.getIpv4Destination().getValue());
                }
            }
            case Ipv6Match ip -> {
                if (ip.getIpv6Source() != null) {
                    fields.add("ipv6_src=" + ip.getIpv6Source().getValue());
                }
                if (ip.getIpv6Destination() != null) {
                    fields.add("ipv6_dst=" + ip.getIpv6Destination().getValue());
                }
                if (ip.getIpv6NdTarget() != null) {
                    fields.add("nd_target=" + ip.getIpv6NdTarget().getValue());
                }
            }
            default -> fields.add(match.getLayer3Match().toString());
        }
        if (match.getIcmpv6Match() != null && match.getIcmpv6Match().getIcmpv6Type() != null) {
            fields.add("icmpv6_type=" + match.getIcmpv6Match().getIcmpv6Type());
        }
        final var instructions = new ArrayList<String>();
        flow.getInstructions().nonnullInstruction().values().stream()
            .sorted(Comparator.comparing(Instruction::getOrder))
            .forEach(instruction -> instructions.add(switch (instruction.getInstruction()) {
                case MeterCase meter -> "meter:0x"
                    + Long.toHexString(meter.getMeter().getMeterId().getValue().toJava());
                case ApplyActionsCase apply -> actions(apply.getApplyActions().nonnullAction().values());
                default -> instruction.getInstruction().toString();
            }));
        return "table=" + flow.getTableId() + ",priority=" + flow.getPriority()
            // Without the per-flow fingerprint (bits 32 to 47): the planner's tests check it on its own.
            + ",cookie=0x" + Long.toHexString(flow.getCookie().getValue().longValue() & ~(0xFFFFL << 32))
            + (fields.isEmpty() ? "" : "," + String.join(",", fields))
            + " actions=" + String.join(",", instructions);
    }

    /** A meter as {@code ovs-ofctl dump-meters} shows it, flags and one band. */
    static String meter(final Meter meter) {
        final var flags = meter.getFlags();
        final var band = meter.getMeterBandHeaders().nonnullMeterBandHeader().values().iterator().next();
        final var drop = (Drop) band.getBandType();
        return "meter=0x" + Long.toHexString(meter.getMeterId().getValue().toJava())
            + (flags.getMeterKbps() ? " kbps" : "") + (flags.getMeterPktps() ? " pktps" : "")
            + (flags.getMeterBurst() ? " burst" : "") + (flags.getMeterStats() ? " stats" : "")
            + " bands=type=" + (band.getMeterBandTypes().getFlags().getOfpmbtDrop() ? "drop" : "other")
            + " rate=" + drop.getDropRate() + " burst_size=" + drop.getDropBurstSize()
            + (band.getBandRate().equals(drop.getDropRate()) && band.getBandBurstSize().equals(drop.getDropBurstSize())
                ? "" : " (band header disagrees)");
    }

    static String group(final Group group) {
        return "group_id=0x" + Long.toHexString(group.getGroupId().getValue().toJava()) + ",type="
            + group.getGroupType().getName() + group.getBuckets().nonnullBucket().values().stream()
                .map(bucket -> ",bucket=bucket_id:" + bucket.getBucketId().getValue() + ",watch_port:"
                    + bucket.getWatchPort() + ",actions=" + actions(bucket.nonnullAction().values()))
                .collect(Collectors.joining());
    }

    static String actions(final Collection<Action> actions) {
        final var sorted = actions.stream().sorted(Comparator.comparing(Action::getOrder)).toList();
        if (sorted.isEmpty()) {
            return "drop";
        }
        final var out = new ArrayList<String>();
        for (var action : sorted) {
            out.add(switch (action.getAction()) {
                case OutputActionCase output -> "output:" + output.getOutputAction().getOutputNodeConnector()
                    .getValue();
                case GroupActionCase group -> "group:0x" + Long.toHexString(group.getGroupAction().getGroupId()
                    .toJava());
                case SetFieldCase set -> setField(set);
                default -> action.getAction().toString();
            });
        }
        return String.join(",", out);
    }

    private static String setField(final SetFieldCase set) {
        final var field = set.getSetField();
        if (field.getEthernetMatch() != null) {
            final var eth = field.getEthernetMatch();
            return eth.getEthernetDestination() != null
                ? "set_field:" + eth.getEthernetDestination().getAddress().getValue() + "->eth_dst"
                : "set_field:" + eth.getEthernetSource().getAddress().getValue() + "->eth_src";
        }
        if (field.getLayer3Match() instanceof ArpMatch arp) {
            if (arp.getArpOp() != null) {
                return "set_field:" + arp.getArpOp() + "->arp_op";
            }
            if (arp.getArpSourceHardwareAddress() != null) {
                return "set_field:" + arp.getArpSourceHardwareAddress().getAddress().getValue() + "->arp_sha";
            }
            if (arp.getArpSourceTransportAddress() != null) {
                return "set_field:" + arp.getArpSourceTransportAddress().getValue() + "->arp_spa";
            }
            if (arp.getArpTargetHardwareAddress() != null) {
                return "set_field:" + arp.getArpTargetHardwareAddress().getAddress().getValue() + "->arp_tha";
            }
            return "set_field:" + arp.getArpTargetTransportAddress().getValue() + "->arp_tpa";
        }
        final var ip = (Ipv4Match) field.getLayer3Match();
        return ip.getIpv4Destination() != null ? "set_field:" + ip.getIpv4Destination().getValue() + "->ip_dst"
            : "set_field:" + ip.getIpv4Source().getValue() + "->ip_src";
    }

    /** Every flow of a switch plan, one line per flow id, sorted. */
    static List<String> flows(final Map<String, Flow> flows) {
        return flows.entrySet().stream().map(entry -> entry.getKey() + " " + flow(entry.getValue())).toList();
    }
}
