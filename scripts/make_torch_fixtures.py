#!/usr/bin/env python3
"""Regenerate tests/fixtures/torch/*.json from real PyTorch.

Run by hand with Debian's python3-torch (CPU build is enough):

    apt-get install -y python3-torch
    /usr/bin/python3 scripts/make_torch_fixtures.py

CI never runs this script; it only reads the committed JSON files.

Conventions shared by all three files:
  * Inputs (logits, probabilities, weights, z, label smoothing, temperature)
    are float32 values, so the JS side can hold them exactly in a
    Float32Array; random ones are snapped to a 2**-10 grid to keep the files
    small. They are widened to float64 and every expected output is
    computed by torch in float64 (autograd for gradients), except the
    "f32 overflow" cases, computed in float32 as a user's PyTorch would:
    their float32 intermediates overflow where float64 ones do not.
  * Arrays are flat and row-major. Non-finite numbers, which JSON cannot
    carry, are written as the strings "NaN", "Infinity" and "-Infinity".
  * Everything is seeded, so the output is deterministic for a given torch.
"""

import itertools
import json
import math
import random
import struct
from pathlib import Path

import torch
import torch.nn.functional as F

GENERATOR = "scripts/make_torch_fixtures.py"
OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch"
INF = float("inf")
NAN = float("nan")


# ---------------------------------------------------------------- helpers

def f32(x):
    """Round a python float to the nearest float32 value."""
    return struct.unpack("f", struct.pack("f", x))[0]


def num(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def flat(t):
    return [num(v) for v in t.detach().double().reshape(-1).tolist()]


def grid(t):
    """Snap to multiples of 2**-10: still float32-exact, but a much shorter JSON repr."""
    return torch.round(t * 1024) / 1024


def randn(*shape, std=1.0):
    return grid(torch.randn(*shape, dtype=torch.float32) * std)


def uniform(*shape, lo=0.2, hi=3.0):
    return grid(torch.empty(*shape, dtype=torch.float32).uniform_(lo, hi))


def rows(*values):
    return torch.tensor(values, dtype=torch.float32)


def idx(*values):
    return torch.tensor(values, dtype=torch.int64)


def seed(s):
    torch.manual_seed(s)
    return random.Random(s)


def write(name, cases):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    doc = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases}
    with open(OUT_DIR / name, "w") as fh:
        json.dump(doc, fh, indent=None, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"{name}: {len(cases)} cases")


# ---------------------------------------------------------- cross entropy

def ce_case(name, logits, target, weight=None, ignore=-100, reduction="mean", ls=0.0, dtype=torch.float64):
    """logits/weight: float32 tensors; target: int64 indices or float32 probabilities."""
    ls = f32(ls)
    probs = target.is_floating_point()
    x = logits.to(dtype).clone().requires_grad_(True)  # a copy: .to() of a float32 tensor to float32 is the tensor itself
    t = target.to(dtype) if probs else target
    w = None if weight is None else weight.to(dtype)
    loss = F.cross_entropy(x, t, weight=w, ignore_index=ignore,
                           reduction=reduction, label_smoothing=ls)
    (loss.sum() if reduction == "none" else loss).backward()
    grad = x.grad if x.grad is not None else torch.zeros_like(x)
    n, c = logits.shape
    return {
        "name": name, "n": n, "c": c, "logits": flat(logits),
        "target": {"kind": "probs", "values": flat(t)} if probs
        else {"kind": "index", "values": target.tolist()},
        "weight": None if weight is None else flat(weight),
        "ignoreIndex": ignore, "reduction": reduction, "labelSmoothing": ls,
        "loss": flat(loss.reshape(-1)), "grad": flat(grad),
    }


REDUCTIONS = ("mean", "sum", "none")


def ce_option_grid():
    """1. every reduction x weight x label smoothing x ignored rows (n=7, c=5)."""
    rng = seed(1)
    cases = []
    for red, use_w, ls, ign in itertools.product(REDUCTIONS, (False, True), ("0", "0.1", "0.37"), (False, True)):
        n, c = 7, 5
        t = torch.randint(0, c, (n,))
        if ign:
            t[rng.sample(range(n), 2)] = -100
        w = uniform(c) if use_w else None
        name = f"index {red} {'w' if use_w else 'now'} ls{ls} {'ignore' if ign else 'noignore'}"
        cases.append(ce_case(name, randn(n, c, std=2.0), t, w, -100, red, float(ls)))
    return cases


def ce_ignore_index():
    """2. ignore_index inside [0, c) and outside it; 3. every row ignored."""
    seed(2)
    n, c = 8, 5
    cases = []
    for red in ("mean", "none"):
        cases.append(ce_case(f"ignoreIndex 2 in range {red} w ls0.2", randn(n, c, std=2.0),
                             idx(2, 0, 2, 4, 1, 2, 3, 0), uniform(c), 2, red, 0.2))
        cases.append(ce_case(f"ignoreIndex 7 out of range {red} w ls0.2", randn(n, c, std=2.0),
                             idx(7, 0, 1, 7, 4, 3, 7, 2), uniform(c), 7, red, 0.2))
    all_ignored = idx(*[-100] * 4)
    for red, use_w, ls in itertools.product(("mean", "sum", "none"), (False, True), ("0", "0.1")):
        w = uniform(c) if use_w else None
        cases.append(ce_case(f"all ignored {red} {'w' if use_w else 'now'} ls{ls}",
                             randn(4, c, std=2.0), all_ignored, w, -100, red, float(ls)))
    return cases


def ce_shapes():
    """4. c=1; 5. n=1; 6. c=13, n=33; 13. larger random problems."""
    seed(3)
    cases = []
    for red, ls in itertools.product(("mean", "none"), ("0", "0.1")):
        cases.append(ce_case(f"c1 {red} ls{ls}", randn(4, 1, std=2.0), idx(0, 0, 0, 0),
                             reduction=red, ls=float(ls)))
    cases.append(ce_case("n1 c3 mean", randn(1, 3, std=2.0), idx(2)))
    cases.append(ce_case("n1 c3 none w ls0.1", randn(1, 3, std=2.0), idx(1), uniform(3),
                         reduction="none", ls=0.1))
    cases.append(ce_case("n33 c13 mean w ls0.05", randn(33, 13, std=2.0),
                         torch.randint(0, 13, (33,)), uniform(13), ls=0.05))
    cases.append(ce_case("n64 c10 mean w ls0.1", randn(64, 10, std=2.0),
                         torch.randint(0, 10, (64,)), uniform(10), ls=0.1))
    cases.append(ce_case("n16 c1000 sum", randn(16, 1000, std=2.0),
                         torch.randint(0, 1000, (16,)), reduction="sum"))
    return cases


def ce_masked():
    """7. -inf at non-target classes (class 4 always, plus one more); 8. -inf at the target."""
    rng = seed(4)
    n, c = 6, 5
    logits = randn(n, c, std=2.0)
    target = idx(0, 1, 2, 3, 0, 2)
    for r in range(n):
        other = rng.choice([k for k in range(4) if k != target[r]])
        logits[r, 4] = logits[r, other] = -INF
    w_zero_masked = uniform(c)
    w_zero_masked[4] = 0.0
    cases = []
    for red, ls, use_w in itertools.product(("mean", "none"), ("0", "0.1"), (False, True)):
        w = w_zero_masked if use_w else None
        name = f"masked classes {red} ls{ls} {'w0 on masked' if use_w else 'now'}"
        cases.append(ce_case(name, logits, target, w, -100, red, float(ls)))
    tl = randn(4, c, std=2.0)
    tt = idx(1, 3, 0, 4)
    tl[1, 3] = -INF
    for red in ("none", "mean"):
        cases.append(ce_case(f"target logit -inf {red}", tl, tt, reduction=red))
    return cases


def ce_large():
    """9. logits far outside exp() range: a +-1e4 row and a row with an 8e4 spike."""
    seed(5)
    n, c = 4, 6
    logits = randn(n, c, std=2.0)
    logits[0] = rows(1e4, -1e4, 5e3, -5e3, 1e4, -1e4)
    logits[1] = randn(c)
    logits[1, 2] = 8e4
    target = idx(2, 0, 5, 1)
    weight = uniform(c)
    cases = []
    for red, ls, use_w in itertools.product(("mean", "none"), ("0", "0.1"), (False, True)):
        name = f"large logits {red} ls{ls} {'w' if use_w else 'now'}"
        cases.append(ce_case(name, logits, target, weight if use_w else None, -100, red, float(ls)))
    return cases


def ce_nonfinite():
    """10. NaN / +inf / all -inf rows, and a NaN row whose target is ignored."""
    seed(6)
    c = 4
    logits = randn(6, c, std=2.0)
    logits[1, 2] = NAN                  # NaN at a non-target class
    logits[2, 3] = INF                  # +inf at a non-target class
    logits[3, 1] = INF                  # +inf at the target class
    logits[4] = -INF                    # every class -inf
    target = idx(0, 0, 1, 1, 2, 3)
    cases = [ce_case(f"nonfinite rows {red}", logits, target, reduction=red) for red in ("none", "mean")]
    nan_ign = randn(4, c, std=2.0)
    nan_ign[1, 2] = NAN
    for red in ("none", "mean"):
        cases.append(ce_case(f"NaN row ignored {red}", nan_ign, idx(3, -100, 0, 2), reduction=red))
    return cases


def ce_weight_zero():
    """14. a class with weight 0 used as a target; also every target weighted 0."""
    seed(7)
    n, c = 6, 4
    w = uniform(c)
    w[1] = 0.0
    cases = [ce_case("weight zero on a target class mean", randn(n, c, std=2.0),
                     idx(1, 0, 1, 2, 3, 1), w)]
    cases.append(ce_case("weight zero on every target mean", randn(n, c, std=2.0),
                         idx(1, 1, 1, 1, 1, 1), w))
    return cases


def ce_weight_negative():
    """16. negative class weights, which PyTorch accepts as any real weight (its own sample inputs
    draw them from randn): every reduction x smoothing x ignored rows, probability targets, a
    -inf logit under a negative weight, and 'sum' where the target weights sum to 0. (A 'mean'
    whose kept target weights sum to exactly 0 divides by 0: docs/pytorch-semantics.md says
    what we return there, and tests/cross_entropy.torch.test.ts checks it.)"""
    seed(9)
    n, c = 7, 5
    w = rows(1.5, -0.75, 2.0, -1.25, 0.5)
    target = idx(0, 1, 2, 3, 4, 2, 3)     # sum of target weights 2.75
    ignored = idx(0, -100, 2, 3, -100, 1, 3)  # kept: 0.25
    cases = []
    for red, ls, tgt in itertools.product(REDUCTIONS, ("0", "0.3"), ("all", "ignored")):
        name = f"negative weights {red} ls{ls} {tgt}"
        cases.append(ce_case(name, randn(n, c, std=2.0), target if tgt == "all" else ignored, w, -100, red, float(ls)))
    for red, ls in itertools.product(REDUCTIONS, ("0", "0.2")):
        probs = torch.softmax(randn(n, c), dim=1)
        cases.append(ce_case(f"negative weights probs {red} ls{ls}", randn(n, c, std=2.0), probs, w, -100, red, float(ls)))
    masked = randn(4, c, std=2.0)
    masked[0, 1] = masked[2, 3] = -INF
    for red, ls in itertools.product(("none", "mean"), ("0", "0.1")):
        cases.append(ce_case(f"negative weights -inf logit {red} ls{ls}", masked, idx(0, 2, 1, 4), w, -100, red, float(ls)))
    cancel = rows(1.0, -1.0, 0.5, 2.0, 1.5)
    for ls in ("0", "0.2"):
        red = "sum"
        cases.append(ce_case(f"negative weights summing to 0 {red} ls{ls}", randn(4, c, std=2.0), idx(0, 1, 0, 1), cancel, -100, red,
                             float(ls)))
    return cases


def ce_probs():
    """11. soft targets over every reduction x weight x smoothing; 12. exact zeros + -inf logit."""
    seed(8)
    n, c = 6, 4
    cases = []
    for red, use_w, ls in itertools.product(REDUCTIONS, (False, True), ("0", "0.2")):
        probs = torch.softmax(randn(n, c), dim=1)
        w = uniform(c) if use_w else None
        name = f"probs {red} {'w' if use_w else 'now'} ls{ls}"
        cases.append(ce_case(name, randn(n, c, std=2.0), probs, w, -100, red, float(ls)))
    probs = rows([0.25, 0.75, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0],
                 [0.125, 0.0, 0.375, 0.5], [0.5, 0.0, 0.0, 0.5])
    logits = randn(4, c, std=2.0)
    logits[0, 3] = -INF                 # probability 0 at that class
    for red, ls in itertools.product(("none", "mean"), ("0", "0.1")):
        cases.append(ce_case(f"probs zeros -inf logit {red} ls{ls}", logits, probs,
                             reduction=red, ls=float(ls)))
    return cases


def ce_f32_overflow():
    """15. logits near f32's max, computed in float32: x - max overflows to -inf log-probabilities
    (a +-3e38 row), or the smoothing sum over classes overflows although each term fits (a row
    at +-0.99 * 2**126, the largest magnitude the fast path takes); a huge row with small
    differences, and an ordinary one. Weights with a zero: 0 * -inf is NaN."""
    h = 0.99 * 2.0**126
    logits = rows([3e38, -3e38, 0.5, 0.125, 0.25], [h, -h, 0.375, 0.25, 0.125],
                  [3e38] * 5, [1.0, 2.0, 0.5, 0.125, 0.375])
    target = idx(0, 1, 2, 1)
    weight = rows(1.0, 0.0, 0.5, 2.0, 1.5)
    cases = []
    for red, ls, use_w in itertools.product(REDUCTIONS, ("0", "0.2"), (False, True)):
        name = f"f32 overflow {red} ls{ls} {'w' if use_w else 'now'}"
        cases.append(ce_case(name, logits, target, weight if use_w else None, -100, red, float(ls),
                             dtype=torch.float32))
    probs = rows([0.5, 0.5, 0.0, 0.0, 0.0], [0.25, 0.25, 0.25, 0.125, 0.125],
                 [0.0, 0.0, 1.0, 0.0, 0.0], [0.25, 0.25, 0.25, 0.125, 0.125])
    for red in ("none", "mean"):
        cases.append(ce_case(f"f32 overflow probs {red}", logits, probs, reduction=red, dtype=torch.float32))
    return cases


def ce_f32_weight_overflow():
    """17. Class weights near f32's max, in float32 (issue 20): W = sum of the kept weights and the
    sum of w_y * -logp_y overflow to inf, so 'mean' is inf/inf = NaN with a zero gradient; 'sum'
    is inf and 'none' has the rows whose product overflows at inf."""
    logits = rows([1.0, 2.0, 0.5], [0.5, 0.25, 1.0], [2.0, -1.0, 0.0])
    target = idx(0, 1, 2)
    weight = rows(3e38, 3e38, 3e38)
    return [ce_case(f"f32 overflow weights 3e38 {red}", logits, target, weight, -100, red, dtype=torch.float32)
            for red in REDUCTIONS]


# ------------------------------------------------------------ log_softmax

def ls_case(name, logits):
    return {"name": name, "n": logits.shape[0], "c": logits.shape[1], "logits": flat(logits),
            "output": flat(torch.log_softmax(logits.double(), dim=1))}


def log_softmax_cases():
    seed(20)
    masked = randn(2, 5, std=2.0)
    masked[0, 1] = masked[0, 3] = masked[1, 0] = -INF
    large = rows([1e4, -1e4, 5e3, -5e3, 1e4, -1e4], [0.5, -1.0, 8e4, 0.25, -0.75, 1.5])
    nan_row, inf_row, ninf_row = randn(2, 5), randn(2, 5), randn(2, 5)
    nan_row[1, 2] = NAN
    inf_row[0, 4] = INF
    ninf_row[1] = -INF
    return [
        ls_case("random n5 c7", randn(5, 7, std=2.0)),
        ls_case("c1", randn(3, 1, std=2.0)),
        ls_case("-inf entries", masked),
        ls_case("large +-1e4 and 8e4", large),
        ls_case("NaN row", nan_row),
        ls_case("+inf row", inf_row),
        ls_case("all -inf row", ninf_row),
        ls_case("n3 c4096", randn(3, 4096, std=2.0)),
    ]


# ---------------------------------------------------------------- nt_xent

def nt_xent_case(name, z, temperature, reduction="mean", dtype=torch.float64):
    """SimCLR NT-Xent; row i's positive is row (i + rows/2) % rows."""
    temperature = f32(temperature)
    n, d = z.shape
    zz = z.to(dtype).clone().requires_grad_(True)
    zn = F.normalize(zz, dim=1)
    sim = zn @ zn.T
    logits = (sim / temperature).masked_fill(torch.eye(n, dtype=torch.bool), -INF)
    targets = (torch.arange(n) + n // 2) % n
    loss = F.cross_entropy(logits, targets, reduction=reduction)
    (loss.sum() if reduction == "none" else loss).backward()
    return {"name": name, "rows": n, "dim": d, "temperature": temperature, "reduction": reduction,
            "z": flat(z), "loss": flat(loss.reshape(-1)), "grad": flat(zz.grad),
            "similarity": flat(sim)}


def nt_xent_cases():
    seed(30)
    cases = [nt_xent_case("rows2 dim3 t0.5", randn(2, 3), 0.5)]
    for t in ("0.07", "0.5", "1.0"):
        cases.append(nt_xent_case(f"rows8 dim16 t{t}", randn(8, 16), float(t)))
    z = randn(8, 5)
    cases += [nt_xent_case(f"rows8 dim5 t0.2 {red}", z, 0.2, red) for red in ("sum", "none")]
    cases.append(nt_xent_case("rows32 dim128 t0.1", randn(32, 128), 0.1))
    scaled = randn(6, 4)
    scaled[1] *= 1e3
    scaled[4] *= 1e-3
    cases.append(nt_xent_case("rows6 dim4 scaled rows t0.5", scaled, 0.5))
    cases.append(nt_xent_case("rows4 dim2 t2.0", randn(4, 2), 2.0))
    cases.append(nt_xent_case("rows64 dim7 t0.5 none", randn(64, 7), 0.5, "none"))
    # In float32 (issue 20): a row whose squares sum past f32's max has norm inf in PyTorch, so it
    # normalises to 0 (similarity 0 with every row, zero gradient), where float64 would not.
    huge = rows([3e38, 3e38], [1.0, 0.5], [0.25, -1.0], [-0.5, 0.75])
    for red in REDUCTIONS:
        cases.append(nt_xent_case(f"f32 overflow row 3e38 t0.5 {red}", huge, 0.5, red, dtype=torch.float32))
    squares = rows([2e19, -1.0, 0.5], [0.75, 0.5, -0.25], [0.125, 1.0, 0.375], [-1.0, 0.25, 2.0])
    cases.append(nt_xent_case("f32 overflow squares 2e19 t0.2", squares, 0.2, dtype=torch.float32))
    return cases


def main():
    write("cross_entropy.json",
          ce_option_grid() + ce_ignore_index() + ce_shapes() + ce_masked()
          + ce_large() + ce_nonfinite() + ce_weight_zero() + ce_probs() + ce_f32_overflow()
          + ce_weight_negative() + ce_f32_weight_overflow())
    write("log_softmax.json", log_softmax_cases())
    write("nt_xent.json", nt_xent_cases())


if __name__ == "__main__":
    main()
