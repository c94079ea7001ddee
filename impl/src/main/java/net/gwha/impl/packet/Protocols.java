/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import net.gwha.impl.engine.Ipv4;

/**
 * The numbers of the protocols the project speaks and matches: Ethernet types, IP protocol, ARP operations, the
 * VRRP group. One home, so the decoder, the ARP responder and the flows cannot disagree.
 */
public final class Protocols {
    /** Ethernet type of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** Ethernet type of ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** Ethernet type of IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** Ethernet type (TPID) of an 802.1Q VLAN tag. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** Ethernet type (TPID) of an 802.1ad service VLAN tag, the outer tag of QinQ. */
    public static final int ETHERTYPE_QINQ = 0x88A8;
    /** Ethernet type of LLDP. */
    public static final int ETHERTYPE_LLDP = 0x88CC;

    /** IANA protocol number of VRRP. */
    public static final int IP_PROTOCOL_VRRP = 112;
    /** 224.0.0.18, the VRRP IPv4 multicast group. */
    public static final Ipv4 VRRP_GROUP = new Ipv4(0xE000_0012);

    /** ARP hardware type Ethernet. */
    public static final int ARP_HARDWARE_ETHERNET = 1;
    /** ARP operation: request. */
    public static final int ARP_REQUEST = 1;
    /** ARP operation: reply. */
    public static final int ARP_REPLY = 2;
    /** An untagged Ethernet frame carrying ARP for IPv4, without padding. */
    public static final int ARP_FRAME_LENGTH = 42;

    private Protocols() {
        // constants only
    }
}
