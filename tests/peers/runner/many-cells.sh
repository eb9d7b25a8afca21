#!/usr/bin/env bash
# Measures a long notebook (issue 17: "2000 cells take 70 s and 3.2 GB with each cell slower than the last"):
# wall time, peak memory and the mean cell time per quarter of the notebook, with the script-chain compaction
# on (default, every 200 cells) and off (SOILNB_COMPACT_AFTER=0), run back to back.
# Usage: bash tests/peers/runner/many-cells.sh [cells=2000] [soilnb-dll]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
N="${1:-2000}"
DLL="${2:-$ROOT/src/SoilNotebooks.Runner/bin/Release/net10.0/soilnb.dll}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
/usr/bin/python3 - "$WORK" "$N" <<'PY'
import json, sys
n = int(sys.argv[2])
cells = [{"cell_type": "code", "metadata": {}, "id": f"c{i}", "outputs": [], "execution_count": None,
          "source": f"var x{i} = {i} * 2;\nConsole.WriteLine(x{i});"} for i in range(n)]
nb = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
      "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}}}
json.dump(nb, open(sys.argv[1] + "/many.ipynb", "w"))
PY
for mode in on off; do
  if [ "$mode" = off ]; then export SOILNB_COMPACT_AFTER=0; else unset SOILNB_COMPACT_AFTER; fi
  /usr/bin/time -f "%e %M" -o "$WORK/time" dotnet "$DLL" run "$WORK/many.ipynb" --out "$WORK/out-$mode" >/dev/null 2>&1
  read -r wall rss < "$WORK/time"
  /usr/bin/python3 - "$WORK/out-$mode/many.ipynb" "$mode" "$wall" "$rss" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
e = [c["metadata"]["soilnb"]["elapsed_seconds"] for c in nb["cells"]]
q = len(e) // 4
quarters = " ".join(f"{1000 * sum(e[i * q:(i + 1) * q]) / q:.1f}" for i in range(4))
print(f"compaction {sys.argv[2]:3}: {len(e)} cells, wall {float(sys.argv[3]):.1f} s, "
      f"peak RSS {int(sys.argv[4]) / 1024:.0f} MB, mean ms per cell by quarter: {quarters}")
PY
done
