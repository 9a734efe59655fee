#!/usr/bin/env python3
"""Reference trajectories for Lion, Adafactor and Muon: writes test/optim/fixtures/ports/<optimizer>.json.

Debian's python3-torch is PyTorch 1.13, which has none of the three (torch.optim.Adafactor arrived in 2.5, Muon in
2.9, and Lion was never in torch). So this script holds float64 ports of their reference sources, written with the
same tensor operations in the same order, and runs them on torch 1.13:

- Lion: google/automl, lion/lion_pytorch.py (Lion.step), commit 87461ee96d8bbfcaf1edd4fbd8659d31d3760a50;
- Adafactor: pytorch/pytorch, torch/optim/_adafactor.py (_single_tensor_adafactor), commit
  051d6a09bb159a48ac11006c454c0c979511d0f3;
- Muon: pytorch/pytorch, torch/optim/_muon.py (_single_tensor_muon, _zeropower_via_newtonschulz, _adjust_lr), commit
  098e03f91de9384cc3afdf5c8b9a6bbc442bd66a, with one deliberate change: Newton-Schulz runs in float64 where
  PyTorch casts to bfloat16 (the library runs it in the parameters' own precision; see src/optim/muon.ts).
  bfloat16_gap() measures what the cast changes.

Run with Debian's python3-torch (CPU, float64):

    /usr/bin/python3 scripts/torch_fixtures_ports.py

The fixtures are committed; the tests (test/optim/torch-ports.test.ts) only read them, so CI never needs Python.
Provenance and tolerance: test/optim/fixtures/README.md.

The gradients are computed here in plain Python floats, in the order the test computes them, so that both sides feed
the optimizer the same gradient at the same x; the script checks them against autograd (bit for bit on the vector
problems, within 1e-14 relative on the matrix ones, whose sums autograd orders differently).
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "optim", "fixtures", "ports")

# Gradients with exact zeros, tiny (1e-30) and huge (1e30) components, as in scripts/torch_fixtures.py.
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

# The problems, recorded in each fixture so that the test reads their data instead of repeating it. Matrices are
# row-major lists of rows here and flat row-major vectors in the library.
PROBLEMS = {
    "quadratic": dict(kind="quadratic", x0=[1.0, 1.0, 1.0], a=[1.0, 10.0, 100.0]),
    "bowl": dict(kind="bowl", x0=[3.0, 4.0]),
    "rosenbrock": dict(kind="rosenbrock", x0=[-1.2, 1.0]),
    "tape": dict(kind="tape", x0=[1.0, -1.0, 0.5], gradients=TAPE),
    # ½ Σ w_ij (x_ij − t_ij)²: curvatures from 0.1 to 10 across one 3×4 matrix.
    "weighted": dict(
        kind="weighted",
        shape=[3, 4],
        x0=[[0.5, -1.0, 2.0, 0.0], [1.5, 0.25, -0.75, 1.0], [-2.0, 1.0, 0.5, -0.5]],
        weights=[[1.0, 2.0, 4.0, 8.0], [0.5, 1.0, 3.0, 6.0], [10.0, 0.1, 1.0, 2.0]],
        target=[[1.0, 0.0, -1.0, 2.0], [0.0, 1.0, 2.0, -1.0], [0.5, -0.5, 1.0, 0.0]],
    ),
    # ½ ‖A X − Y‖²_F with X 3×2 (a tall matrix: Muon iterates its transpose).
    "leastSquares": dict(
        kind="leastSquares",
        shape=[3, 2],
        x0=[[0.1, -0.2], [0.3, 0.0], [-0.1, 0.2]],
        A=[[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [2.0, 0.0, 1.0], [1.0, 1.0, 1.0], [-1.0, 0.0, 2.0]],
        Y=[[1.0, 0.0], [0.0, 1.0], [2.0, 1.0], [1.0, -1.0], [0.0, 2.0]],
    ),
}


def flat(rows):
    return [value for row in rows for value in row] if isinstance(rows[0], list) else list(rows)


def gradient(problem, x, t):
    """The gradient at flat x (Python floats), in the order test/optim/torch-ports.test.ts computes it."""
    p = PROBLEMS[problem]
    kind = p["kind"]
    if kind == "quadratic":
        return [a * xi for a, xi in zip(p["a"], x)]
    if kind == "bowl":
        return [2 * xi for xi in x]
    if kind == "rosenbrock":
        gy = 200 * (x[1] - x[0] * x[0])
        return [-2 * (1 - x[0]) - 2 * x[0] * gy, gy]
    if kind == "tape":
        return list(p["gradients"][t - 1])
    if kind == "weighted":
        return [w * (xi - ti) for w, xi, ti in zip(flat(p["weights"]), x, flat(p["target"]))]
    if kind == "leastSquares":
        A, Y = p["A"], p["Y"]
        rows, cols = p["shape"]
        residual = []
        for k in range(len(A)):
            for j in range(cols):
                s = 0.0
                for i in range(rows):
                    s += A[k][i] * x[i * cols + j]
                residual.append(s - Y[k][j])
        grad = []
        for i in range(rows):
            for j in range(cols):
                s = 0.0
                for k in range(len(A)):
                    s += A[k][i] * residual[k * cols + j]
                grad.append(s)
        return grad
    raise ValueError(kind)


def value(problem, x):
    """The objective as a torch expression of a flat tensor x, for the autograd check."""
    p = PROBLEMS[problem]
    kind = p["kind"]
    if kind == "quadratic":
        return 0.5 * (torch.tensor(p["a"]) * x * x).sum()
    if kind == "bowl":
        return (x * x).sum()
    if kind == "rosenbrock":
        return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
    if kind == "weighted":
        return 0.5 * (torch.tensor(flat(p["weights"])) * (x - torch.tensor(flat(p["target"]))) ** 2).sum()
    if kind == "leastSquares":
        rows, cols = p["shape"]
        return 0.5 * ((torch.tensor(p["A"]) @ x.reshape(rows, cols) - torch.tensor(p["Y"])) ** 2).sum()
    raise ValueError(kind)


GRADIENT_GAP = {"worst": 0.0}


def check_gradient(problem, x, grad):
    if PROBLEMS[problem]["kind"] == "tape":
        return
    point = torch.tensor(x, requires_grad=True)
    value(problem, point).backward()
    autograd = point.grad.tolist()
    if PROBLEMS[problem]["kind"] in ("quadratic", "bowl", "rosenbrock"):
        if autograd != grad:
            raise SystemExit(f"{problem}: autograd {autograd} differs from the analytic gradient {grad} at {x}")
        return
    for ours, theirs in zip(grad, autograd):
        gap = abs(ours - theirs) / max(abs(theirs), 1e-300)
        if abs(ours - theirs) > 1e-14 * max(abs(theirs), 1e-2):
            raise SystemExit(f"{problem}: autograd {autograd} differs from the analytic gradient {grad} at {x}")
        GRADIENT_GAP["worst"] = max(GRADIENT_GAP["worst"], gap if theirs != 0 else 0.0)


# ---- the ports -------------------------------------------------------------------------------------------------


class Lion:
    """lion_pytorch.py's Lion.step for one parameter: decay, sign step, then momentum."""

    def __init__(self, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        self.lr, self.betas, self.weight_decay = lr, betas, weight_decay

    def init(self, p):
        return {"t": 0, "m": torch.zeros_like(p)}

    def step(self, p, grad, state):
        state["t"] += 1
        p.mul_(1 - self.lr * self.weight_decay)
        beta1, beta2 = self.betas
        m = state["m"]
        direction = m * beta1 + grad * (1 - beta1)
        p.add_(direction.sign_(), alpha=-self.lr)
        m.mul_(beta2).add_(grad, alpha=1 - beta2)


class Adafactor:
    """_adafactor.py's _single_tensor_adafactor for one parameter (a vector, or a matrix: factored)."""

    def __init__(self, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, maximize=False):
        self.lr, self.beta2_decay, self.eps, self.d = lr, beta2_decay, eps, d
        self.weight_decay, self.maximize = weight_decay, maximize

    def init(self, p):
        if p.dim() > 1:
            return {"t": 0, "R": p.new_zeros((p.size(0), 1)), "C": p.new_zeros((1, p.size(1)))}
        return {"t": 0, "v": torch.zeros_like(p)}

    def step(self, param, grad, state):
        lr = self.lr
        grad = grad if not self.maximize else -grad
        eps1, eps2 = self.eps
        if eps1 is None:
            eps1 = torch.finfo(param.dtype).eps
        state["t"] += 1
        step_float = float(state["t"])
        one_minus_beta2_t = step_float**self.beta2_decay
        rho_t = min(lr, 1 / (step_float**0.5))
        alpha = max(eps2, param.norm(2).item() / (param.numel() ** 0.5)) * rho_t
        if self.weight_decay != 0:
            param.mul_(1 - lr * self.weight_decay)
        if grad.dim() > 1:
            row_var, col_var = state["R"], state["C"]
            row_mean = torch.linalg.vector_norm(grad, dim=-1, keepdim=True).square_().div_(grad.size(-1))
            row_var.lerp_(row_mean, one_minus_beta2_t)
            col_mean = torch.linalg.vector_norm(grad, dim=-2, keepdim=True).square_().div_(grad.size(-2))
            col_var.lerp_(col_mean, one_minus_beta2_t)
            var_estimate = row_var @ col_var
            var_estimate.div_(row_var.mean(dim=-2, keepdim=True).clamp_(min=eps1))
        else:
            variance = state["v"]
            variance.lerp_(grad * grad, one_minus_beta2_t)
            var_estimate = variance.clone()
        update = var_estimate.clamp_(min=eps1 * eps1).rsqrt_()
        update.mul_(grad)
        denom = max(1.0, update.norm(2).item() / ((update.numel() ** 0.5) * self.d))
        param.add_(update, alpha=-alpha / denom)


def newton_schulz(matrix, coefficients, steps, eps, dtype=torch.float64):
    """_muon.py's _zeropower_via_newtonschulz; `dtype` replaces its bfloat16 cast (float64 for the fixtures)."""
    a, b, c = coefficients
    ortho = matrix.to(dtype).clone()
    if matrix.size(0) > matrix.size(1):
        ortho = ortho.T
    ortho.div_(ortho.norm().clamp(min=eps))
    for _ in range(steps):
        gram = ortho @ ortho.T
        gram_update = b * gram + c * gram @ gram
        ortho = a * ortho + gram_update @ ortho
    if matrix.size(0) > matrix.size(1):
        ortho = ortho.T
    return ortho


class Muon:
    """_muon.py's _single_tensor_muon for one 2-D parameter."""

    def __init__(
        self,
        lr=1e-3,
        weight_decay=0.1,
        momentum=0.95,
        nesterov=True,
        ns_coefficients=(3.4445, -4.7750, 2.0315),
        eps=1e-7,
        ns_steps=5,
        adjust_lr_fn=None,
        ns_dtype=torch.float64,
    ):
        self.lr, self.weight_decay, self.momentum, self.nesterov = lr, weight_decay, momentum, nesterov
        self.ns_coefficients, self.eps, self.ns_steps, self.adjust_lr_fn = ns_coefficients, eps, ns_steps, adjust_lr_fn
        self.ns_dtype = ns_dtype

    def init(self, p):
        return {"t": 0, "B": torch.zeros_like(p)}

    def step(self, param, grad, state):
        state["t"] += 1
        buf = state["B"]
        buf.lerp_(grad, 1 - self.momentum)
        update = grad.lerp(buf, self.momentum) if self.nesterov else buf
        update = newton_schulz(update, self.ns_coefficients, self.ns_steps, self.eps, self.ns_dtype).to(param.dtype)
        A, B = param.shape[:2]
        if self.adjust_lr_fn is None or self.adjust_lr_fn == "original":
            ratio = math.sqrt(max(1, A / B))
        elif self.adjust_lr_fn == "match_rms_adamw":
            ratio = 0.2 * math.sqrt(max(A, B))
        else:
            ratio = 1.0
        adjusted_lr = self.lr * ratio
        param.mul_(1 - self.lr * self.weight_decay)
        param.add_(update, alpha=-adjusted_lr)


PORTS = {"lion": Lion, "adafactor": Adafactor, "muon": Muon}

TORCH_OPTION = {
    "weightDecay": "weight_decay",
    "beta2Decay": "beta2_decay",
    "nsCoefficients": "ns_coefficients",
    "nsSteps": "ns_steps",
    "adjustLr": "adjust_lr_fn",
}

SCHEDULES = {
    "0.05/sqrt(t)": lambda t: 0.05 / math.sqrt(t),
    "0.5/sqrt(t)": lambda t: 0.5 / math.sqrt(t),
}

STEPS = {
    "quadratic": (40, 1),
    "bowl": (30, 1),
    "tape": (len(TAPE), 1),
    "rosenbrock": (2000, 20),
    "weighted": (50, 1),
    "leastSquares": (50, 1),
}

# Which problems each optimizer runs on, with the shape `init` is given (None: a vector, no shape).
LAYOUTS = {
    "lion": [("quadratic", None), ("bowl", None), ("tape", None), ("weighted", [3, 4]), ("leastSquares", [3, 2])],
    "adafactor": [
        ("quadratic", None),
        ("bowl", None),
        ("tape", None),
        ("weighted", [3, 4]),
        ("leastSquares", [3, 2]),
    ],
    "muon": [("weighted", [3, 4]), ("leastSquares", [3, 2]), ("quadratic", [3, 1]), ("tape", [1, 3])],
}

# Layouts only the first option set also runs (besides Rosenbrock and lr = 0).
FIRST_ONLY = {
    "lion": [],
    "adafactor": [("quadratic", [1, 3]), ("weighted", None)],
    "muon": [("bowl", [2, 1])],
}

ROSENBROCK_SHAPE = {"lion": None, "adafactor": None, "muon": [1, 2]}

SETS = {
    "lion": [
        dict(lr=0.01, rosenbrock=dict(lr=1e-3)),
        dict(lr=0.01, betas=[0.95, 0.98]),
        dict(lr=0.01, betas=[0.0, 0.0]),
        dict(lr=0.01, weightDecay=0.5, rosenbrock=dict(lr=1e-3)),
        dict(lrSchedule="0.05/sqrt(t)"),
    ],
    "adafactor": [
        dict(rosenbrock=dict()),
        dict(lr=0.1),
        dict(lr=0.1, beta2Decay=-0.5),
        dict(lr=0.1, eps=[1e-3, 1e-2]),
        dict(lr=0.1, d=2.0, rosenbrock=dict(lr=0.05)),
        dict(lr=0.1, weightDecay=0.1),
        dict(lr=0.1, maximize=True),
        dict(lrSchedule="0.5/sqrt(t)"),
    ],
    "muon": [
        dict(lr=0.02, rosenbrock=dict(lr=2e-3)),
        dict(lr=0.02, nesterov=False),
        dict(lr=0.02, momentum=0.9, weightDecay=0.0),
        dict(lr=0.01, adjustLr="match_rms_adamw"),
        dict(lr=0.02, nsSteps=10, eps=1e-3),
        dict(lr=0.02, nsCoefficients=[1.5, -0.5, 0.0], rosenbrock=dict(lr=2e-3)),
        dict(lrSchedule="0.05/sqrt(t)"),
    ],
}


def port_options(options):
    converted = {TORCH_OPTION.get(name, name): value for name, value in options.items()}
    for name in ("betas", "eps", "ns_coefficients"):
        if isinstance(converted.get(name), list):
            converted[name] = tuple(converted[name])
    return converted


def run(optimizer, options, problem, shape, ns_dtype=None):
    schedule = options.pop("lrSchedule", None)
    steps, every = STEPS[problem]
    x0 = flat(PROBLEMS[problem]["x0"])
    extra = {"ns_dtype": ns_dtype} if ns_dtype is not None else {}
    port = PORTS[optimizer](**port_options(options), **extra)
    x = torch.tensor(x0)
    p = x.view(*shape) if shape else x
    state = port.init(p)
    recorded = []
    for t in range(1, steps + 1):
        if schedule:
            port.lr = SCHEDULES[schedule](t)
        point = x.tolist()
        grad = gradient(problem, point, t)
        check_gradient(problem, point, grad)
        g = torch.tensor(grad)
        port.step(p, g.view(*shape) if shape else g, state)
        if t % every == 0:
            recorded.append(x.tolist())
    final = {name: (value if isinstance(value, int) else value.flatten().tolist()) for name, value in state.items()}
    if optimizer == "muon":
        final.update(rows=shape[0], cols=shape[1])
    case = {"options": {**options, **({"lrSchedule": schedule} if schedule else {})}, "problem": problem}
    if shape:
        case["shape"] = shape
    case.update(x0=x0, steps=steps, every=every, x=recorded, state=final)
    for text in json.dumps(case["x"]), json.dumps(final):
        if "Infinity" in text or "NaN" in text:
            raise SystemExit(f"{optimizer} {options} on {problem} left the finite numbers")
    return case


def cases(optimizer):
    for index, option_set in enumerate(SETS[optimizer]):
        options = {name: value for name, value in option_set.items() if name != "rosenbrock"}
        layouts = LAYOUTS[optimizer] + (FIRST_ONLY[optimizer] if index == 0 else [])
        for problem, shape in layouts:
            yield run(optimizer, dict(options), problem, shape)
        if "rosenbrock" in option_set:
            yield run(optimizer, {**options, **option_set["rosenbrock"]}, "rosenbrock", ROSENBROCK_SHAPE[optimizer])
        if index == 0:
            for problem, shape in LAYOUTS[optimizer][:1] + [layout for layout in LAYOUTS[optimizer] if layout[0] == "tape"]:
                yield run(optimizer, {**options, "lr": 0.0}, problem, shape)


def bfloat16_gap():
    """What PyTorch's bfloat16 Newton-Schulz changes: the largest |x_bf16 − x_f64| over Muon's first option set."""
    worst = 0.0
    for problem, shape in LAYOUTS["muon"][:2]:
        exact = run("muon", dict(lr=0.02), problem, shape)
        rounded = run("muon", dict(lr=0.02), problem, shape, ns_dtype=torch.bfloat16)
        for a, b in zip(exact["x"], rounded["x"]):
            worst = max(worst, max(abs(p - q) for p, q in zip(a, b)))
    return worst


SOURCES = {
    "lion": "google/automl lion/lion_pytorch.py @ 87461ee96d8bbfcaf1edd4fbd8659d31d3760a50",
    "adafactor": "pytorch/pytorch torch/optim/_adafactor.py @ 051d6a09bb159a48ac11006c454c0c979511d0f3",
    "muon": "pytorch/pytorch torch/optim/_muon.py @ 098e03f91de9384cc3afdf5c8b9a6bbc442bd66a (Newton-Schulz in float64)",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for optimizer in PORTS:
        fixture = {
            "optimizer": optimizer,
            "torch": torch.__version__,
            "source": SOURCES[optimizer],
            "problems": PROBLEMS,
            "cases": list(cases(optimizer)),
        }
        path = os.path.join(OUT, f"{optimizer}.json")
        with open(path, "w") as file:
            json.dump(fixture, file, separators=(",", ":"), allow_nan=False)
            file.write("\n")
        print(f"{path}: {len(fixture['cases'])} cases, {os.path.getsize(path)} bytes")
    print(f"matrix gradients vs autograd: worst relative gap {GRADIENT_GAP['worst']:.3g}")
    print(f"muon, bfloat16 Newton-Schulz vs float64, lr 0.02: worst |dx| {bfloat16_gap():.3g}")


if __name__ == "__main__":
    main()
