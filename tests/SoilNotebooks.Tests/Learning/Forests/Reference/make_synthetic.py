#!/usr/bin/python3
"""Seeded synthetic tables for the forest reference tests (run with Debian's /usr/bin/python3, NumPy).

synthetic_regression.csv: Friedman #1 (Friedman 1991) with 10 uniform features (5 are noise),
  y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1); 400 training + 300 test rows.
synthetic_classification.csv: 8 features, 3 classes from thresholds of a noisy non-linear score;
  400 training + 300 test rows.
Column 'set' is 'train' or 'test'. Values rounded to 5 decimals so float32 storage changes no ordering.
"""
import numpy as np

rng = np.random.default_rng(20240501)

def write(path, X, y, sets, ycol="y", fmt_y="{:.5f}"):
    with open(path, "w") as f:
        f.write(",".join(["set"] + [f"x{j}" for j in range(X.shape[1])] + [ycol]) + "\n")
        for i in range(X.shape[0]):
            f.write(",".join([sets[i]] + [f"{v:.5f}" for v in X[i]] + [fmt_y.format(y[i])]) + "\n")

n_train, n_test = 400, 300
n = n_train + n_test
sets = ["train"] * n_train + ["test"] * n_test

X = np.round(rng.random((n, 10)), 5)
y = 10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2 + 10 * X[:, 3] + 5 * X[:, 4] + rng.normal(0, 1, n)
write("synthetic_regression.csv", X, y, sets)

Xc = np.round(rng.random((n, 8)), 5)
score = 3 * Xc[:, 0] + 2 * np.sin(3 * Xc[:, 1]) + Xc[:, 2] * Xc[:, 3] * 4 + rng.normal(0, 0.5, n)
cls = np.digitize(score, np.quantile(score, [0.5, 0.8]))  # classes 0 (50 %), 1 (30 %), 2 (20 %)
write("synthetic_classification.csv", Xc, cls, sets, ycol="class", fmt_y="{:d}")
