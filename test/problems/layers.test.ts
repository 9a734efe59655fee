/** The classifiers' pieces, on numbers small enough to work out by hand. */
import { describe, expect, it } from "vitest";
import {
  denseBackward,
  denseForward,
  denseLayer,
  reluBackward,
  reluForward,
  softmaxCrossEntropy,
} from "../../src/problems/layers.ts";

describe("dense layer", () => {
  // W = [[1, 2], [3, 4], [5, 6]] (3 outputs × 2 inputs), b = [0.5, −1, 0]; one row x = [1, −1].
  const layer = denseLayer(2, 3, 0);
  const params = Float64Array.of(1, 2, 3, 4, 5, 6, 0.5, -1, 0);
  const x = Float64Array.of(1, -1);

  it("places b right after W", () => {
    expect(layer).toEqual({ inputs: 2, outputs: 3, weights: 0, bias: 6 });
  });

  it("forward: z = Wx + b", () => {
    const z = new Float64Array(3);
    denseForward(params, layer, x, 1, z);
    expect(Array.from(z)).toEqual([1 - 2 + 0.5, 3 - 4 - 1, 5 - 6 + 0]); // [−0.5, −2, −1]
  });

  it("backward: ∂W = δ xᵀ, ∂b = δ, ∂x = Wᵀ δ, added to what the gradient holds", () => {
    const delta = Float64Array.of(1, 0, -2);
    const grad = new Float64Array(9).fill(1);
    const dx = Float64Array.of(99, 99);
    denseBackward(params, layer, x, 1, delta, grad, dx);
    // δ xᵀ = [[1, −1], [0, 0], [−2, 2]], plus the 1 already there; ∂b = δ + 1; Wᵀδ = [1 − 10, 2 − 12].
    expect(Array.from(grad)).toEqual([2, 0, 1, 1, -1, 3, 2, 1, -1]);
    expect(Array.from(dx)).toEqual([-9, -10]);
  });
});

describe("relu", () => {
  it("forward keeps the positives; backward lets the gradient through only there", () => {
    const h = Float64Array.of(-1, 0, 2);
    reluForward(h, 3);
    expect(Array.from(h)).toEqual([0, 0, 2]);
    const gradient = Float64Array.of(5, 6, 7);
    reluBackward(h, gradient, 3);
    expect(Array.from(gradient)).toEqual([0, 0, 7]); // at 0 the subgradient taken is 0, as in PyTorch
  });
});

describe("softmaxCrossEntropy", () => {
  it("is ln C for equal logits, with gradient (1/C − [c = y]) / B", () => {
    const logits = new Float64Array(2 * 4); // two rows, four classes, all logits 0
    const gradient = new Float64Array(8);
    const loss = softmaxCrossEntropy(logits, Uint8Array.of(1, 3), 2, 4, gradient);
    expect(loss).toBeCloseTo(Math.log(4), 15);
    expect(Array.from(gradient)).toEqual([0.125, -0.375, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375]);
  });

  it("stays finite for logits far beyond exp's range: log-softmax subtracts the row's maximum", () => {
    // softmax([1000, 0]) = [1, e^−1000]: the loss of label 1 is 1000, of label 0 is log(1 + e^−1000) = 0.
    const logits = Float64Array.of(1000, 0, 1000, 0);
    const gradient = new Float64Array(4);
    expect(softmaxCrossEntropy(logits, Uint8Array.of(1, 0), 2, 2, gradient)).toBe(500);
    expect(Array.from(gradient)).toEqual([0.5, -0.5, 0, 0]);
    expect(softmaxCrossEntropy(Float64Array.of(-1e308, 1e308), Uint8Array.of(1), 1, 2)).toBe(0);
  });
});
