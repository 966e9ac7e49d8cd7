#!/usr/bin/env python3
"""Regenerate tests/fixtures/torch/optimizers.json from real torch.optim.

Run by hand with Debian's python3-torch, as make_torch_fixtures.py:

    /usr/bin/python3 scripts/make_torch_optimizer_fixtures.py

Each case runs torch.optim.SGD, Adam or AdamW (foreach=False: the single-tensor path) for 6 steps
on two float64 parameter tensors, [3, 5] and [7], held in one param group. The gradients of every
step are drawn in advance and stored. Before step k, hyper[k] is written into param_groups[0]:
that is how an lr schedule or a live change reaches torch.optim, and PyTorch creates SGD's momentum
buffer on the first step whose momentum is non-zero.

Inputs (parameters, gradients) are float32 values on a 2**-10 grid, so a Float32Array holds them
exactly; the expected parameters after each step are torch's float64 results. hyper uses the names
of src/reference/optimizers.ts, every field filled in.
"""

import json
from pathlib import Path

import torch

GENERATOR = "scripts/make_torch_optimizer_fixtures.py"
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch" / "optimizers.json"
SHAPES = ((3, 5), (7,))
STEPS = 6


def grid(t):
    """Snap to multiples of 2**-10: float32-exact, and a short JSON repr."""
    return torch.round(t * 1024) / 1024


def sgd(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    return {"kind": "sgd", "lr": lr, "momentum": momentum, "dampening": dampening,
            "weightDecay": weight_decay, "nesterov": nesterov}


def adam(lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, kind="adam"):
    return {"kind": kind, "lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps,
            "weightDecay": weight_decay}


def adamw(lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    return adam(lr, betas, eps, weight_decay, kind="adamw")


def torch_group(h):
    """hyper (our names) -> the param_groups[0] entries of torch.optim."""
    if h["kind"] == "sgd":
        return {"lr": h["lr"], "momentum": h["momentum"], "dampening": h["dampening"],
                "weight_decay": h["weightDecay"], "nesterov": h["nesterov"]}
    return {"lr": h["lr"], "betas": (h["beta1"], h["beta2"]), "eps": h["eps"],
            "weight_decay": h["weightDecay"]}


OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}


def case(name, seed, hyper):
    """hyper: one dict for every step, or a list of STEPS dicts (a schedule)."""
    hyper = hyper if isinstance(hyper, list) else [hyper] * STEPS
    torch.manual_seed(seed)
    params = [grid(torch.randn(*s, dtype=torch.float64)).requires_grad_(True) for s in SHAPES]
    initial = [p.detach().reshape(-1).tolist() for p in params]
    optimizer = OPTIMIZERS[hyper[0]["kind"]](params, foreach=False, **torch_group(hyper[0]))
    grads, after = [], []
    for h in hyper:
        optimizer.param_groups[0].update(torch_group(h))
        for p in params:
            p.grad = grid(torch.randn(p.shape, dtype=torch.float64) * 2)
        optimizer.step()
        grads.append([p.grad.reshape(-1).tolist() for p in params])
        after.append([p.detach().reshape(-1).tolist() for p in params])
    return {"name": name, "sizes": [p.numel() for p in params], "hyper": hyper,
            "params": initial, "grads": grads, "after": after}


def cases():
    return [
        case("SGD", 1, sgd(0.1)),
        case("SGD momentum", 2, sgd(0.05, momentum=0.9)),
        case("SGD momentum dampening", 3, sgd(0.05, momentum=0.9, dampening=0.3)),
        case("SGD Nesterov", 4, sgd(0.05, momentum=0.9, nesterov=True)),
        case("SGD weight decay", 5, sgd(0.1, weight_decay=0.1)),
        case("SGD Nesterov weight decay", 6, sgd(0.05, momentum=0.5, weight_decay=0.2, nesterov=True)),
        case("SGD lr schedule, momentum and dampening switched on at step 3", 7,
             [sgd(0.1), sgd(0.1), sgd(0.05, momentum=0.9, dampening=0.3), sgd(0.05, momentum=0.9),
              sgd(0.02, momentum=0.9, dampening=0.5), sgd(0.02, momentum=0.9, dampening=0.5)]),
        case("Adam", 8, adam(0.01)),
        case("Adam L2 weight decay", 9, adam(0.01, weight_decay=0.1)),
        case("Adam lr schedule, betas changed at step 5", 10,
             [adam(0.01)] * 2 + [adam(0.005)] * 2 + [adam(0.001, betas=(0.5, 0.9), eps=1e-3)] * 2),
        case("AdamW defaults (weight decay 0.01)", 11, adamw(0.01)),
        case("AdamW betas eps weight decay", 12, adamw(0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
        case("AdamW lr and weight decay schedule", 13,
             [adamw(0.01)] * 3 + [adamw(0.005, weight_decay=0.2)] * 3),
    ]


def main():
    doc = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=None, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"{OUT.name}: {len(doc['cases'])} cases, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
