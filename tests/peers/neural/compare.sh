#!/usr/bin/env bash
# Runs `soilnb cnn` and the PyTorch peer (one thread) back to back on the same synthetic data and split,
# and prints both JSON lines, the median seconds per epoch and the speed ratio.
# Environment: EPOCHS (default 3), BAGS (default 1), THREADS for soilnb (default 1), N (points, default 6136),
# MAXOBS (default 60), WIDTH (default 150), REPEATS (default 3: medians over repeated runs), PADDING (repeat or
# zero, both sides; default repeat), SOILNB_ARGS (extra soilnb arguments, e.g. "--full-columns" to convolve every
# slot like PyTorch does instead of only the distinct observation columns).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
EPOCHS="${EPOCHS:-3}"; BAGS="${BAGS:-1}"; THREADS="${THREADS:-1}"; N="${N:-6136}"; MAXOBS="${MAXOBS:-60}"; WIDTH="${WIDTH:-150}"; REPEATS="${REPEATS:-3}"; PADDING="${PADDING:-repeat}"
data="$root/artifacts/bench-neural/n$N-o$MAXOBS"
[ -f "$data/obs.csv" ] || /usr/bin/python3 "$here/make_data.py" "$data" "$N" $(( N * 1235 / 6136 )) "$MAXOBS" 1 >&2
# the ReadyToRun build users get from environment/soilnb (setup.sh publishes the same way)
dotnet publish "$root/src/SoilNotebooks.Runner/SoilNotebooks.Runner.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$root/artifacts/bench-neural/bin" -v q --nologo -clp:ErrorsOnly >&2
# one bag trains on all training points in the peer; make soilnb do the same (the default is 80 %)
frac=0.8; [ "$BAGS" = "1" ] && frac=1
ours=(); theirs=()
for r in $(seq "$REPEATS"); do
  t0=$(date +%s.%N)
  o=$(dotnet "$root/artifacts/bench-neural/bin/soilnb.dll" cnn --points "$data/points.csv" --observations "$data/obs.csv" \
      --split "$data/split.csv" --target clay --width "$WIDTH" --epochs "$EPOCHS" --bags "$BAGS" --bag-fraction "$frac" --threads "$THREADS" --padding "$PADDING" --quiet \
      --out "$data/pred-soilnb.csv" ${SOILNB_ARGS:-})
  t1=$(date +%s.%N)
  echo "soilnb : $o"; ours+=("$(echo "$o" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["seconds_per_epoch"], d["train_cpu_seconds"], end=" ")') $(/usr/bin/python3 -c "print($t1 - $t0)")")
  t0=$(date +%s.%N)
  p=$(/usr/bin/python3 "$here/s2mos_peer.py" "$data" --epochs "$EPOCHS" --bags "$BAGS" --width "$WIDTH" --padding "$PADDING")
  t1=$(date +%s.%N)
  echo "pytorch: $p"; theirs+=("$(echo "$p" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["seconds_per_epoch"], d["train_cpu_seconds"], end=" ")') $(/usr/bin/python3 -c "print($t1 - $t0)")")
done
/usr/bin/python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import sys, statistics as s
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
wa, ca, pa, wb, cb, pb = a[0::3], a[1::3], a[2::3], b[0::3], b[1::3], b[2::3]
print(f"median wall seconds/epoch: soilnb {s.median(wa):.3f}  pytorch {s.median(wb):.3f}  ratio pytorch/soilnb {s.median(wb)/s.median(wa):.2f}x")
print(f"median whole-process wall seconds: soilnb {s.median(pa):.2f}  pytorch {s.median(pb):.2f}  ratio pytorch/soilnb {s.median(pb)/s.median(pa):.2f}x")
print(f"median training CPU seconds: soilnb {s.median(ca):.2f}  pytorch {s.median(cb):.2f}  ratio pytorch/soilnb {s.median(cb)/s.median(ca):.2f}x")
PY
