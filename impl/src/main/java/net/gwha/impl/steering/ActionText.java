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
import java.util.Locale;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;

/**
 * What a flow does, as text that is equal for a flow as planned and the same flow as a switch reports it: its
 * meter and actions in order, with the details openflowplugin renders differently on the way back left out (an output's
 * maximum length, a reserved port's spelling, a one-address prefix's "/32"). An action the project never plans is
 * rendered whole, so a switch reporting one is seen as different.
 */
final class ActionText {
    private ActionText() {
        // utility class
    }

    static List<String> of(final Flow flow) {
        final var text = new ArrayList<String>();
        final var instructions = flow.getInstructions();
        if (instructions == null) {
            return text;
        }
        for (var instruction : instructions.nonnullInstruction().values().stream()
                .sorted(Comparator.comparing(Instruction::getOrder)).toList()) {
            switch (instruction.getInstruction()) {
                case ApplyActionsCase apply -> apply.getApplyActions().nonnullAction().values().stream()
                    .sorted(Comparator.comparing(Action::getOrder))
                    .forEach(action -> text.add(action(action)));
                case MeterCase meter -> text.add("meter:" + meter.getMeter().getMeterId().getValue());
                case null, default -> text.add(String.valueOf(instruction.getInstruction()));
            }
        }
        return text;
    }

    private static String action(final Action action) {
        return switch (action.getAction()) {
            case OutputActionCase output -> {
                final var port = output.getOutputAction().getOutputNodeConnector().getValue();
                // "openflow:1:11" or "11"; "IN_PORT" or "INPORT"
                yield "output:" + port.substring(port.lastIndexOf(':') + 1).replace("_", "").toUpperCase(Locale.ROOT);
            }
            case GroupActionCase group -> "group:" + group.getGroupAction().getGroupId();
            case SetFieldCase set -> setField(set);
            case null -> "none";
            default -> String.valueOf(action.getAction());
        };
    }

    private static String setField(final SetFieldCase set) {
        final var field = set.getSetField();
        final var text = new ArrayList<String>();
        final var eth = field.getEthernetMatch();
        if (eth != null) {
            if (eth.getEthernetSource() != null) {
                text.add("eth_src=" + mac(eth.getEthernetSource().getAddress().getValue()));
            }
            if (eth.getEthernetDestination() != null) {
                text.add("eth_dst=" + mac(eth.getEthernetDestination().getAddress().getValue()));
            }
        }
        switch (field.getLayer3Match()) {
            case null -> { }
            case Ipv4Match ip -> {
                if (ip.getIpv4Source() != null) {
                    text.add("ip_src=" + address(ip.getIpv4Source().getValue()));
                }
                if (ip.getIpv4Destination() != null) {
                    text.add("ip_dst=" + address(ip.getIpv4Destination().getValue()));
                }
            }
            case ArpMatch arp -> {
                if (arp.getArpOp() != null) {
                    text.add("arp_op=" + arp.getArpOp());
                }
                if (arp.getArpSourceHardwareAddress() != null) {
                    text.add("arp_sha=" + mac(arp.getArpSourceHardwareAddress().getAddress().getValue()));
                }
                if (arp.getArpSourceTransportAddress() != null) {
                    text.add("arp_spa=" + address(arp.getArpSourceTransportAddress().getValue()));
                }
                if (arp.getArpTargetHardwareAddress() != null) {
                    text.add("arp_tha=" + mac(arp.getArpTargetHardwareAddress().getAddress().getValue()));
                }
                if (arp.getArpTargetTransportAddress() != null) {
                    text.add("arp_tpa=" + address(arp.getArpTargetTransportAddress().getValue()));
                }
            }
            default -> text.add(String.valueOf(field.getLayer3Match()));
        }
        return text.isEmpty() ? String.valueOf(field) : "set:" + String.join(",", text);
    }

    private static String mac(final String mac) {
        return mac.toLowerCase(Locale.ROOT);
    }

    private static String address(final String prefix) {
        return prefix.endsWith("/32") ? prefix.substring(0, prefix.length() - 3) : prefix;
    }
}
