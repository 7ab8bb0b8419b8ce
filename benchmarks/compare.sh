#!/usr/bin/env bash
# A/B comparison: Java/DJL `./electra bench` against the eager-PyTorch peer (torch_peer.py),
# alternating java, torch, java, torch, ... for --rounds rounds, then a table of medians and
# the ratio java_tokens_per_second / torch_tokens_per_second (> 1: Java is faster).
#
#   benchmarks/compare.sh [--preset tiny|small|base] [--batch B] [--seq S] [--steps N]
#                         [--warmup W] [--threads T] [--rounds R]
#
# Environment: ELECTRA (path of the Java launcher, default <repo>/electra),
#   JAVA_EXTRA_ARGS (appended to the Java bench command, e.g. "--warmup 3" once it exists),
#   PYTHON (default /usr/bin/python3, Debian's python3-torch), RESULTS (JSONL file to append to).
# If the Java launcher is absent, the Java side is skipped with a message and only the peer runs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
preset=tiny batch=8 seq=128 steps=10 warmup=3 threads=2 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --seq) seq=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Same OpenMP wait policy for both sides (see torch_peer.py: libgomp's spin-wait default makes
# 2 threads ~8x slower than 1 on a shared 2-core machine). Override with OMP_WAIT_POLICY=ACTIVE.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
electra="${ELECTRA:-$root/electra}"
python="${PYTHON:-/usr/bin/python3}"
results="${RESULTS:-$(mktemp -t electra-compare.XXXXXX.jsonl)}"
have_java=1
if [ ! -x "$electra" ]; then
  echo "compare.sh: Java launcher $electra not found (or not executable): skipping the Java side" >&2
  have_java=0
fi

# last JSON object line of a command's stdout, tagged with side and round
run_side() {  # side round cmd...
  local side=$1 round=$2; shift 2
  local line
  if ! line="$("$@" | grep '^{' | tail -n 1)" || [ -z "$line" ]; then
    echo "compare.sh: $side round $round failed: $*" >&2
    return 1
  fi
  printf '{"side":"%s","round":%s,"result":%s}\n' "$side" "$round" "$line" >> "$results"
  echo "  $side round $round: $line" >&2
}

echo "compare.sh: preset=$preset batch=$batch seq=$seq steps=$steps warmup=$warmup threads=$threads rounds=$rounds OMP_WAIT_POLICY=$OMP_WAIT_POLICY" >&2
echo "compare.sh: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "compare.sh: results -> $results" >&2
for r in $(seq 1 "$rounds"); do
  if [ $have_java = 1 ]; then
    # shellcheck disable=SC2086
    (cd "$root" && run_side java "$r" "$electra" bench --preset "$preset" --objective electra \
      --batch "$batch" --seq "$seq" --steps "$steps" --threads "$threads" ${JAVA_EXTRA_ARGS:-}) || true
  fi
  run_side torch "$r" "$python" "$here/torch_peer.py" --preset "$preset" --batch "$batch" --seq "$seq" \
    --steps "$steps" --warmup "$warmup" --threads "$threads" || true
done

"$python" - "$results" "$preset" "$batch" "$seq" "$threads" <<'EOF'
import json, statistics, sys
path, preset, batch, seq, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in rows if r["result"].get("preset") == preset and r["result"].get("batch") == batch
        and r["result"].get("seq") == seq and r["result"].get("threads") == threads]
sides = {s: [r["result"] for r in rows if r["side"] == s] for s in ("java", "torch")}
def med(xs, k):
    v = [x[k] for x in xs if x.get(k) is not None]
    return statistics.median(v) if v else float("nan")
print(f"\npreset={preset} batch={batch} seq={seq} threads={threads}")
print(f"{'side':6} {'runs':>4} {'step_ms_med':>12} {'step_ms_p90':>12} {'tokens/s':>10} {'GFLOP/s':>8} {'peak_rss_mb':>11}  engine")
for s, xs in sides.items():
    if not xs:
        print(f"{s:6} {0:>4}  (no results)")
        continue
    print(f"{s:6} {len(xs):>4} {med(xs,'step_ms_median'):>12.1f} {med(xs,'step_ms_p90'):>12.1f} "
          f"{med(xs,'tokens_per_second'):>10.1f} {med(xs,'achieved_gflops_per_second'):>8.2f} "
          f"{med(xs,'peak_rss_mb'):>11.1f}  {xs[-1].get('engine','?')}")
if sides["java"] and sides["torch"]:
    ratio = med(sides["java"], "tokens_per_second") / med(sides["torch"], "tokens_per_second")
    print(f"ratio java_tokens_per_second / torch_tokens_per_second = {ratio:.3f}")
    fj, ft = med(sides["java"], "model_gflops_per_step"), med(sides["torch"], "model_gflops_per_step")
    if abs(fj - ft) > 1e-3 * max(fj, ft):
        print(f"WARNING: model_gflops_per_step differs (java {fj}, torch {ft}): FLOP formulas disagree")
    pj, pt = med(sides["java"], "params"), med(sides["torch"], "params")
    if pj != pt:
        print(f"WARNING: params differ (java {pj}, torch {pt})")
else:
    print("ratio: n/a (one side has no results)")
EOF
