/**
 * Adafactor (Shazeer & Stern, 2018), as `torch.optim.Adafactor` (PyTorch ≥ 2.5, `torch/optim/_adafactor.py`): a
 * second moment without a first, factored into row and column averages for a matrix parameter.
 *
 * $$
 * \begin{aligned}
 * G_t &= \nabla f_t(\theta_{t-1}), \qquad \hat\beta_{2,t} = 1 - t^{\tau} \\
 * \rho_t &= \min(\gamma, 1/\sqrt t), \qquad \alpha_t = \max(\epsilon_2, \operatorname{RMS}(\theta_{t-1}))\,\rho_t \\
 * \theta &\leftarrow (1 - \gamma\lambda)\,\theta_{t-1} \\
 * R_t &= \hat\beta_{2,t} R_{t-1} + (1-\hat\beta_{2,t})\, \operatorname{mean}_j G_{t,ij}^2, \qquad
 * C_t = \hat\beta_{2,t} C_{t-1} + (1-\hat\beta_{2,t})\, \operatorname{mean}_i G_{t,ij}^2 \\
 * \hat V_t &= R_t C_t^\top / \max(\operatorname{mean}_i R_{t,i},\ \epsilon_1)
 * \quad\text{(a vector keeps } \hat V_t = \hat\beta_{2,t}\hat V_{t-1} + (1-\hat\beta_{2,t})\,G_t^2\text{)} \\
 * U_t &= G_t / \sqrt{\max(\hat V_t, \epsilon_1^2)}, \qquad
 * \hat U_t = U_t / \max(1, \operatorname{RMS}(U_t)/d) \\
 * \theta_t &= \theta - \alpha_t\, \hat U_t
 * \end{aligned}
 * $$
 *
 * RMS(·) is the root mean square of all entries. Defaults (PyTorch's): lr γ = 1e-2, beta2Decay τ = −0.8,
 * eps = [null, 1e-3] (ε₁ null: the machine ε of x's type, 2.220446049250313e-16 for Float64Array and
 * 1.1920928955078125e-7 for Float32Array, as `torch.finfo(dtype).eps`), d = 1, weightDecay λ = 0, maximize = false.
 *
 * - **Matrices**: with `init(x, { shape: [rows, cols] })` (x row-major) the second moment is stored as R (one
 *   average per row) and C (one per column): rows + cols numbers instead of rows·cols. Without a shape, or with
 *   `[n]`, x is a vector and V̂ is kept whole. Like PyTorch, a [1, n] shape is factored too.
 * - **lr is not a step size.** It caps the relative step ρ_t and scales the decoupled decay; the step is ρ_t times
 *   the parameters' RMS (at least ε₂), so x = 0 moves by ε₂ρ_t at first. The paper has no lr: it fixes the cap at
 *   0.01, which is PyTorch's default. A schedule for lr caps ρ_t at each step.
 * - β̂₂,t = 1 − t^τ rises from 0 at t = 1 (V̂₁ = G₁²: no bias correction needed) towards 1.
 * - ε₁ as PyTorch places it, not as the paper does: the paper adds ε₁ to G² before averaging; PyTorch clamps the
 *   row factor's mean at ε₁ and V̂ at ε₁², leaving R and C untouched. PyTorch accepts ε₁ = 0 (then a zero gradient
 *   gives 0·∞ = NaN); here ε₁ must be > 0.
 * - Row and column means are computed as PyTorch does, ‖row‖₂² / cols, which rounds differently from Σg²/cols.
 * - No first moment: the paper's optional β₁ is not in PyTorch's Adafactor either.
 *
 * State: `{ t, R, C }` for a matrix (R of length rows, C of length cols) or `{ t, v }` for a vector (v is V̂,
 * PyTorch's `variance`); vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adafactor();
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // RMS(x) = √12.5 ≈ 3.54, U = sign(g) clipped to RMS 1:
 * // x ≈ [3 − 0.0354, 4 − 0.0354]
 */
import { defineOptimizer } from "./define.ts";
import { lerp } from "./lerp.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import {
  atLeast,
  atMost,
  boolean,
  learningRate,
  nonNegative,
  resolveOptions,
  show,
  typeError,
  type OptionSpec,
  type Specs,
} from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface AdafactorOptions {
  /** γ: the cap on the relative step ρ_t = min(γ, 1/√t), and the decay's rate; or a schedule t ↦ γ_t. Default 1e-2. */
  lr: LearningRate;
  /** τ ≤ 0 in β̂₂,t = 1 − t^τ. Default −0.8. */
  beta2Decay: number;
  /** [ε₁, ε₂]: ε₁ > 0 (or null: x's machine ε) floors the second moment, ε₂ ≥ 0 the parameters' RMS. Default [null, 1e-3]. */
  eps: readonly [number | null, number];
  /** Update clipping threshold d ≥ 1: the update's RMS is cut to d. Default 1. */
  d: number;
  /** Decoupled weight decay λ: θ shrinks by the factor 1 − γλ at each step. Default 0. */
  weightDecay: number;
  /** Ascend instead of descend (use −G). Default false. */
  maximize: boolean;
}

export interface AdafactorState extends StepCount {
  /** Row factor R of the second moment: an average of each row's squared gradients (matrices only). */
  R?: Vector;
  /** Column factor C of the second moment: an average of each column's squared gradients (matrices only). */
  C?: Vector;
  /** Second moment V̂, whole (vectors only). */
  v?: Vector;
}

/** `torch.finfo(torch.float32).eps` = 2⁻²³; float64's is Number.EPSILON = 2⁻⁵². */
const FLOAT32_EPSILON = 2 ** -23;

function epsPair(defaultValue: readonly [number | null, number]): OptionSpec<readonly [number | null, number]> {
  const allowed = "a pair [ε₁, ε₂] with ε₁ a finite number > 0 or null and ε₂ a finite number ≥ 0";
  return {
    default: defaultValue,
    check(value, where) {
      if (!Array.isArray(value) || value.length !== 2) throw typeError(where, allowed, value);
      const [eps1, eps2] = value as unknown[];
      const first = eps1 === null ? null : checkFirst(eps1, where);
      return [first, nonNegative(0).check(eps2, { ...where, name: `${where.name}[1]` })] as const;
    },
  };
}

function checkFirst(value: unknown, where: { owner: string; name: string }): number {
  const allowed = "a finite number > 0 or null";
  const name = `${where.name}[0]`;
  if (typeof value !== "number") throw typeError({ ...where, name }, allowed, value);
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${where.owner}: ${name} must be ${allowed}; received ${show(value)}`);
  return value;
}

export const adafactorSpecs: Specs<AdafactorOptions> = {
  lr: learningRate(1e-2),
  beta2Decay: atMost(0, -0.8),
  eps: epsPair([null, 1e-3]),
  d: atLeast(1, 1),
  weightDecay: nonNegative(0),
  maximize: boolean(false),
};

export function adafactor(options?: Partial<AdafactorOptions>): Optimizer<AdafactorState, AdafactorOptions> {
  const resolved = resolveOptions("adafactor", adafactorSpecs, options);
  const { beta2Decay, eps, d, weightDecay, maximize } = resolved;
  const sign = maximize ? -1 : 1;
  return defineOptimizer<AdafactorState, AdafactorOptions>({
    name: "adafactor",
    options: resolved,
    stateVectors: [],
    init(x, shape) {
      if (shape.length === 2) return { t: 0, R: zerosLike(x, shape[0]), C: zerosLike(x, shape[1]) };
      return { t: 0, v: zerosLike(x) };
    },
    checkState(x, state) {
      const { R, C, v } = state;
      const isVector = (value: unknown): value is Vector =>
        value instanceof Float64Array || value instanceof Float32Array;
      if (R === undefined && C === undefined) {
        if (!isVector(v) || v.length !== x.length)
          throw new RangeError(
            `adafactor.step: state.v must be a vector of the length of x (${x.length}), as made by ` +
              `adafactor.init(x); received ${show(v)}`,
          );
      } else if (!isVector(R) || !isVector(C) || R.length * C.length !== x.length)
        throw new RangeError(
          `adafactor.step: state.R and state.C must be vectors whose lengths multiply to x's length (${x.length}), ` +
            `as made by adafactor.init(x, { shape: [rows, cols] }); received R ${show(R)}, C ${show(C)}`,
        );
    },
    update(x, grad, state, lr) {
      const t = state.t;
      const n = x.length;
      const eps1 = eps[0] ?? (x instanceof Float32Array ? FLOAT32_EPSILON : Number.EPSILON);
      const eps2 = eps[1];
      const oneMinusBeta2 = t ** beta2Decay;
      const rho = Math.min(lr, 1 / Math.sqrt(t));
      let squares = 0;
      for (let i = 0; i < n; i++) squares += x[i]! * x[i]!;
      const alpha = Math.max(eps2, Math.sqrt(squares) / Math.sqrt(n)) * rho;
      if (weightDecay !== 0) for (let i = 0; i < n; i++) x[i] = x[i]! * (1 - lr * weightDecay);

      const { R, C, v } = state;
      const factored = R !== undefined && C !== undefined;
      const rows = factored ? R.length : 1;
      const cols = factored ? C.length : n;
      let rowMean = 1;
      if (factored) {
        for (let i = 0; i < rows; i++) {
          let sum = 0;
          for (let j = 0; j < cols; j++) sum += grad[i * cols + j]! * grad[i * cols + j]!;
          const norm = Math.sqrt(sum);
          R[i] = lerp(R[i]!, (norm * norm) / cols, oneMinusBeta2);
        }
        for (let j = 0; j < cols; j++) {
          let sum = 0;
          for (let i = 0; i < rows; i++) sum += grad[i * cols + j]! * grad[i * cols + j]!;
          const norm = Math.sqrt(sum);
          C[j] = lerp(C[j]!, (norm * norm) / rows, oneMinusBeta2);
        }
        let rowSum = 0;
        for (let i = 0; i < rows; i++) rowSum += R[i]!;
        rowMean = Math.max(rowSum / rows, eps1);
      } else {
        for (let k = 0; k < n; k++) v![k] = lerp(v![k]!, grad[k]! * grad[k]!, oneMinusBeta2);
      }
      // U's entries are computed twice, to measure RMS(U) and then to apply Û: no scratch matrix, as in PyTorch's
      // in-place update but without its temporary.
      let updateSquares = 0;
      let scale = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const k = i * cols + j;
            const vHat = factored ? (R[i]! * C[j]!) / rowMean : v![k]!;
            const u = (1 / Math.sqrt(Math.max(vHat, eps1 * eps1))) * (sign * grad[k]!);
            if (pass === 0) updateSquares += u * u;
            else x[k] = x[k]! + scale * u;
          }
        }
        scale = -alpha / Math.max(1, Math.sqrt(updateSquares) / (Math.sqrt(n) * d));
      }
    },
  });
}
