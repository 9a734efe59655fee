import { describe, expect, it } from "vitest";
import { muon } from "../../src/optim/index.ts";

/** Newton–Schulz on one singular value: σ ↦ aσ + bσ³ + cσ⁵, K times. */
function polynomial(sigma: number, [a, b, c]: readonly number[], steps: number): number {
  for (let k = 0; k < steps; k++) sigma = a * sigma + b * sigma ** 3 + c * sigma ** 5;
  return sigma;
}

/** M Mᵀ for an r×n matrix stored row-major. */
function gram(matrix: Float64Array, r: number, n: number): number[] {
  const product: number[] = [];
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      let sum = 0;
      for (let l = 0; l < n; l++) sum += matrix[i * n + l]! * matrix[j * n + l]!;
      product.push(sum);
    }
  return product;
}

describe("muon", () => {
  it("maps each singular value of the normalised momentum through p five times", () => {
    // G = diag(2, 1). B = lerp(0, G, 0.05) = 0.05G; Nesterov B̃ = lerp(G, B, 0.95) = 0.0975G, whose singular
    // vectors are G's. X₀ = B̃/‖B̃‖_F = diag(2, 1)/√5, and every step keeps it diagonal, so
    // O = diag(p⁵(2/√5), p⁵(1/√5)) ≈ diag(0.689, 1.114): not 1, but both close to it.
    const opt = muon({ lr: 0.1, weightDecay: 0 });
    const x = new Float64Array(4);
    const state = opt.init(x, { shape: [2, 2] });
    opt.step(x, Float64Array.of(2, 0, 0, 1), state);
    const coefficients = opt.options.nsCoefficients;
    expect(x[0]).toBeCloseTo(-0.1 * polynomial(2 / Math.sqrt(5), coefficients, 5), 14);
    expect(x[3]).toBeCloseTo(-0.1 * polynomial(1 / Math.sqrt(5), coefficients, 5), 14);
    expect([x[1], x[2]]).toEqual([0, 0]);
    expect(Array.from(state.B)).toEqual([0 + (1 - 0.95) * 2, 0, 0, 0 + (1 - 0.95) * 1]);
  });

  it("orthogonalises: with a convergent polynomial, O Oᵀ = I for a wide matrix and Oᵀ O = I for a tall one", () => {
    // The cubic p(σ) = 1.5σ − 0.5σ³ has σ = 1 as an attracting fixed point; 40 steps converge for these matrices.
    const options = { lr: 1, weightDecay: 0, momentum: 0, nesterov: false, nsCoefficients: [1.5, -0.5, 0] as const };
    const opt = muon({ ...options, nsSteps: 40 });
    const g = Float64Array.of(1, 2, 0, -1, 3, 0.5, 1, 1, 2, -2, 0, 1, 0.5, 1, 1);
    const wide = new Float64Array(15);
    opt.step(wide, g, opt.init(wide, { shape: [3, 5] }));
    const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    gram(wide, 3, 5).forEach((value, k) => expect(value).toBeCloseTo(identity[k]!, 12));
    // The same entries as a 5×3 matrix: iterated transposed; −x is then s·O with s = √(5/3) ("original"), and O's
    // columns are orthonormal: xᵀx = (5/3)·I.
    const tall = new Float64Array(15);
    opt.step(tall, g, opt.init(tall, { shape: [5, 3] }));
    const transposed = Float64Array.from({ length: 15 }, (_, k) => tall[(k % 5) * 3 + Math.floor(k / 5)]!);
    gram(transposed, 3, 5).forEach((value, k) => expect(value).toBeCloseTo((5 / 3) * identity[k]!, 12));
  });

  it("scales the step by √max(1, rows/cols) or by 0.2·√max(rows, cols), and decays by 1 − lr·λ unscaled", () => {
    const step = (adjustLr: "original" | "match_rms_adamw", shape: [number, number]) => {
      const opt = muon({ lr: 0.1, weightDecay: 0.5, adjustLr });
      const x = new Float64Array(4).fill(1);
      opt.step(x, Float64Array.of(1, 1, 1, 1), opt.init(x, { shape }));
      return x[0]!;
    };
    // G = all ones has one singular value; X₀ = G/‖G‖_F, O = p⁵(1)·G/2 entrywise.
    const o = polynomial(1, [3.4445, -4.775, 2.0315], 5) / 2;
    expect(step("original", [4, 1])).toBeCloseTo(0.95 - 0.1 * 2 * o, 14); // √max(1, 4/1) = 2
    expect(step("original", [1, 4])).toBeCloseTo(0.95 - 0.1 * 1 * o, 14); // √max(1, 1/4) = 1
    expect(step("match_rms_adamw", [4, 1])).toBeCloseTo(0.95 - 0.1 * 0.4 * o, 14); // 0.2·√4
    expect(step("match_rms_adamw", [2, 2])).toBeCloseTo(0.95 - 0.1 * 0.2 * Math.SQRT2 * o, 14);
  });

  it("keeps only the momentum buffer B (and the shape) in its state; a copied state steps the same", () => {
    const opt = muon({ lr: 0.02 });
    const x = Float64Array.of(1, 2, 3, 4, 5, 6);
    const state = opt.init(x, { shape: [2, 3] });
    expect(Object.keys(state).sort()).toEqual(["B", "cols", "rows", "t"]);
    opt.step(x, Float64Array.of(1, -1, 2, 0, 1, 3), state);
    const copy = { x: x.slice(), state: structuredClone(state) };
    const g = Float64Array.of(0.5, 1, -1, 2, 0, 1);
    opt.step(x, g, state);
    opt.step(copy.x, g, copy.state); // its Newton–Schulz scratch is made at this step
    expect(copy.x).toEqual(x);
    expect(copy.state).toEqual(state);
  });

  it("defaults to PyTorch's options", () => {
    expect(muon().options).toEqual({
      lr: 1e-3,
      weightDecay: 0.1,
      momentum: 0.95,
      nesterov: true,
      nsCoefficients: [3.4445, -4.775, 2.0315],
      eps: 1e-7,
      nsSteps: 5,
      adjustLr: "original",
    });
  });
});
