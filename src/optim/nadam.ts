/**
 * NAdam (Dozat, 2016): Adam with Nesterov momentum and a warming-up momentum schedule μ_t.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * \mu_t &= \beta_1 \big(1 - \tfrac12\, 0.96^{t\psi}\big), \qquad \mu_{t+1} = \beta_1 \big(1 - \tfrac12\, 0.96^{(t+1)\psi}\big) \\
 * m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\
 * v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
 * \hat m_t &= \frac{\mu_{t+1}\, m_t}{1 - \prod_{i=1}^{t+1} \mu_i} + \frac{(1-\mu_t)\, g_t}{1 - \prod_{i=1}^{t} \mu_i} \\
 * \hat v_t &= v_t / (1-\beta_2^t) \\
 * \theta_t &= \theta_{t-1} - \gamma\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr γ = 2e-3, betas = [0.9, 0.999], eps ε = 1e-8, weightDecay λ = 0, momentumDecay ψ = 4e-3.
 *
 * - This is the formula of the paper, of Keras and of current PyTorch. PyTorch 1.13's default (single-tensor) path
 *   multiplies μ_t into the product twice in the first denominator (1 − μ_t ∏ᵢ₌₁ᵗ⁺¹ μᵢ); its `foreach=True` path
 *   follows the paper, and the reference fixtures come from that path, whose operation order this loop follows
 *   (√v_t / √(1 − β₂ᵗ), where current PyTorch takes √(v_t / (1 − β₂ᵗ)): equal but for rounding).
 * - Keras defaults to γ = 1e-3 and ε = 1e-7.
 * - momentumDecay ψ = 0 gives a constant μ_t = β₁/2.
 *
 * State: `{ t, m, v, muProduct }`: the moments as in Adam (vectors of x's type) and the number ∏ᵢ₌₁ᵗ μᵢ.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = nadam({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // m̂ ≈ 1.0565·g and √v̂ ≈ |g|: x ≈ [2.8944, 3.8944]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { betaPair, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface NadamOptions {
  /** Step size γ, or a schedule t ↦ γ_t. Default 2e-3. */
  lr: LearningRate;
  /** Decay rates [β₁, β₂] of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** ε added to the denominator, > 0. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** ψ in the momentum schedule μ_t = β₁(1 − ½·0.96^{tψ}), ≥ 0. Default 4e-3. */
  momentumDecay: number;
}

export interface NadamState extends StepCount {
  /** First moment m: exponential average of gradients. */
  m: Vector;
  /** Second moment v: exponential average of squared gradients. */
  v: Vector;
  /** The product μ₁μ₂…μ_t of the momentum schedule so far (1 after init). */
  muProduct: number;
}

export const nadamSpecs: Specs<NadamOptions> = {
  lr: learningRate(2e-3),
  betas: betaPair([0.9, 0.999]),
  eps: positive(1e-8),
  weightDecay: nonNegative(0),
  momentumDecay: nonNegative(4e-3),
};

export function nadam(options?: Partial<NadamOptions>): Optimizer<NadamState, NadamOptions> {
  const resolved = resolveOptions("nadam", nadamSpecs, options);
  const { betas, eps, weightDecay, momentumDecay } = resolved;
  const [beta1, beta2] = betas;
  const stateVectors = ["m", "v"];
  return defineOptimizer<NadamState, NadamOptions>({
    name: "nadam",
    options: resolved,
    stateVectors,
    init(x) {
      return { t: 0, m: zerosLike(x), v: zerosLike(x), muProduct: 1 };
    },
    update(x, grad, state, lr) {
      const t = state.t;
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
      const mu = beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentumDecay));
      const muProduct = (state.muProduct *= mu);
      const gradientStep = (lr * (1 - mu)) / (1 - muProduct);
      const momentumStep = (lr * muNext) / (1 - muProduct * muNext);
      const { m, v } = state;
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const denominator = Math.sqrt(v[i]!) / biasCorrection2Sqrt + eps;
        const afterGradient = x[i]! - (gradientStep * g) / denominator;
        x[i] = afterGradient - (momentumStep * m[i]!) / denominator;
      }
    },
  });
}
