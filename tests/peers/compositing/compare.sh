#!/usr/bin/env bash
# Composite throughput: SoilNotebooks (soilnb composite) vs the NumPy + GDAL peer (composite_numpy.py) on the same
# simulated stack, run back to back, REPS times each. Prints per-run wall time and peak RSS, medians and the ratio.
# Both are single-threaded (NumPy/OpenBLAS pinned to 1 thread; our composite kernel is sequential).
# Usage: bash tests/peers/compositing/compare.sh [SIZE=512] [DATES=24] [TILE=256] [REPS=3]
set -euo pipefail
SIZE=${1:-512}; DATES=${2:-24}; TILE=${3:-256}; REPS=${4:-3}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=$(mktemp -d /tmp/soilnb-compare-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 GDAL_NUM_THREADS=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build "$ROOT/src/SoilNotebooks.Runner" -c Release -v q -nologo >/dev/null
SOILNB="$ROOT/src/SoilNotebooks.Runner/bin/Release/net10.0/soilnb"
"$SOILNB" simulate-scenes --out "$WORK/stack" --seed 1 --size "$SIZE" --dates "$DATES" --no-s1 >/dev/null 2>&1
echo "stack: ${SIZE}x${SIZE} px, ${DATES} dates, tile ${TILE}"
run() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
  read -r secs kb < "$WORK/time.txt"
  echo "$name $secs $kb" >> "$WORK/results.txt"
  printf '%-6s %8.2f s  peak RSS %7.1f MB\n' "$name" "$secs" "$(echo "$kb/1024" | bc -l)"
}
for i in $(seq 1 "$REPS"); do
  run ours "$SOILNB" composite --stac "$WORK/stack" --out "$WORK/ours" --window "$TILE"
  run numpy /usr/bin/python3 "$ROOT/tests/peers/compositing/composite_numpy.py" "$WORK/stack" "$WORK/numpy" --tile "$TILE"
done
/usr/bin/python3 - "$WORK/results.txt" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
t = {n: [float(r[1]) for r in rows if r[0] == n] for n in ("ours", "numpy")}
m = {n: [float(r[2]) / 1024 for r in rows if r[0] == n] for n in ("ours", "numpy")}
mo, mn = st.median(t["ours"]), st.median(t["numpy"])
print(f"median wall time: ours {mo:.2f} s, numpy {mn:.2f} s, ratio numpy/ours = {mn / mo:.2f}")
print(f"median peak RSS:  ours {st.median(m['ours']):.0f} MB, numpy {st.median(m['numpy']):.0f} MB")
PY
