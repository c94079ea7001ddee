# shellcheck shell=bash
# The benchmarks' pictures: every repetition's gap per case, this product against keepalived,
# as an SVG drawn by gnuplot (Debian's gnuplot-nox, installed if missing). Source it.
#
#   plot_gaps RESULTS SVG TITLE
#       RESULTS: JSON lines with at least "case" and "gap_ms" (null: a failed repetition),
#       as bench_case writes to BENCH_RESULTS. One column per case, in order of first
#       appearance; a dot per repetition (cases named keepalived* in keepalived's colour),
#       a bar at the median; the gap axis is logarithmic (link-down gaps of ms beside
#       keepalived's seconds). Prints "plot: SVG"; a plot that cannot be drawn only warns.
#   plot_record RESULTS CASE GAP_MS...
#       appends one such line per gap, for benchmarks that keep their gaps in arrays
#   plot_ensure_gnuplot  installs gnuplot-nox unless gnuplot is there

plot_ensure_gnuplot() {
  command -v gnuplot >/dev/null && return 0
  echo "plot: installing gnuplot-nox" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Other benchmarks and builds may hold the package lock for a while.
  apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends gnuplot-nox >/dev/null ||
    { apt-get update -q >/dev/null &&
      apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends gnuplot-nox >/dev/null; }
}

plot_record() {
  local results=$1 case=$2 gap
  shift 2
  for gap in "$@"; do printf '{"case": "%s", "gap_ms": %s}\n' "$case" "$gap" >>"$results"; done
}

plot_gaps() {
  local results=$1 svg=$2 title=$3 work
  plot_ensure_gnuplot || { echo "plot: no gnuplot, no plot" >&2; return 0; }
  work=$(mktemp -d)
  mkdir -p "$(dirname "$svg")"
  if /usr/bin/python3 - "$results" "$work" "$svg" "$title" <<'EOF' && gnuplot "$work/plot.gp" 2>"$work/err"; then
import json, statistics, sys
results, work, svg, title = sys.argv[1:]
cases, gaps, failed = [], {}, {}
for line in open(results):
    if not line.strip():
        continue
    r = json.loads(line)
    if r["case"] not in gaps:
        cases.append(r["case"]); gaps[r["case"]] = []; failed[r["case"]] = 0
    if r.get("gap_ms") is None:
        failed[r["case"]] += 1
    else:
        gaps[r["case"]].append(float(r["gap_ms"]))
if not any(gaps.values()):
    sys.exit("plot: no gap to draw")
q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
with open(f"{work}/points", "w") as points, open(f"{work}/medians", "w") as medians:
    for x, case in enumerate(cases):
        product = 1 if case.startswith("keepalived") else 0
        v = gaps[case]
        for i, gap in enumerate(v):
            # spread the dots of one case a little so equal gaps stay visible
            points.write(f"{x + (i - (len(v) - 1) / 2) * min(0.5 / max(len(v), 1), 0.06):.3f} {gap} {product}\n")
        if v:
            medians.write(f"{x - 0.3} {statistics.median(v)} 0.6 {product}\n")
# a tic label per case: its name, then (\n, gnuplot's line break) how many repetitions
label = lambda c: q(c)[:-1] + f"\\nn={len(gaps[c])}" + (f", {failed[c]} failed" if failed[c] else "") + '"'
tics = ", ".join(f"{label(c)} {x}" for x, c in enumerate(cases))
# one series per product present (gnuplot refuses a series without a point)
products = {0 if not c.startswith("keepalived") else 1 for c in cases if gaps[c]}
clauses = [f'{q(work + "/medians")} using 1:2:3:(0) with vectors nohead lw 2 lc rgb "#999999" title "median"']
for p, colour, name in ((0, "#1f77b4", "this product"), (1, "#d62728", "keepalived alone")):
    if p in products:
        clauses.append(f'{q(work + "/points")} using ($3 == {p} ? $1 : 1/0):2'
                       f' with points pt 7 ps 0.9 lc rgb "{colour}" title "{name}"')
open(f"{work}/plot.gp", "w").write(f"""
set terminal svg size {max(640, 150 * len(cases))},480 dynamic font "sans,11"
set termoption noenhanced
set output {q(svg)}
set title {q(title)}
set ylabel "longest gap without an answer (ms, log scale)"
set logscale y
set grid ytics mytics
set xrange [-0.6:{len(cases) - 0.4}]
set xtics ({tics}) font "sans,9"
set key top left
plot {", ".join(clauses)}
""")
EOF
    echo "plot: $svg"
  else
    echo "plot: could not draw $svg: $(cat "$work/err" 2>/dev/null)" >&2
  fi
  rm -rf "$work"
}
