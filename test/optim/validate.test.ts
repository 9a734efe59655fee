/**
 * Every optimizer rejects every invalid option with one wording: the optimizer, the parameter, the allowed range and
 * the value received (src/optim/validate.ts). Range problems are RangeErrors, type problems TypeErrors.
 */
import { describe, expect, it } from "vitest";
import * as optim from "../../src/optim/index.ts";
import type { Optimizer } from "../../src/optim/index.ts";

type Factory = (options?: object) => Optimizer<any>;
const factories = optim as unknown as Record<string, Factory>;
const NAMES = ["sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam"];
const WITH_BETAS = ["adam", "adamw", "adamax", "nadam", "radam"];
/** Options that give every optimizer at least one state vector. */
const WITH_STATE: Record<string, object> = { sgd: { momentum: 0.9 } };

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
    if (name === "sgd") return; // SGD has no ε
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
    expect(() => opt.step(x, new Float64Array(2), opt.init(x))).toThrow(
      new RangeError(`${name}: lr(t) must return a finite number ≥ 0; received -1 at t = 1`),
    );
  });

  it("checks the vectors: x's type, grad's length, and a state made for x", () => {
    const opt = make(WITH_STATE[name]);
    expect(() => opt.init([1, 2] as never)).toThrow(
      new TypeError(`${name}.init: x must be a Float64Array or Float32Array; received [1, 2]`),
    );
    const x = new Float64Array(2);
    expect(() => opt.step(x, new Float64Array(3), opt.init(x))).toThrow(
      new RangeError(`${name}.step: grad must have the length of x (2); received length 3`),
    );
    expect(() => opt.step(x, new Float64Array(2), {} as never)).toThrow(
      new TypeError(`${name}.step: state must come from ${name}.init(x); received {}`),
    );
    const wrongState = opt.init(new Float64Array(5));
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
  ] as const)("%s %j", (name, options, kind, message) => {
    const thrown = error(() => factories[name]!(options));
    expect(thrown.constructor.name).toBe(kind);
    expect(thrown.message).toBe(message);
  });
});
