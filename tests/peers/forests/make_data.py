#!/usr/bin/python3
"""Seeded benchmark tables for the forest peers (NumPy).
  bench_6136x14.csv  : 6136 rows (the S2MoS sample count) x 14 features + target y (Friedman #1 on the first
                       five features, the rest noise; 4 decimals).
  bench_40000x50.csv : 40000 rows x 50 features + y (same signal plus a heteroscedastic term), for the
                       quantile-forest scaling run (ranger issue #207 reports hours for such sizes).
Usage: make_data.py OUTDIR
"""
import sys, os
import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)

def write(path, X, y):
    with open(path, "w") as f:
        f.write(",".join([f"f{j}" for j in range(X.shape[1])] + ["y"]) + "\n")
        np.savetxt(f, np.column_stack([X, y]), fmt="%.4f", delimiter=",")

rng = np.random.default_rng(6136)
X = np.round(rng.random((6136, 14)), 4)
y = 10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4] + rng.normal(0, 1, 6136)
write(os.path.join(out, "bench_6136x14.csv"), X, y)

rng = np.random.default_rng(40000)
X = np.round(rng.random((40000, 50)), 4)
y = 10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4] + rng.normal(0, 1, 40000) * (0.5 + 2 * X[:, 5])
write(os.path.join(out, "bench_40000x50.csv"), X, y)
