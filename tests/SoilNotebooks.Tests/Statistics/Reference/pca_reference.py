#!/usr/bin/python3
"""Reference principal components with Debian's NumPy, written to pca_reference.json: for each case the data (rows ×
variables), the column means, the covariance eigenvalues (ddof=1, descending), the unit loadings (rows of Vt of the SVD
of the centred data, each signed so that its largest-magnitude entry is positive) and the scores on the first two
components. Run: /usr/bin/python3 pca_reference.py
"""
import json
import numpy as np

rng = np.random.default_rng(11)
# ten correlated "bands" (a brightness factor, a slope, noise), like per-point median Sentinel-2 spectra
n = 40
bright = rng.normal(0.2, 0.05, n)
slope = rng.normal(0.0, 0.02, n)
wl = np.linspace(0, 1, 10)
spectra = bright[:, None] * (0.5 + wl[None, :]) + slope[:, None] * wl[None, :] + rng.normal(0, 0.004, (n, 10))
cases = {
    "spectra40x10": np.round(spectra, 6),
    "hand3x2": np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 9.0]]),
}
out = {}
for name, x in cases.items():
    mean = x.mean(axis=0)
    c = x - mean
    u, s, vt = np.linalg.svd(c, full_matrices=False)
    for k in range(vt.shape[0]):
        if vt[k, np.argmax(np.abs(vt[k]))] < 0:
            vt[k] = -vt[k]
    variances = s ** 2 / (x.shape[0] - 1)
    scores = c @ vt[:2].T
    out[name] = {"rows": x.tolist(), "mean": mean.tolist(), "variances": variances.tolist(), "loadings": vt.tolist(),
                 "scores": scores.tolist(), "total": float(np.trace(np.cov(x, rowvar=False)))}
with open("pca_reference.json", "w") as fh:
    json.dump(out, fh)
