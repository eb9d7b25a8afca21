#!/usr/bin/python3
"""Independent check of a SoilNotebooks ONNX export with Debian's python3-onnx (1.12) and PyTorch (1.13).

Usage: onnx_torch_peer.py MODEL.onnx INPUTS.json OUTPUTS.json

1. onnx.checker.check_model(full_check=True): the file is valid ONNX (schema, opset 13 operator signatures,
   strict shape inference).
2. The graph is evaluated node by node with torch.nn.functional (float32) -- PyTorch 1.13 cannot import ONNX
   itself, so this small interpreter covers exactly the operators the exporter writes: Conv, MaxPool, Flatten,
   Gemm, Relu, Elu, Tanh, Concat, Identity, Mul, Add, ReduceMean.
INPUTS.json: {"name": {"shape": [...], "data": [...]}}; OUTPUTS.json gets {"name": [flat values]} for every
graph output.
"""
import json
import sys

import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def conv(x, w, b, a):
    pads = list(a.get("pads", [0] * (2 * (w.dim() - 2))))
    half = len(pads) // 2
    if any(pads):
        # ONNX pads are [x1_begin, x2_begin, ..., x1_end, x2_end]; F.pad wants the last axis first
        torch_pads = []
        for axis in reversed(range(half)):
            torch_pads += [pads[axis], pads[axis + half]]
        x = F.pad(x, torch_pads)
    return F.conv1d(x, w, b) if w.dim() == 3 else F.conv2d(x, w, b)


def run(model, inputs):
    values = {k: torch.tensor(v["data"], dtype=torch.float32).reshape(v["shape"]) for k, v in inputs.items()}
    for t in model.graph.initializer:
        values[t.name] = torch.from_numpy(onnx.numpy_helper.to_array(t).copy()).float()
    for node in model.graph.node:
        x = [values[i] for i in node.input]
        a = attrs(node)
        op = node.op_type
        if op == "Conv":
            y = conv(x[0], x[1], x[2], a)
        elif op == "MaxPool":
            k, s = list(a["kernel_shape"]), list(a["strides"])
            y = F.max_pool1d(x[0], k, s) if len(k) == 1 else F.max_pool2d(x[0], k, s)
        elif op == "Flatten":
            y = torch.flatten(x[0], a.get("axis", 1))
        elif op == "Gemm":
            assert a.get("transB", 0) == 1 and a.get("transA", 0) == 0
            y = F.linear(x[0], x[1], x[2])
        elif op == "Relu":
            y = F.relu(x[0])
        elif op == "Elu":
            y = F.elu(x[0], a.get("alpha", 1.0))
        elif op == "Tanh":
            y = torch.tanh(x[0])
        elif op == "Concat":
            y = torch.cat(x, a["axis"])
        elif op == "Identity":
            y = x[0]
        elif op == "Mul":
            y = x[0] * x[1]
        elif op == "Add":
            y = x[0] + x[1]
        elif op == "ReduceMean":
            y = torch.mean(x[0], dim=list(a["axes"]), keepdim=bool(a.get("keepdims", 1)))
        else:
            raise SystemExit(f"operator {op} is not covered by this peer")
        values[node.output[0]] = y
    return {o.name: values[o.name].reshape(-1).tolist() for o in model.graph.output}


def main():
    model = onnx.load(sys.argv[1])
    onnx.checker.check_model(model, full_check=True)
    assert model.opset_import[0].version == 13, model.opset_import
    with open(sys.argv[2]) as f:
        inputs = json.load(f)
    with torch.no_grad():
        out = run(model, inputs)
    with open(sys.argv[3], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
