#!/usr/bin/python3
"""Reference paired-bootstrap intervals with Debian's NumPy, written to bootstrap_reference.json together with the
seeded inputs AND the resample indices (the C# test replays the same indices, so no RNG has to match).
R² = 1 - SSres/SStot and RMSE per resample; intervals are np.quantile(..., [0.025, 0.975]) (method "linear",
type 7), the percentile bootstrap of Efron & Tibshirani (1993, ch. 13).
Run: /usr/bin/python3 bootstrap_reference.py
"""
import json
import numpy as np

rng = np.random.default_rng(20260111)
n, B = 40, 300
obs = np.round(rng.gamma(4.0, 6.0, n), 3)
pred = {
    "A": np.round(obs + rng.normal(0.0, 4.0, n), 3),          # good
    "B": np.round(obs + rng.normal(0.5, 6.0, n), 3),          # worse
    "C": np.round(0.5 * obs + 12 + rng.normal(0.0, 6.0, n), 3),  # shrunk, worst
}
rows = rng.integers(0, n, size=(B, n))


def r2(o, p):
    return 1 - np.sum((p - o) ** 2) / np.sum((o - o.mean()) ** 2)


def rmse(o, p):
    return np.sqrt(np.mean((p - o) ** 2))


def scores(f):
    full = {m: f(obs, p) for m, p in pred.items()}
    boot = {m: np.array([f(obs[ix], p[ix]) for ix in rows]) for m, p in pred.items()}
    return full, boot


def interval(values):
    lo, hi = np.quantile(values, [0.025, 0.975])
    return float(lo), float(hi)


out = {"observed": obs.tolist(), "predicted": {m: p.tolist() for m, p in pred.items()}, "rows": rows.tolist()}
full, boot = scores(r2)
out["r2"] = {m: float(v) for m, v in full.items()}
diffs = {
    "A - B": (full["A"] - full["B"], boot["A"] - boot["B"]),
    "B - C": (full["B"] - full["C"], boot["B"] - boot["C"]),
    "(A - B) - (B - C)": ((full["A"] - full["B"]) - (full["B"] - full["C"]),
                          (boot["A"] - boot["B"]) - (boot["B"] - boot["C"])),
}
out["r2_differences"] = {k: {"value": float(v), "lower": interval(b)[0], "upper": interval(b)[1]}
                        for k, (v, b) in diffs.items()}
full, boot = scores(rmse)
gain = (full["B"] - full["A"], boot["B"] - boot["A"])  # RMSE gain of A over B: RMSE(B) - RMSE(A)
out["rmse_gain_A_over_B"] = {"value": float(gain[0]), "lower": interval(gain[1])[0], "upper": interval(gain[1])[1]}
with open("bootstrap_reference.json", "w") as fh:
    json.dump(out, fh)
