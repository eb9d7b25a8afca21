#!/usr/bin/env bash
# Main job: set up if needed, build, run every notebook in notebooks/ headless on the embedded default data, and
# write the executed notebooks and HTML reports to artifacts/notebooks/. Extra arguments go to `soilnb run`
# (e.g. -p mode=full, --timeout 600).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/environment/setup.sh"
OUT="$ROOT/artifacts/notebooks"
mkdir -p "$OUT"
status=0
"$ROOT/environment/soilnb" run "$ROOT/notebooks" --out "$OUT" "$@" || status=$?
echo
echo "Executed notebooks and HTML reports (open the .html files in a browser; they work offline):"
ls -1 "$OUT"/*.ipynb "$OUT"/*.html 2>/dev/null | sed 's/^/  /'
[ "$status" -eq 0 ] && echo "All notebooks ran." || echo "Some notebook failed (exit $status); see the messages above." >&2
exit "$status"
