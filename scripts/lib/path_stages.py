"""Stages of heartbeats and failovers for scripts/bench-path.

Usage: path_stages.py WORKDIR INTERVAL_MS FALSE_FAILOVERS|null GAP_MS...
Reads WORKDIR/gwN-INTERVAL.pcap (wire), ovs-INTERVAL.log (the switch's packet-ins), karaf-INTERVAL.log (HaRuntime's
debug lines: listener arrival and engine take), gc-INTERVAL.txt (JFR GC events), state-INTERVAL.json (failover
records). Prints one JSON object: "table" (text) and "result" (keys for the RESULT line).
"""
import datetime
import json
import re
import statistics
import struct
import sys

work, interval = sys.argv[1], int(sys.argv[2])
false_failovers = None if sys.argv[3] == "null" else int(sys.argv[3])
probe_gaps = [float(g) for g in sys.argv[4:]]
PORTS = {11: "gw1", 12: "gw2", 13: "gw3"}


def pcap_times(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    endian, scale = {0xA1B2C3D4: ("<", 1e-6), 0xA1B23C4D: ("<", 1e-9), 0xD4C3B2A1: (">", 1e-6),
                     0x4D3CB2A1: (">", 1e-9)}[magic]
    times, pos = [], 24
    while pos + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[pos:pos + 16])
        times.append(sec + frac * scale)
        pos += 16 + incl
    return times


def iso(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def switch_times(path):
    """Packet-ins the switch sent, by gateway: its log has 1 ms resolution (truncated), so +0.5 ms."""
    out = {gw: [] for gw in PORTS.values()}
    stamp = re.compile(r"^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|\d+\|vconn\|DBG\|.*sent \(Success\): OFPT_PACKET_IN")
    port = re.compile(r"in_port=(\d+)")
    pending = None
    with open(path, errors="replace") as f:
        for line in f:
            m = stamp.match(line)
            if m:
                pending = iso(m.group(1)) + 0.0005
            if pending is not None:
                p = port.search(line)
                if p:
                    gw = PORTS.get(int(p.group(1)))
                    if gw:
                        out[gw].append(pending)
                    pending = None
                elif not m:
                    pending = None
    return out


def controller_times(path):
    """By gateway: (arrival at the listener, taken by the engine), seconds."""
    out = {gw: [] for gw in PORTS.values()}
    line_re = re.compile(r"Heartbeat bench (\S+) IPV4 arrived (\d+\.\d+) taken (\d+) us later")
    with open(path, errors="replace") as f:
        for line in f:
            m = line_re.search(line)
            if m and m.group(1) in out:
                arrived = float(m.group(2))
                out[m.group(1)].append((arrived, arrived + int(m.group(3)) / 1e6))
    return out


def next_at(times, start, lo, hi):
    """Index of the first time >= lo from start, if it is below hi; else None (start unchanged)."""
    i = start
    while i < len(times) and times[i] < lo:
        i += 1
    return i if i < len(times) and times[i] < hi else None


def stats(values):
    if not values:
        return {"n": 0}
    v = sorted(values)
    return {"n": len(v), "median": statistics.median(v), "p99": v[min(len(v) - 1, int(0.99 * len(v)))],
            "stddev": statistics.pstdev(v), "max": v[-1]}


switch = switch_times(f"{work}/ovs-{interval}.log")
controller = controller_times(f"{work}/karaf-{interval}.log")
stages = ["wire", "switch", "listener", "engine"]
delays = {s: [] for s in stages[1:]}
gaps = {s: [] for s in stages}
matched = total = 0
for gw in PORTS.values():
    wire = pcap_times(f"{work}/{gw}-{interval}.pcap")
    sw = switch[gw]
    listener = [a for a, _ in controller[gw]]
    taken = [t for _, t in controller[gw]]
    j = k = 0
    previous = None
    for w in wire:
        total += 1
        js = next_at(sw, j, w - 0.001, w + 0.1)
        # the engine's wall clock is anchored once at its start and may sit a few ms off the system clock's: match
        # within half an interval either side, so that an offset does not slip a heartbeat onto the next one
        kl = next_at(listener, k, w - interval / 2000, w + interval / 2000)
        if js is None or kl is None:
            previous = None
            continue
        j, k = js + 1, kl + 1
        row = {"wire": w, "switch": sw[js], "listener": listener[kl], "engine": taken[kl]}
        matched += 1
        for a, b in zip(stages, stages[1:]):
            delays[b].append((row[b] - row[a]) * 1000)
        if previous is not None:
            for s in stages:
                gaps[s].append((row[s] - previous[s]) * 1000)
        previous = row
delays["total"] = [s + l + e for s, l, e in zip(delays["switch"], delays["listener"], delays["engine"])]

# GC pauses from JFR: "longestPause = 3.12 ms" per collection
pauses, names = [], set()
try:
    for line in open(f"{work}/gc-{interval}.txt"):
        m = re.search(r"longestPause = ([\d.]+) (ms|s|us)", line)
        if m:
            pauses.append(float(m.group(1)) * {"ms": 1, "s": 1000, "us": 0.001}[m.group(2)])
        m = re.search(r'name = "([^"]+)"', line)
        if m:
            names.add(m.group(1))
except OSError:
    pass

# Failovers: the records of gw1 -> gw2 by heartbeat timeout
events = json.load(open(f"{work}/state-{interval}.json")).get("gwha:cluster-state", [{}])[0].get("failover-event", [])
start = float(open(f"{work}/start-{interval}").read())
silent = [e for e in events if e.get("from-gateway") == "gw1" and e.get("cause") == "heartbeat-timeout"
          and iso(e["decision-time"]) >= start]
last_heard = [a for a, _ in controller["gw1"]]
detection = [float(e["detection-latency"]) for e in silent if "detection-latency" in e]
programming = [float(e["programming-latency"]) for e in silent if "programming-latency" in e]
threshold = []
for e in silent:
    cause = iso(e["cause-time"])
    before = [a for a in last_heard if a < cause]
    if before and cause - before[-1] < 1:
        threshold.append((cause - before[-1]) * 1000)


def fmt(s):
    if not s.get("n"):
        return f"{'-':>8} {'-':>8} {'-':>8} {'-':>8}"
    return f"{s['median']:8.3f} {s['p99']:8.3f} {s['stddev']:8.3f} {s['max']:8.3f}"


lines = [f"== {interval} ms heartbeats: {matched} of {total} heartbeats traced through every stage (ms) ==",
         f"{'stage':<28} {'median':>8} {'p99':>8} {'stddev':>8} {'max':>8}"]
labels = {"switch": "delay wire->switch", "listener": "delay switch->listener", "engine": "delay listener->engine",
          "total": "delay wire->engine"}
for s in ["switch", "listener", "engine", "total"]:
    lines.append(f"{labels[s]:<28} {fmt(stats(delays[s]))}")
for s in stages:
    lines.append(f"{'inter-arrival at ' + s:<28} {fmt(stats(gaps[s]))}")
gc = stats(pauses)
lines.append(f"{'GC pause (JFR)':<28} {fmt(gc)}  n={len(pauses)} {','.join(sorted(names))}")
for name, values in [("silent failure: probe gap", probe_gaps), ("  last heartbeat->deadline", threshold),
                     ("  deadline->decision", detection), ("  decision->flows confirmed", programming)]:
    lines.append(f"{name:<28} {fmt(stats(values))}  n={len(values)}")
if false_failovers is not None:
    lines.append(f"false failovers in the soak: {false_failovers}")
median = lambda v: round(statistics.median(v), 1) if v else None
result = {f"gap_{interval}ms_ms": median(probe_gaps), f"detection_{interval}ms_ms": median(detection),
          f"jitter_engine_{interval}ms_ms": round(stats(gaps["engine"]).get("stddev", 0), 3),
          f"jitter_wire_{interval}ms_ms": round(stats(gaps["wire"]).get("stddev", 0), 3),
          f"gc_max_{interval}ms_ms": round(gc.get("max", 0), 2)}
if false_failovers is not None:
    result[f"false_{interval}ms"] = false_failovers
print(json.dumps({"table": "\n".join(lines), "result": result}))
