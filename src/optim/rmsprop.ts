/**
 * RMSprop (Hinton, Srivastava & Swersky, 2012, lecture 6e), with PyTorch's options: centered (Graves, 2013) and
 * momentum.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * v_t &= \alpha\, v_{t-1} + (1-\alpha)\, g_t^2 \\
 * \bar g_t &= \alpha\, \bar g_{t-1} + (1-\alpha)\, g_t && \text{(centered)} \\
 * \sigma_t &= \sqrt{v_t - \bar g_t^2} + \epsilon \quad\text{(centered), else } \sqrt{v_t} + \epsilon \\
 * b_t &= \mu\, b_{t-1} + g_t / \sigma_t && (\mu > 0) \\
 * \theta_t &= \theta_{t-1} - \gamma\, b_t \quad (\mu > 0), \text{ else } \theta_{t-1} - \gamma\, g_t / \sigma_t
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr γ = 1e-2, alpha α = 0.99, eps ε = 1e-8, weightDecay λ = 0, momentum μ = 0,
 * centered = false.
 *
 * - ε is added outside the square root, as in PyTorch; Keras adds it inside (√(v_t + ε)), defaults to ρ = 0.9 and
 *   ε = 1e-7, and puts the learning rate inside the momentum buffer.
 * - Centered: when rounding makes v_t − ḡ_t² slightly negative (a gradient that barely changes), the variance is
 *   taken as 0. PyTorch takes the square root of the negative number and the parameter becomes NaN.
 * - alpha and momentum must lie in [0, 1); PyTorch accepts any value ≥ 0.
 *
 * State: `{ t, v }` (v_t, PyTorch's `square_avg`), plus `gAvg` (ḡ_t, `grad_avg`) when centered and `b` (the
 * momentum buffer) when μ > 0; vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = rmsprop({ lr: 0.01 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // v = 0.01·g², step = 0.01·g/(0.1·|g|) = 0.1 per coordinate
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { boolean, decayRate, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface RmspropOptions {
  /** Step size γ, or a schedule t ↦ γ_t. Default 1e-2. */
  lr: LearningRate;
  /** Decay rate α of the average of squared gradients, in [0, 1). Default 0.99. */
  alpha: number;
  /** ε added to the denominator, > 0. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Momentum factor μ in [0, 1) applied to the normalised step. Default 0. */
  momentum: number;
  /** Divide by an estimate of the gradient's standard deviation instead of its root mean square. Default false. */
  centered: boolean;
}

export interface RmspropState extends StepCount {
  /** Exponential average v of squared gradients. */
  v: Vector;
  /** Exponential average ḡ of gradients (only when centered). */
  gAvg?: Vector;
  /** Momentum buffer b (only with momentum > 0). */
  b?: Vector;
}

export const rmspropSpecs: Specs<RmspropOptions> = {
  lr: learningRate(1e-2),
  alpha: decayRate(0.99),
  eps: positive(1e-8),
  weightDecay: nonNegative(0),
  momentum: decayRate(0),
  centered: boolean(false),
};

export function rmsprop(options?: Partial<RmspropOptions>): Optimizer<RmspropState, RmspropOptions> {
  const resolved = resolveOptions("rmsprop", rmspropSpecs, options);
  const { alpha, eps, weightDecay, momentum, centered } = resolved;
  const stateVectors = ["v", ...(centered ? ["gAvg"] : []), ...(momentum > 0 ? ["b"] : [])];
  return defineOptimizer<RmspropState, RmspropOptions>({
    name: "rmsprop",
    options: resolved,
    stateVectors,
    hasKernel: true,
    init(x) {
      const state: RmspropState = { t: 0, v: zerosLike(x) };
      if (centered) state.gAvg = zerosLike(x);
      if (momentum > 0) state.b = zerosLike(x);
      return state;
    },
    update(x, grad, state, lr, kernels) {
      const { v } = state;
      const gAvg = state.gAvg!;
      const b = state.b!;
      if (kernels) {
        // prettier-ignore
        kernels.rmsprop(x, grad, v, centered ? gAvg : null, momentum > 0 ? b : null,
          lr, alpha, eps, weightDecay, momentum);
        return;
      }
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        v[i] = alpha * v[i]! + (1 - alpha) * g * g;
        let sigma: number;
        if (centered) {
          gAvg[i] = alpha * gAvg[i]! + (1 - alpha) * g;
          const variance = v[i]! - gAvg[i]! * gAvg[i]!;
          sigma = Math.sqrt(Math.max(variance, 0)) + eps;
        } else {
          sigma = Math.sqrt(v[i]!) + eps;
        }
        if (momentum > 0) {
          b[i] = momentum * b[i]! + g / sigma;
          x[i] = x[i]! - lr * b[i]!;
        } else {
          x[i] = x[i]! - (lr * g) / sigma;
        }
      }
    },
  });
}
