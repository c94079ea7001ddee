#!/usr/bin/python3
"""VRRP (v2 RFC 3768 / v3 RFC 5798, IPv4) frames for the lab, standard library only.

  vrrp.py forge --ifname eth0 --src-mac M --src-ip A --vrid N --priority P
                [--version 3] [--interval-cs 100] [--vip A ...] [--count 1] [--gap-ms 10]
      send forged advertisements from a raw AF_PACKET socket (run it inside a
      lab namespace: the frame goes out of that namespace's interface only)
  vrrp.py pcap2hex PCAP OUT_PREFIX [--max N]
      write each Ethernet frame of a pcap file as OUT_PREFIX-<n>.hex (one hex line)
  vrrp.py decode HEX
      print the decoded fields as JSON (checks both checksums)
"""
import argparse
import json
import socket
import struct
import sys
import time

VRRP_PROTO = 112
VRRP_GROUP = "224.0.0.18"
VRRP_GROUP_MAC = bytes.fromhex("01005e000012")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def vrrp_payload(version, vrid, priority, interval_cs, vips, src_ip):
    addrs = b"".join(socket.inet_aton(v) for v in vips)
    if version == 3:
        hdr = struct.pack("!BBBBHH", 0x31, vrid, priority, len(vips), interval_cs & 0x0FFF, 0)
        body = hdr + addrs
        pseudo = socket.inet_aton(src_ip) + socket.inet_aton(VRRP_GROUP) + struct.pack(
            "!BBH", 0, VRRP_PROTO, len(body))
        c = csum(pseudo + body)
    else:
        # v2: advert interval in whole seconds, auth type 0 and 8 bytes of auth data.
        hdr = struct.pack("!BBBBBBH", 0x21, vrid, priority, len(vips), 0,
                          max(1, interval_cs // 100) & 0xFF, 0)
        body = hdr + addrs + b"\0" * 8
        c = csum(body)
    return body[:6] + struct.pack("!H", c) + body[8:]


def frame(src_mac, src_ip, vrid, priority, version=3, interval_cs=100, vips=(), ip_id=0):
    payload = vrrp_payload(version, vrid, priority, interval_cs, list(vips), src_ip)
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(payload), ip_id & 0xFFFF, 0,
                      255, VRRP_PROTO, 0, socket.inet_aton(src_ip), socket.inet_aton(VRRP_GROUP))
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    eth = VRRP_GROUP_MAC + bytes.fromhex(src_mac.replace(":", "")) + b"\x08\x00"
    return eth + iph + payload


def decode(fr):
    eth_dst, eth_src, etype = fr[0:6], fr[6:12], struct.unpack("!H", fr[12:14])[0]
    ip = fr[14:]
    ihl = (ip[0] & 0x0F) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
    v = ip[ihl:total]
    version, typ = v[0] >> 4, v[0] & 0x0F
    out = {"eth_dst": eth_dst.hex(":"), "eth_src": eth_src.hex(":"), "ethertype": hex(etype),
           "ip_src": src, "ip_dst": dst, "ttl": ip[8], "proto": ip[9],
           "ip_checksum_ok": csum(ip[:ihl]) == 0, "vrrp_version": version, "type": typ,
           "vrid": v[1], "priority": v[2], "count": v[3], "vrrp_len": len(v)}
    n = v[3]
    if version == 3:
        out["max_adver_int_cs"] = struct.unpack("!H", v[4:6])[0] & 0x0FFF
        pseudo = ip[12:16] + ip[16:20] + struct.pack("!BBH", 0, VRRP_PROTO, len(v))
        out["vrrp_checksum_ok"] = csum(pseudo + v) == 0
    else:
        out["auth_type"], out["adver_int_s"] = v[4], v[5]
        out["vrrp_checksum_ok"] = csum(v) == 0
    out["addresses"] = [socket.inet_ntoa(v[8 + 4 * i:12 + 4 * i]) for i in range(n)]
    return out


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit(f"{path}: not a classic pcap file (use tcpdump -w)")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    if linktype != 1:
        raise SystemExit(f"{path}: link type {linktype}, want Ethernet (1)")
    off = 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        yield data[off + 16:off + 16 + incl]
        off += 16 + incl


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("forge")
    f.add_argument("--ifname", default="eth0")
    f.add_argument("--src-mac", required=True)
    f.add_argument("--src-ip", required=True)
    f.add_argument("--vrid", type=int, required=True)
    f.add_argument("--priority", type=int, required=True)
    f.add_argument("--version", type=int, choices=(2, 3), default=3)
    f.add_argument("--interval-cs", type=int, default=100)
    f.add_argument("--vip", action="append", default=[])
    f.add_argument("--count", type=int, default=1)
    f.add_argument("--gap-ms", type=float, default=10.0)
    p = sub.add_parser("pcap2hex")
    p.add_argument("pcap")
    p.add_argument("out_prefix")
    p.add_argument("--max", type=int, default=10)
    d = sub.add_parser("decode")
    d.add_argument("hex")
    a = ap.parse_args()

    if a.cmd == "forge":
        if not (1 <= a.vrid <= 255 and 0 <= a.priority <= 255 and 1 <= a.count <= 100000):
            ap.error("vrid 1-255, priority 0-255, count 1-100000")
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        s.bind((a.ifname, 0))
        for i in range(a.count):
            s.send(frame(a.src_mac, a.src_ip, a.vrid, a.priority, a.version, a.interval_cs,
                         a.vip, ip_id=i))
            if i + 1 < a.count:
                time.sleep(a.gap_ms / 1000.0)
        print(json.dumps({"sent": a.count, "vrid": a.vrid, "priority": a.priority,
                          "src_ip": a.src_ip, "src_mac": a.src_mac, "version": a.version}))
    elif a.cmd == "pcap2hex":
        n = 0
        for fr in read_pcap(a.pcap):
            if n >= a.max:
                break
            n += 1
            with open(f"{a.out_prefix}-{n}.hex", "w") as o:
                o.write(fr.hex() + "\n")
        print(n)
    else:
        print(json.dumps(decode(bytes.fromhex(a.hex.strip()))))


if __name__ == "__main__":
    sys.exit(main())
