#!/usr/bin/python3
"""PyTorch peer of `soilnb cnn` (PyTorch 1.13, Debian python3-torch, one thread).

Same files, same preprocessing (first W observations by t, slots beyond a point's observations
repeat its observations cyclically, [-1, 1] min/max scaling of channels over all training
observations, of lat/lon and of the target), same network (Tziolas et al. 2020 Table 3:
conv 16/64/16 with 3x1 kernels along the spectral axis + ReLU + 1x2 max-pooling, dense 8 ELU L2 0.002
+ dropout 0.5; aux dense 8, dense 4; concat; dense 64/16 ELU L2 0.002 + dropout 0.2; dense 1 tanh),
Glorot-uniform weights and zero biases (Keras defaults), Adam (lr 1e-3, eps 1e-7), MSE + L2 (Keras:
lambda * sum(w^2)), batch 8, bags drawn without replacement, predictions averaged.
Prints one JSON line like the C# verb.
Usage: s2mos_peer.py DATA_DIR [--epochs E] [--bags B] [--width W] [--seed S] [--padding repeat|zero]
"""
import argparse, csv, json, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument("data")
ap.add_argument("--epochs", type=int, default=100)
ap.add_argument("--bags", type=int, default=5)
ap.add_argument("--width", type=int, default=150)
ap.add_argument("--batch", type=int, default=8)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--padding", choices=["repeat", "zero"], default="repeat")
a = ap.parse_args()
CH = ["B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B11", "B12", "VV", "VH"]


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))


pts = read(f"{a.data}/points.csv")
split = {r["id"]: r["set"] for r in read(f"{a.data}/split.csv")}
obs = {}
for r in read(f"{a.data}/obs.csv"):
    obs.setdefault(r["id"], []).append((float(r["t"]), [float(r[c]) for c in CH]))
ids = [p["id"] for p in pts]
y = np.array([float(p["clay"]) for p in pts])
aux = np.array([[float(p["lat"]), float(p["lon"])] for p in pts])
series = [np.array([v for _, v in sorted(obs[i], key=lambda o: o[0])])[: a.width] for i in ids]
train = np.array([split[i] == "train" for i in ids])
tr_idx, te_idx = np.where(train)[0], np.where(~train)[0]

allobs = np.concatenate([series[i] for i in tr_idx])
cmin, cmax = allobs.min(0), allobs.max(0)
amin, amax = aux[tr_idx].min(0), aux[tr_idx].max(0)
ymin, ymax = y[tr_idx].min(), y[tr_idx].max()
sc = lambda x, lo, hi: 2 * (x - lo) / (hi - lo) - 1
X = np.zeros((len(ids), 1, len(CH), a.width), np.float32)
for i, s in enumerate(series):
    s = sc(s, cmin, cmax)
    if a.padding == "repeat":
        X[i, 0] = s[np.arange(a.width) % len(s)].T
    else:
        X[i, 0, :, : len(s)] = s.T
A = sc(aux, amin, amax).astype(np.float32)
Y = sc(y, ymin, ymax).astype(np.float32)[:, None]


class S2MoS(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c1, self.c2, self.c3 = nn.Conv2d(1, 16, (3, 1)), nn.Conv2d(16, 64, (3, 1)), nn.Conv2d(64, 16, (3, 1))
        w = width // 2 // 2 // 2
        self.d = nn.Linear(16 * (len(CH) - 6) * w, 8)
        self.a1, self.a2 = nn.Linear(2, 8), nn.Linear(8, 4)
        self.h1, self.h2, self.o = nn.Linear(12, 64), nn.Linear(64, 16), nn.Linear(16, 1)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x, a):
        x = F.max_pool2d(F.relu(self.c1(x)), (1, 2))
        x = F.max_pool2d(F.relu(self.c2(x)), (1, 2))
        x = F.max_pool2d(F.relu(self.c3(x)), (1, 2))
        x = F.dropout(F.elu(self.d(torch.flatten(x, 1))), 0.5, self.training)
        g = self.a2(self.a1(a))
        h = F.dropout(F.elu(self.h1(torch.cat([x, g], 1))), 0.2, self.training)
        h = F.dropout(F.elu(self.h2(h)), 0.2, self.training)
        return torch.tanh(self.o(h))

    def penalty(self):
        return 0.002 * ((self.d.weight ** 2).sum() + (self.h1.weight ** 2).sum() + (self.h2.weight ** 2).sum())


rng = np.random.default_rng(a.seed)
torch.manual_seed(a.seed)
Xt, At, Yt = torch.from_numpy(X), torch.from_numpy(A), torch.from_numpy(Y)
m_bag = int(round(0.8 * len(tr_idx)))
epoch_times, preds = [], []
t_train = time.time()
c_train = time.process_time()
for b in range(a.bags):
    rows = np.sort(rng.choice(tr_idx, m_bag, replace=False)) if a.bags > 1 else tr_idx
    net = S2MoS(a.width)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    net.train()
    for e in range(a.epochs):
        t0 = time.time()
        perm = rows[rng.permutation(len(rows))]
        total, batches = 0.0, 0
        for s in range(0, len(perm), a.batch):
            idx = torch.from_numpy(perm[s:s + a.batch])
            opt.zero_grad()
            loss = F.mse_loss(net(Xt[idx], At[idx]), Yt[idx]) + net.penalty()
            loss.backward()
            opt.step()
            total += loss.item(); batches += 1
        epoch_times.append(time.time() - t0)
        print(f"peer: bag {b + 1}/{a.bags} epoch {e + 1}/{a.epochs} loss {total / batches:.5f} ({epoch_times[-1]:.2f} s)", file=sys.stderr)
    preds.append(net)
train_s = time.time() - t_train
train_cpu = time.process_time() - c_train
t0 = time.time()
with torch.no_grad():
    out = []
    for net in preds:
        net.eval()
        out.append(torch.cat([net(Xt[te_idx[s:s + 256]], At[te_idx[s:s + 256]]) for s in range(0, len(te_idx), 256)]).numpy()[:, 0])
p = ymin + (np.mean(out, 0) + 1) / 2 * (ymax - ymin)
predict_s = time.time() - t0
o = y[te_idx]
rmse = float(np.sqrt(np.mean((o - p) ** 2)))
r2 = float(1 - np.sum((o - p) ** 2) / np.sum((o - o.mean()) ** 2))
q1, q3 = np.percentile(o, [25, 75])
print(json.dumps({"verb": "pytorch-peer", "torch": torch.__version__, "threads": torch.get_num_threads(), "train_points": int(len(tr_idx)),
                  "test_points": int(len(te_idx)), "epochs": a.epochs, "bags": a.bags, "batch": a.batch,
                  "seconds_per_epoch": float(np.median(epoch_times)), "train_seconds": train_s, "train_cpu_seconds": train_cpu, "predict_seconds": predict_s,
                  "rmse": rmse, "r2": r2, "rpiq": float((q3 - q1) / rmse)}))
