#!/usr/bin/python3
"""Reference metric values from scikit-learn 1.2 / SciPy / NumPy (Debian python3-sklearn), written to
metrics_reference.json together with the seeded inputs. Formulas that have no library function
(RPIQ, RPD, Lin's CCC, KGE, unbiased RMSE, PICP) are written out with NumPy here.
Run: /usr/bin/python3 metrics_reference.py
"""
import json
import numpy as np
from scipy import stats
from sklearn import metrics as M

rng = np.random.default_rng(4242)
out = {}

# --- regression ---
obs = np.round(rng.gamma(3.0, 5.0, 57), 3)
pred = np.round(0.8 * obs + rng.normal(2.0, 3.0, 57), 3)
rmse = float(np.sqrt(M.mean_squared_error(obs, pred)))
q1, q3 = np.percentile(obs, [25, 75])  # linear interpolation (type 7)
so, sp = obs.std(), pred.std()          # population SDs
r = float(stats.pearsonr(obs, pred)[0])
ccc = 2 * np.mean((obs - obs.mean()) * (pred - pred.mean())) / (so**2 + sp**2 + (obs.mean() - pred.mean()) ** 2)
kge = 1 - np.sqrt((r - 1) ** 2 + (sp / so - 1) ** 2 + (pred.mean() / obs.mean() - 1) ** 2)
out["regression"] = {
    "observed": obs.tolist(), "predicted": pred.tolist(),
    "rmse": rmse, "mae": float(M.mean_absolute_error(obs, pred)), "bias": float(np.mean(pred - obs)),
    "r2": float(M.r2_score(obs, pred)), "pearson": r, "rpiq": float((q3 - q1) / rmse),
    "rpd": float(obs.std(ddof=1) / rmse), "ccc": float(ccc), "kge": float(kge),
    "ubrmse": float(np.std(pred - obs)),
}

# --- intervals ---
lo = np.round(pred - rng.uniform(2, 10, 57), 3)
hi = np.round(pred + rng.uniform(2, 10, 57), 3)
inside = (obs >= lo) & (obs <= hi)
out["interval"] = {"lower": lo.tolist(), "upper": hi.tolist(), "picp": float(inside.mean()),
                   "mean_width": float(np.mean(hi - lo)), "median_width": float(np.median(hi - lo))}

# --- classification (3 classes, imbalanced, with errors) ---
labels = ["high", "low", "mid"]
yt = rng.choice(labels, 83, p=[0.2, 0.5, 0.3])
yp = yt.copy()
flip = rng.random(83) < 0.35
yp[flip] = rng.choice(labels, flip.sum())
p, rc, f, s = M.precision_recall_fscore_support(yt, yp, labels=labels, zero_division=0)
out["classification"] = {
    "observed": yt.tolist(), "predicted": yp.tolist(), "classes": labels,
    "accuracy": float(M.accuracy_score(yt, yp)),
    "balanced_accuracy": float(M.balanced_accuracy_score(yt, yp)),
    "kappa": float(M.cohen_kappa_score(yt, yp)),
    "precision": p.tolist(), "recall": rc.tolist(), "f1": f.tolist(), "support": s.tolist(),
    "macro": list(map(float, M.precision_recall_fscore_support(yt, yp, labels=labels, average="macro", zero_division=0)[:3])),
    "weighted": list(map(float, M.precision_recall_fscore_support(yt, yp, labels=labels, average="weighted", zero_division=0)[:3])),
    "confusion": M.confusion_matrix(yt, yp, labels=labels).tolist(),
}

# --- ROC AUC (binary with tied scores; multi-class one-vs-rest macro) ---
yb = rng.random(120) < 0.4
score = np.round(np.clip(0.5 * yb + rng.normal(0.3, 0.3, 120), 0, 1), 1)  # rounding makes ties
raw = rng.random((120, 3)) + np.eye(3)[rng.integers(0, 3, 120)] * 0.8
proba = raw / raw.sum(axis=1, keepdims=True)
ym = np.array(labels)[np.argmax(proba + rng.normal(0, 0.2, (120, 3)), axis=1)]
out["roc"] = {"positive": yb.tolist(), "score": score.tolist(), "auc": float(M.roc_auc_score(yb, score)),
              "multi_observed": ym.tolist(), "multi_proba": proba.tolist(),
              "multi_auc_ovr_macro": float(M.roc_auc_score(ym, proba, multi_class="ovr", average="macro", labels=labels)),
              # PR-AUC as average precision (sum over distinct thresholds of (R_n - R_n-1) * P_n), tied scores included
              "average_precision": float(M.average_precision_score(yb, score))}

with open("metrics_reference.json", "w") as fh:
    json.dump(out, fh, indent=1)
