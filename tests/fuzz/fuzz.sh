#!/usr/bin/env bash
# Coverage-guided fuzzing (AFL++ through SharpFuzz) of the notebook reader and the serve request parser, for a bounded
# time. Not part of the unit tests. Usage:
#   bash tests/fuzz/fuzz.sh [SECONDS_PER_TARGET=120] [notebook|serve|all]
# Findings land in artifacts/fuzz/<target>/default/crashes; each is replayed at the end (a crash prints its exception).
# Turn one into a regression test in tests/SoilNotebooks.Runner.Tests/BadInput/FuzzRegressionTests.cs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER_TARGET="${1:-120}"
WHICH="${2:-all}"
OUT="$ROOT/artifacts/fuzz"
BIN="$OUT/bin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v afl-fuzz >/dev/null || { echo "[fuzz] installing afl++"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >&2; }
(cd "$ROOT" && dotnet tool restore >/dev/null)
echo "[fuzz] building the fuzz target"
dotnet build "$ROOT/tests/fuzz/SoilNotebooks.Fuzz/SoilNotebooks.Fuzz.csproj" -c Release -o "$BIN" -v q --nologo -clp:ErrorsOnly
# an uninstrumented copy replays findings (the instrumented one needs AFL's shared memory)
dotnet build "$ROOT/tests/fuzz/SoilNotebooks.Fuzz/SoilNotebooks.Fuzz.csproj" -c Release -o "$OUT/plain" -v q --nologo -clp:ErrorsOnly
# instrument the assembly under test (soilnb.dll holds the reader and the serve parser); once per build
if [ ! -f "$BIN/.instrumented" ] || [ "$BIN/soilnb.dll" -nt "$BIN/.instrumented" ]; then
  (cd "$ROOT" && dotnet tool run sharpfuzz "$BIN/soilnb.dll")
  touch "$BIN/.instrumented"
fi
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
status=0
for target in notebook serve; do
  [ "$WHICH" = all ] || [ "$WHICH" = "$target" ] || continue
  rm -rf "$OUT/$target"; mkdir -p "$OUT/$target"   # findings are per run
  echo "[fuzz] $target: ${SECONDS_PER_TARGET}s"
  afl-fuzz -i "$ROOT/tests/fuzz/corpus/$target" -o "$OUT/$target" -V "$SECONDS_PER_TARGET" -t 10000 -m none \
    -- dotnet "$BIN/SoilNotebooks.Fuzz.dll" "$target" > "$OUT/$target/afl.log" 2>&1 || true
  stats="$OUT/$target/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    grep -E "^(execs_done|corpus_count|saved_crashes|saved_hangs|edges_found)" "$stats" | sed "s/^/[fuzz] $target: /"
  else
    echo "[fuzz] $target: afl-fuzz did not start; see $OUT/$target/afl.log"; tail -5 "$OUT/$target/afl.log"; status=1
  fi
  crashes=$(find "$OUT/$target/default/crashes" -type f -name 'id:*' 2>/dev/null | sort || true)
  if [ -n "$crashes" ]; then
    echo "[fuzz] $target: crashes found; replaying:"
    for c in $crashes; do dotnet "$OUT/plain/SoilNotebooks.Fuzz.dll" "$target" --replay "$c" 2>&1 | tail -3 || true; done
    status=1
  fi
done
exit $status
