#!/usr/bin/python3
"""Helpers of scripts/bench-scale: the scale lab's clusters as RESTCONF bodies, single requests over one
connection, and sums over the controller's Prometheus metrics.

  scale.py bulk NODES CLUSTERS HEADROOM          the gwha:clusters body of every scale cluster (for a PATCH)
  scale.py singles URL NODES CLUSTERS HEADROOM   one PUT per cluster, in turn, over one kept-alive connection;
                                                 prints {"requests", "failed", "seconds"}
  scale.py metrics FILE_BEFORE FILE_AFTER SECONDS  per-second rates and deltas of the intake's counters between
                                                 two scrapes of /gwha/metrics, scale clusters ("s<N>-<K>") apart
NODES is a comma-separated list of the scale switches' numbers (openflow:<N>); the clusters are the lab's
(scripts/lab, "Scale lab"): cluster s<N>-<K>, VRID K, VIP 10.65.<N>.<K>, gateways s<N>a and s<N>b.
"""
import base64
import http.client
import json
import re
import sys
import time
import urllib.parse


def cluster(node, k, headroom):
    def gateway(side, port, prio):
        return {"name": f"s{node}{side}", "priority": prio, "ip-address": f"10.64.{node}.{port}",
                "mac-address": f"02:00:00:00:{node:02x}:0{9 + port:x}",
                "attachment": {"node-id": f"openflow:{node}", "port-number": port}}
    # Heartbeats every second, as the lab's keepalived sends them; the punt meters' headroom lets the
    # intake-ceiling steps advertise faster without the switch's meters dropping them first.
    return {"name": f"s{node}-{k}", "vrid": k, "virtual-ip": [f"10.65.{node}.{k}"], "heartbeat-interval": 1000,
            "punt-meters": {"heartbeat-headroom": int(headroom)},
            "gateway": [gateway("a", 1, 200), gateway("b", 2, 100)]}


def clusters(nodes, count, headroom):
    return [cluster(int(n), k, headroom) for n in nodes.split(",") for k in range(1, int(count) + 1)]


def singles(url, nodes, count, headroom):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/json",
               "Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}
    failed = 0
    todo = clusters(nodes, count, headroom)
    start = time.monotonic()
    for c in todo:
        body = json.dumps({"gwha:cluster": [c]})
        conn.request("PUT", f"{parts.path}/data/gwha:clusters/cluster={c['name']}", body, headers)
        resp = conn.getresponse()
        resp.read()
        if resp.status >= 300:
            failed += 1
            print(f"scale.py: PUT {c['name']}: HTTP {resp.status}", file=sys.stderr)
    print(json.dumps({"requests": len(todo), "failed": failed, "seconds": round(time.monotonic() - start, 3)}))


SAMPLE = re.compile(r'^(\w+)(?:\{(.*)\})? ([0-9.eE+-]+|NaN)$')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def scrape(path):
    """(name, labels dict, value) of every sample."""
    out = []
    with open(path) as f:
        for line in f:
            m = SAMPLE.match(line.strip())
            if m:
                out.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))))
    return out


def totals(samples):
    scale = re.compile(r'^s\d+-\d+$')
    t = {"accepted_scale": 0.0, "accepted_other": 0.0, "malformed": 0.0, "spoofed": 0.0, "dropped": 0.0,
         "failovers": 0.0}
    for name, labels, value in samples:
        if name == "gwha_heartbeats_total":
            outcome = labels.get("outcome")
            if outcome == "accepted":
                t["accepted_scale" if scale.match(labels.get("cluster", "")) else "accepted_other"] += value
            elif outcome in ("malformed", "spoofed"):
                t[outcome] += value
        elif name == "gwha_packet_ins_dropped_total":
            t["dropped"] += value
        elif name == "gwha_failovers_total":
            t["failovers"] += value
    return t


def metrics(before, after, seconds):
    a, b, s = totals(scrape(before)), totals(scrape(after)), float(seconds)
    delta = {k: b[k] - a[k] for k in a}
    print(json.dumps({"accepted_per_s": round((delta["accepted_scale"] + delta["accepted_other"]) / s, 1),
                      "accepted_scale_per_s": round(delta["accepted_scale"] / s, 1),
                      "dropped": int(delta["dropped"]), "malformed": int(delta["malformed"]),
                      "spoofed": int(delta["spoofed"]), "failovers": int(delta["failovers"])}))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "bulk":
        print(json.dumps({"gwha:clusters": {"cluster": clusters(*args)}}))
    elif cmd == "singles":
        singles(*args)
    elif cmd == "metrics":
        metrics(*args)
    else:
        sys.exit(__doc__)
