#!/usr/bin/env python3
"""Regenerate tests/fixtures/torch/dense.json from real PyTorch.

Run by hand with Debian's python3-torch, as scripts/make_torch_fixtures.py:

    /usr/bin/python3 scripts/make_torch_dense_fixtures.py

A dense layer is y = act(F.linear(x, weight, bias)) with weight [O, I] (nn.Linear's layout) and act
one of linear, relu, tanh, sigmoid, gelu (F.gelu with approximate='none', the exact erf form).
Given a random upstream gradient dy, autograd gives dx, dweight and dbias. Inputs are float32 values
on a 2**-10 grid (see make_torch_fixtures.py); everything is computed in float64.
"""

import json

import torch
import torch.nn.functional as F

from make_torch_fixtures import OUT_DIR, flat, randn, seed, uniform

GENERATOR = "scripts/make_torch_dense_fixtures.py"

ACTIVATIONS = {
    "linear": lambda z: z,
    "relu": F.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "gelu": lambda z: F.gelu(z, approximate="none"),
}


def dense_case(name, activation, x, weight, bias, dy):
    xd, wd, bd = (t.double().requires_grad_(True) for t in (x, weight, bias))
    y = ACTIVATIONS[activation](F.linear(xd, wd, bd))
    y.backward(dy.double())
    (batch, inputs), outputs = x.shape, weight.shape[0]
    return {
        "name": name, "activation": activation, "batch": batch, "inputs": inputs, "outputs": outputs,
        "x": flat(x), "weight": flat(weight), "bias": flat(bias), "dy": flat(dy),
        "y": flat(y), "dx": flat(xd.grad), "dweight": flat(wd.grad), "dbias": flat(bd.grad),
    }


def layer(batch, inputs, outputs, x_std=1.0):
    """x and dy normal; weight and bias from nn.Linear's default init, U(-1/sqrt(I), 1/sqrt(I))."""
    bound = inputs ** -0.5
    return (randn(batch, inputs, std=x_std), uniform(outputs, inputs, lo=-bound, hi=bound),
            uniform(outputs, lo=-bound, hi=bound), randn(batch, outputs))


def dense_cases():
    seed(40)
    cases = []
    for activation in ACTIVATIONS:
        for batch, inputs, outputs in ((1, 1, 1), (5, 3, 4), (7, 13, 6)):
            cases.append(dense_case(f"{activation} B{batch} I{inputs} O{outputs}", activation,
                                    *layer(batch, inputs, outputs)))
        # Pre-activations up to about +-20: saturated tanh and sigmoid, GELU's far tails.
        cases.append(dense_case(f"{activation} large pre-activations", activation, *layer(6, 2, 5, x_std=16.0)))
    # ReLU at its kink: a zero input row and zero biases make some z exactly 0, where PyTorch's
    # derivative is 0.
    x, weight, bias, dy = layer(4, 3, 5)
    x[1] = 0.0
    bias[::2] = 0.0
    cases.append(dense_case("relu exactly zero pre-activations", "relu", x, weight, bias, dy))
    return cases


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    cases = dense_cases()
    doc = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases}
    with open(OUT_DIR / "dense.json", "w") as fh:
        json.dump(doc, fh, indent=None, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"dense.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
