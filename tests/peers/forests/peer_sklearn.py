#!/usr/bin/python3
"""scikit-learn 1.2 peer for the forest benchmark (Debian python3-sklearn), one repetition per call:
RandomForestRegressor with 500 trees, max_features=4, min_samples_split=6 (a node of 5 or fewer rows is
not split, ranger's min.node.size 5), bootstrap, n_jobs=2 (threads), oob_score=True (ranger and ours
compute OOB predictions too).
Usage: peer_sklearn.py DATADIR SEED   -> prints "name wall_seconds cpu_seconds" lines.
"""
import sys, time, os
import numpy as np
from sklearn.ensemble import RandomForestRegressor

d, seed = sys.argv[1], int(sys.argv[2])
data = np.loadtxt(os.path.join(d, "bench_6136x14.csv"), delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
m = RandomForestRegressor(n_estimators=500, max_features=4, min_samples_split=6, bootstrap=True,
                          oob_score=True, n_jobs=2, random_state=seed)
w, c = time.perf_counter(), time.process_time(); m.fit(X, y)
print(f"sklearn_fit {time.perf_counter() - w:.4f} {time.process_time() - c:.4f}")
w, c = time.perf_counter(), time.process_time(); m.predict(X)
print(f"sklearn_predict {time.perf_counter() - w:.4f} {time.process_time() - c:.4f}")
print(f"sklearn_oob_r2 {m.oob_score_:.4f} {m.oob_score_:.4f}")
