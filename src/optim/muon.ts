/**
 * Muon, "MomentUm Orthogonalized by Newton–Schulz" (Jordan et al., 2024), as `torch.optim.Muon` (PyTorch 2.9,
 * `torch/optim/_muon.py`): momentum, then the step's matrix replaced by an approximately orthogonal one.
 *
 * $$
 * \begin{aligned}
 * G_t &= \nabla f_t(\theta_{t-1}) \\
 * B_t &= \mu B_{t-1} + (1-\mu)\, G_t \qquad \widetilde B_t = \begin{cases} (1-\mu)\,G_t + \mu B_t & \text{nesterov} \\ B_t & \text{otherwise} \end{cases} \\
 * X_0 &= \widetilde B_t / \max(\lVert \widetilde B_t \rVert_F, \epsilon), \qquad
 * X_{k+1} = a X_k + \big(b\, X_k X_k^\top + c\, (X_k X_k^\top)^2\big)\, X_k, \quad O_t = X_K \\
 * \theta_t &= (1 - \gamma\lambda)\,\theta_{t-1} - \gamma\, s\, O_t, \qquad
 * s = \begin{cases} \sqrt{\max(1, \text{rows}/\text{cols})} & \text{adjustLr = "original"} \\
 * 0.2\sqrt{\max(\text{rows}, \text{cols})} & \text{adjustLr = "match\_rms\_adamw"} \end{cases}
 * \end{aligned}
 * $$
 *
 * The iteration maps every singular value σ of X₀ through p(σ) = aσ + bσ³ + cσ⁵ K times, keeping the singular
 * vectors: with (a, b, c) = (3.4445, −4.775, 2.0315) five steps send every σ in (0, 1] to about 0.7–1.2, so O_t ≈
 * UVᵀ where B̃ = USVᵀ. Dividing by the Frobenius norm puts every σ in [0, 1] first. A wide matrix is iterated as is,
 * a tall one transposed, so that XXᵀ is the smaller Gram matrix.
 *
 * Defaults (PyTorch's): lr γ = 1e-3, weightDecay λ = 0.1, momentum μ = 0.95, nesterov = true,
 * nsCoefficients (a, b, c) = [3.4445, −4.775, 2.0315], eps ε = 1e-7, nsSteps K = 5, adjustLr = "original".
 *
 * - **Matrices only**: `init(x, { shape: [rows, cols] })`, x row-major; a parameter without a 2-D shape is refused,
 *   as PyTorch refuses a parameter with `ndim != 2`. Optimize vectors (biases, gains) with AdamW, as recommended.
 * - The momentum is PyTorch's lerp (B ← B + (1 − μ)(G − B)), an exponential average, not SGD's μB + G; Nesterov
 *   is lerp(G, B, μ). Keller Jordan's reference code does the same.
 * - **Precision**: PyTorch casts the matrix to bfloat16 before Newton–Schulz, on every device: on GPUs bfloat16
 *   matrix products are several times faster, and Newton–Schulz only needs σ → roughly 1. It costs precision:
 *   bfloat16 keeps 8 bits (relative rounding 2⁻⁹ ≈ 0.2%), so O_t is known to about 3 digits and small singular
 *   directions are amplified (×a⁵ ≈ 490 at σ → 0) with their rounding. Here Newton–Schulz runs in x's precision
 *   (float64 or float32), so a float64 trajectory follows the float64 reference port instead of bfloat16 noise.
 * - `adjustLr` is PyTorch's `adjust_lr_fn` ("original", Keller Jordan's scale, is its default None); decay uses the
 *   unadjusted γ, as in PyTorch. PyTorch's `use_addmm` computes the same polynomial with fused products and has no
 *   counterpart here.
 * - Newton–Schulz needs scratch matrices (two r×n iterates and two r×r Gram products, r = min(rows, cols),
 *   n = max): allocated by `init` and kept beside the state (not in it, so the state is only what persists, B), and
 *   reused at every step; a state that did not come from `init` (a structured clone) gets its scratch at its first
 *   step.
 *
 * State: `{ t, B, rows, cols }`, B (the momentum buffer, PyTorch's `momentum_buffer`) a vector of x's type.
 *
 * @example
 * const w = Float64Array.of(0, 0, 0, 0); // a 2×2 matrix
 * const opt = muon({ lr: 0.1, weightDecay: 0 });
 * opt.step(w, Float64Array.of(2, 0, 0, 1), opt.init(w, { shape: [2, 2] }));
 * // w ≈ [−0.069, 0, 0, −0.111]: the gradient's singular values 2 and 1 become about 0.69 and 1.11 (five steps of
 * // p take every σ to roughly 1, not exactly), so both directions move by about lr
 */
import { defineOptimizer } from "./define.ts";
import { lerp } from "./lerp.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import {
  boolean,
  decayRate,
  finiteNumbers,
  integer,
  learningRate,
  nonNegative,
  oneOf,
  positive,
  rangeError,
  resolveOptions,
  show,
  typeError,
  type OptionSpec,
  type Specs,
} from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface MuonOptions {
  /** Step size γ, or a schedule t ↦ γ_t (scaled by adjustLr's s for the step, not for the decay). Default 1e-3. */
  lr: LearningRate;
  /** Decoupled weight decay λ: θ shrinks by the factor 1 − γλ at each step. Default 0.1. */
  weightDecay: number;
  /** Momentum μ in [0, 1). Default 0.95. */
  momentum: number;
  /** Orthogonalise the Nesterov look-ahead lerp(G, B, μ) instead of B. Default true. */
  nesterov: boolean;
  /** Newton–Schulz coefficients [a, b, c] of p(σ) = aσ + bσ³ + cσ⁵. Default [3.4445, −4.775, 2.0315]. */
  nsCoefficients: readonly [number, number, number];
  /** ε: the Frobenius norm is floored at ε before dividing, > 0. Default 1e-7. */
  eps: number;
  /** Newton–Schulz iterations K, an integer in [0, 99] (PyTorch's bound). Default 5. */
  nsSteps: number;
  /** The step's scale s by shape: "original" √max(1, rows/cols) or "match_rms_adamw" 0.2√max(rows, cols). */
  adjustLr: "original" | "match_rms_adamw";
}

export interface MuonState extends StepCount {
  /** Momentum buffer B: exponential average of gradients (rows·cols, row-major like x). */
  B: Vector;
  /** The parameter matrix's rows, as given to `init`. */
  rows: number;
  /** The parameter matrix's columns. */
  cols: number;
}

/** Newton–Schulz's work matrices: X and Y (r×n, the iterate and the next one), A = XXᵀ and P = bA + cA² (r×r). */
interface Scratch {
  X: Vector;
  Y: Vector;
  A: Vector;
  P: Vector;
}

function coefficients(defaultValue: readonly [number, number, number]): OptionSpec<readonly [number, number, number]> {
  const list = finiteNumbers(defaultValue, { length: 3 });
  return {
    default: defaultValue,
    check(value, where) {
      const [a, b, c] = Array.from(list.check(value, where));
      return Object.freeze([a!, b!, c!] as const);
    },
  };
}

export const muonSpecs: Specs<MuonOptions> = {
  lr: learningRate(1e-3),
  weightDecay: nonNegative(0.1),
  momentum: decayRate(0.95),
  nesterov: boolean(true),
  nsCoefficients: coefficients([3.4445, -4.775, 2.0315]),
  eps: positive(1e-7),
  nsSteps: integer(0, 5, 99),
  adjustLr: oneOf(["original", "match_rms_adamw"], "original"),
};

function scratchFor(x: Vector, rows: number, cols: number): Scratch {
  const [r, n] = rows > cols ? [cols, rows] : [rows, cols];
  const matrix = (length: number) => (x instanceof Float32Array ? new Float32Array(length) : new Float64Array(length));
  return { X: matrix(r * n), Y: matrix(r * n), A: matrix(r * r), P: matrix(r * r) };
}

export function muon(options?: Partial<MuonOptions>): Optimizer<MuonState, MuonOptions> {
  const resolved = resolveOptions("muon", muonSpecs, options);
  const { weightDecay, momentum, nesterov, nsCoefficients, eps, nsSteps, adjustLr } = resolved;
  const [a, b, c] = nsCoefficients;
  const scratch = new WeakMap<MuonState, Scratch>();
  return defineOptimizer<MuonState, MuonOptions>({
    name: "muon",
    options: resolved,
    stateVectors: ["B"],
    init(x, shape, given) {
      const where = { owner: "muon.init", name: "shape" };
      const allowed = "[rows, cols]: muon orthogonalises matrices (optimize vectors such as biases with adamw)";
      if (shape.length !== 2) throw given ? rangeError(where, allowed, shape) : typeError(where, allowed, undefined);
      const [rows, cols] = shape as [number, number];
      const state: MuonState = { t: 0, B: zerosLike(x), rows, cols };
      scratch.set(state, scratchFor(x, rows, cols));
      return state;
    },
    checkState(x, state) {
      const { rows, cols } = state;
      if (!(
        Number.isSafeInteger(rows) &&
        Number.isSafeInteger(cols) &&
        rows > 0 &&
        cols > 0 &&
        rows * cols === x.length
      ))
        throw new RangeError(
          `muon.step: state.rows · state.cols must be x's length (${x.length}), as made by ` +
            `muon.init(x, { shape: [rows, cols] }); received rows ${show(rows)}, cols ${show(cols)}`,
        );
    },
    update(x, grad, state, lr) {
      const { B, rows, cols } = state;
      let work = scratch.get(state);
      if (work === undefined) scratch.set(state, (work = scratchFor(x, rows, cols))); // a state not from init
      const transposed = rows > cols;
      const r = transposed ? cols : rows;
      const n = transposed ? rows : cols;
      let X = work.X;
      let Y = work.Y;
      const { A, P } = work;

      // Momentum, the matrix to orthogonalise (as r×n), and its Frobenius norm.
      let squares = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const k = i * cols + j;
          B[k] = lerp(B[k]!, grad[k]!, 1 - momentum);
          const value = nesterov ? lerp(grad[k]!, B[k]!, momentum) : B[k]!;
          X[transposed ? j * rows + i : k] = value;
          squares += value * value;
        }
      }
      const norm = Math.max(Math.sqrt(squares), eps);
      for (let k = 0; k < r * n; k++) X[k] = X[k]! / norm;

      // K steps of X ← aX + (bA + (cA)A)X with A = XXᵀ, in PyTorch's order of products.
      for (let step = 0; step < nsSteps; step++) {
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < r; j++) {
            let sum = 0;
            for (let l = 0; l < n; l++) sum += X[i * n + l]! * X[j * n + l]!;
            A[i * r + j] = sum;
          }
        }
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < r; j++) {
            let sum = 0;
            for (let l = 0; l < r; l++) sum += c * A[i * r + l]! * A[l * r + j]!;
            P[i * r + j] = b * A[i * r + j]! + sum;
          }
        }
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < n; j++) {
            let sum = 0;
            for (let l = 0; l < r; l++) sum += P[i * r + l]! * X[l * n + j]!;
            Y[i * n + j] = a * X[i * n + j]! + sum;
          }
        }
        const previous = X;
        X = Y;
        Y = previous;
      }

      const scale =
        adjustLr === "original" ? Math.sqrt(Math.max(1, rows / cols)) : 0.2 * Math.sqrt(Math.max(rows, cols));
      const adjusted = lr * scale;
      const shrink = 1 - lr * weightDecay;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const k = i * cols + j;
          x[k] = x[k]! * shrink - adjusted * X[transposed ? j * rows + i : k]!;
        }
      }
    },
  });
}
