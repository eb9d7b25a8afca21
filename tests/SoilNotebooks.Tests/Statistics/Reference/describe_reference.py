#!/usr/bin/python3
"""Reference summary statistics (Table-2 style) with Debian's NumPy, written to describe_reference.json:
n, min, np.quantile type 7 (method "linear") quartiles, max, mean and the sample SD (ddof=1).
Run: /usr/bin/python3 describe_reference.py
"""
import json
import numpy as np

rng = np.random.default_rng(7)
cases = {
    "gamma57": np.round(rng.gamma(2.5, 9.0, 57), 3),
    "even10": np.array([5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0, 4.0, 6.0, 10.0]),
    "ties": np.array([2.0, 2.0, 2.0, 3.0, 3.0, 11.5]),
}
out = {}
for name, v in cases.items():
    q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    out[name] = {"values": v.tolist(), "n": int(v.size), "min": float(v.min()), "q1": float(q1), "median": float(med),
                 "q3": float(q3), "max": float(v.max()), "mean": float(v.mean()), "sd": float(v.std(ddof=1))}
with open("describe_reference.json", "w") as fh:
    json.dump(out, fh)
