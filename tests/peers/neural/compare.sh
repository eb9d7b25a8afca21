#!/usr/bin/env bash
# Runs `soilnb cnn` and the PyTorch peer (one thread) back to back on the same synthetic data and split,
# and prints both JSON lines, the median seconds per epoch and the speed ratio.
# Environment: EPOCHS (default 3), BAGS (default 1), THREADS for soilnb (default 1), N (points, default 6136),
# MAXOBS (default 60), WIDTH (default 150), REPEATS (default 3: medians over repeated runs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
EPOCHS="${EPOCHS:-3}"; BAGS="${BAGS:-1}"; THREADS="${THREADS:-1}"; N="${N:-6136}"; MAXOBS="${MAXOBS:-60}"; WIDTH="${WIDTH:-150}"; REPEATS="${REPEATS:-3}"
data="$root/artifacts/bench-neural/n$N-o$MAXOBS"
[ -f "$data/obs.csv" ] || /usr/bin/python3 "$here/make_data.py" "$data" "$N" $(( N * 1235 / 6136 )) "$MAXOBS" 1 >&2
dotnet build "$root/src/SoilNotebooks.Runner" -c Release -o "$root/artifacts/bench-neural/bin" 2>&1 | grep -E " error |rror\(s\)" >&2 || true
ours=(); theirs=()
for r in $(seq "$REPEATS"); do
  o=$(dotnet "$root/artifacts/bench-neural/bin/soilnb.dll" cnn --points "$data/points.csv" --observations "$data/obs.csv" \
      --split "$data/split.csv" --target clay --width "$WIDTH" --epochs "$EPOCHS" --bags "$BAGS" --threads "$THREADS" --quiet \
      --out "$data/pred-soilnb.csv")
  echo "soilnb : $o"; ours+=("$(echo "$o" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds_per_epoch"])')")
  p=$(/usr/bin/python3 "$here/s2mos_peer.py" "$data" --epochs "$EPOCHS" --bags "$BAGS" --width "$WIDTH")
  echo "pytorch: $p"; theirs+=("$(echo "$p" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds_per_epoch"])')")
done
/usr/bin/python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import sys, statistics as s
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
print(f"median seconds/epoch: soilnb {s.median(a):.3f}  pytorch {s.median(b):.3f}  ratio pytorch/soilnb {s.median(b)/s.median(a):.2f}x")
PY
