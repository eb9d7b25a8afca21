#!/usr/bin/python3
"""Turns the JSON line of `soilnb forest` into "name wall_seconds cpu_seconds" lines for compare.sh."""
import json, sys
r = json.loads(sys.stdin.read())
n = sys.argv[1]
print(f"{n}_fit {r['fit_seconds']:.4f} {r['fit_cpu_seconds']:.4f}")
print(f"{n}_predict {r['predict_seconds']:.4f} {r['predict_cpu_seconds']:.4f}")
print(f"{n}_oob_r2 {r['oob_r2']:.4f} {r['oob_r2']:.4f}")
