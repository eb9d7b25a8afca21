#!/usr/bin/python3
"""Reference values for the SoilNotebooks neural engine, from PyTorch 1.13 (Debian python3-torch).

Run:  /usr/bin/python3 make_torch_reference.py   (writes torch_reference.json beside this script)

Every case fixes small random weights and inputs (numpy seed 1234, float32), runs PyTorch in float64
for the gradients of a weighted sum of the output (so d output = r), and stores inputs, weights,
outputs and gradients. The 'net' case is a scaled-down S2MoS multi-input CNN (conv along the spectral
axis, pooling along the observation axis, aux branch, concatenation, ELU, tanh) trained for three Adam
steps with MSE + Keras-style L2 (loss += lambda * sum(w^2)); both the PyTorch Adam update and the
Keras/TF 'epsilon-hat' update (computed here with numpy) are stored.
Tests compare in float32 with an absolute/relative tolerance of 1e-5.
"""
import json, os
import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
rng = np.random.default_rng(1234)
out = {"generator": "make_torch_reference.py", "torch": torch.__version__}


def arr(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def T(a, grad=False):
    t = torch.tensor(np.asarray(a, dtype=np.float64))
    t.requires_grad_(grad)
    return t


def put(case, **kw):
    # 9 significant digits: exact for float32 inputs, far below the 1e-5 test tolerance for float64 results
    out[case] = {k: {"shape": list(np.shape(v)), "data": [float(f"{x:.9g}") for x in np.asarray(v, dtype=np.float64).ravel()]}
                 for k, v in kw.items()}


def conv_case(name, xs, ws, padding):
    x, w, b = arr(*xs), arr(*ws, scale=0.5), arr(ws[0], scale=0.1)
    xt, wt, bt = T(x, True), T(w, True), T(b, True)
    y = F.conv2d(xt, wt, bt, padding=padding) if len(xs) == 4 else F.conv1d(xt, wt, bt, padding=padding)
    r = arr(*y.shape)
    (y * T(r)).sum().backward()
    put(name, x=x, w=w, b=b, r=r, y=y.detach().numpy(), dx=xt.grad.numpy(), dw=wt.grad.numpy(), db=bt.grad.numpy())


conv_case("conv_h_valid", (2, 3, 5, 4), (4, 3, 3, 1), "valid")
conv_case("conv_h_same", (2, 3, 5, 4), (2, 3, 3, 1), "same")
conv_case("conv_w_same_even", (2, 3, 5, 6), (2, 3, 1, 4), "same")
conv_case("conv_w_valid", (2, 2, 3, 7), (3, 2, 1, 3), "valid")
conv_case("conv1d_valid", (2, 3, 8), (4, 3, 3), "valid")
conv_case("conv_h_wide", (1, 5, 7, 37), (6, 5, 3, 1), "valid")  # width not a multiple of 8: exercises kernel tails


def pool_case(name, xs, k):
    x = arr(*xs)
    xt = T(x, True)
    y = F.max_pool2d(xt, k)
    r = arr(*y.shape)
    (y * T(r)).sum().backward()
    put(name, x=x, r=r, y=y.detach().numpy(), dx=xt.grad.numpy())


pool_case("pool_w", (2, 3, 4, 5), (1, 2))
pool_case("pool_h", (2, 3, 5, 4), (2, 1))
pool_case("pool_w_wide", (2, 4, 3, 37), (1, 2))  # vectorised pair path and its tail

# linear + activations
x, w, b = arr(3, 7), arr(5, 7, scale=0.5), arr(5, scale=0.1)
for act_name, act in [("relu", F.relu), ("elu", F.elu), ("tanh", torch.tanh), ("none", lambda v: v)]:
    xt, wt, bt = T(x, True), T(w, True), T(b, True)
    y = act(F.linear(xt, wt, bt))
    r = arr(*y.shape)
    (y * T(r)).sum().backward()
    put("linear_" + act_name, x=x, w=w, b=b, r=r, y=y.detach().numpy(), dx=xt.grad.numpy(), dw=wt.grad.numpy(), db=bt.grad.numpy())

# scaled-down S2MoS multi-input network
B, C, W = 4, 8, 12
spec, aux, target = arr(B, 1, C, W), arr(B, 2), np.tanh(arr(B, 1)).astype(np.float32)
L2 = 0.002
shapes = {
    "c1.weight": (4, 1, 3, 1), "c1.bias": (4,),
    "c2.weight": (6, 4, 3, 1), "c2.bias": (6,),
    "d1.weight": (5, 6 * 4 * 3), "d1.bias": (5,),
    "a1.weight": (3, 2), "a1.bias": (3,),
    "a2.weight": (2, 3), "a2.bias": (2,),
    "h1.weight": (6, 7), "h1.bias": (6,),
    "out.weight": (1, 6), "out.bias": (1,),
}
l2_names = {"d1.weight", "h1.weight"}
init = {k: arr(*s, scale=0.3) for k, s in shapes.items()}


def forward(p, s, a):
    h = F.max_pool2d(F.relu(F.conv2d(s, p["c1.weight"], p["c1.bias"])), (1, 2))
    h = F.max_pool2d(F.relu(F.conv2d(h, p["c2.weight"], p["c2.bias"])), (1, 2))
    h = F.elu(F.linear(torch.flatten(h, 1), p["d1.weight"], p["d1.bias"]))
    g = F.linear(F.linear(a, p["a1.weight"], p["a1.bias"]), p["a2.weight"], p["a2.bias"])
    h = F.elu(F.linear(torch.cat([h, g], 1), p["h1.weight"], p["h1.bias"]))
    return torch.tanh(F.linear(h, p["out.weight"], p["out.bias"]))


def loss_of(p, y):
    mse = F.mse_loss(y, T(target))
    return mse, mse + sum(L2 * (p[k] ** 2).sum() for k in l2_names)


params = {k: T(v, True) for k, v in init.items()}
y = forward(params, T(spec), T(aux))
mse, total = loss_of(params, y)
total.backward()
net = {"spec": spec, "aux": aux, "target": target, "y": y.detach().numpy(), "mse": np.array([mse.item()]), "loss": np.array([total.item()])}
net.update({"init." + k: v for k, v in init.items()})
net.update({"grad." + k: params[k].grad.numpy() for k in shapes})

# three Adam steps, PyTorch semantics (eps = 1e-7 like Keras' default), float32 like the engine
p32 = {k: torch.tensor(v, requires_grad=True) for k, v in init.items()}
opt = torch.optim.Adam(list(p32.values()), lr=0.01, betas=(0.9, 0.999), eps=1e-7)
for step in range(1, 4):
    opt.zero_grad()
    y = forward(p32, torch.tensor(spec), torch.tensor(aux))
    mse = F.mse_loss(y, torch.tensor(target))
    (mse + sum(L2 * (p32[k] ** 2).sum() for k in l2_names)).backward()
    opt.step()
    net.update({f"adam{step}.{k}": p32[k].detach().numpy().copy() for k in shapes})

# three Adam steps, Keras/TF semantics: w -= lr*sqrt(1-b2^t)/(1-b1^t) * m/(sqrt(v)+eps)
p64 = {k: T(v, True) for k, v in init.items()}
m = {k: np.zeros_like(v, dtype=np.float64) for k, v in init.items()}
v2 = {k: np.zeros_like(v, dtype=np.float64) for k, v in init.items()}
for step in range(1, 4):
    for t in p64.values():
        t.grad = None
    y = forward(p64, T(spec), T(aux))
    _, tot = loss_of(p64, y)
    tot.backward()
    with torch.no_grad():
        lr_t = 0.01 * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
        for k, t in p64.items():
            g = t.grad.numpy()
            m[k] = 0.9 * m[k] + 0.1 * g
            v2[k] = 0.999 * v2[k] + 0.001 * g * g
            t -= torch.tensor(lr_t * m[k] / (np.sqrt(v2[k]) + 1e-7))
    net.update({f"keras{step}.{k}": p64[k].detach().numpy().copy() for k in shapes})

put("net", **net)

# the full Table 3 network (as in tests/peers/neural/s2mos_peer.py), float32, two samples of 12 x 150:
# eval-mode outputs and the gradient of the MSE (+ L2) with respect to the first convolution's kernel
full_shapes = {
    "conv1.weight": (16, 1, 3, 1), "conv1.bias": (16,), "conv2.weight": (64, 16, 3, 1), "conv2.bias": (64,),
    "conv3.weight": (16, 64, 3, 1), "conv3.bias": (16,), "spectral_dense.weight": (8, 1728), "spectral_dense.bias": (8,),
    "aux_dense1.weight": (8, 2), "aux_dense1.bias": (8,), "aux_dense2.weight": (4, 8), "aux_dense2.bias": (4,),
    "head1.weight": (64, 12), "head1.bias": (64,), "head2.weight": (16, 64), "head2.bias": (16,),
    "output.weight": (1, 16), "output.bias": (1,),
}
fw = {k: arr(*v, scale=0.15) for k, v in full_shapes.items()}
fs, fa, ft = np.tanh(arr(2, 1, 12, 150)).astype(np.float32), arr(2, 2), np.tanh(arr(2, 1)).astype(np.float32)
fp = {k: torch.tensor(v, requires_grad=True) for k, v in fw.items()}
h = torch.tensor(fs)
for i in (1, 2, 3):
    h = F.max_pool2d(F.relu(F.conv2d(h, fp[f"conv{i}.weight"], fp[f"conv{i}.bias"])), (1, 2))
h = F.elu(F.linear(torch.flatten(h, 1), fp["spectral_dense.weight"], fp["spectral_dense.bias"]))
g = F.linear(F.linear(torch.tensor(fa), fp["aux_dense1.weight"], fp["aux_dense1.bias"]), fp["aux_dense2.weight"], fp["aux_dense2.bias"])
h = F.elu(F.linear(torch.cat([h, g], 1), fp["head1.weight"], fp["head1.bias"]))
h = F.elu(F.linear(h, fp["head2.weight"], fp["head2.bias"]))
fy = torch.tanh(F.linear(h, fp["output.weight"], fp["output.bias"]))
F.mse_loss(fy, torch.tensor(ft)).backward()
full = {"spec": fs, "aux": fa, "target": ft, "y": fy.detach().numpy(), "grad.conv1.weight": fp["conv1.weight"].grad.numpy(),
        "grad.conv2.weight": fp["conv2.weight"].grad.numpy()}
full.update({"w." + k: v for k, v in fw.items()})
put("full_table3", **full)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_reference.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
