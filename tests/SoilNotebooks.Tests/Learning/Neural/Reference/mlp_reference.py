#!/usr/bin/python3
"""Reference test accuracies of scikit-learn's MLPClassifier (Debian python3-sklearn, defaults: 100 ReLU units, Adam
1e-3, alpha 1e-4, batch min(200, n), 200 epochs, tol 1e-4 / 10 epochs) behind a StandardScaler, on the seeded synthetic
3-class table of ../../Forests/Reference (make_synthetic.py), for seeds 0-4. Writes mlp_reference.json.
Run: /usr/bin/python3 mlp_reference.py
"""
import csv
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "Forests", "Reference", "synthetic_classification.csv")) as f:
    rows = list(csv.DictReader(f))
xs = [c for c in rows[0] if c.startswith("x")]
X = np.array([[float(r[c]) for c in xs] for r in rows]); y = np.array([r["class"] for r in rows]); s = np.array([r["set"] for r in rows])
Xtr, ytr, Xte, yte = X[s == "train"], y[s == "train"], X[s == "test"], y[s == "test"]
acc, epochs = [], []
for seed in range(5):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m = make_pipeline(StandardScaler(), MLPClassifier(random_state=seed)).fit(Xtr, ytr)
    acc.append(float((m.predict(Xte) == yte).mean()))
    epochs.append(int(m[-1].n_iter_))
out = {"sklearn": sklearn.__version__, "seeds": list(range(5)), "test_accuracy": acc, "epochs": epochs,
       "mean_test_accuracy": float(np.mean(acc))}
with open(os.path.join(here, "mlp_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print(out)
