#!/usr/bin/python3
"""Learnability of the S2MoS point twin (numbers quoted in data-manifests/s2mos-points-twin/manifest.json).

Usage:  soilnb simulate --dataset s2mos-points-twin --out /tmp/s2tw --seed 1
        /usr/bin/python3 twin_learnability.py /tmp/s2tw
Needs Debian python3-numpy and python3-sklearn. Features are per-point medians (and quartiles) of the 12
channels, with or without lat/lon; train/test from split.csv; scores are test R^2.
"""
import sys
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler
from twin_io import load

P, ids, X, oid, st, en, tr = load(sys.argv[1])
med = np.array([np.median(X[s:e], axis=0) for s, e in zip(st, en)])
q25 = np.array([np.percentile(X[s:e], 25, axis=0) for s, e in zip(st, en)])
q75 = np.array([np.percentile(X[s:e], 75, axis=0) for s, e in zip(st, en)])
y = P['clay']; coords = np.column_stack([P['lat'], P['lon']])

def r2(pred):
    return 1 - np.sum((y[~tr] - pred) ** 2) / np.sum((y[~tr] - y[~tr].mean()) ** 2)

print('observations per point: median', np.median(en - st), 'min', (en - st).min(), 'max', (en - st).max())
print('clay: min', y.min(), 'quartiles', np.percentile(y, [25, 50, 75]), 'max', y.max(), 'mean', y.mean(), 'sd', y.std(ddof=1))
for name, F in [('RF median+coords', np.column_stack([med, coords])), ('RF median', med), ('RF coords', coords),
                ('RF median+quartiles+coords', np.column_stack([med, q25, q75, coords]))]:
    rf = RandomForestRegressor(300, min_samples_leaf=2, n_jobs=1, random_state=0, max_features=0.33).fit(F[tr], y[tr])
    print(name, 'R2 %.3f' % r2(rf.predict(F[~tr])))
F = np.column_stack([np.ones(len(ids)), med, coords])
b = np.linalg.lstsq(F[tr], y[tr], rcond=None)[0]; print('OLS median+coords R2 %.3f' % r2(F[~tr] @ b))
F2 = np.column_stack([F, med[:, 8] / med[:, 9], med ** 2])
b = np.linalg.lstsq(F2[tr], y[tr], rcond=None)[0]; print('OLS +squares+B11/B12 R2 %.3f' % r2(F2[~tr] @ b))
sc = StandardScaler().fit(F[tr][:, 1:])
m = MLPRegressor((64, 16), alpha=1e-3, max_iter=500, early_stopping=True, random_state=0).fit(sc.transform(F[tr][:, 1:]), y[tr])
print('MLP(64,16) median+coords R2 %.3f' % r2(m.predict(sc.transform(F[~tr][:, 1:]))))
