/**
 * Every optimizer rejects every invalid option with one wording: the optimizer, the parameter, the allowed range and
 * the value received (src/optim/validate.ts). Range problems are RangeErrors, type problems TypeErrors.
 */
import { describe, expect, it } from "vitest";
import * as optim from "../../src/optim/index.ts";
import type { Optimizer } from "../../src/optim/index.ts";

type Factory = (options?: object) => Optimizer<any>;
const factories = optim as unknown as Record<string, Factory>;
const NAMES = [
  "sgd",
  "adagrad",
  "rmsprop",
  "adadelta",
  "adam",
  "adamw",
  "adamax",
  "nadam",
  "radam",
  "lion",
  "adafactor",
  "muon",
];
const WITH_BETAS = ["adam", "adamw", "adamax", "nadam", "radam", "lion"];
/** Optimizers without a single ε (SGD and Lion have none; Adafactor's is a pair, checked below). */
const WITHOUT_EPS = ["sgd", "lion", "adafactor"];
/** Options that give every optimizer at least one state vector. */
const WITH_STATE: Record<string, object> = { sgd: { momentum: 0.9 } };
/** The layout `init` needs: Muon takes matrices only (here a row). */
const layoutFor = (name: string, length: number) => (name === "muon" ? { shape: [1, length] } : undefined);

function error(make: () => unknown): Error {
  try {
    make();
  } catch (thrown) {
    return thrown as Error;
  }
  throw new Error("expected a throw");
}

describe.each(NAMES)("%s", (name) => {
  const make = (options?: unknown) => factories[name]!(options as object);

  it("names the parameter, the range and the value for a bad lr, weightDecay or eps", () => {
    expect(() => make({ lr: -1 })).toThrow(
      new RangeError(`${name}: lr must be a finite number ≥ 0 or a function of the step t; received -1`),
    );
    expect(() => make({ lr: Infinity })).toThrow(RangeError);
    expect(() => make({ lr: "0.1" })).toThrow(
      new TypeError(`${name}: lr must be a finite number ≥ 0 or a function of the step t; received "0.1"`),
    );
    expect(() => make({ weightDecay: -0.1 })).toThrow(
      new RangeError(`${name}: weightDecay must be a finite number ≥ 0; received -0.1`),
    );
    if (WITHOUT_EPS.includes(name)) return;
    expect(() => make({ eps: 0 })).toThrow(new RangeError(`${name}: eps must be a finite number > 0; received 0`));
    expect(() => make({ eps: -1e-8 })).toThrow(
      new RangeError(`${name}: eps must be a finite number > 0; received -1e-8`),
    );
    expect(() => make({ eps: NaN })).toThrow(new RangeError(`${name}: eps must be a finite number > 0; received NaN`));
  });

  it("rejects unknown option names, listing the known ones", () => {
    const thrown = error(() => make({ learningRate: 0.1 }));
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown.message).toBe(
      `${name}: unknown option "learningRate" (received 0.1); the options are ${Object.keys(make().options).join(", ")}`,
    );
    expect(() => make(3)).toThrow(new TypeError(`${name}: options must be an object; received 3`));
  });

  it("checks lr schedules at each step", () => {
    const opt = make({ lr: () => -1 });
    const x = new Float64Array(2);
    expect(() => opt.step(x, new Float64Array(2), opt.init(x, layoutFor(name, 2)))).toThrow(
      new RangeError(`${name}: lr(t) must return a finite number ≥ 0; received -1 at t = 1`),
    );
  });

  it("checks the vectors: x's type, grad's length, and a state made for x", () => {
    const opt = make(WITH_STATE[name]);
    expect(() => opt.init([1, 2] as never)).toThrow(
      new TypeError(`${name}.init: x must be a Float64Array or Float32Array; received [1, 2]`),
    );
    const x = new Float64Array(2);
    expect(() => opt.step(x, new Float64Array(3), opt.init(x, layoutFor(name, 2)))).toThrow(
      new RangeError(`${name}.step: grad must have the length of x (2); received length 3`),
    );
    expect(() => opt.step(x, new Float64Array(2), {} as never)).toThrow(
      new TypeError(`${name}.step: state must come from ${name}.init(x); received {}`),
    );
    const wrongState = opt.init(new Float64Array(5), layoutFor(name, 5));
    const message = error(() => opt.step(x, new Float64Array(2), wrongState)).message;
    expect(message).toMatch(
      new RegExp(
        `^${name}\\.step: state\\.\\w+ must be a vector of the length of x \\(2\\), as made by ${name}\\.init\\(x\\); received Float64Array\\(5\\)$`,
      ),
    );
  });
});

describe.each(WITH_BETAS)("%s's betas", (name) => {
  const make = (options?: unknown) => factories[name]!(options as object);

  it("checks each β in [0, 1) and the pair's shape", () => {
    expect(() => make({ betas: [0.9, 1] })).toThrow(
      new RangeError(`${name}: betas[1] must be a number in [0, 1); received 1`),
    );
    expect(() => make({ betas: [-0.1, 0.9] })).toThrow(
      new RangeError(`${name}: betas[0] must be a number in [0, 1); received -0.1`),
    );
    expect(() => make({ betas: [0.9] })).toThrow(
      new TypeError(`${name}: betas must be a pair [β₁, β₂] of numbers in [0, 1); received [0.9]`),
    );
  });
});

describe("the other ranges", () => {
  it.each([
    ["sgd", { momentum: 1 }, "RangeError", "sgd: momentum must be a number in [0, 1); received 1"],
    ["sgd", { dampening: 1.5 }, "RangeError", "sgd: dampening must be a number in [0, 1]; received 1.5"],
    ["sgd", { nesterov: 1 }, "TypeError", "sgd: nesterov must be true or false; received 1"],
    ["adagrad", { lrDecay: -1 }, "RangeError", "adagrad: lrDecay must be a finite number ≥ 0; received -1"],
    [
      "adagrad",
      { initialAccumulatorValue: -0.1 },
      "RangeError",
      "adagrad: initialAccumulatorValue must be a finite number ≥ 0; received -0.1",
    ],
    ["rmsprop", { alpha: 1 }, "RangeError", "rmsprop: alpha must be a number in [0, 1); received 1"],
    ["rmsprop", { momentum: -0.5 }, "RangeError", "rmsprop: momentum must be a number in [0, 1); received -0.5"],
    ["rmsprop", { centered: "yes" }, "TypeError", 'rmsprop: centered must be true or false; received "yes"'],
    ["adadelta", { rho: 1 }, "RangeError", "adadelta: rho must be a number in [0, 1); received 1"],
    ["adam", { biasCorrection: 0 }, "TypeError", "adam: biasCorrection must be true or false; received 0"],
    ["adamw", { amsgrad: null }, "TypeError", "adamw: amsgrad must be true or false; received null"],
    [
      "nadam",
      { momentumDecay: -4e-3 },
      "RangeError",
      "nadam: momentumDecay must be a finite number ≥ 0; received -0.004",
    ],
    ["lion", { betas: [0.9, 1] }, "RangeError", "lion: betas[1] must be a number in [0, 1); received 1"],
    ["adafactor", { beta2Decay: 0.5 }, "RangeError", "adafactor: beta2Decay must be a finite number ≤ 0; received 0.5"],
    ["adafactor", { d: 0.5 }, "RangeError", "adafactor: d must be a finite number ≥ 1; received 0.5"],
    [
      "adafactor",
      { eps: 1e-3 },
      "TypeError",
      "adafactor: eps must be a pair [ε₁, ε₂] with ε₁ a finite number > 0 or null and ε₂ a finite number ≥ 0; " +
        "received 0.001",
    ],
    [
      "adafactor",
      { eps: [0, 1e-3] },
      "RangeError",
      "adafactor: eps[0] must be a finite number > 0 or null; received 0",
    ],
    ["adafactor", { eps: [null, -1] }, "RangeError", "adafactor: eps[1] must be a finite number ≥ 0; received -1"],
    ["adafactor", { maximize: "no" }, "TypeError", 'adafactor: maximize must be true or false; received "no"'],
    ["muon", { momentum: 1 }, "RangeError", "muon: momentum must be a number in [0, 1); received 1"],
    ["muon", { nsSteps: 100 }, "RangeError", "muon: nsSteps must be an integer in [0, 99]; received 100"],
    ["muon", { nsSteps: 2.5 }, "RangeError", "muon: nsSteps must be an integer in [0, 99]; received 2.5"],
    [
      "muon",
      { adjustLr: "none" },
      "RangeError",
      'muon: adjustLr must be one of "original", "match_rms_adamw"; received "none"',
    ],
    [
      "muon",
      { nsCoefficients: [1, 2] },
      "RangeError",
      "muon: nsCoefficients must be an array of 3 finite numbers; received [1, 2]",
    ],
    ["muon", { nesterov: 0 }, "TypeError", "muon: nesterov must be true or false; received 0"],
  ] as const)("%s %j", (name, options, kind, message) => {
    const thrown = error(() => factories[name]!(options));
    expect(thrown.constructor.name).toBe(kind);
    expect(thrown.message).toBe(message);
  });
});

describe("the layout given to init", () => {
  it.each(NAMES)("%s checks a shape against x's length, and refuses other layouts", (name) => {
    const opt = factories[name]!();
    const x = new Float64Array(6);
    const allowed = "[n] or [rows, cols], positive integers whose product is x's length (6)";
    expect(() => opt.init(x, { shape: [2, 2] })).toThrow(
      new RangeError(`${name}.init: shape must be ${allowed}; received [2, 2]`),
    );
    expect(() => opt.init(x, { shape: [1, 2, 3] })).toThrow(
      new RangeError(`${name}.init: shape must be ${allowed}; received [1, 2, 3]`),
    );
    expect(() => opt.init(x, { shape: "2x3" as never })).toThrow(
      new TypeError(`${name}.init: shape must be ${allowed}; received "2x3"`),
    );
    expect(() => opt.init(x, 6 as never)).toThrow(
      new TypeError(`${name}.init: layout must be an object such as { shape: [rows, cols] }; received 6`),
    );
    expect(() => opt.init(x, { shap: [2, 3] } as never)).toThrow(
      new TypeError(`${name}.init: unknown layout option "shap"; the only one is shape`),
    );
    expect(opt.init(x, { shape: [2, 3] }).t).toBe(0);
  });

  it.each(NAMES.filter((name) => name !== "muon" && name !== "adafactor"))(
    "%s ignores the shape: the same state with or without one",
    (name) => {
      const opt = factories[name]!(WITH_STATE[name]);
      const x = Float64Array.of(1, 2, 3, 4, 5, 6);
      expect(opt.init(x, { shape: [2, 3] })).toEqual(opt.init(x));
    },
  );

  it("muon refuses a parameter without a 2-D shape", () => {
    const x = new Float64Array(6);
    const allowed = "[rows, cols]: muon orthogonalises matrices (optimize vectors such as biases with adamw)";
    expect(() => optim.muon().init(x)).toThrow(
      new TypeError(`muon.init: shape must be ${allowed}; received undefined`),
    );
    expect(() => optim.muon().init(x, { shape: [6] })).toThrow(
      new RangeError(`muon.init: shape must be ${allowed}; received [6]`),
    );
  });

  it("adafactor and muon check that a state fits x", () => {
    const x = new Float64Array(6);
    const grad = new Float64Array(6);
    const adafactor = optim.adafactor();
    expect(() => adafactor.step(x, grad, adafactor.init(new Float64Array(4), { shape: [2, 2] }))).toThrow(
      new RangeError(
        "adafactor.step: state.R and state.C must be vectors whose lengths multiply to x's length (6), as made by " +
          "adafactor.init(x, { shape: [rows, cols] }); received R Float64Array(2), C Float64Array(2)",
      ),
    );
    const muon = optim.muon();
    const state = muon.init(x, { shape: [2, 3] });
    expect(() => muon.step(x, grad, { ...state, rows: 3 })).toThrow(
      new RangeError(
        "muon.step: state.rows · state.cols must be x's length (6), as made by muon.init(x, { shape: [rows, cols] }); " +
          "received rows 3, cols 3",
      ),
    );
  });
});
