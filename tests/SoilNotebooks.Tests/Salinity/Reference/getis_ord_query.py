"""Independent numpy implementation of the Getis-Ord statistic (Getis & Ord 1992; Ord & Getis 1995) for QUERY points
scored from training points only (the query's own value is never used), and a check of the same formula against
R spdep's localG on the training points (getis_ord_spdep.csv, made by getis_ord_spdep.R).

    z_i = (sum_j w_ij x_j - W_i xbar) / (s * sqrt((n S1_i - W_i^2) / (n - 1)))
    xbar, s^2 (population) over the n values in play: all training values for a query point and for Gi*;
    all but x_i for Gi (site i excluded from its own sum, mean and variance, n = N - 1).
    W_i = sum_j w_ij, S1_i = sum_j w_ij^2; binary weights: band (d <= 25) or the k = 5 nearest.

Run: /usr/bin/python3 getis_ord_query.py   (writes getis_ord_query.csv next to this script)
"""
import csv
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "getis_ord_spdep.csv")) as f:
    rows = list(csv.DictReader(f))
tx = np.array([float(r["x"]) for r in rows]); ty = np.array([float(r["y"]) for r in rows])
tv = np.array([float(r["value"]) for r in rows])
N = len(tv)


def z(values, w):
    n = len(values)
    xbar = values.mean(); s = np.sqrt(((values - xbar) ** 2).mean())
    W = w.sum(); S1 = (w ** 2).sum()
    if W == 0:
        return np.nan
    return (w @ values - W * xbar) / (s * np.sqrt((n * S1 - W * W) / (n - 1)))


def weights(d, kind, exclude=None):
    d = d.copy()
    if exclude is not None:
        d[exclude] = np.inf
    w = np.zeros_like(d)
    if kind == "band":
        w[d <= 25.0] = 1.0
    else:
        w[np.argsort(d, kind="stable")[:5]] = 1.0
    return w


# 1) the formula reproduces spdep on the training points (Gi and Gi*)
for kind in ("band", "knn5"):
    for star in (False, True):
        col = ("gistar_" if star else "gi_") + kind
        want = np.array([float(r[col]) for r in rows])
        got = np.empty(N)
        for i in range(N):
            d = np.hypot(tx - tx[i], ty - ty[i])
            w = weights(d, "band" if kind == "band" else "knn", exclude=i)
            if star:
                w[i] = 1.0
                got[i] = z(tv, w)
            else:
                keep = np.arange(N) != i
                got[i] = z(tv[keep], w[keep])
        err = np.nanmax(np.abs(got - want))
        assert err < 1e-9, (col, err)
        print(f"{col}: max |numpy - spdep| = {err:.2e}")

# 2) query points: scored from the training points only
rng = np.random.default_rng(1616)
qx = rng.uniform(0, 100, 25); qy = rng.uniform(0, 100, 25)
out = []
for j in range(len(qx)):
    d = np.hypot(tx - qx[j], ty - qy[j])
    out.append((qx[j], qy[j], z(tv, weights(d, "band")), z(tv, weights(d, "knn")), int(weights(d, "band").sum())))
with open(os.path.join(here, "getis_ord_query.csv"), "w", newline="") as f:
    wr = csv.writer(f)
    wr.writerow(["qx", "qy", "g_band", "g_knn5", "band_neighbours"])
    for r in out:
        wr.writerow([repr(float(r[0])), repr(float(r[1])), repr(float(r[2])), repr(float(r[3])), r[4]])
print("wrote", len(out), "query rows")
