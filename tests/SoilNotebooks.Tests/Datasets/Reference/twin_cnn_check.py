#!/usr/bin/python3
"""Checks that a CNN shaped like the S2MoS network (Tziolas et al. 2020, Table 3) reaches R^2 ~0.5-0.65 on the
S2MoS point twin (the twin's design goal; numbers quoted in the report of the datasets stage).

Usage:  soilnb simulate --dataset s2mos-points-twin --out /tmp/s2tw --seed 1
        /usr/bin/python3 twin_cnn_check.py /tmp/s2tw [epochs] [bags] [torch seed] [glorot|torch]
Results quoted in data-manifests/s2mos-points-twin/manifest.json: '... 6 4 0 glorot' and '... 10 1 <seed> torch'.
Needs Debian python3-torch. One thread. Input 12 x W (W = 150), observations tiled to fill W; inputs and target
scaled to [-1, 1] with training min/max; conv 16/64/16 (3x1) + ReLU + max-pool (1x2), dense 8 ELU (dropout 0.5);
aux lat/lon: dense 8, dense 4; concat; dense 64, 16 ELU (dropout 0.2); dense 1 tanh; Adam 1e-3; L2 2e-3 on the
dense kernels; batch 8 (paper: 100 epochs x 5 bags; defaults here are shorter).
"""
import sys, time
import numpy as np
import torch
import torch.nn as nn
from twin_io import load

torch.set_num_threads(1)
d = sys.argv[1]
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
bags = int(sys.argv[3]) if len(sys.argv) > 3 else 1
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
init = sys.argv[5] if len(sys.argv) > 5 else 'glorot'   # 'glorot' (Keras defaults) or 'torch' (PyTorch defaults)
torch.manual_seed(seed); np.random.seed(seed)
W = 150
P, ids, X, oid, st, en, tr = load(d)
lo, hi = X[np.isin(oid, ids[tr])].min(0), X[np.isin(oid, ids[tr])].max(0)
Xs = 2 * (X - lo) / (hi - lo) - 1
spec = np.zeros((len(ids), 1, 12, W), np.float32)
for k, (s, e) in enumerate(zip(st, en)):
    block = Xs[s:e].T
    reps = int(np.ceil(W / block.shape[1]))
    spec[k, 0] = np.tile(block, reps)[:, :W]
aux = np.column_stack([P['lat'], P['lon']]).astype(np.float32)
alo, ahi = aux[tr].min(0), aux[tr].max(0); aux = 2 * (aux - alo) / (ahi - alo) - 1
y = P['clay'].astype(np.float32); ylo, yhi = y[tr].min(), y[tr].max(); ys = 2 * (y - ylo) / (yhi - ylo) - 1

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 16, (3, 1)), nn.ReLU(), nn.MaxPool2d((1, 2)),
                                  nn.Conv2d(16, 64, (3, 1)), nn.ReLU(), nn.MaxPool2d((1, 2)),
                                  nn.Conv2d(64, 16, (3, 1)), nn.ReLU(), nn.MaxPool2d((1, 2)), nn.Flatten())
        self.d1 = nn.Linear(16 * 6 * 18, 8); self.a1 = nn.Linear(2, 8); self.a2 = nn.Linear(8, 4)
        self.h1 = nn.Linear(12, 64); self.h2 = nn.Linear(64, 16); self.out = nn.Linear(16, 1)
        self.dr5 = nn.Dropout(0.5); self.dr2 = nn.Dropout(0.2); self.elu = nn.ELU()
    def forward(self, s, a):
        z = self.dr5(self.elu(self.d1(self.conv(s))))
        b = self.a2(self.a1(a))
        h = self.dr2(self.elu(self.h1(torch.cat([z, b], 1))))
        h = self.dr2(self.elu(self.h2(h)))
        return torch.tanh(self.out(h)).squeeze(1)
    def l2(self):
        return sum((m.weight ** 2).sum() for m in [self.d1, self.h1, self.h2])

tri = np.where(tr)[0]; tei = np.where(~tr)[0]
St, At, Yt = torch.tensor(spec), torch.tensor(aux), torch.tensor(ys)
preds = []
for b in range(bags):
    rng = np.random.default_rng(1000 * seed + b)
    idx = np.sort(rng.choice(tri, int(round(0.8 * len(tri))), replace=False)) if bags > 1 else tri
    net = Net()
    if init == 'glorot':
        for m in net.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d)):
                nn.init.xavier_uniform_(m.weight); nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    t0 = time.time()
    for ep in range(epochs):
        net.train(); perm = rng.permutation(idx)
        for i in range(0, len(perm), 8):
            j = perm[i:i + 8]
            opt.zero_grad()
            loss = ((net(St[j], At[j]) - Yt[j]) ** 2).mean() + 0.002 * net.l2()
            loss.backward(); opt.step()
        if ep % 10 == 9 or ep == epochs - 1:
            net.eval()
            with torch.no_grad(): p = net(St[tei], At[tei]).numpy()
            p = (p + 1) / 2 * (yhi - ylo) + ylo
            r2 = 1 - np.sum((y[tei] - p) ** 2) / np.sum((y[tei] - y[tei].mean()) ** 2)
            print(f'bag {b} epoch {ep + 1}: test R2 {r2:.3f} ({time.time() - t0:.0f} s)', flush=True)
    preds.append(p)
p = np.mean(preds, 0)
r2 = 1 - np.sum((y[tei] - p) ** 2) / np.sum((y[tei] - y[tei].mean()) ** 2)
rmse = np.sqrt(np.mean((y[tei] - p) ** 2)); q1, q3 = np.percentile(y[tei], [25, 75])
print(f'ensemble of {bags}: test R2 {r2:.3f}, RMSE {rmse:.2f} %, RPIQ {(q3 - q1) / rmse:.2f}')
