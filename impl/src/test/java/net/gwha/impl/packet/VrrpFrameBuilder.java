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
import net.gwha.impl.engine.Ipv4;

/**
 * Builds VRRP advertisement frames byte by byte as RFC 5798 (version 3) and RFC 3768 (version 2) lay them out,
 * with correct checksums unless told otherwise. Its defaults are keepalived's: with them it reproduces
 * {@link TestFrames#V3} byte for byte, which is what makes it trustworthy for the cases keepalived cannot send.
 */
public final class VrrpFrameBuilder {
    private int version = 3;
    private int vrid = 51;
    private int priority = 150;
    private int intervalCentis = 100;
    private long srcMac = 0x02000000_0A01L;
    private long dstMac = 0x01005E_000012L;
    private int srcIp = 0xC000_0201;
    private int dstIp = 0xE000_0012;
    private int ttl = 255;
    private int ipId = 1;
    private int reservedBits;
    private int authType;
    private int vlanTci = -1;
    private byte[] ipOptions = new byte[0];
    private byte[] authData = new byte[8];
    private final List<Ipv4> addresses = new ArrayList<>(List.of(Ipv4.parse("192.0.2.100")));

    VrrpFrameBuilder version(final int value) {
        version = value;
        return this;
    }

    public VrrpFrameBuilder vrid(final int value) {
        vrid = value;
        return this;
    }

    public VrrpFrameBuilder priority(final int value) {
        priority = value;
        return this;
    }

    /** Version 3 sends these centiseconds (12 bits); version 2 sends them divided by 100 (8 bits). */
    public VrrpFrameBuilder intervalCentis(final int value) {
        intervalCentis = value;
        return this;
    }

    public VrrpFrameBuilder srcMac(final Mac value) {
        srcMac = value.bits();
        return this;
    }

    public VrrpFrameBuilder srcIp(final Ipv4 value) {
        srcIp = value.bits();
        return this;
    }

    VrrpFrameBuilder dstIp(final Ipv4 value) {
        dstIp = value.bits();
        return this;
    }

    VrrpFrameBuilder ttl(final int value) {
        ttl = value;
        return this;
    }

    /** The 4 reserved bits before the version-3 interval, which receivers must ignore. */
    VrrpFrameBuilder reservedBits(final int value) {
        reservedBits = value;
        return this;
    }

    /** One 802.1Q tag with this tag control information; negative for none. */
    VrrpFrameBuilder vlanTci(final int value) {
        vlanTci = value;
        return this;
    }

    /** IPv4 options, a multiple of 4 bytes. */
    VrrpFrameBuilder ipOptions(final byte[] value) {
        ipOptions = value.clone();
        return this;
    }

    /** Version 2 authentication type: 0 none, 1 simple text. */
    VrrpFrameBuilder authType(final int value) {
        authType = value;
        return this;
    }

    /** Version 2 authentication data, 8 bytes. */
    VrrpFrameBuilder authData(final byte[] value) {
        authData = value.clone();
        return this;
    }

    VrrpFrameBuilder addresses(final List<Ipv4> value) {
        addresses.clear();
        addresses.addAll(value);
        return this;
    }

    public byte[] build() {
        final int l2 = vlanTci < 0 ? 14 : 18;
        final int ipHeader = 20 + ipOptions.length;
        final int vrrpLength = 8 + 4 * addresses.size() + (version == 2 ? authData.length : 0);
        final byte[] frame = new byte[l2 + ipHeader + vrrpLength];
        putMac(frame, 0, dstMac);
        putMac(frame, 6, srcMac);
        if (vlanTci >= 0) {
            TestFrames.put16(frame, 12, 0x8100);
            TestFrames.put16(frame, 14, vlanTci);
        }
        TestFrames.put16(frame, l2 - 2, 0x0800);

        final int ip = l2;
        frame[ip] = (byte) (0x40 | ipHeader / 4);
        frame[ip + 1] = (byte) 0xC0;
        TestFrames.put16(frame, ip + 2, ipHeader + vrrpLength);
        TestFrames.put16(frame, ip + 4, ipId);
        frame[ip + 8] = (byte) ttl;
        frame[ip + 9] = 112;
        TestFrames.put32(frame, ip + 12, srcIp);
        TestFrames.put32(frame, ip + 16, dstIp);
        System.arraycopy(ipOptions, 0, frame, ip + 20, ipOptions.length);

        final int vrrp = ip + ipHeader;
        frame[vrrp] = (byte) (version << 4 | 1);
        frame[vrrp + 1] = (byte) vrid;
        frame[vrrp + 2] = (byte) priority;
        frame[vrrp + 3] = (byte) addresses.size();
        if (version == 3) {
            TestFrames.put16(frame, vrrp + 4, reservedBits << 12 | intervalCentis & 0xFFF);
        } else {
            frame[vrrp + 4] = (byte) authType;
            frame[vrrp + 5] = (byte) (intervalCentis / 100);
        }
        for (int i = 0; i < addresses.size(); i++) {
            TestFrames.put32(frame, vrrp + 8 + 4 * i, addresses.get(i).bits());
        }
        if (version == 2) {
            System.arraycopy(authData, 0, frame, vrrp + 8 + 4 * addresses.size(), authData.length);
        }
        TestFrames.fixIpChecksum(frame, ip);
        return TestFrames.fixVrrpChecksum(frame, ip, version);
    }

    private static void putMac(final byte[] frame, final int offset, final long mac) {
        TestFrames.put16(frame, offset, (int) (mac >>> 32));
        TestFrames.put32(frame, offset + 2, (int) mac);
    }
}
