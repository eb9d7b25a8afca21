#!/usr/bin/python3
"""Seeded synthetic S2MoS-like data for the neural benchmark (points.csv, obs.csv, split.csv).

Not the project's dataset twin (the datasets stage owns that): a stand-in with the same file schema
(points: id, clay, lat, lon; obs: id, t, B2..B12, VV, VH; split: id, set) and a learnable signal:
clay deepens the SWIR (B11, B12) and red-edge features, each date darkens the spectrum by a moisture
factor, VV/VH (dB) follow moisture. Usage: make_data.py OUTDIR [N_POINTS] [N_TEST] [MAX_OBS] [SEED]
"""
import os, sys
import numpy as np

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 6136
n_test = int(sys.argv[3]) if len(sys.argv) > 3 else 1235
max_obs = int(sys.argv[4]) if len(sys.argv) > 4 else 60
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
rng = np.random.default_rng(seed)
os.makedirs(out, exist_ok=True)
bands = ["B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B11", "B12"]
basis = np.array([0.08, 0.11, 0.15, 0.18, 0.21, 0.23, 0.25, 0.26, 0.32, 0.28])
absorb = np.array([0, 0, 0, 0, 0.001, 0.001, 0, 0, 0.004, 0.004])
lat = 35 + 25 * rng.random(n)
lon = -10 + 35 * rng.random(n)
clay = np.clip(5 + 40 * rng.beta(2, 3, n) + 0.2 * (lat - 45) + 3 * np.sin(lon / 5), 1, 70)
test = set(rng.choice(n, n_test, replace=False).tolist())
with open(os.path.join(out, "points.csv"), "w") as f:
    f.write("id,clay,lat,lon\n")
    for i in range(n):
        f.write(f"P{i:05d},{clay[i]:.3f},{lat[i]:.5f},{lon[i]:.5f}\n")
with open(os.path.join(out, "split.csv"), "w") as f:
    f.write("id,set\n")
    for i in range(n):
        f.write(f"P{i:05d},{'test' if i in test else 'train'}\n")
with open(os.path.join(out, "obs.csv"), "w") as f:
    f.write("id,t," + ",".join(bands) + ",VV,VH\n")
    for i in range(n):
        m = rng.integers(5, max_obs + 1)
        days = np.sort(rng.choice(np.arange(1, 1461), m, replace=False))
        wet = 0.6 + 0.4 * rng.random(m)
        refl = np.maximum(0.005, wet[:, None] * (basis - absorb * clay[i]) + 0.01 * (rng.random((m, 10)) - 0.5))
        vv = -18 + 6 * (1 - wet) + 0.05 * clay[i] + rng.random(m)
        vh = -25 + 5 * (1 - wet) + rng.random(m)
        for k in range(m):
            f.write(f"P{i:05d},{days[k]}," + ",".join(f"{v:.5f}" for v in refl[k]) + f",{vv[k]:.3f},{vh[k]:.3f}\n")
print("wrote", out)
