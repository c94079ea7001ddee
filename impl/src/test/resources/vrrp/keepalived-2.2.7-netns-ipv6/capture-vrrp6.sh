#!/usr/bin/env bash
# Captures keepalived's VRRPv3-over-IPv6 advertisements (and the Neighbor Discovery around them) between two
# throwaway network namespaces joined by a veth pair. Traffic stays inside the pair. Needs root, keepalived,
# tcpdump, python3 (and radvd for ra). Usage: capture-vrrp6.sh OUT_DIR CASE (CASE: plain | three | vmac | ra);
# writes OUT_DIR/CASE.pcap, .conf and .log. Frames go into .hex files with tcpdump -r CASE.pcap -xx -e -v.
set -euo pipefail
OUT=$1 CASE=$2
P=h6$(printf '%04x' $((RANDOM)))
GW=$P-gw PEER=$P-pr RUN=$(mktemp -d /tmp/$P.XXXX)
KPID= TPID= RPID=
PY=$(python3 -c "import sys; print(sys.executable)")
cleanup() {
  [[ -n $KPID ]] && kill "$KPID" 2>/dev/null && wait "$KPID" 2>/dev/null || true
  [[ -n $RPID ]] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null || true
  [[ -n $TPID ]] && kill "$TPID" 2>/dev/null && wait "$TPID" 2>/dev/null || true
  for ns in "$GW" "$PEER"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  done
  ip -n "$GW" link del veth0 2>/dev/null || true
  ip netns del "$GW" 2>/dev/null || true
  ip netns del "$PEER" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT
ip netns add "$GW"
ip netns add "$PEER"
ip -n "$GW" link add veth0 type veth peer name veth1 netns "$PEER"
for ns in "$GW" "$PEER"; do
  # no EUI-64 link-local: each end has exactly the link-local given below (nodad: usable at once)
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.addr_gen_mode=1 net.ipv6.conf.default.addr_gen_mode=1
done
ip netns exec "$GW" sysctl -qw net.ipv6.conf.veth0.addr_gen_mode=1
# a gateway routes: keepalived then sets the router flag in its Neighbor Advertisements, as the kernel does
ip netns exec "$GW" sysctl -qw net.ipv6.conf.all.forwarding=1
ip netns exec "$PEER" sysctl -qw net.ipv6.conf.veth1.addr_gen_mode=1
ip -n "$GW" link set veth0 address 02:00:00:00:0a:01
ip -n "$PEER" link set veth1 address 02:00:00:00:0a:02
ip -n "$GW" addr add fe80::1/64 dev veth0 nodad
ip -n "$PEER" addr add fe80::2/64 dev veth1 nodad
ip -n "$GW" link set lo up
ip -n "$PEER" link set lo up
ip -n "$GW" link set veth0 up
ip -n "$PEER" link set veth1 up

case $CASE in
  plain) VRID=61 PRIO=150 INT=0.1 VIPS="2001:db8::61/64" EXTRA= ;;
  three) VRID=62 PRIO=254 INT=1 VIPS=$'fe80::62/64\n        2001:db8::62/64\n        2001:db8:0:1::62/64' EXTRA= ;;
  ra) VRID=64 PRIO=150 INT=1 VIPS="2001:db8::64/64" EXTRA= ;;
  vmac) VRID=63 PRIO=100 INT=0.1 VIPS="2001:db8::63/64" EXTRA="use_vmac" ;;
  *) echo "unknown case $CASE" >&2; exit 2 ;;
esac
cat >"$RUN/keepalived.conf" <<CONF
global_defs {
    router_id $P
    vrrp_garp_master_repeat 1
}
vrrp_instance V6 {
    state MASTER
    interface veth0
    virtual_router_id $VRID
    priority $PRIO
    advert_int $INT
    native_ipv6
    $EXTRA
    virtual_ipaddress {
        $VIPS
    }
}
CONF
ip netns exec "$PEER" tcpdump -i veth1 -U -w "$RUN/cap.pcap" 'ip6' 2>"$RUN/tcpdump.log" &
TPID=$!
sleep 1
ip netns exec "$GW" /usr/sbin/keepalived -n -l -D -G -P -f "$RUN/keepalived.conf" \
  -p "$RUN/keepalived.pid" -r "$RUN/vrrp.pid" >"$RUN/keepalived.log" 2>&1 &
KPID=$!
if [[ $CASE == ra ]]; then
  # the gateway also advertises itself as a router (radvd), as gateways on hosts' links do
  cat >"$RUN/radvd.conf" <<RCONF
interface veth0 {
    AdvSendAdvert on;
    AdvDefaultLifetime 1800;
    prefix 2001:db8::/64 { };
};
RCONF
  ip netns exec "$GW" radvd -n -m stderr -C "$RUN/radvd.conf" -p "$RUN/radvd.pid" 2>"$RUN/radvd.log" &
  RPID=$!
fi
sleep 2.5
# a host on the link: DAD for its global address (NS from ::), then a solicitation for the VIP (NS, unicast-sourced)
ip -n "$PEER" addr add 2001:db8::2/64 dev veth1
sleep 3
# one UDP datagram to the VIP makes the host solicit it (the gateway's kernel answers)
ip netns exec "$PEER" "$PY" -c 'import socket, sys; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b"x", (sys.argv[1], 9))' \
  "2001:db8::$VRID" >>"$RUN/send.log" 2>&1 || true
sleep 0.5
kill "$KPID"; wait "$KPID" 2>/dev/null || true; KPID=
if [[ -n $RPID ]]; then kill "$RPID"; wait "$RPID" 2>/dev/null || true; RPID=; fi
sleep 0.5
kill "$TPID"; wait "$TPID" 2>/dev/null || true; TPID=
mkdir -p "$OUT"
cp "$RUN/cap.pcap" "$OUT/$CASE.pcap"
cp "$RUN/keepalived.conf" "$OUT/$CASE.conf"
cp "$RUN/keepalived.log" "$OUT/$CASE.log"
cp "$RUN/send.log" "$OUT/$CASE.send.log" 2>/dev/null || true
