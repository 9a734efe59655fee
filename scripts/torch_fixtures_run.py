#!/usr/bin/env python3
"""Reference values for src/run's schedules and clipping: writes test/run/fixtures/{schedules,clip-grad-norm}.json.

Run with Debian's python3-torch (PyTorch 1.13, CPU, float64):

    /usr/bin/python3 scripts/torch_fixtures_run.py

The fixtures are committed; test/run/torch-fixtures.test.ts only reads them, so CI never needs Python.

Schedules: each case builds PyTorch's scheduler on an SGD optimizer and runs the usual loop,

    for k in 1..steps: record optimizer.param_groups[0]["lr"]; optimizer.step(); scheduler.step()

so entry k − 1 of "lr" is the rate the k-th optimizer step used: the library's α_t at t = k (PyTorch's epoch k − 1).
PyTorch's schedulers update the rate recursively (a ratio times the previous rate); the library uses closed forms.

Trajectories: Adam and AdamW (foreach=False) with a scheduler stepped after every optimizer step, on the quadratic
½ Σ aᵢ xᵢ², to check that the optimizer reads the schedule at the step PyTorch would.

Clipping: torch.nn.utils.clip_grad_norm_ on gradients given as lists of vectors; records the norm it returns and the
gradients after.
"""
import json
import math
import os
import warnings

import torch

torch.set_default_dtype(torch.float64)
# SequentialLR calls the next scheduler's step(0) at a milestone, which 1.13 warns is deprecated; it is what it does.
warnings.filterwarnings("ignore", message="The epoch parameter")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "run", "fixtures")
sched = torch.optim.lr_scheduler


def rates(lr, make, steps):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    scheduler = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        p.grad = torch.zeros(1)
        opt.step()
        scheduler.step()
    return out


def inverse_sqrt(opt):
    return sched.LambdaLR(opt, lambda e: 1 / math.sqrt(e + 1))


def warmup_cosine(warmup, total, eta_min=0.0):
    def make(opt):
        return sched.SequentialLR(
            opt,
            [
                sched.LinearLR(opt, start_factor=1 / warmup, end_factor=1.0, total_iters=warmup - 1),
                sched.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=eta_min),
            ],
            milestones=[warmup],
        )

    return make


def linear_then_step(opt):
    return sched.SequentialLR(
        opt,
        [sched.LinearLR(opt, start_factor=0.01, total_iters=10), sched.StepLR(opt, step_size=7, gamma=0.5)],
        milestones=[10],
    )


# (name, library call as data, lr, PyTorch scheduler, steps)
SCHEDULES = [
    ("linearLR defaults", dict(kind="linearLR", options={}), 0.1, lambda o: sched.LinearLR(o), 12),
    (
        "linearLR warm-up 0.01 → 1 over 20",
        dict(kind="linearLR", options=dict(startFactor=0.01, totalIters=20)),
        1e-3,
        lambda o: sched.LinearLR(o, start_factor=0.01, total_iters=20),
        30,
    ),
    (
        "linearLR decay 1 → 0.1 over 15",
        dict(kind="linearLR", options=dict(startFactor=1.0, endFactor=0.1, totalIters=15)),
        0.5,
        lambda o: sched.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=15),
        25,
    ),
    (
        "cosineAnnealingLR tMax 10, past 2·tMax",
        dict(kind="cosineAnnealingLR", options=dict(tMax=10)),
        0.1,
        lambda o: sched.CosineAnnealingLR(o, T_max=10),
        25,
    ),
    (
        "cosineAnnealingLR tMax 50, etaMin 1e-4",
        dict(kind="cosineAnnealingLR", options=dict(tMax=50, etaMin=1e-4)),
        3e-3,
        lambda o: sched.CosineAnnealingLR(o, T_max=50, eta_min=1e-4),
        51,
    ),
    (
        "stepLR stepSize 3, gamma 0.5",
        dict(kind="stepLR", options=dict(stepSize=3, gamma=0.5)),
        0.2,
        lambda o: sched.StepLR(o, step_size=3, gamma=0.5),
        20,
    ),
    (
        "stepLR stepSize 30 (gamma 0.1)",
        dict(kind="stepLR", options=dict(stepSize=30)),
        0.1,
        lambda o: sched.StepLR(o, step_size=30),
        100,
    ),
    ("inverseSqrtDecay", dict(kind="inverseSqrtDecay"), 0.5, inverse_sqrt, 40),
    (
        "warmupCosine warmup 10, total 60",
        dict(kind="warmupCosine", options=dict(warmup=10, total=60)),
        1e-3,
        warmup_cosine(10, 60),
        61,
    ),
    (
        "warmupCosine warmup 5, total 40, etaMin 1e-5",
        dict(kind="warmupCosine", options=dict(warmup=5, total=40, etaMin=1e-5)),
        2e-3,
        warmup_cosine(5, 40, 1e-5),
        41,
    ),
    (
        "sequentialLR linearLR then stepLR at 10",
        dict(
            kind="sequentialLR",
            schedules=[
                dict(kind="linearLR", options=dict(startFactor=0.01, totalIters=10)),
                dict(kind="stepLR", options=dict(stepSize=7, gamma=0.5)),
            ],
            milestones=[10],
        ),
        0.1,
        linear_then_step,
        40,
    ),
]


def trajectory(optimizer, options, lr, make, steps, a, x0):
    x = torch.tensor(x0, requires_grad=True)
    opt = optimizer([x], lr=lr, foreach=False, **options)
    scheduler = make(opt)
    aa = torch.tensor(a)
    xs = [list(map(float, x.detach()))]
    for _ in range(steps):
        opt.zero_grad()
        loss = 0.5 * (aa * x * x).sum()
        loss.backward()
        assert torch.equal(x.grad, aa * x.detach())  # the library's quadratic gradient, exactly
        opt.step()
        scheduler.step()
        xs.append(list(map(float, x.detach())))
    return xs


TRAJECTORIES = [
    (
        "adam, warmupCosine 10/60",
        dict(optimizer="adam", options=dict(), schedule=dict(kind="warmupCosine", options=dict(warmup=10, total=60))),
        torch.optim.Adam,
        {},
        0.1,
        warmup_cosine(10, 60),
        60,
    ),
    (
        "adamw weightDecay 0.5, cosineAnnealingLR tMax 40",
        dict(
            optimizer="adamw",
            options=dict(weightDecay=0.5),
            schedule=dict(kind="cosineAnnealingLR", options=dict(tMax=40)),
        ),
        torch.optim.AdamW,
        dict(weight_decay=0.5),
        0.05,
        lambda o: sched.CosineAnnealingLR(o, T_max=40),
        40,
    ),
    (
        "sgd momentum 0.9, stepLR stepSize 10",
        dict(
            optimizer="sgd",
            options=dict(momentum=0.9),
            schedule=dict(kind="stepLR", options=dict(stepSize=10, gamma=0.5)),
        ),
        torch.optim.SGD,
        dict(momentum=0.9),
        0.015,
        lambda o: sched.StepLR(o, step_size=10, gamma=0.5),
        40,
    ),
]

A = [1.0, 10.0, 100.0]
X0 = [1.0, 1.0, 1.0]


def clip_case(name, grads, max_norm, norm_type=2.0):
    tensors = [torch.tensor(g) for g in grads]
    params = []
    for t in tensors:
        p = torch.zeros_like(t, requires_grad=True)
        p.grad = t.clone()
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
    return dict(
        name=name,
        grads=grads,
        maxNorm=max_norm,
        normType="Infinity" if norm_type == math.inf else norm_type,
        totalNorm=float(total),
        clipped=[list(map(float, p.grad)) for p in params],
    )


def random_vectors(seed, sizes, scale):
    generator = torch.Generator().manual_seed(seed)
    return [list(map(float, torch.randn(n, generator=generator) * scale)) for n in sizes]


CLIPS = [
    clip_case("3-4-5, clipped to 1", [[3.0, 4.0]], 1.0),
    clip_case("3-4-5, below maxNorm 10: unchanged", [[3.0, 4.0]], 10.0),
    clip_case("norm exactly maxNorm: scaled by 5/(5 + 1e-6)", [[3.0, 4.0]], 5.0),
    clip_case("global norm of [3] and [4]", [[3.0], [4.0]], 1.0),
    clip_case("zero gradient", [[0.0, 0.0, 0.0]], 1.0),
    clip_case("maxNorm 0 zeroes the gradient", [[1.0, -2.0]], 0.0),
    clip_case("three random vectors, global norm, clipped", random_vectors(1, [5, 3, 8], 2.0), 1.0),
    clip_case("three random vectors, global norm, not clipped", random_vectors(2, [4, 6, 2], 0.1), 5.0),
    clip_case("one spike among small entries", [[1e-3, -2e-3, 500.0, 1e-3]], 1.0),
    clip_case("large entries (1e100)", [[1e100, -1e100]], 1.0),
    clip_case("tiny norm below 1e-6", [[1e-9, 2e-9]], 1e-12),
    clip_case("normType Infinity", [[0.5, -3.0], [2.0]], 1.0, math.inf),
    clip_case("normType 1", [[0.5, -3.0], [2.0]], 1.0, 1.0),
    clip_case("normType 3", random_vectors(3, [4, 4], 1.0), 0.5, 3.0),
]


def main():
    schedules = [dict(name=name, lr=lr, **call, steps=steps, rates=rates(lr, make, steps)) for name, call, lr, make, steps in SCHEDULES]
    trajectories = [
        dict(name=name, **call, lr=lr, a=A, x0=X0, steps=steps, x=trajectory(cls, options, lr, make, steps, A, X0))
        for name, call, cls, options, lr, make, steps in TRAJECTORIES
    ]
    clips = CLIPS
    meta = dict(torch=torch.__version__, dtype="float64", generator="scripts/torch_fixtures_run.py")
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "schedules.json"), "w") as f:
        json.dump(dict(meta=meta, schedules=schedules, trajectories=trajectories), f, indent=1, allow_nan=False)
        f.write("\n")
    with open(os.path.join(OUT, "clip-grad-norm.json"), "w") as f:
        json.dump(dict(meta=meta, cases=clips), f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"{len(schedules)} schedules, {len(trajectories)} trajectories, {len(clips)} clipping cases")


if __name__ == "__main__":
    main()
