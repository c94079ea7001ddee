#!/usr/bin/python3
"""Router Solicitation for the lab (RFC 4861), standard library only.

  ndisc.py solicit --ifname eth0 [--wait-ms 3000]
      send one Router Solicitation to ff02::2 from the interface's link-local address, with its
      MAC in a source link-layer option, out of a raw AF_PACKET socket (run it inside a lab
      namespace), then print one JSON line per Router Advertisement heard on the interface
      within the wait: Ethernet and IPv6 source and destination, router lifetime, the source
      link-layer option (null without one) and the milliseconds since the solicitation went
      out. An answer to this solicitation from radvd >= 2.17 (AdvRASolicitedUnicast, on by
      default) is unicast to the link-local address the solicitation came from; unsolicited
      RAs go to ff02::1.
"""
import argparse
import ipaddress
import json
import socket
import struct
import sys
import time

from vrrp import csum  # the Internet checksum, beside this file

ETH_P_IPV6 = 0x86DD
ICMPV6 = 58
RS, RA = 133, 134
ALL_ROUTERS = ipaddress.IPv6Address("ff02::2")
ALL_ROUTERS_MAC = bytes.fromhex("333300000002")


def link_local(ifname):
    """The interface's link-local address, from /proc/net/if_inet6 (scope 0x20)."""
    with open("/proc/net/if_inet6") as f:
        for line in f:
            addr, _, _, scope, _, name = line.split()
            if name == ifname and int(scope, 16) == 0x20:
                return ipaddress.IPv6Address(bytes.fromhex(addr))
    raise SystemExit(f"{ifname} has no link-local address")


def mac_of(ifname):
    with open(f"/sys/class/net/{ifname}/address") as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))


def solicitation(mac, src):
    # type, code, checksum, reserved; then the source link-layer option (type 1, 8 bytes).
    body = struct.pack("!BBHI", RS, 0, 0, 0) + struct.pack("!BB", 1, 1) + mac
    pseudo = src.packed + ALL_ROUTERS.packed + struct.pack("!I3xB", len(body), ICMPV6)
    body = body[:2] + struct.pack("!H", csum(pseudo + body)) + body[4:]
    ip6 = struct.pack("!IHBB", 6 << 28, len(body), ICMPV6, 255) + src.packed + ALL_ROUTERS.packed
    return ALL_ROUTERS_MAC + mac + struct.pack("!H", ETH_P_IPV6) + ip6 + body


def advertisement(frame):
    """The RA in an untagged Ethernet frame without IPv6 extension headers, or None."""
    if len(frame) < 14 + 40 + 16 or struct.unpack("!H", frame[12:14])[0] != ETH_P_IPV6:
        return None
    ip6 = frame[14:]
    if ip6[6] != ICMPV6 or ip6[40] != RA:
        return None
    icmp = ip6[40:40 + struct.unpack("!H", ip6[4:6])[0]]
    sll, opt = None, 16
    while opt + 8 <= len(icmp) and icmp[opt + 1] > 0:
        if icmp[opt] == 1 and icmp[opt + 1] == 1:
            sll = icmp[opt + 2:opt + 8].hex(":")
        opt += icmp[opt + 1] * 8
    return {"eth_src": frame[6:12].hex(":"), "eth_dst": frame[0:6].hex(":"),
            "src": str(ipaddress.IPv6Address(ip6[8:24])), "dst": str(ipaddress.IPv6Address(ip6[24:40])),
            "hop_limit": ip6[7], "router_lifetime": struct.unpack("!H", icmp[6:8])[0], "sll": sll}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("solicit")
    s.add_argument("--ifname", default="eth0")
    s.add_argument("--wait-ms", type=int, default=3000)
    a = ap.parse_args()
    if not 1 <= a.wait_ms <= 60000:
        ap.error("--wait-ms 1-60000")

    mac, src = mac_of(a.ifname), link_local(a.ifname)
    # Bound before the solicitation leaves: no answer can come before the socket hears it.
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IPV6))
    sock.bind((a.ifname, ETH_P_IPV6))
    sent = time.monotonic()
    sock.send(solicitation(mac, src))
    print(json.dumps({"solicited_from": str(src), "mac": mac.hex(":")}), flush=True)
    end = sent + a.wait_ms / 1000.0
    while (left := end - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            frame, meta = sock.recvfrom(65535)
        except socket.timeout:
            break
        if meta[2] == socket.PACKET_OUTGOING:
            continue
        ra = advertisement(frame)
        if ra is not None:
            ra["ms"] = round((time.monotonic() - sent) * 1000, 1)
            print(json.dumps(ra), flush=True)


if __name__ == "__main__":
    sys.exit(main())
