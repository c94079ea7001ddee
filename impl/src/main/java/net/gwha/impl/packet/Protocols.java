/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import net.gwha.impl.engine.Ipv4;
import net.gwha.impl.engine.Ipv6;

/**
 * The numbers of the protocols the project speaks and matches: Ethernet types, IP protocols, ARP operations,
 * Neighbor Discovery messages, the VRRP groups. One home, so the decoders, the ARP and ND responders and the flows
 * cannot disagree.
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
    /** ff02::12, the VRRP IPv6 multicast group. */
    public static final Ipv6 VRRP6_GROUP = new Ipv6(0xFF02_0000_0000_0000L, 0x12);
    /** 33:33:00:00:00:12, the Ethernet group of ff02::12 (RFC 2464 section 7). */
    public static final Mac VRRP6_GROUP_MAC = new Mac(0x3333_0000_0012L);

    /** IANA protocol number (IPv6 next header) of ICMPv6. */
    public static final int IP_PROTOCOL_ICMPV6 = 58;
    /** ICMPv6 type of a Router Advertisement (RFC 4861 section 4.2). */
    public static final int ICMPV6_ROUTER_ADVERTISEMENT = 134;
    /** ICMPv6 type of a Neighbor Solicitation (RFC 4861 section 4.3). */
    public static final int ICMPV6_NEIGHBOR_SOLICITATION = 135;
    /** ICMPv6 type of a Neighbor Advertisement (RFC 4861 section 4.4). */
    public static final int ICMPV6_NEIGHBOR_ADVERTISEMENT = 136;
    /** ff02::1, all nodes on the link: where unsolicited advertisements and answers to DAD go. */
    public static final Ipv6 ALL_NODES = new Ipv6(0xFF02_0000_0000_0000L, 1);
    /** 33:33:00:00:00:01, the Ethernet group of ff02::1. */
    public static final Mac ALL_NODES_MAC = new Mac(0x3333_0000_0001L);

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
