#!/usr/bin/env bash
# Measures soilnb run's cold start (process start → first cell result) and per-cell overhead.
# Usage: bash tests/peers/runner/startup.sh [repeats=5] [soilnb-dll]
# Prints medians over the repeats. Run it on a quiet machine; numbers are wall-clock.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
N="${1:-5}"
DLL="${2:-$ROOT/src/SoilNotebooks.Runner/bin/Release/net10.0/soilnb.dll}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
/usr/bin/python3 - "$WORK" <<'PY'
import json, sys
def nb(cells):
    return {"cells": [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for s in cells],
            "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}}, "nbformat": 4, "nbformat_minor": 4}
json.dump(nb(["1 + 1"]), open(sys.argv[1] + "/one.ipynb", "w"))
json.dump(nb(["var i0 = 0;"] + [f"var i{k} = i{k-1} + 1;" for k in range(1, 101)]), open(sys.argv[1] + "/many.ipynb", "w"))
PY
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t_total=(); t_first=(); t_many=()
for i in $(seq "$N"); do
  s=$(date +%s.%N)
  err=$(dotnet "$DLL" run "$WORK/one.ipynb" --out "$WORK/out" 2>&1 >/dev/null)
  e=$(date +%s.%N)
  t_total+=("$(echo "$e - $s" | bc)")
  t_first+=("$(echo "$err" | sed -n 's/.*cell 1: ok in \([0-9.]*\) s.*/\1/p')")
  s=$(date +%s.%N)
  dotnet "$DLL" run "$WORK/many.ipynb" --out "$WORK/out" >/dev/null 2>&1
  e=$(date +%s.%N)
  t_many+=("$(echo "$e - $s" | bc)")
done
one=$(printf '%s\n' "${t_total[@]}" | median)
first=$(printf '%s\n' "${t_first[@]}" | median)
many=$(printf '%s\n' "${t_many[@]}" | median)
per=$(echo "scale=4; ($many - $one) / 100" | bc)
echo "soilnb run, median of $N runs:"
echo "  1-cell notebook, process start to exit:     ${one} s"
echo "  first cell (compile + run, inside process): ${first} s"
echo "  101-cell notebook, process start to exit:   ${many} s"
echo "  per-cell overhead ((101-cell - 1-cell)/100): ${per} s"
