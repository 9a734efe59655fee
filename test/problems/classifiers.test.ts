/**
 * softmaxRegression and mlp: hand-written gradients against central finite differences, the parameter layout and its
 * initialisation, predictions, float32, and the wording of their errors.
 *
 * Gradient check (float64): at seeded random parameters (every entry N(0, 0.5²), so biases and both signs of every
 * ReLU input are exercised) on 8 real training images, each coordinate's derivative by central differences with
 * step h = 1e-5 must match the analytic one to |analytic − numeric| ≤ 1e-9 + 1e-6·|numeric|. Central differences err
 * by O(h²) plus rounding O(ε·L/h) ≈ 1e-10; the largest error seen is 1.3e-10 (largest relative error, among
 * coordinates with |∂L/∂θ| > 1e-3, 5.5e-8).
 */
import { describe, expect, it } from "vitest";
import {
  loadDigits,
  minibatches,
  mlp,
  rng,
  softmaxRegression,
  type Batch,
  type Classifier,
} from "../../src/problems/index.ts";

const digits = loadDigits();

/** Eight training images, copied out of the reused minibatch buffer. */
function eightImages(): Batch {
  const batches = minibatches(digits.train, { batchSize: 8, seed: 1 });
  batches.shuffle(0);
  const { inputs, labels } = batches.batch(0);
  return { inputs: inputs.slice(), labels: labels.slice(), size: 8, features: 64 };
}

const MODELS: [string, Classifier][] = [
  ["softmaxRegression()", softmaxRegression()],
  ["mlp()", mlp()],
  ["mlp({ hidden: 5 })", mlp({ hidden: 5 })],
];

describe.each(MODELS)("%s", (_, model) => {
  const batch = eightImages();

  it("has the gradient of its loss: central finite differences agree to 1e-9 + 1e-6·|numeric|", () => {
    const random = rng(11);
    const params = Float64Array.from({ length: model.dimension }, () => 0.5 * random.normal());
    const grad = new Float64Array(model.dimension);
    const loss = model.lossAndGradient(params, batch, grad);
    expect(loss).toBe(model.loss(params, batch));
    const h = 1e-5;
    let worst = 0;
    for (let i = 0; i < model.dimension; i++) {
      const value = params[i]!;
      params[i] = value + h;
      const up = model.loss(params, batch);
      params[i] = value - h;
      const down = model.loss(params, batch);
      params[i] = value;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(grad[i]! - numeric) / (1e-9 + 1e-6 * Math.abs(numeric)));
    }
    expect(worst, "largest error in units of the tolerance").toBeLessThan(1);
    const nonZero = grad.filter((g) => Math.abs(g) > 1e-3).length;
    expect(nonZero / model.dimension, "share of coordinates the check really tests").toBeGreaterThan(0.25);
  });

  it("computes the same gradient in float32, to float32's precision", () => {
    const params = model.initialParameters({ seed: 4 });
    const grad64 = new Float64Array(model.dimension);
    const grad32 = new Float32Array(model.dimension);
    model.lossAndGradient(params, batch, grad64);
    model.lossAndGradient(Float32Array.from(params), batch, grad32);
    const scale = Math.max(...grad64.map(Math.abs));
    grad64.forEach((g, i) => expect(Math.abs(g - grad32[i]!)).toBeLessThan(1e-6 * scale));
  });

  it("lays its parameters out in blocks that tile the vector", () => {
    let offset = 0;
    for (const block of model.layout) {
      expect(block.offset).toBe(offset);
      expect(block.size).toBe(block.shape.reduce((a, b) => a * b));
      offset += block.size;
    }
    expect(offset).toBe(model.dimension);
  });

  it("starts from seeded weights within their Glorot or He bound, and zero biases", () => {
    const params = model.initialParameters({ seed: 3 });
    expect(params).toBeInstanceOf(Float64Array);
    expect(model.initialParameters({ seed: 3 })).toEqual(params);
    expect(model.initialParameters({ seed: 4 })).not.toEqual(params);
    expect(model.initialParameters({ seed: 3, float32: true })).toEqual(Float32Array.from(params));
    for (const { init, shape, offset, size } of model.layout) {
      const values = params.subarray(offset, offset + size);
      if (init === "zero") expect(values.every((v) => v === 0)).toBe(true);
      else {
        const [fanOut, fanIn] = shape as [number, number];
        const bound = Math.sqrt(6 / (init === "he" ? fanIn : fanIn + fanOut));
        const largest = Math.max(...values.map(Math.abs));
        expect(largest).toBeLessThanOrEqual(bound);
        expect(largest).toBeGreaterThan(0.9 * bound); // uniform over the whole interval
      }
    }
  });

  it("predicts the most probable class; accuracy is the share predicted right", () => {
    const params = model.initialParameters({ seed: 5 });
    const predicted = model.predict(params, digits.test);
    expect(predicted).toHaveLength(digits.test.size);
    const right = predicted.filter((c, r) => c === digits.test.labels[r]).length;
    expect(model.accuracy(params, digits.test)).toBe(right / digits.test.size);
    const out = new Uint8Array(digits.test.size);
    expect(model.predict(params, digits.test, out)).toBe(out);
    expect(out).toEqual(predicted);
  });
});

describe("the models' shapes", () => {
  it("softmaxRegression: W (10×64) then b (10), 650 parameters", () => {
    expect(softmaxRegression().layout.map(({ name, shape, offset }) => [name, shape, offset])).toEqual([
      ["W", [10, 64], 0],
      ["b", [10], 640],
    ]);
    expect(softmaxRegression().dimension).toBe(650);
    expect(softmaxRegression().title).toBe("softmax regression 64→10");
  });

  it("mlp: W1 (32×64), b1, W2 (10×32), b2, 2,410 parameters", () => {
    expect(mlp().layout.map(({ name, shape, offset, init }) => [name, shape, offset, init])).toEqual([
      ["W1", [32, 64], 0, "he"],
      ["b1", [32], 2048, "zero"],
      ["W2", [10, 32], 2080, "glorot"],
      ["b2", [10], 2400, "zero"],
    ]);
    expect(mlp().dimension).toBe(2410);
    expect(mlp().title).toBe("MLP 64-32-10, ReLU");
  });

  it("softmax regression at zero: loss ln 10, ∂L/∂b_c = 1/10 − (share of the batch labelled c)", () => {
    const model = softmaxRegression();
    const batch = eightImages();
    const grad = new Float64Array(650);
    expect(model.lossAndGradient(new Float64Array(650), batch, grad)).toBeCloseTo(Math.log(10), 15);
    const share = (c: number) => batch.labels.filter((label) => label === c).length / 8;
    for (let c = 0; c < 10; c++) expect(grad[640 + c]).toBeCloseTo(0.1 - share(c), 15);
  });
});

describe("the models' errors name the method, the argument, the expected value and the one received", () => {
  const model = mlp();
  const params = model.initialParameters();
  const batch = eightImages();

  it.each([
    [
      () => model.loss(new Float64Array(3), batch),
      RangeError,
      "mlp.loss: params must have length 2410; received length 3",
    ],
    [
      () => model.lossAndGradient(params, batch, [0] as never),
      TypeError,
      "mlp.lossAndGradient: grad must be a Float64Array or Float32Array; received [0]",
    ],
    [
      () => model.lossAndGradient(params, batch, new Float64Array(650)),
      RangeError,
      "mlp.lossAndGradient: grad must have length 2410; received length 650",
    ],
    [
      () => model.accuracy(params, { ...batch, labels: Uint8Array.of(1, 2, 3, 10, 0, 0, 0, 0) }),
      RangeError,
      "mlp.accuracy: batch.labels[3] must be a class in [0, 9]; received 10",
    ],
    [
      () => softmaxRegression({ inputs: 3 }).loss(new Float64Array(40), batch),
      RangeError,
      "softmaxRegression.loss: batch.features must be 3; received 64",
    ],
    [
      () => model.predict(params, { inputs: new Float64Array(64), size: 1, features: 64 }, new Uint8Array(2)),
      RangeError,
      "mlp.predict: out must have length 1; received length 2",
    ],
    [() => mlp({ hidden: 0 }), RangeError, "mlp: hidden must be an integer ≥ 1; received 0"],
    [
      () => softmaxRegression({ classes: 1 }),
      RangeError,
      "softmaxRegression: classes must be an integer ≥ 2; received 1",
    ],
    [
      () => model.initialParameters({ float32: 1 as never }),
      TypeError,
      "mlp.initialParameters: float32 must be true or false; received 1",
    ],
  ])("%#", (call, kind, message) => {
    expect(call).toThrow(new kind(message));
  });

  it("predicts examples without labels", () => {
    const image = { inputs: digits.test.inputs.subarray(0, 64), size: 1, features: 64 };
    expect(model.predict(params, image)).toEqual(model.predict(params, digits.test).subarray(0, 1));
  });
});
