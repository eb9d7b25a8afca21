#!/usr/bin/python3
"""Reference class probabilities of scikit-learn's GaussianNB (Debian python3-sklearn) on the seeded synthetic
classification table of ../../Forests/Reference (make_synthetic.py). Writes naive_bayes_reference.json.
Run: /usr/bin/python3 naive_bayes_reference.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.naive_bayes import GaussianNB

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "Forests", "Reference", "synthetic_classification.csv")) as f:
    rows = list(csv.DictReader(f))
xs = [c for c in rows[0] if c.startswith("x")]
X = np.array([[float(r[c]) for c in xs] for r in rows]); y = np.array([r["class"] for r in rows]); s = np.array([r["set"] for r in rows])
Xtr, ytr, Xte = X[s == "train"], y[s == "train"], X[s == "test"]
yb = np.where(ytr == "2", "high", "low")
out = {
    "sklearn": sklearn.__version__,
    "classes": sorted(set(ytr.tolist())),
    "multiclass_proba": GaussianNB().fit(Xtr, ytr).predict_proba(Xte).tolist(),
    "binary_equal_priors_proba": GaussianNB(priors=[0.5, 0.5]).fit(Xtr, yb).predict_proba(Xte).tolist(),
}
with open(os.path.join(here, "naive_bayes_reference.json"), "w") as f:
    json.dump(out, f)
print(out["sklearn"], len(out["multiclass_proba"]), out["classes"])
