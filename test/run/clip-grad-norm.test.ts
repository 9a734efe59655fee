/** clipGradNorm: hand-worked cases of PyTorch's clip_grad_norm_ (the fixtures in torch-fixtures.test.ts check more). */
import { describe, expect, it } from "vitest";
import { clipGradNorm } from "../../src/run/index.ts";

describe("clipGradNorm", () => {
  it("scales a gradient of norm 5 down to norm 1 (times 5/(5 + 1e-6)) and returns 5", () => {
    // factor = 1/(5 + 1e-6); g = (3, 4)·factor.
    const g = Float64Array.of(3, 4);
    expect(clipGradNorm(g, 1)).toBe(5);
    expect(Array.from(g)).toEqual([3 / (5 + 1e-6), 4 / (5 + 1e-6)]);
    expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(1 - 2e-7, 12);
  });

  it("leaves a gradient below maxNorm exactly as it was (the factor is exactly 1)", () => {
    const g = Float64Array.of(0.1, -0.2, 0.3);
    expect(clipGradNorm(g, 1)).toBeCloseTo(Math.sqrt(0.14), 15);
    expect(Array.from(g)).toEqual([0.1, -0.2, 0.3]);
  });

  it("clips an array of vectors by their global norm, all by the same factor", () => {
    // ‖([3], [4])‖ = 5, as for the single vector (3, 4): each is divided by 5 + 1e-6 (times maxNorm 2).
    const grads = [Float64Array.of(3), Float64Array.of(4)];
    expect(clipGradNorm(grads, 2)).toBe(5);
    expect([grads[0]![0], grads[1]![0]]).toEqual([(3 * 2) / (5 + 1e-6), (4 * 2) / (5 + 1e-6)]);
  });

  it("returns 0 for a zero gradient and an empty list, and divides by 1e-6 rather than 0", () => {
    const g = new Float64Array(3);
    expect(clipGradNorm(g, 1)).toBe(0);
    expect(Array.from(g)).toEqual([0, 0, 0]);
    expect(clipGradNorm([], 1)).toBe(0);
  });

  it("takes the largest |gᵢ| for normType Infinity, the sum for normType 1", () => {
    expect(clipGradNorm([Float64Array.of(0.5, -3), Float64Array.of(2)], 10, { normType: Infinity })).toBe(3);
    expect(clipGradNorm([Float64Array.of(0.5, -3), Float64Array.of(2)], 10, { normType: 1 })).toBe(5.5);
  });

  it("clips float32 gradients in place, rounding the products to float32", () => {
    const g = Float32Array.of(30, 40);
    expect(clipGradNorm(g, 5)).toBe(50);
    expect(Array.from(g)).toEqual([Math.fround(30 * (5 / (50 + 1e-6))), Math.fround(40 * (5 / (50 + 1e-6)))]);
  });

  it("scales by 0 for an infinite norm and by NaN for a NaN one, as PyTorch does, unless errorIfNonfinite", () => {
    const g = Float64Array.of(Infinity, 1);
    expect(clipGradNorm(g, 1)).toBe(Infinity);
    expect(g[1]).toBe(0);
    const h = Float64Array.of(Number.NaN, 1);
    expect(clipGradNorm(h, 1)).toBeNaN();
    expect(h[1]).toBeNaN();
    expect(() => clipGradNorm(Float64Array.of(Infinity), 1, { errorIfNonfinite: true })).toThrow(
      new RangeError(
        "clipGradNorm: the total norm of order 2 of the gradients is Infinity, so they cannot be clipped; " +
          "set errorIfNonfinite: false to scale them anyway",
      ),
    );
  });

  it.each([
    [
      () => clipGradNorm([1, 2] as never, 1),
      TypeError,
      "clipGradNorm: grad must be a Float64Array or Float32Array, or an array of them; received [1, 2]",
    ],
    [
      () => clipGradNorm(Float64Array.of(1), -1),
      RangeError,
      "clipGradNorm: maxNorm must be a finite number ≥ 0; received -1",
    ],
    [
      () => clipGradNorm(Float64Array.of(1), 1, { normType: 0.5 }),
      RangeError,
      "clipGradNorm: normType must be a number ≥ 1 or Infinity; received 0.5",
    ],
    [
      () => clipGradNorm(Float64Array.of(1), 1, { norm: 2 } as never),
      TypeError,
      'clipGradNorm: unknown option "norm" (received 2); did you mean "normType"? the options are normType, errorIfNonfinite',
    ],
  ])("names what was wrong: %#", (call, kind, message) => {
    expect(call).toThrow(new kind(message));
  });
});
