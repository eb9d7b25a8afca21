#!/usr/bin/python3
"""Reference for EoLearnPatchTests: bare-soil frequency of the eo-learn test patch with NumPy (Debian python3-numpy).

frequency[r, c] = #(IS_VALID & NDVI < 0.25) / #(IS_VALID) over the 68 acquisitions; NaN where no valid observation.
Run from the repository root:  /usr/bin/python3 tests/SoilNotebooks.Tests/Compositing/Reference/eolearn_bare_frequency.py
Writes eolearn_bare_frequency.json beside this script.
"""
import json, os
import numpy as np

root = os.path.join("data-manifests", "eo-learn-testpatch")
ndvi = np.load(os.path.join(root, "data_NDVI.npy"))[..., 0]
valid = np.load(os.path.join(root, "mask_IS_VALID.npy"))[..., 0]
n_valid = valid.sum(0)
n_bare = (valid & (ndvi < np.float32(0.25))).sum(0)
with np.errstate(invalid="ignore", divide="ignore"):
    freq = np.where(n_valid > 0, n_bare / n_valid, np.nan)
probe = [(0, 0), (50, 50), (100, 99), (10, 80), (73, 21)]
out = {
    "shape": list(ndvi.shape),
    "valid_observations": int(valid.sum()),
    "bare_observations": int(n_bare.sum()),
    "pixels_with_valid": int((n_valid > 0).sum()),
    "mean_frequency": float(np.nanmean(freq)),
    "median_frequency": float(np.nanmedian(freq)),
    "ndvi_sum": float(ndvi.astype(np.float64).sum()),
    "probe": [{"row": r, "col": c, "frequency": float(freq[r, c]), "valid": int(n_valid[r, c])} for r, c in probe],
}
json.dump(out, open(os.path.join(os.path.dirname(__file__), "eolearn_bare_frequency.json"), "w"), indent=2)
print(json.dumps(out))
