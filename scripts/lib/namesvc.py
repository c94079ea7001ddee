#!/usr/bin/python3
"""Tiny UDP service for a lab gateway: answers every datagram with
b"<name> " + the request (truncated), so the probe learns who answered.

One socket per address (the real IP and the VIP, IPv4 or IPv6), bound with
IP_FREEBIND / IPV6_FREEBIND so it can bind to the VIP before keepalived adds it; replying from the socket the
request arrived on makes the reply's source address the one the client asked.
"""
import argparse
import os
import selectors
import signal
import socket
import sys

IP_FREEBIND = getattr(socket, "IP_FREEBIND", 15)
IPV6_FREEBIND = 78  # linux/in6.h, not in Python's socket module
MAX_ECHO = 64


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--name", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--addr", action="append", required=True)
    ap.add_argument("--pidfile")
    a = ap.parse_args()

    sel = selectors.DefaultSelector()
    for addr in a.addr:
        # IPv4 or IPv6 (a link-local one with its interface: fe80::2%eth0)
        family, _, _, _, sockaddr = socket.getaddrinfo(addr, a.port, type=socket.SOCK_DGRAM)[0]
        s = socket.socket(family, socket.SOCK_DGRAM)
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, IPV6_FREEBIND, 1)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        else:
            s.setsockopt(socket.SOL_IP, IP_FREEBIND, 1)
        s.bind(sockaddr)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    if a.pidfile:
        with open(a.pidfile + ".tmp", "w") as f:
            f.write(f"{os.getpid()}\n")
        os.replace(a.pidfile + ".tmp", a.pidfile)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    prefix = a.name.encode() + b" "
    while True:
        for key, _ in sel.select():
            s = key.fileobj
            while True:
                try:
                    data, peer = s.recvfrom(2048)
                except BlockingIOError:
                    break
                try:
                    s.sendto(prefix + data[:MAX_ECHO], peer)
                except OSError:
                    pass  # e.g. no route while the link is down: drop, keep serving


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
