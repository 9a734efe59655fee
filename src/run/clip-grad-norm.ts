/**
 * Gradient clipping by norm, as PyTorch's `torch.nn.utils.clip_grad_norm_`: if the gradient's norm exceeds
 * `maxNorm`, scale it down to about `maxNorm`, in place; return the norm it had before.
 *
 * $$
 * \lVert g \rVert = \Big( \sum_k \lVert g^{(k)} \rVert_p^{\,p} \Big)^{1/p}, \qquad
 * g \leftarrow g \cdot \min\!\Big(1, \frac{c}{\lVert g \rVert + 10^{-6}}\Big)
 * $$
 *
 * with c = `maxNorm` and p = `normType` (default 2; `Infinity` for the largest |g_i|). Given an array of vectors
 * (one per parameter group, say), the norm is the **global** one over all of them — PyTorch's norm of the per-vector
 * norms — and every vector is scaled by the same factor, so the update keeps its direction.
 *
 * - The 10⁻⁶ is PyTorch's: it keeps the division finite for a zero gradient, and it leaves a clipped gradient's norm
 *   a hair below c (c·‖g‖/(‖g‖ + 10⁻⁶)).
 * - As in PyTorch, every entry is multiplied by the factor, which is exactly 1 when no clipping happens. A non-finite
 *   norm gives a factor of 0 (∞) or NaN, as in PyTorch with `error_if_nonfinite=False` (the default);
 *   `errorIfNonfinite: true` throws instead.
 * - Sums run in float64 for float32 vectors too (PyTorch sums float32 in float32), and the products are rounded to
 *   float32 when stored.
 *
 * @example
 * const g = Float64Array.of(3, 4);
 * clipGradNorm(g, 1); // returns 5; g ≈ [0.6, 0.8] (times 5/(5 + 1e-6))
 * clipGradNorm([Float64Array.of(3), Float64Array.of(4)], 10); // 5, nothing changed
 */
import type { Vector } from "../optim/types.ts";
import { boolean, nonNegative, rangeError, resolveOptions, show, typeError, type Specs } from "../optim/validate.ts";

export interface ClipGradNormOptions {
  /** p of the p-norm: a number ≥ 1, or Infinity for the largest |gᵢ|. Default 2. */
  normType: number;
  /** Throw when the norm is NaN or infinite instead of scaling by 0 or NaN. Default false. */
  errorIfNonfinite: boolean;
}

const maxNormSpec = nonNegative(0);

const specs: Specs<ClipGradNormOptions> = {
  normType: {
    default: 2,
    check(value, where) {
      const allowed = "a number ≥ 1 or Infinity";
      if (typeof value !== "number") throw typeError(where, allowed, value);
      if (!(value >= 1)) throw rangeError(where, allowed, value);
      return value;
    },
  },
  errorIfNonfinite: boolean(false),
};

const isVector = (value: unknown): value is Vector => value instanceof Float64Array || value instanceof Float32Array;

/** The p-norm of one vector. */
function norm(vector: ArrayLike<number>, p: number): number {
  let total = 0;
  if (p === Infinity) {
    for (let i = 0; i < vector.length; i++) total = Math.max(total, Math.abs(vector[i]!));
    return total;
  }
  for (let i = 0; i < vector.length; i++) {
    const size = Math.abs(vector[i]!);
    total += p === 2 ? size * size : p === 1 ? size : size ** p;
  }
  return p === 2 ? Math.sqrt(total) : p === 1 ? total : total ** (1 / p);
}

/** Clip `grad` (a vector, or an array of vectors for a global norm) to norm `maxNorm` in place; return its norm before. */
export function clipGradNorm(
  grad: Vector | readonly Vector[],
  maxNorm: number,
  options?: Partial<ClipGradNormOptions>,
): number {
  const vectors: readonly Vector[] = isVector(grad) ? [grad] : (grad as readonly Vector[]);
  if (!Array.isArray(vectors) || !vectors.every(isVector))
    throw typeError(
      { owner: "clipGradNorm", name: "grad" },
      "a Float64Array or Float32Array, or an array of them",
      grad,
    );
  const c = maxNormSpec.check(maxNorm, { owner: "clipGradNorm", name: "maxNorm" });
  const { normType, errorIfNonfinite } = resolveOptions("clipGradNorm", specs, options);
  if (vectors.length === 0) return 0;
  const norms = vectors.map((vector) => norm(vector, normType));
  const total = vectors.length === 1 ? norms[0]! : norm(norms, normType);
  if (errorIfNonfinite && !Number.isFinite(total))
    throw new RangeError(
      `clipGradNorm: the total norm of order ${show(normType)} of the gradients is ${show(total)}, so they cannot ` +
        "be clipped; set errorIfNonfinite: false to scale them anyway",
    );
  const factor = Math.min(1, c / (total + 1e-6));
  for (const vector of vectors) for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * factor;
  return total;
}
