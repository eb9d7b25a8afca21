#!/usr/bin/env bash
# Runs every test: set up if needed, build (Release), `dotnet test` over the solution, then print one line
# "N passed, N failed" (read from the TRX result files). Extra arguments go to dotnet test (e.g. --filter ...).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/environment/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
export JUPYTER_PATH="$ROOT/environment/jupyter"
dotnet test "$ROOT/SoilNotebooks.sln" -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" "$@"
code=$?
passed=0; failed=0; files=0
for f in "$RESULTS"/*.trx; do
  [ -f "$f" ] || continue
  files=$((files+1))
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(echo "$c" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); passed=$((passed + ${p:-0}))
  x=$(echo "$c" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p'); failed=$((failed + ${x:-0}))
  e=$(echo "$c" | sed -n 's/.* error="\([0-9]*\)".*/\1/p'); failed=$((failed + ${e:-0}))
done
if [ "$files" -eq 0 ] || { [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; }; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
