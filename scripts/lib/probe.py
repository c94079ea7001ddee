#!/usr/bin/python3
"""Failover probe: one timestamped UDP request to TARGET:PORT (IPv4 or IPv6) every interval
(default 1 ms) for a bounded time, records which gateway answered each one and
prints one JSON line:

  sent, answered, lost, late_sends,
  max_gap_ms      longest time between the send timestamps of two consecutive
                  answered requests (1.0 when nothing is lost at 1 ms; null if
                  fewer than two answers),
  gap_start_ms / gap_end_ms   where that gap lies (ms since the probe started),
  head_unanswered_ms / tail_unanswered_ms   unanswered time before the first /
                  after the last answer (a failover that never completed shows
                  up here, not in max_gap_ms),
  first_gw, last_gw, by_gw {name: answers},
  changes [{t_ms, seq, gw}]   every change of answering gateway in send order
                  (the first 1000; changes_truncated says if there were more),
  rtt_ms {p50, p99, max}, duplicates, stray, start_epoch_ms, until_reached.

Stops at --duration, on SIGTERM/SIGINT, or (--until GW) once GW has answered
--until-count consecutive requests. Then waits --grace-ms for late answers.
The schedule is absolute (t0 + n * interval); if the process falls behind by
more than one interval it skips the missed slots instead of bursting, and
counts them in late_sends.
"""
import argparse
import json
import os
import select
import signal
import socket
import struct
import sys
import time

HDR = struct.Struct("!4sIQ")  # magic, seq, send time (ns, monotonic)
MAGIC = b"GWHP"


def now_ns():
    return time.monotonic_ns()


def percentile(sorted_vals, p):
    if not sorted_vals:
        return None
    i = min(len(sorted_vals) - 1, int(round(p / 100.0 * (len(sorted_vals) - 1))))
    return sorted_vals[i]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--interval-ms", type=float, default=1.0)
    ap.add_argument("--duration", type=float, required=True, help="seconds (upper bound)")
    ap.add_argument("--grace-ms", type=float, default=300.0)
    ap.add_argument("--until", metavar="GW", help="stop once GW answered --until-count in a row")
    ap.add_argument("--until-count", type=int, default=200)
    ap.add_argument("--out", help="also write the JSON line to this file (atomically)")
    ap.add_argument("--pidfile", help="written when the first request has been sent")
    a = ap.parse_args()
    if a.duration <= 0 or a.duration > 3600 or a.interval_ms < 0.1:
        ap.error("duration must be in (0, 3600] s and interval >= 0.1 ms")

    stop = {"flag": False}

    def on_signal(*_):
        stop["flag"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    family, _, _, _, dest = socket.getaddrinfo(a.target, a.port, type=socket.SOCK_DGRAM)[0]
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.setblocking(False)

    interval = int(a.interval_ms * 1e6)
    sent_at = []          # seq -> send time ns
    answer = {}           # seq -> (gw, rtt ns)
    duplicates = stray = late_sends = send_errors = 0
    until_b = a.until.encode() if a.until else None
    run_gw, run_len = None, 0  # consecutive answers in arrival order (for --until)
    until_reached = False

    def drain(t_recv):
        nonlocal duplicates, stray, run_gw, run_len, until_reached
        while True:
            try:
                data = s.recv(2048)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return  # e.g. ICMP unreachable reported on the socket
            sp = data.find(b" ")
            if sp <= 0 or len(data) < sp + 1 + HDR.size:
                stray += 1
                continue
            gw = data[:sp]
            magic, seq, _ = HDR.unpack_from(data, sp + 1)
            if magic != MAGIC or seq >= len(sent_at):
                stray += 1
                continue
            if seq in answer:
                duplicates += 1
                continue
            answer[seq] = (gw, t_recv - sent_at[seq])
            if gw == run_gw:
                run_len += 1
            else:
                run_gw, run_len = gw, 1
            if until_b is not None and run_gw == until_b and run_len >= a.until_count:
                until_reached = True

    t0 = now_ns()
    start_epoch_ms = time.time() * 1000.0
    t_end = t0 + int(a.duration * 1e9)
    next_t = t0
    pid_written = False
    while not stop["flag"] and not until_reached:
        t = now_ns()
        if t >= next_t:
            if t >= t_end:
                break
            seq = len(sent_at)
            sent_at.append(t)
            try:
                s.sendto(HDR.pack(MAGIC, seq, t), dest)
            except (BlockingIOError, OSError):
                send_errors += 1
            next_t += interval
            if t - next_t > interval:  # fell behind: skip, do not burst
                missed = (t - next_t) // interval
                late_sends += missed
                next_t += missed * interval
            if not pid_written and a.pidfile:
                with open(a.pidfile + ".tmp", "w") as f:
                    f.write(f"{os.getpid()}\n")
                os.replace(a.pidfile + ".tmp", a.pidfile)
                pid_written = True
        wait = (next_t - now_ns()) / 1e9
        if wait > 0:
            try:
                r, _, _ = select.select([s], [], [], wait)
            except InterruptedError:
                r = []
            if r:
                drain(now_ns())
        else:
            drain(now_ns())

    # Late answers: bounded wait after the last send.
    t_grace_end = now_ns() + int(a.grace_ms * 1e6)
    while True:
        left = (t_grace_end - now_ns()) / 1e9
        if left <= 0:
            break
        r, _, _ = select.select([s], [], [], left)
        if r:
            drain(now_ns())

    result = analyse(a, t0, start_epoch_ms, sent_at, answer, interval)
    result.update(duplicates=duplicates, stray=stray, late_sends=late_sends,
                  send_errors=send_errors, until=a.until, until_reached=until_reached)
    line = json.dumps(result, separators=(",", ":"))
    if a.out:
        with open(a.out + ".tmp", "w") as f:
            f.write(line + "\n")
        os.replace(a.out + ".tmp", a.out)
    print(line, flush=True)


def analyse(a, t0, start_epoch_ms, sent_at, answer, interval):
    ms = lambda ns: round(ns / 1e6, 3)  # noqa: E731
    seqs = sorted(answer)
    by_gw, changes = {}, []
    prev_gw = None
    max_gap, gap_start, gap_end = None, None, None
    for i, seq in enumerate(seqs):
        gw = answer[seq][0].decode(errors="replace")
        by_gw[gw] = by_gw.get(gw, 0) + 1
        if gw != prev_gw:
            if len(changes) < 1000:
                changes.append({"t_ms": ms(sent_at[seq] - t0), "seq": seq, "gw": gw})
            prev_gw = gw
        if i > 0:
            g = sent_at[seq] - sent_at[seqs[i - 1]]
            if max_gap is None or g > max_gap:
                max_gap, gap_start, gap_end = g, sent_at[seqs[i - 1]], sent_at[seq]
    rtts = sorted(v[1] for v in answer.values())
    last_send = sent_at[-1] if sent_at else t0
    return {
        "target": f"[{a.target}]:{a.port}" if ":" in a.target else f"{a.target}:{a.port}",
        "interval_ms": a.interval_ms,
        "start_epoch_ms": round(start_epoch_ms, 3),
        "duration_ms": ms(last_send - t0),
        "sent": len(sent_at),
        "answered": len(seqs),
        "lost": len(sent_at) - len(seqs),
        "max_gap_ms": ms(max_gap) if max_gap is not None else None,
        "gap_start_ms": ms(gap_start - t0) if gap_start is not None else None,
        "gap_end_ms": ms(gap_end - t0) if gap_end is not None else None,
        "head_unanswered_ms": ms(sent_at[seqs[0]] - t0) if seqs else ms(last_send - t0),
        "tail_unanswered_ms": ms(last_send - sent_at[seqs[-1]]) if seqs else ms(last_send - t0),
        "first_gw": changes[0]["gw"] if changes else None,
        "last_gw": prev_gw,
        "by_gw": by_gw,
        "changes": changes,
        "changes_truncated": len(changes) >= 1000,
        "rtt_ms": {"p50": ms(percentile(rtts, 50)) if rtts else None,
                   "p99": ms(percentile(rtts, 99)) if rtts else None,
                   "max": ms(rtts[-1]) if rtts else None},
    }


if __name__ == "__main__":
    sys.exit(main())
