/**
 * The WebAssembly fast path against the readable loops it stands in for: the same options, the same float32 inputs,
 * x and every state vector compared after each step — on random data, on edge values, and for every combination of
 * the options the kernels implement. The copied path (ordinary Float32Arrays staged through wasm memory) against the
 * resident one: the same kernel on the same numbers, so bit for bit.
 *
 * Float32 tolerance: |fast − reference| ≤ 16(u · max|reference| + 2⁻¹⁴⁹) over each vector, u = 2⁻²⁴ (float32's unit
 * roundoff; 2⁻¹⁴⁹ is its smallest spacing, which is what subnormal values such as 1e-40 are rounded to).
 * Why: the kernel computes each entry in float32 through at most ten or so roundings, each within u of the magnitude
 * of its operands, and the reference computes in float64 and rounds once when it stores. Cancellation (m = β₁m +
 * (1 − β₁)g with opposite signs) can leave an entry far smaller than its operands, so the error is measured against
 * the vector's scale rather than the entry's. Measured worst over these tests: 3.2u; the bound leaves five times that.
 */
import { describe, expect, it } from "vitest";
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  FAST_PATH_MIN_LENGTH,
  fastFloat32Array,
  fastPathAvailable,
  isWasmResident,
  nadam,
  radam,
  rmsprop,
  sgd,
  zerosLike,
  type Optimizer,
  type StepCount,
  type Vector,
} from "../../src/optim/index.ts";
import { COPIED_PATH_MIN_LENGTH, fastKernelsFor, overrideFastPathMinLength } from "../../src/optim/fast-path.ts";
import { CHUNK } from "../../src/optim/staging.ts";
import { wasmMemoryUse } from "../../src/optim/wasm-memory.ts";
import { rng } from "../../src/problems/index.ts";

const UNIT = 2 ** -24;
const SMALLEST = 2 ** -149;
/** Fast and reference paths agree within this many units of u · max|reference|. */
const TOLERANCE_UNITS = 16;
/** Odd, so the kernels' scalar tails (n mod 4 entries) are compared too. */
const N = 1003;

/** Any optimizer, its state indexed by name. */
type AnyOptimizer = Optimizer<any, unknown>;
type AnyState = StepCount & Record<string, unknown>;
/** One side's x and state after a step. */
type Sides = Record<string, unknown> & { x: Float32Array };
const vectorsOf = (state: object) =>
  Object.entries(state).filter((entry): entry is [string, Float32Array] => entry[1] instanceof Float32Array);

/**
 * The largest |fast − reference| over the vector in units of u · max|reference| (plus float32's smallest spacing
 * 2⁻¹⁴⁹, for subnormal values, which carry fewer bits), counting entries where the reference is finite; NaN and ±∞
 * must sit at the same places (a mismatch counts as Infinity).
 */
function deviation(fast: Float32Array, reference: Float32Array, skip?: (i: number) => boolean): number {
  let scale = 0;
  for (const value of reference) if (Number.isFinite(value)) scale = Math.max(scale, Math.abs(value));
  const unit = UNIT * scale + SMALLEST;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    if (skip?.(i)) continue;
    const [a, b] = [fast[i]!, reference[i]!];
    if (!Number.isFinite(b)) {
      if (!Object.is(a, b)) return Infinity;
    } else if (!Number.isFinite(a)) return Infinity;
    else worst = Math.max(worst, Math.abs(a - b) / unit);
  }
  return worst;
}

/** Run `step` with the kernels turned off: the readable loop, whatever the vectors. */
function onTheLoop(step: () => void): void {
  overrideFastPathMinLength(Infinity);
  try {
    step();
  } finally {
    overrideFastPathMinLength();
  }
}

/**
 * Step a reference (the readable loop) and a fast (wasm-resident) copy from identical inputs `steps` times: before
 * each step x, grad and the state are copied from the reference side, so each step is compared on its own. Returns
 * the worst deviation, in units of u, of x and each state vector. `skip(i, reference, fast)` leaves entry i out.
 */
function compare(
  make: () => AnyOptimizer,
  fill: (t: number, x: Float32Array, grad: Float32Array) => void,
  skip?: (i: number, reference: Sides, fast: Sides) => boolean,
  steps = 4,
) {
  const reference = { opt: make(), x: new Float32Array(N), grad: new Float32Array(N) };
  const fast = { opt: make(), x: fastFloat32Array(N), grad: fastFloat32Array(N) };
  const referenceState = reference.opt.init(reference.x);
  const fastState = fast.opt.init(fast.x);
  const worst: Record<string, number> = {};
  for (let t = 1; t <= steps; t++) {
    fill(t, reference.x, reference.grad);
    fast.x.set(reference.x);
    fast.grad.set(reference.grad);
    for (const [name, vector] of vectorsOf(referenceState)) (fastState[name] as Float32Array).set(vector);
    const names = vectorsOf(fastState).map(([name]) => name);
    expect(fastKernelsFor(fast.x, fast.grad, fastState, names), "takes the fast path").not.toBeNull();
    const before = wasmMemoryUse().steps;
    onTheLoop(() => reference.opt.step(reference.x, reference.grad, referenceState));
    fast.opt.step(fast.x, fast.grad, fastState);
    const after = wasmMemoryUse().steps;
    expect([after.readable - before.readable, after.resident - before.resident]).toEqual([1, 1]);
    const skipped =
      skip && ((i: number) => skip(i, { x: reference.x, ...referenceState }, { x: fast.x, ...fastState }));
    worst.x = Math.max(worst.x ?? 0, deviation(fast.x, reference.x, skipped));
    for (const [name, vector] of vectorsOf(referenceState))
      worst[name] = Math.max(worst[name] ?? 0, deviation(fastState[name] as Float32Array, vector, skipped));
  }
  expect(fastState.t).toBe(steps);
  return worst;
}

const randomData = (seed: number) => {
  const random = rng(seed);
  return (_t: number, x: Float32Array, grad: Float32Array) => {
    for (let i = 0; i < N; i++) {
      x[i] = random.normal();
      grad[i] = 2 * random.normal();
    }
  };
};

/** Every combination of the given option values. */
function grid(axes: Record<string, unknown[]>): Record<string, unknown>[] {
  return Object.entries(axes).reduce<Record<string, unknown>[]>(
    (combinations, [name, values]) => combinations.flatMap((c) => values.map((value) => ({ ...c, [name]: value }))),
    [{}],
  );
}

const schedule = (t: number) => 0.05 / Math.sqrt(t);
const FACTORIES = { adam, adamw, sgd, adagrad, rmsprop } as unknown as Record<string, (o: object) => AnyOptimizer>;
const OPTION_SETS: [string, Record<string, unknown>][] = [
  ...grid({
    lr: [0.01, schedule],
    betas: [
      [0.9, 0.999],
      [0, 0.99],
    ],
    weightDecay: [0, 0.1],
    amsgrad: [false, true],
    biasCorrection: [true, false],
  }).map((o) => ["adam", o] as [string, Record<string, unknown>]),
  ...grid({ lr: [0.01, schedule], weightDecay: [0, 0.5], amsgrad: [false, true], eps: [1e-8, 1e-3] }).map(
    (o) => ["adamw", o] as [string, Record<string, unknown>],
  ),
  ...grid({ lr: [0.1, schedule], weightDecay: [0, 0.1] }).flatMap((o) =>
    [{}, { momentum: 0.9 }, { momentum: 0.9, nesterov: true }, { momentum: 0.5, dampening: 0.5 }].map(
      (m) => ["sgd", { ...o, ...m }] as [string, Record<string, unknown>],
    ),
  ),
  ...grid({ lr: [0.5, schedule], lrDecay: [0, 0.1], initialAccumulatorValue: [0, 0.3], weightDecay: [0, 0.1], eps: [1e-10, 1e-3] }).map((o) => ["adagrad", o] as [string, Record<string, unknown>]), // prettier-ignore
  ...grid({ lr: [0.01, schedule], alpha: [0.99, 0.9], centered: [false, true], momentum: [0, 0.5], weightDecay: [0, 0.1] }).map((o) => ["rmsprop", o] as [string, Record<string, unknown>]), // prettier-ignore
];
const label = ([name, options]: [string, Record<string, unknown>]) =>
  `${name} ${JSON.stringify(options, (_, v) => (typeof v === "function" ? "0.05/√t" : v))}`;

describe.runIf(fastPathAvailable())("the WebAssembly kernels match the reference loops", () => {
  it("covers every option combination of the five optimizers with kernels", () => {
    expect(OPTION_SETS.length).toBe(32 + 16 + 16 + 32 + 32);
  });

  it.each(OPTION_SETS.map((set, k) => [label(set), set, k] as const))("%s", (_, [name, options], k) => {
    const worst = compare(() => FACTORIES[name]!(options), randomData(k));
    for (const [vector, units] of Object.entries(worst)) expect(units, vector).toBeLessThanOrEqual(TOLERANCE_UNITS);
  });
});

/** The edge values a gradient (or x) takes: exact zeros, tiny, subnormal, huge, infinite, NaN; half of each sign. */
const EDGES = [0, 1e-30, 1e-40, 1e30, Infinity, NaN];
const EDGE_OPTIMIZERS: [string, () => AnyOptimizer][] = [
  ["adam", () => adam({ lr: 0.01 }) as AnyOptimizer],
  ["adam, amsgrad + L2", () => adam({ lr: 0.01, amsgrad: true, weightDecay: 0.1 }) as AnyOptimizer],
  ["adamw, amsgrad", () => adamw({ lr: 0.01, amsgrad: true }) as AnyOptimizer],
  ["sgd, Nesterov + L2", () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.1 }) as AnyOptimizer],
  ["adagrad, lrDecay + L2", () => adagrad({ lrDecay: 0.1, weightDecay: 0.1 }) as AnyOptimizer],
  ["rmsprop", () => rmsprop() as AnyOptimizer],
  ["rmsprop, centered + momentum + L2", () => rmsprop({ centered: true, momentum: 0.5, weightDecay: 0.1 }) as AnyOptimizer], // prettier-ignore
];

/**
 * The one known difference, which is PyTorch float32's behaviour: centered RMSprop where v = α v + (1 − α)g² has
 * overflowed float32 (|g| ≳ 1e20). The reference's float64 v − ḡ² is ∞ − 1e56 = ∞, which freezes the coordinate;
 * in float32 ḡ² overflows too and ∞ − ∞ is NaN. Such entries are checked for exactly that, then left out.
 */
function overflowedCentered(i: number, reference: Sides, fast: Sides): boolean {
  const v = reference.v as Float32Array;
  const gAvg = reference.gAvg as Float32Array;
  if (!(v[i] === Infinity && Number.isFinite(gAvg[i]))) return false;
  expect([fast.x[i], Number.isFinite(reference.x[i]!) || Number.isNaN(reference.x[i])]).toEqual([NaN, true]);
  return true;
}

describe.runIf(fastPathAvailable())("edge values: the kernels propagate them as the reference loops do", () => {
  const cases = EDGE_OPTIMIZERS.flatMap(([name, make]) => EDGES.map((edge) => [name, edge, make] as const));
  it.each(cases)("%s, gradient entries ±%s", (name, edge, make) => {
    const random = rng(7);
    const worst = compare(
      make,
      (_t, x, grad) => {
        for (let i = 0; i < N; i++) {
          x[i] = random.normal();
          grad[i] = (i % 2 ? -1 : 1) * edge;
        }
      },
      name.includes("centered") ? overflowedCentered : undefined,
    );
    for (const [vector, units] of Object.entries(worst)) expect(units, vector).toBeLessThanOrEqual(TOLERANCE_UNITS);
  });

  it.each(EDGE_OPTIMIZERS)("%s, with x itself 0, 1e-30, 1e30, ±∞ or NaN", (name, make) => {
    const random = rng(8);
    const worst = compare(
      make,
      (_t, x, grad) => {
        for (let i = 0; i < N; i++) {
          x[i] = (i % 2 ? -1 : 1) * EDGES[i % EDGES.length]!;
          grad[i] = random.normal();
        }
      },
      name.includes("centered") ? overflowedCentered : undefined,
    );
    for (const [vector, units] of Object.entries(worst)) expect(units, vector).toBeLessThanOrEqual(TOLERANCE_UNITS);
  });

  it("keeps lanes apart: a NaN in one entry spoils no other", () => {
    const worst = compare(
      () => adam({ lr: 0.01, amsgrad: true }) as AnyOptimizer,
      (_t, x, grad) => {
        for (let i = 0; i < N; i++) {
          x[i] = 1;
          grad[i] = i === 5 ? NaN : 1;
        }
      },
    );
    expect(worst.x).toBeLessThanOrEqual(TOLERANCE_UNITS);
  });
});

describe.runIf(fastPathAvailable())("when the fast path is taken", () => {
  const state = (opt: AnyOptimizer, x: Float32Array) => opt.init(x);

  it("makes the state like x: in wasm memory when x is, inspectable Float32Arrays of x's length", () => {
    const x = fastFloat32Array(100);
    const s = adam({ amsgrad: true }).init(x);
    for (const vector of [s.m, s.v, s.vMax])
      expect([isWasmResident(vector), vector instanceof Float32Array, vector!.length, ...vector!.slice(0, 2)]).toEqual([
        true,
        true,
        100,
        0,
        0,
      ]);
    expect(isWasmResident(adam().init(new Float32Array(100)).m)).toBe(false);
    expect(adam().init(new Float64Array(100)).m).toBeInstanceOf(Float64Array);
  });

  it("takes the resident path when every vector lives in wasm memory, the copied path when some is an ordinary Float32Array, else the loop", () => {
    const names = ["m", "v"];
    const at = (n: number) => {
      const x = fastFloat32Array(n);
      return { x, grad: zerosLike(x), s: state(adam() as AnyOptimizer, x) };
    };
    const path = (x: Vector, grad: Vector, s: object) =>
      fastKernelsFor(x, grad, s as AnyState, names)?.path ?? "readable";
    const { x, grad, s } = at(COPIED_PATH_MIN_LENGTH);
    const n = x.length;
    expect(path(x, grad, s)).toBe("resident");
    expect(path(x, grad, { ...s, v: (s.v as Float32Array).subarray(0) })).toBe("resident"); // a view stays resident
    expect(path(x, new Float32Array(n), s)).toBe("copied");
    expect(
      path(
        x.map((value) => value),
        grad,
        s,
      ),
    ).toBe("copied"); // map, slice, from: new, ordinary arrays
    expect(path(x, grad.slice(), s)).toBe("copied");
    expect(path(Float32Array.from(x), grad, s)).toBe("copied");
    expect(path(x, grad, { ...s, v: new Float32Array(n) })).toBe("copied");
    expect(path(x, Float64Array.from(grad), s)).toBe("readable"); // a float64 vector anywhere: the loop
    expect(path(x, grad, { ...s, m: new Float64Array(n) })).toBe("readable");
    const resident = at(FAST_PATH_MIN_LENGTH);
    expect(path(resident.x, resident.grad, resident.s)).toBe("resident");
    const short = at(FAST_PATH_MIN_LENGTH - 1);
    expect(path(short.x, short.grad, short.s)).toBe("readable");
    const copiedShort = at(COPIED_PATH_MIN_LENGTH - 1);
    expect(path(copiedShort.x, copiedShort.x.slice(), copiedShort.s)).toBe("readable");
  });

  it("leaves the optimizers without a kernel to their loop, bit for bit", () => {
    for (const make of [adadelta, adamax, nadam, radam] as unknown as (() => AnyOptimizer)[]) {
      const fill = randomData(3);
      const plain = { x: new Float32Array(N), grad: new Float32Array(N) };
      const resident = { x: fastFloat32Array(N), grad: fastFloat32Array(N) };
      const [a, b] = [make(), make()];
      const [sa, sb] = [a.init(plain.x), b.init(resident.x)];
      for (let t = 1; t <= 3; t++) {
        fill(t, plain.x, plain.grad);
        resident.x.set(plain.x);
        resident.grad.set(plain.grad);
        a.step(plain.x, plain.grad, sa);
        b.step(resident.x, resident.grad, sb);
      }
      expect([...resident.x]).toEqual([...plain.x]);
    }
  });

  it("allocates no wasm memory per step", async () => {
    const { wasmMemoryUse } = await import("../../src/optim/index.ts");
    const x = fastFloat32Array(4096);
    const grad = zerosLike(x);
    const opt = adam();
    const s = opt.init(x);
    const before = wasmMemoryUse().used;
    for (let t = 0; t < 10; t++) opt.step(x, grad, s);
    expect(wasmMemoryUse().used).toBe(before);
  });
});

describe.runIf(fastPathAvailable())("the copied path: ordinary Float32Arrays through the kernels", () => {
  /** Longer than two chunks, with a short last one, so that every chunk boundary and the last chunk's slots run. */
  const LONG = 2 * CHUNK + 1003;
  type Placement = "plain" | "resident";
  const vector = (placement: Placement, values: Float32Array) => {
    const made = placement === "plain" ? new Float32Array(values.length) : fastFloat32Array(values.length);
    made.set(values);
    return made;
  };

  /**
   * Step a side whose vectors all live in wasm memory and a side placed as `placement` says (x, grad, and the state
   * vectors: "state") from the same inputs, `steps` times, a new gradient each time: the copied side must take the
   * copied path at every step and end with the same x and state, bit for bit.
   */
  function againstResident(
    make: () => AnyOptimizer,
    n: number,
    placement: { x: Placement; grad: Placement; state: Placement },
    steps = 3,
  ) {
    const start = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const resident = { opt: make(), x: vector("resident", start), grad: fastFloat32Array(n) };
    const copied = { opt: make(), x: vector(placement.x, start), grad: vector(placement.grad, resident.grad) };
    const residentState = resident.opt.init(resident.x);
    const copiedState = copied.opt.init(resident.x.slice());
    for (const [name, values] of vectorsOf(copiedState)) copiedState[name] = vector(placement.state, values);
    for (let t = 1; t <= steps; t++) {
      for (let i = 0; i < n; i++) resident.grad[i] = Math.cos(i * t) * (1 + (i % 7));
      copied.grad.set(resident.grad);
      const before = wasmMemoryUse().steps.copied;
      resident.opt.step(resident.x, resident.grad, residentState);
      copied.opt.step(copied.x, copied.grad, copiedState);
      expect(wasmMemoryUse().steps.copied - before, "steps on the copied path").toBe(1);
    }
    expect(Array.from(copied.x)).toEqual(Array.from(resident.x));
    for (const [name, values] of vectorsOf(residentState))
      expect(Array.from(copiedState[name] as Float32Array), name).toEqual(Array.from(values));
    expect(copiedState.t).toBe(steps);
  }

  const allPlain = { x: "plain", grad: "plain", state: "plain" } as const;
  it.each(OPTION_SETS.map((set) => [label(set), set] as const))(
    "%s: the resident path's numbers",
    (_, [name, options]) => againstResident(() => FACTORIES[name]!(options), N, allPlain),
  );

  const LONG_CASES: [string, () => AnyOptimizer][] = [
    ["adam, amsgrad + L2", () => adam({ lr: 0.01, amsgrad: true, weightDecay: 0.1 }) as AnyOptimizer],
    ["adamw", () => adamw({ lr: 0.01 }) as AnyOptimizer],
    ["sgd, Nesterov", () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true }) as AnyOptimizer],
    ["adagrad, lrDecay", () => adagrad({ lrDecay: 0.1 }) as AnyOptimizer],
    ["rmsprop, centered + momentum", () => rmsprop({ centered: true, momentum: 0.5 }) as AnyOptimizer],
  ];
  const PLACEMENTS: { x: Placement; grad: Placement; state: Placement }[] = [
    allPlain,
    { x: "resident", grad: "plain", state: "resident" }, // a gradient made by grad.map(…) or x.slice()
    { x: "plain", grad: "resident", state: "plain" },
    { x: "resident", grad: "resident", state: "plain" }, // a state rebuilt from saved arrays
  ];
  it.each(LONG_CASES.flatMap(([name, make]) => PLACEMENTS.map((p) => [name, JSON.stringify(p), make, p] as const)))(
    "%s on %s, three chunks: the resident path's numbers",
    (_, __, make, placement) => againstResident(make, LONG, placement),
  );

  it("allocates no wasm memory after its first step (the workspace), and counts each path", () => {
    const opt = adam();
    const x = new Float32Array(LONG).fill(1);
    const grad = new Float32Array(LONG).fill(0.5);
    const s = opt.init(x);
    opt.step(x, grad, s);
    const before = wasmMemoryUse();
    for (let t = 0; t < 10; t++) opt.step(x, grad, s);
    const after = wasmMemoryUse();
    expect(after.used).toBe(before.used);
    expect(after.steps.copied - before.steps.copied).toBe(10);
    const float64 = Float64Array.from(x);
    opt.step(float64, Float64Array.from(grad), opt.init(float64));
    expect(wasmMemoryUse().steps.readable - after.steps.readable).toBe(1);
  });
});
