#!/usr/bin/python3
"""Reference predictions from scikit-learn 1.2 (Debian python3-sklearn) for the classic learners, on the
seeded synthetic tables of make_synthetic.py. Writes sklearn_reference.json.
Run: /usr/bin/python3 sklearn_reference.py
"""
import json
import numpy as np
import sklearn
from sklearn.tree import DecisionTreeRegressor, DecisionTreeClassifier
from sklearn.ensemble import (GradientBoostingRegressor, GradientBoostingClassifier, ExtraTreesRegressor,
                              ExtraTreesClassifier, RandomForestRegressor, RandomForestClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsRegressor, KNeighborsClassifier
from sklearn.metrics import r2_score, accuracy_score

def load(path, ycol):
    import csv
    with open(path) as f:
        rows = list(csv.DictReader(f))
    xs = [c for c in rows[0] if c.startswith("x")]
    X = np.array([[float(r[c]) for c in xs] for r in rows])
    y = np.array([r[ycol] for r in rows])
    s = np.array([r["set"] for r in rows])
    return X[s == "train"], y[s == "train"], X[s == "test"], y[s == "test"]

out = {"sklearn": sklearn.__version__}
Xr, yr, Xrt, yrt = load("synthetic_regression.csv", "y")
yr = yr.astype(float); yrt = yrt.astype(float)
Xc, yc, Xct, yct = load("synthetic_classification.csv", "class")

# Trees: in small nodes several features can give the same partition (equal scores); which one is used
# depends on the random feature order, so unseen rows may fall differently. Training-row predictions
# (which depend only on the partitions) are compared exactly; test rows by their score.
t = DecisionTreeRegressor(max_depth=5, random_state=0).fit(Xr, yr)
out["tree_regression_depth5_train"] = t.predict(Xr).tolist()
out["tree_regression_depth5_test_r2"] = float(r2_score(yrt, t.predict(Xrt)))
t = DecisionTreeClassifier(max_depth=5, random_state=0).fit(Xc, yc)
out["tree_classification_depth5_train_proba"] = t.predict_proba(Xc).tolist()
g = GradientBoostingRegressor(n_estimators=50, max_depth=3, learning_rate=0.1, random_state=0).fit(Xr, yr)
out["gbr_50_train"] = g.predict(Xr).tolist()
out["gbr_50_test_r2"] = float(r2_score(yrt, g.predict(Xrt)))
out["gbc_multiclass_30_train_proba"] = GradientBoostingClassifier(n_estimators=30, random_state=0).fit(Xc, yc).predict_proba(Xc).tolist()
yb = np.where(yc == "2", "high", "low"); ybt = np.where(yct == "2", "high", "low")
out["gbc_binary_30_train_proba"] = GradientBoostingClassifier(n_estimators=30, random_state=0).fit(Xc, yb).predict_proba(Xc).tolist()
lr = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-14, max_iter=100000).fit(Xc, yb)
out["logreg_binary_proba"] = lr.predict_proba(Xct).tolist()
out["logreg_binary_coef"] = lr.coef_.tolist(); out["logreg_binary_intercept"] = lr.intercept_.tolist()
out["logreg_binary_balanced_proba"] = LogisticRegression(C=0.5, solver="newton-cg", tol=1e-14, max_iter=100000, class_weight="balanced").fit(Xc, yb).predict_proba(Xct).tolist()
out["logreg_multinomial_proba"] = LogisticRegression(C=2.0, solver="newton-cg", tol=1e-14, max_iter=100000).fit(Xc, yc).predict_proba(Xct).tolist()
out["knn_regression_5"] = KNeighborsRegressor(5).fit(Xr, yr).predict(Xrt).tolist()
out["knn_classification_7_distance_proba"] = KNeighborsClassifier(7, weights="distance").fit(Xc, yc).predict_proba(Xct).tolist()
out["extra_trees_regression_r2"] = float(np.mean([r2_score(yrt, ExtraTreesRegressor(n_estimators=300, random_state=s).fit(Xr, yr).predict(Xrt)) for s in range(3)]))
out["extra_trees_classification_accuracy"] = float(np.mean([accuracy_score(yct, ExtraTreesClassifier(n_estimators=300, random_state=s).fit(Xc, yc).predict(Xct)) for s in range(3)]))
out["random_forest_regression_r2_mtry4_leaf"] = float(np.mean([r2_score(yrt, RandomForestRegressor(n_estimators=300, max_features=4, random_state=s).fit(Xr, yr).predict(Xrt)) for s in range(3)]))
out["random_forest_classification_accuracy"] = float(np.mean([accuracy_score(yct, RandomForestClassifier(n_estimators=300, max_features="sqrt", random_state=s).fit(Xc, yc).predict(Xct)) for s in range(3)]))
with open("sklearn_reference.json", "w") as f:
    json.dump(out, f)
print({k: v for k, v in out.items() if not isinstance(v, list)})
