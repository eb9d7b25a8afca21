#!/usr/bin/python3
"""scikit-learn 1.2 peer for the forest benchmark (Debian python3-sklearn): RandomForestRegressor with
500 trees, max_features=4, min_samples_split=6 (a node of 5 or fewer rows is not split, ranger's
min.node.size 5), bootstrap, n_jobs=2, oob_score=True (ranger and ours compute OOB predictions too).
Usage: peer_sklearn.py DATADIR REPS   -> prints "name median_seconds" lines (wall clock).
"""
import sys, time, os
import numpy as np
from sklearn.ensemble import RandomForestRegressor

d, reps = sys.argv[1], int(sys.argv[2])
data = np.loadtxt(os.path.join(d, "bench_6136x14.csv"), delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
fit, pred, r2 = [], [], []
for r in range(reps):
    m = RandomForestRegressor(n_estimators=500, max_features=4, min_samples_split=6, bootstrap=True,
                              oob_score=True, n_jobs=2, random_state=r)
    t0 = time.perf_counter(); m.fit(X, y); fit.append(time.perf_counter() - t0)
    t0 = time.perf_counter(); m.predict(X); pred.append(time.perf_counter() - t0)
    r2.append(m.oob_score_)
print(f"sklearn_fit {np.median(fit):.4f}\nsklearn_predict {np.median(pred):.4f}\nsklearn_oob_r2 {np.median(r2):.4f}")
