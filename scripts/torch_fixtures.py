#!/usr/bin/env python3
"""Reference trajectories from PyTorch for the optimizer library: writes test/optim/fixtures/<optimizer>.json.

Run with Debian's python3-torch (PyTorch 1.13, CPU, float64):

    /usr/bin/python3 scripts/torch_fixtures.py

The fixtures are committed; the tests (test/optim/torch-fixtures.test.ts) only read them, so CI never needs Python.
Provenance and tolerance: test/optim/fixtures/README.md.

Each case runs one optimizer with one set of options from x0 on one problem, the way a training loop does:
the gradient comes from autograd (or, for the "tape" problem, from a fixed list that holds zero, 1e-30 and 1e30
components), then `optimizer.step()`. It records x after every `every`-th step and the state after the last one,
under the library's names (m, v, vMax, …). Every optimizer uses PyTorch's single-tensor path (foreach=False), which
is what the library mirrors, except NAdam: 1.13's single-tensor NAdam counts μ_t twice, so its fixtures come from
the foreach path, which follows the paper (and current PyTorch).
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)  # also makes NAdam's mu_product a float64 scalar, as current PyTorch does

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "optim", "fixtures")

# The problems, as the library defines them (src/problems). Their autograd gradients must equal the library's
# analytic ones bit for bit; check_gradients() below asserts that on every visited point.
QUADRATIC_A = torch.tensor([1.0, 10.0, 100.0])
PROBLEMS = {
    "quadratic": dict(x0=[1.0, 1.0, 1.0], value=lambda x: 0.5 * (QUADRATIC_A * x * x).sum()),
    "bowl": dict(x0=[3.0, 4.0], value=lambda x: (x * x).sum()),
    "rosenbrock": dict(x0=[-1.2, 1.0], value=lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2),
    "tape": dict(x0=[1.0, -1.0, 0.5], value=None),
}

ANALYTIC = {
    "quadratic": lambda x: [a * xi for a, xi in zip([1.0, 10.0, 100.0], x)],
    "bowl": lambda x: [2 * xi for xi in x],
    "rosenbrock": lambda x: (lambda gy: [-2 * (1 - x[0]) - 2 * x[0] * gy, gy])(200 * (x[1] - x[0] * x[0])),
}

# Gradients with exact zeros, tiny (1e-30: squares to 1e-60, far below ε²) and huge (1e30) components.
TAPE = [
    [0.0, 1e-30, 1e30],
    [1.0, 0.0, -1e30],
    [1e-30, -1e-30, 0.0],
    [-2.0, 1e30, 1e-30],
    [0.0, 0.0, 0.0],
    [3.0, -1e-30, 1.0],
    [1e30, 1e-30, -0.5],
    [0.5, 0.0, 0.0],
    [-1e-30, 2.0, 1e30],
    [0.0, -1e30, 0.0],
    [1.0, 1.0, 1.0],
    [1e-30, 1e-30, 1e-30],
]

SCHEDULES = {"0.5/sqrt(t)": lambda t: 0.5 / math.sqrt(t)}

TORCH = {
    "sgd": (torch.optim.SGD, {"b": "momentum_buffer"}),
    "adagrad": (torch.optim.Adagrad, {"sum": "sum"}),
    "rmsprop": (torch.optim.RMSprop, {"v": "square_avg", "gAvg": "grad_avg", "b": "momentum_buffer"}),
    "adadelta": (torch.optim.Adadelta, {"v": "square_avg", "u": "acc_delta"}),
    "adam": (torch.optim.Adam, {"m": "exp_avg", "v": "exp_avg_sq", "vMax": "max_exp_avg_sq"}),
    "adamw": (torch.optim.AdamW, {"m": "exp_avg", "v": "exp_avg_sq", "vMax": "max_exp_avg_sq"}),
    "adamax": (torch.optim.Adamax, {"m": "exp_avg", "u": "exp_inf"}),
    "nadam": (torch.optim.NAdam, {"m": "exp_avg", "v": "exp_avg_sq", "muProduct": "mu_product"}),
    "radam": (torch.optim.RAdam, {"m": "exp_avg", "v": "exp_avg_sq"}),
}

TORCH_OPTION = {
    "weightDecay": "weight_decay",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
    "momentumDecay": "momentum_decay",
}

# Option sets: each runs on quadratic, bowl and tape; the first (and those marked rosenbrock=True) also on
# Rosenbrock. Every option of every optimizer appears at a non-default value at least once.
SETS = {
    "sgd": [
        dict(lr=0.015, rosenbrock=dict(lr=1e-3)),
        dict(lr=0.015, momentum=0.9, rosenbrock=dict(lr=2e-4)),
        dict(lr=0.015, momentum=0.5, dampening=0.5),
        dict(lr=0.015, momentum=0.9, nesterov=True),
        dict(lr=0.015, weightDecay=0.1),
        dict(lr=0.015, momentum=0.8, dampening=0.2, weightDecay=0.05),
    ],
    "adagrad": [
        dict(lr=0.5, rosenbrock=dict(lr=0.1)),
        dict(lr=0.5, lrDecay=0.1),
        dict(lr=0.5, initialAccumulatorValue=0.3),
        dict(lr=0.5, weightDecay=0.1),
        dict(lr=0.5, eps=1e-3),
    ],
    "rmsprop": [
        dict(lr=0.01, rosenbrock=dict(lr=1e-3)),
        dict(lr=0.01, alpha=0.9),
        dict(lr=0.01, eps=1e-3),
        dict(lr=0.01, weightDecay=0.1),
        dict(lr=0.005, momentum=0.9),
        dict(lr=0.01, centered=True, rosenbrock=dict(lr=1e-3)),
        dict(lr=0.005, centered=True, momentum=0.5, alpha=0.9),
    ],
    "adadelta": [
        dict(lr=1.0, rosenbrock=dict(lr=1.0)),
        dict(lr=0.5),
        dict(lr=1.0, rho=0.5),
        dict(lr=1.0, eps=1e-3),
        dict(lr=1.0, weightDecay=0.1),
    ],
    "adam": [
        dict(lr=0.05, rosenbrock=dict(lr=0.01)),
        dict(lr=0.05, betas=[0.5, 0.9]),
        dict(lr=0.05, eps=1e-3),
        dict(lr=0.05, weightDecay=0.1),
        dict(lr=0.05, amsgrad=True, rosenbrock=dict(lr=0.01)),
        dict(lr=0.05, betas=[0.0, 0.99], amsgrad=True, weightDecay=0.01),
        dict(lrSchedule="0.5/sqrt(t)"),
    ],
    "adamw": [
        dict(lr=0.05, rosenbrock=dict(lr=0.01)),
        dict(lr=0.05, weightDecay=0.5),
        dict(lr=0.05, weightDecay=0.0),
        dict(lr=0.05, amsgrad=True),
        dict(lr=0.05, betas=[0.8, 0.95], eps=1e-4),
    ],
    "adamax": [
        dict(lr=0.05, rosenbrock=dict(lr=0.01)),
        dict(lr=0.05, betas=[0.5, 0.9]),
        dict(lr=0.05, eps=1e-3),
        dict(lr=0.05, weightDecay=0.1),
    ],
    "nadam": [
        dict(lr=0.05, rosenbrock=dict(lr=0.01)),
        dict(lr=0.05, betas=[0.5, 0.9]),
        dict(lr=0.05, eps=1e-3),
        dict(lr=0.05, weightDecay=0.1),
        dict(lr=0.05, momentumDecay=0.1),
        dict(lr=0.05, momentumDecay=0.0),
    ],
    "radam": [
        dict(lr=0.05, rosenbrock=dict(lr=1e-3)),
        dict(lr=0.05, betas=[0.5, 0.9]),
        dict(lr=0.05, betas=[0.9, 0.99]),
        dict(lr=0.05, eps=1e-3),
        dict(lr=0.05, weightDecay=0.1),
    ],
}

STEPS = {"quadratic": (40, 1), "bowl": (30, 1), "tape": (len(TAPE), 1), "rosenbrock": (2000, 20)}


def torch_options(optimizer, options):
    converted = {TORCH_OPTION.get(name, name): value for name, value in options.items()}
    if "betas" in converted:
        converted["betas"] = tuple(converted["betas"])
    converted["foreach"] = optimizer == "nadam"
    return converted


def check_gradients(problem, x, grad):
    expected = ANALYTIC[problem](x.tolist())
    if grad.tolist() != expected:
        raise SystemExit(f"{problem}: autograd {grad.tolist()} differs from the analytic gradient {expected} at {x}")


def run(optimizer, options, problem):
    cls, state_names = TORCH[optimizer]
    schedule = options.pop("lrSchedule", None)
    steps, every = STEPS[problem]
    x = torch.tensor(PROBLEMS[problem]["x0"], requires_grad=True)
    opt = cls([x], **torch_options(optimizer, {**options, **({"lr": 0.0} if schedule else {})}))
    recorded = []
    for t in range(1, steps + 1):
        if schedule:
            opt.param_groups[0]["lr"] = SCHEDULES[schedule](t)
        if problem == "tape":
            x.grad = torch.tensor(TAPE[t - 1])
        else:
            x.grad = None
            PROBLEMS[problem]["value"](x).backward()
            check_gradients(problem, x.detach(), x.grad)
        opt.step()
        if t % every == 0:
            recorded.append(x.detach().tolist())
    state = opt.state[x]
    final = {"t": int(state["step"])} if "step" in state else {"t": steps}
    for ours, theirs in state_names.items():
        value = state.get(theirs)
        if value is not None:
            final[ours] = value.item() if value.dim() == 0 else value.tolist()
    case = {"options": {**options, **({"lrSchedule": schedule} if schedule else {})}, "problem": problem}
    case.update(x0=PROBLEMS[problem]["x0"], steps=steps, every=every)
    if problem == "tape":
        case["gradients"] = TAPE
    case.update(x=recorded, state=final)
    for value in json.dumps(case["x"]), json.dumps(final):
        if "Infinity" in value or "NaN" in value:
            raise SystemExit(f"{optimizer} {options} on {problem} left the finite numbers")
    return case


def cases(optimizer):
    for index, option_set in enumerate(SETS[optimizer]):
        options = {name: value for name, value in option_set.items() if name != "rosenbrock"}
        for problem in ("quadratic", "bowl", "tape"):
            yield run(optimizer, dict(options), problem)
        if "rosenbrock" in option_set:
            yield run(optimizer, {**options, **option_set["rosenbrock"]}, "rosenbrock")
        if index == 0:
            yield run(optimizer, {**options, "lr": 0.0}, "quadratic")
            yield run(optimizer, {**options, "lr": 0.0}, "tape")


def main():
    os.makedirs(OUT, exist_ok=True)
    for optimizer in TORCH:
        fixture = {"optimizer": optimizer, "torch": torch.__version__, "cases": list(cases(optimizer))}
        path = os.path.join(OUT, f"{optimizer}.json")
        with open(path, "w") as file:
            json.dump(fixture, file, separators=(",", ":"), allow_nan=False)
            file.write("\n")
        print(f"{path}: {len(fixture['cases'])} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
