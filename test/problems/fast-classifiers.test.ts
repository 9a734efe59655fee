/**
 * The classifiers' fast route (WebAssembly SIMD passes, taken when the parameters live in wasm memory) against their
 * readable passes, on the same float32 parameters: the loss, every block of the gradient, the predictions — on the
 * digits (64-32-10 and 64→10) and on odd sizes that exercise every leftover row, column and scalar tail of the kernels.
 *
 * Float32 tolerances. The loss: |fast − reference| ≤ 2⁻²⁰ |reference| (it is computed in float64 from float32 logits
 * on both sides; measured ≤ 3e-9). The gradient: |fast − reference| ≤ 2⁻¹⁶ ≈ 1.5e-5 times the block's largest entry.
 * A weight gradient sums one product per example in float32 — for the digits 1,438 of them, whose worst-case rounding
 * bound is 1438u ≈ 8.6e-5 of Σ|terms| and typical size √1438·u ≈ 2.3e-6 — while the reference sums in float64.
 * Measured: 2.0e-7 of the largest entry.
 */
import { describe, expect, it } from "vitest";
import { fastFloat32Array, fastPathAvailable, isWasmResident, zerosLike } from "../../src/optim/index.ts";
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

/** A batch of `rows` random examples (inputs in [0, 1)) of a model's sizes. */
function randomBatch(model: Classifier, rows: number, seed: number): Batch {
  const random = rng(seed);
  const inputs = Float64Array.from({ length: rows * model.inputs }, () => random.uniform());
  const labels = Uint8Array.from({ length: rows }, () => Math.floor(random.uniform() * model.classes));
  return { inputs, labels, size: rows, features: model.inputs };
}

/** The model's float32 parameters twice: a plain copy (reference passes) and one in wasm memory (fast passes). */
function parameters(model: Classifier, seed: number) {
  const plain = model.initialParameters({ seed, float32: true }) as Float32Array;
  const fast = fastFloat32Array(plain.length);
  fast.set(plain);
  return { plain, fast };
}

/** max |a − b| over a block, in units of the block's largest |b|. */
function blockDeviation(a: Float32Array, b: Float32Array, offset: number, size: number): number {
  let [scale, error] = [0, 0];
  for (let k = offset; k < offset + size; k++) {
    scale = Math.max(scale, Math.abs(b[k]!));
    error = Math.max(error, Math.abs(a[k]! - b[k]!));
  }
  return error / (scale || 1);
}

const CASES: [string, () => Classifier, (model: Classifier) => Batch][] = [
  ["MLP 64-32-10 on the digits", () => mlp(), () => digits.train],
  ["softmax regression 64→10 on the digits", () => softmaxRegression(), () => digits.train],
  ["MLP 13-7-3, 37 rows", () => mlp({ inputs: 13, hidden: 7, classes: 3 }), (m) => randomBatch(m, 37, 1)],
  ["MLP 5-9-2, 3 rows", () => mlp({ inputs: 5, hidden: 9, classes: 2 }), (m) => randomBatch(m, 3, 2)],
  ["softmax regression 6→5, 1 row", () => softmaxRegression({ inputs: 6, classes: 5 }), (m) => randomBatch(m, 1, 3)],
];

describe.runIf(fastPathAvailable())("the fast passes match the readable ones", () => {
  it.each(CASES)("%s: loss, gradient (every block), predictions", (_, make, batchOf) => {
    const model = make();
    const batch = batchOf(model);
    const { plain, fast } = parameters(model, 4);
    const [referenceGrad, fastGrad] = [new Float32Array(model.dimension), fastFloat32Array(model.dimension)];
    const referenceLoss = model.lossAndGradient(plain, batch, referenceGrad);
    const fastLoss = model.lossAndGradient(fast, batch, fastGrad);
    expect(Math.abs(fastLoss - referenceLoss)).toBeLessThanOrEqual(2 ** -20 * referenceLoss);
    expect(model.loss(fast, batch)).toBe(fastLoss);
    for (const { name, offset, size } of model.layout)
      expect(blockDeviation(fastGrad, referenceGrad, offset, size), name).toBeLessThanOrEqual(2 ** -16);
    expect(
      fastGrad.some((value, k) => value !== referenceGrad[k]),
      "a different computation ran",
    ).toBe(true);
    expect(model.predict(fast, batch)).toEqual(model.predict(plain, batch));
    expect(model.accuracy(fast, batch)).toBe(model.accuracy(plain, batch));
  });

  it("writes the gradient into any vector: in wasm memory in place, else copied out (Float32Array or Float64Array)", () => {
    const model = mlp();
    const { fast } = parameters(model, 5);
    const resident = fastFloat32Array(model.dimension);
    const [plain32, plain64] = [new Float32Array(model.dimension), new Float64Array(model.dimension)];
    resident.fill(7); // overwritten, not added to
    const losses = [resident, plain32, plain64].map((grad) => model.lossAndGradient(fast, digits.test, grad));
    expect(new Set(losses).size).toBe(1);
    expect([...plain32]).toEqual([...resident]);
    expect([...plain64]).toEqual([...resident]);
  });

  it("reads inputs in place when they live in wasm memory, and only the batch's rows", () => {
    const model = mlp();
    const { fast } = parameters(model, 6);
    const rows = 100;
    const residentInputs = fastFloat32Array(digits.train.inputs.length);
    residentInputs.set(digits.train.inputs);
    const copied = { ...digits.train, size: rows };
    const inPlace = { ...digits.train, inputs: residentInputs, size: rows };
    const [a, b] = [zerosLike(fast), zerosLike(fast)];
    expect(model.lossAndGradient(fast, inPlace, a)).toBe(model.lossAndGradient(fast, copied, b));
    expect([...a]).toEqual([...b]);
  });

  it("trains on minibatches gathered into wasm memory when the data lives there", () => {
    const residentInputs = fastFloat32Array(digits.train.inputs.length);
    residentInputs.set(digits.train.inputs);
    const batches = minibatches({ ...digits.train, inputs: residentInputs }, { batchSize: 100 });
    batches.shuffle(0);
    expect(isWasmResident(batches.batch(0).inputs)).toBe(true);
    expect(isWasmResident(minibatches(digits.train).batch(0).inputs)).toBe(false);
  });

  it("propagates a NaN parameter to the loss, as the reference does", () => {
    const model = softmaxRegression();
    const { plain, fast } = parameters(model, 7);
    plain[3] = fast[3] = NaN;
    expect(model.loss(fast, digits.test)).toBeNaN();
    expect(model.loss(plain, digits.test)).toBeNaN();
  });

  it("keeps the argument checks and their wording", () => {
    const model = mlp();
    const { fast } = parameters(model, 8);
    expect(() => model.lossAndGradient(fast, digits.test, new Float32Array(3))).toThrow(
      new RangeError("mlp.lossAndGradient: grad must have length 2410; received length 3"),
    );
    const badLabel = { ...digits.test, labels: Uint8Array.from(digits.test.labels, () => 12) };
    expect(() => model.loss(fast, badLabel)).toThrow(
      new RangeError("mlp.loss: batch.labels[0] must be a class in [0, 9]; received 12"),
    );
  });
});
