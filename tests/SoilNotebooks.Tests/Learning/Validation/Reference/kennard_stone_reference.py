#!/usr/bin/python3
"""Reference Kennard-Stone selections, written from the algorithm of Kennard & Stone (1969, Technometrics
11:137-148) with NumPy (no third-party implementation):
  1. the two rows farthest apart (Euclidean) are selected first;
  2. repeatedly, the unselected row whose distance to its nearest selected row is largest is added.
Ties go to the lowest row index (np.argmax returns the first maximum; pairs scanned by first index).
Squared distances are accumulated feature by feature in column order so the arithmetic is the same as the
C# implementation. Writes ks_<name>.csv (one selected row index per line, in selection order).
Run: /usr/bin/python3 kennard_stone_reference.py
"""
import numpy as np

def sqdist_to(X, i):
    d = np.zeros(X.shape[0])
    for j in range(X.shape[1]):
        diff = X[:, j] - X[i, j]
        d = d + diff * diff
    return d

def kennard_stone(X, n):
    N = X.shape[0]
    best, a, b = -1.0, 0, 1
    for i in range(N - 1):
        d = sqdist_to(X, i)[i + 1:]
        j = int(np.argmax(d))
        if d[j] > best:
            best, a, b = d[j], i, i + 1 + j
    sel = [a, b]
    taken = np.zeros(N, bool); taken[[a, b]] = True
    mind = np.minimum(sqdist_to(X, a), sqdist_to(X, b))
    while len(sel) < n:
        cand = np.where(taken, -1.0, mind)
        k = int(np.argmax(cand))
        sel.append(k); taken[k] = True
        mind = np.minimum(mind, sqdist_to(X, k))
    return sel

def load(path, cols):
    import csv
    with open(path) as f:
        r = list(csv.DictReader(f))
    return np.array([[float(row[c]) for c in cols] for row in r])

bands = ["B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12"]
X = load("../../../../data-manifests/limesoda/LimeSoDa_BB.250.csv", bands)
np.savetxt("ks_bb250_bands_200.csv", kennard_stone(X, 200), fmt="%d")
Xs = load("../../Learning/Forests/Reference/synthetic_regression.csv", [f"x{j}" for j in range(10)])
np.savetxt("ks_synthetic_300.csv", kennard_stone(Xs, 300), fmt="%d")
