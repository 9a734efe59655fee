/**
 * AdaMax (Kingma & Ba, 2015, Algorithm 2): Adam with the infinity norm in place of the second moment.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\
 * u_t &= \max\big(\beta_2\, u_{t-1},\ |g_t| + \epsilon\big) \\
 * \theta_t &= \theta_{t-1} - \frac{\alpha}{1-\beta_1^t}\, \frac{m_t}{u_t}
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr α = 2e-3, betas = [0.9, 0.999], eps ε = 1e-8, weightDecay λ = 0.
 *
 * - ε sits inside the maximum, as in PyTorch, so u_t ≥ ε even before any nonzero gradient. The paper has no ε;
 *   TensorFlow and Keras divide by u_t + ε instead (Keras ε = 1e-7).
 * - u_t needs no bias correction (the paper's argument); only m_t is corrected.
 *
 * State: `{ t, m, u }`: m_t the first moment, u_t the exponentially weighted infinity norm (PyTorch's `exp_inf`);
 * vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adamax({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // m̂ = g, u = |g| + ε: x ≈ [2.9, 3.9]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { betaPair, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface AdamaxOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 2e-3. */
  lr: LearningRate;
  /** Decay rates [β₁, β₂] of the first moment and of the infinity norm, each in [0, 1). Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** ε inside the maximum, > 0. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
}

export interface AdamaxState extends StepCount {
  /** First moment m: exponential average of gradients. */
  m: Vector;
  /** Exponentially weighted infinity norm u of the gradients. */
  u: Vector;
}

export const adamaxSpecs: Specs<AdamaxOptions> = {
  lr: learningRate(2e-3),
  betas: betaPair([0.9, 0.999]),
  eps: positive(1e-8),
  weightDecay: nonNegative(0),
};

export function adamax(options?: Partial<AdamaxOptions>): Optimizer<AdamaxState, AdamaxOptions> {
  const resolved = resolveOptions("adamax", adamaxSpecs, options);
  const { betas, eps, weightDecay } = resolved;
  const [beta1, beta2] = betas;
  const stateVectors = ["m", "u"];
  return defineOptimizer<AdamaxState, AdamaxOptions>({
    name: "adamax",
    options: resolved,
    stateVectors,
    init(x) {
      return { t: 0, m: zerosLike(x), u: zerosLike(x) };
    },
    update(x, grad, state, lr) {
      const t = state.t;
      const stepSize = lr / (1 - beta1 ** t);
      const { m, u } = state;
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        u[i] = Math.max(beta2 * u[i]!, Math.abs(g) + eps);
        x[i] = x[i]! - (stepSize * m[i]!) / u[i]!;
      }
    },
  });
}
