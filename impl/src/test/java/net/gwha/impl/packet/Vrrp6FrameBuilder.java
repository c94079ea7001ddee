/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import java.util.ArrayList;
import java.util.List;
import net.gwha.impl.engine.Ipv6;

/**
 * Builds VRRPv3-over-IPv6 advertisement frames byte by byte as RFC 5798 and RFC 8200 lay them out, with a correct
 * checksum. Its defaults are keepalived's: with them it reproduces {@link TestFrames#V6} byte for byte (traffic class
 * 0xc0 and keepalived's flow label included), which is what makes it trustworthy for the cases keepalived cannot
 * send.
 */
final class Vrrp6FrameBuilder {
    private int vrid = 61;
    private int priority = 150;
    private int intervalCentis = 10;
    private long srcMac = 0x02000000_0A01L;
    private long dstMac = 0x3333_0000_0012L;
    private Ipv6 srcIp = Ipv6.parse("fe80::1");
    private Ipv6 dstIp = Ipv6.parse("ff02::12");
    private int hopLimit = 255;
    private int versionType = 0x31;
    private int vlanTci = -1;
    private final List<Ipv6> addresses = new ArrayList<>(List.of(Ipv6.parse("2001:db8::61")));

    Vrrp6FrameBuilder vrid(final int value) {
        vrid = value;
        return this;
    }

    Vrrp6FrameBuilder priority(final int value) {
        priority = value;
        return this;
    }

    /** 12 bits on the wire; the 4 reserved bits above them stay 0. */
    Vrrp6FrameBuilder intervalCentis(final int value) {
        intervalCentis = value;
        return this;
    }

    Vrrp6FrameBuilder srcMac(final Mac value) {
        srcMac = value.bits();
        return this;
    }

    Vrrp6FrameBuilder dstMac(final Mac value) {
        dstMac = value.bits();
        return this;
    }

    Vrrp6FrameBuilder srcIp(final Ipv6 value) {
        srcIp = value;
        return this;
    }

    Vrrp6FrameBuilder dstIp(final Ipv6 value) {
        dstIp = value;
        return this;
    }

    Vrrp6FrameBuilder hopLimit(final int value) {
        hopLimit = value;
        return this;
    }

    /** The first VRRP byte: version in the high nibble, type in the low one. */
    Vrrp6FrameBuilder versionType(final int value) {
        versionType = value;
        return this;
    }

    /** One 802.1Q tag with this tag control information; negative for none. */
    Vrrp6FrameBuilder vlanTci(final int value) {
        vlanTci = value;
        return this;
    }

    Vrrp6FrameBuilder addresses(final List<Ipv6> value) {
        addresses.clear();
        addresses.addAll(value);
        return this;
    }

    byte[] build() {
        final int l2 = vlanTci < 0 ? 14 : 18;
        final int vrrpLength = 8 + 16 * addresses.size();
        final byte[] frame = new byte[l2 + 40 + vrrpLength];
        TestFrames.put16(frame, 0, (int) (dstMac >>> 32));
        TestFrames.put32(frame, 2, (int) dstMac);
        TestFrames.put16(frame, 6, (int) (srcMac >>> 32));
        TestFrames.put32(frame, 8, (int) srcMac);
        if (vlanTci >= 0) {
            TestFrames.put16(frame, 12, 0x8100);
            TestFrames.put16(frame, 14, vlanTci);
        }
        TestFrames.put16(frame, l2 - 2, 0x86DD);

        final int ip = l2;
        // version 6, traffic class 0xc0 (network control), flow label 0x640e0: what keepalived sends
        TestFrames.put32(frame, ip, 0x6C06_40E0);
        TestFrames.put16(frame, ip + 4, vrrpLength);
        frame[ip + 6] = 112;
        frame[ip + 7] = (byte) hopLimit;
        TestFrames.putIpv6(frame, ip + 8, srcIp);
        TestFrames.putIpv6(frame, ip + 24, dstIp);

        final int vrrp = ip + 40;
        frame[vrrp] = (byte) versionType;
        frame[vrrp + 1] = (byte) vrid;
        frame[vrrp + 2] = (byte) priority;
        frame[vrrp + 3] = (byte) addresses.size();
        TestFrames.put16(frame, vrrp + 4, intervalCentis & 0xFFF);
        for (int i = 0; i < addresses.size(); i++) {
            TestFrames.putIpv6(frame, vrrp + 8 + 16 * i, addresses.get(i));
        }
        return TestFrames.fixIpv6Checksum(frame, ip, 6);
    }
}
