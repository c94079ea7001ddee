# shellcheck shell=bash
# Failover benchmark library over scripts/lab. Source it, with LAB_PREFIX naming a lab
# that is up (or let a setup function bring one up).
#
#   bench_failover FROM TO TRIGGER RESTORE [TIMEOUT_S]
#       one measured failover: wait until the VIP answers from FROM, start the 1 ms
#       probe (it stops once TO has answered 200 requests in a row), run TRIGGER
#       300 ms later, wait for the probe, run RESTORE. Prints the longest gap in ms.
#       TRIGGER / RESTORE are command strings, run with eval (e.g. "bench_lab freeze gw1").
#       gw5 and gw6 (the lab's second LAN, up --lan2): VIP2 probed from client2.
#       Fails (status 1, nothing printed) unless FROM answered first and TO last.
#       The gap and the probe's JSON line are also left in BENCH_LAST_GAP / BENCH_LAST_JSON.
#       BENCH_VIP=--ipv6 (or --group2): that VIP instead (wait-vip and probe take the option).
#   bench_case NAME REPS FROM TO TRIGGER RESTORE [TIMEOUT_S]
#       REPS x bench_failover; appends one JSON line per rep to BENCH_RESULTS (a file,
#       if set) and prints "NAME: n=.. failed=.. median=.. worst=.. best=.. ms (gaps: ..)".
#   bench_stats MS...   prints "n=.. median=.. worst=.. best=.." of the numbers given
#   bench_lab ARGS...   scripts/lab ARGS (with this lab's LAB_PREFIX)
#   bench_json_get KEY  field KEY of BENCH_LAST_JSON

BENCH_LAB=${BENCH_LAB:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lab}
BENCH_PY=/usr/bin/python3
BENCH_LAST_JSON=""
BENCH_LAST_GAP=""

bench_lab() { "$BENCH_LAB" "$@"; }

bench_json_get() {
  "$BENCH_PY" -c 'import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print("" if v is None else v)' \
    "$BENCH_LAST_JSON" "$1"
}

bench_failover() {
  local from=$1 to=$2 trigger=$3 restore=$4 timeout=${5:-20} first last reached lan=()
  BENCH_LAST_JSON="" BENCH_LAST_GAP=""
  [[ $to == gw[56] ]] && lan=(--lan2)
  [[ -n ${BENCH_VIP:-} ]] && lan+=("$BENCH_VIP")
  bench_lab wait-vip "$from" 30 ${BENCH_VIP:+"$BENCH_VIP"} || return 1
  bench_lab probe-start "$timeout" "${lan[@]}" --until "$to" --until-count 200 || return 1
  sleep 0.3   # a baseline of answers from FROM before the failure
  eval "$trigger" || { bench_lab probe-stop >/dev/null; eval "$restore"; return 1; }
  BENCH_LAST_JSON=$(bench_lab probe-wait $((timeout + 10))) || { eval "$restore"; return 1; }
  eval "$restore" || echo "bench: restore failed: $restore" >&2
  first=$(bench_json_get first_gw) last=$(bench_json_get last_gw) reached=$(bench_json_get until_reached)
  if [[ $first != "$from" || $last != "$to" || $reached != True ]]; then
    echo "bench: expected $from -> $to, probe saw first=$first last=$last until_reached=$reached" >&2
    return 1
  fi
  BENCH_LAST_GAP=$(bench_json_get max_gap_ms)
  echo "$BENCH_LAST_GAP"
}

bench_stats() {
  "$BENCH_PY" - "$@" <<'EOF'
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
if not v:
    print("n=0")
else:
    print(f"n={len(v)} median={statistics.median(v):.1f} worst={v[-1]:.1f} best={v[0]:.1f}")
EOF
}

bench_case() {
  local name=$1 reps=$2 from=$3 to=$4 trigger=$5 restore=$6 timeout=${7:-20} i gap ok gaps=() failed=0
  for ((i = 1; i <= reps; i++)); do
    # Not in a subshell: BENCH_LAST_JSON must survive.
    if bench_failover "$from" "$to" "$trigger" "$restore" "$timeout" >/dev/null; then
      gap=$BENCH_LAST_GAP ok=true; gaps+=("$gap")
      echo "bench: $name rep $i: $gap ms (lost $(bench_json_get lost)," \
        "probe late sends $(bench_json_get late_sends), load $(cut -d' ' -f1 /proc/loadavg))" >&2
    else
      ok=false; failed=$((failed + 1))
      echo "bench: $name rep $i FAILED" >&2
    fi
    if [[ -n ${BENCH_RESULTS:-} ]]; then
      "$BENCH_PY" -c 'import json, sys
p = json.loads(sys.argv[4]) if sys.argv[4] else None
print(json.dumps({"case": sys.argv[1], "rep": int(sys.argv[2]), "ok": sys.argv[3] == "true",
                  "gap_ms": p.get("max_gap_ms") if p else None, "probe": p}))' \
        "$name" "$i" "$ok" "$BENCH_LAST_JSON" >>"$BENCH_RESULTS"
    fi
  done
  echo "$name: $(bench_stats "${gaps[@]}") failed=$failed (ms; gaps: ${gaps[*]})"
}
