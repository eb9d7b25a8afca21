#!/usr/bin/env bash
# Forest benchmark: ours (BenchmarkDotNet) and the peers (ranger 0.14, scikit-learn 1.2) back to back on
# the same seeded tables, pinned to 2 threads. Prints medians (seconds) and ratios peer / ours.
# Usage: bash tests/peers/forests/compare.sh [REPS] [large]
#   REPS  repetitions of each peer measurement (default 5; ours: BenchmarkDotNet, 7 iterations)
#   large also times the 40 000 x 50 quantile forest (ours exact and 256-bin, ranger quantreg; slow)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
reps="${1:-5}"; large="${2:-}"
data="$root/artifacts/bench/forests"
mkdir -p "$data"
[ -f "$data/bench_6136x14.csv" ] && [ -f "$data/bench_40000x50.csv" ] || /usr/bin/python3 "$here/make_data.py" "$data"
export SNB_FOREST_BENCH_DIR="$data"
bdn="$data/bdn"
filter='*Forests.ForestBenchmarks*'
[ "$large" = "large" ] && filter='*Forests.*'
echo "== ours (BenchmarkDotNet, $filter)" >&2
dotnet run -c Release --project "$root/tests/SoilNotebooks.Benchmarks" -- --filter "$filter" \
  --exporters json --artifacts "$bdn" > "$data/bdn.log" 2>&1 || { tail -40 "$data/bdn.log"; exit 2; }
echo "== ours: OOB R2 via soilnb forest" >&2
dotnet run -c Release --project "$root/src/SoilNotebooks.Runner" -- forest --train "$data/bench_6136x14.csv" \
  --test "$data/bench_6136x14.csv" --target y --trees 500 --mtry 4 --min-node 5 --threads 2 --seed 1 \
  --out "$data/ours_pred.csv" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print("ours_oob_r2", round(json.loads(sys.stdin.read())["oob_r2"], 4))' > "$data/ours.txt"
echo "== ranger" >&2
Rscript "$here/peer_ranger.R" "$data" "$reps" $large > "$data/ranger.txt"
echo "== scikit-learn" >&2
/usr/bin/python3 "$here/peer_sklearn.py" "$data" "$reps" > "$data/sklearn.txt"
/usr/bin/python3 - "$bdn" "$data/ranger.txt" "$data/sklearn.txt" "$data/ours.txt" <<'PY'
import json, glob, sys
ours = {}
for f in glob.glob(sys.argv[1] + "/results/*-report-full-compressed.json"):
    for b in json.load(open(f))["Benchmarks"]:
        ours[b["Method"]] = b["Statistics"]["Median"] / 1e9
peer = {}
for f in sys.argv[2:]:
    for line in open(f):
        k, v = line.split()
        peer[k] = float(v)
rows = [("fit 500 trees", "Fit", "ranger_fit", "sklearn_fit"),
        ("predict 6136 rows", "Predict", "ranger_predict", "sklearn_predict"),
        ("fit quantile forest", "FitQuantile", "ranger_fit_quantreg", None),
        ("predict 3 quantiles", "PredictQuantiles", "ranger_predict_quantiles", None),
        ("QRF 40000x50 fit (exact)", "FitExact", "ranger_fit_quantreg_40000x50", None),
        ("QRF 40000x50 fit (256 bins)", "FitBinned256", "ranger_fit_quantreg_40000x50", None)]
print(f"{'task':30s} {'ours s':>9s} {'ranger s':>9s} {'ratio':>7s} {'sklearn s':>10s} {'ratio':>7s}")
for name, o, r, s in rows:
    if o not in ours: continue
    ov = ours[o]; rv = peer.get(r); sv = peer.get(s) if s else None
    fr = f"{rv:9.3f} {rv / ov:6.2f}x" if rv else f"{'-':>9s} {'-':>7s}"
    fs = f"{sv:10.3f} {sv / ov:6.2f}x" if sv else f"{'-':>10s} {'-':>7s}"
    print(f"{name:30s} {ov:9.3f} {fr} {fs}")
print(f"OOB R2: ours {peer.get('ours_oob_r2')}, ranger {peer.get('ranger_oob_r2')}, sklearn {peer.get('sklearn_oob_r2')}")
PY
