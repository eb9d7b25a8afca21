#!/usr/bin/env bash
# Forest benchmark against ranger 0.14 and scikit-learn 1.2 on the same seeded tables, 2 threads each.
# The machine is shared, so ours and the peers run interleaved, round by round (ours, ranger, sklearn,
# ours, ...), and the medians over rounds are compared; wall and CPU seconds are both reported.
# Ours is timed through `soilnb forest` (fit = trees + OOB predictions, as ranger and sklearn with OOB;
# the first fit in a process includes JIT warm-up, which counts against us).
# Usage: bash tests/peers/forests/compare.sh [ROUNDS] [large] [bdn]
#   ROUNDS  interleaved rounds (default 5)
#   large   also the 40 000 x 50 quantile forest (ours exact and 256-bin vs ranger quantreg; one round; slow)
#   bdn     also run the BenchmarkDotNet classes (tests/SoilNotebooks.Benchmarks/Forests) afterwards
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds="${1:-5}"; shift || true
large=""; bdn=""
for a in "$@"; do case "$a" in large) large=1 ;; bdn) bdn=1 ;; esac; done
data="$root/artifacts/bench/forests"
mkdir -p "$data"
[ -f "$data/bench_6136x14.csv" ] && [ -f "$data/bench_40000x50.csv" ] || /usr/bin/python3 "$here/make_data.py" "$data"
dotnet build -c Release "$root/src/SoilNotebooks.Runner" > "$data/runner-build.log" 2>&1 || { tail -20 "$data/runner-build.log"; exit 2; }
soilnb="$root/src/SoilNotebooks.Runner/bin/Release/net10.0/soilnb.dll"
log="$data/timings.txt"; : > "$log"
ours() { # name extra-args...
  local name="$1"; shift
  dotnet "$soilnb" forest --train "$1" --test "$1" --target y "${@:2}" --threads 2 --out "$data/ours_pred.csv" 2>/dev/null |
    /usr/bin/python3 "$here/parse_ours.py" "$name" >> "$log"
}
small="$data/bench_6136x14.csv"
for r in $(seq 1 "$rounds"); do
  echo "== round $r / $rounds" >&2
  ours ours "$small" --trees 500 --mtry 4 --min-node 5 --seed "$r"
  ours oursq "$small" --trees 500 --mtry 4 --min-node 5 --seed "$r" --quantiles 0.05,0.5,0.95
  Rscript "$here/peer_ranger.R" "$data" "$r" >> "$log"
  /usr/bin/python3 "$here/peer_sklearn.py" "$data" "$r" >> "$log"
done
if [ -n "$large" ]; then
  echo "== 40000 x 50 quantile forest" >&2
  big="$data/bench_40000x50.csv"
  ours big "$big" --trees 500 --min-node 5 --seed 1 --quantiles 0.05,0.5,0.95
  ours bigbin "$big" --trees 500 --min-node 5 --seed 1 --quantiles 0.05,0.5,0.95 --max-bins 256
  Rscript "$here/peer_ranger.R" "$data" 1 large >> "$log"
fi
/usr/bin/python3 - "$log" <<'PY'
import sys, statistics as st
vals = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 3: continue   # progress chatter
    k, w, c = parts
    vals.setdefault(k, []).append((float(w), float(c)))
def med(k, i): return st.median(v[i] for v in vals[k]) if k in vals else None
rows = [("RF fit 500 trees (6136x14)", "ours_fit", "ranger_fit", "sklearn_fit"),
        ("RF predict 6136 rows", "ours_predict", "ranger_predict", "sklearn_predict"),
        ("QRF fit", "oursq_fit", "ranger_fit_quantreg", None),
        ("QRF predict 3 quantiles", "oursq_predict", "ranger_predict_quantiles", None),
        ("QRF 40000x50 fit, exact", "big_fit", "ranger_fit_quantreg_40000x50", None),
        ("QRF 40000x50 fit, 256 bins", "bigbin_fit", "ranger_fit_quantreg_40000x50", None),
        ("QRF 40000x50 predict 40000 rows", "big_predict", None, None)]
n = len(vals.get("ours_fit", []))
print(f"medians over {n} interleaved rounds; ratio = peer / ours (>1: ours faster)")
print(f"{'task':34s} {'ours wall':>9s} {'cpu':>7s} | {'ranger wall':>11s} {'cpu':>7s} {'wall x':>7s} {'cpu x':>6s} | {'sklearn wall':>12s} {'wall x':>7s}")
for name, o, r, s in rows:
    if o not in vals: continue
    ow, oc = med(o, 0), med(o, 1)
    line = f"{name:34s} {ow:9.3f} {oc:7.3f} | "
    if r and r in vals:
        rw, rc = med(r, 0), med(r, 1)
        line += f"{rw:11.3f} {rc:7.3f} {rw / ow:6.2f}x {rc / oc:5.2f}x | "
    else:
        line += f"{'-':>11s} {'-':>7s} {'-':>7s} {'-':>6s} | "
    if s and s in vals:
        sw = med(s, 0); line += f"{sw:12.3f} {sw / ow:6.2f}x"
    print(line)
print("OOB R2 (same accuracy check): ours %.4f, ranger %.4f, sklearn %.4f" % (med("ours_oob_r2", 0), med("ranger_oob_r2", 0), med("sklearn_oob_r2", 0)))
PY
if [ -n "$bdn" ]; then
  echo "== BenchmarkDotNet (tests/SoilNotebooks.Benchmarks/Forests)" >&2
  filter='*Forests.ForestBenchmarks*'; [ -n "$large" ] && filter='*Forests.*'
  SNB_FOREST_BENCH_DIR="$data" dotnet run -c Release --project "$root/tests/SoilNotebooks.Benchmarks" -- --filter "$filter" \
    --artifacts "$data/bdn" > "$data/bdn.log" 2>&1 || { tail -40 "$data/bdn.log"; exit 2; }
  sed -n '/^| Method/,/^$/p' "$data/bdn.log"
fi
