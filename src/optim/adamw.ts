/**
 * AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay, with PyTorch's options.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) \\
 * m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\
 * v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
 * \hat m_t &= m_t / (1-\beta_1^t), \qquad \hat v_t = v_t / (1-\beta_2^t) \\
 * \theta_t &= (1 - \alpha\lambda)\, \theta_{t-1} - \alpha\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr α = 1e-3, betas = [0.9, 0.999], eps ε = 1e-8, weightDecay λ = 1e-2, amsgrad = false.
 *
 * - The decay never enters m or v: the weights shrink by the factor 1 − αλ before the Adam step. With λ = 0 this is
 *   exactly {@link adam}; both run the same loop ({@link adamFamily}).
 * - PyTorch's λ is multiplied by the learning rate α, as here. The paper writes θ_t = θ_{t−1} − η_t(α m̂/(…) + λθ)
 *   with a separate schedule multiplier η_t, so its λ is not scaled by α; Keras's AdamW (weight_decay = 0.004)
 *   scales by α like PyTorch.
 * - `amsgrad` as in {@link adam}. There is no `biasCorrection` option here.
 *
 * State: `{ t, m, v }` (+ `vMax` with amsgrad), vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adamw({ lr: 0.1, weightDecay: 0.5 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // x ≈ 0.95·[3, 4] − 0.1 = [2.75, 3.7]
 */
import { adamFamily, type AdamState } from "./adam.ts";
import type { LearningRate, Optimizer } from "./types.ts";
import { betaPair, boolean, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";

export interface AdamwOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 1e-3. */
  lr: LearningRate;
  /** Decay rates [β₁, β₂] of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** ε added to the denominator, > 0. Default 1e-8. */
  eps: number;
  /** Decoupled weight decay λ: θ shrinks by the factor 1 − αλ at each step. Default 1e-2. */
  weightDecay: number;
  /** Use the running maximum of v (AMSGrad, PyTorch's form). Default false. */
  amsgrad: boolean;
}

export const adamwSpecs: Specs<AdamwOptions> = {
  lr: learningRate(1e-3),
  betas: betaPair([0.9, 0.999]),
  eps: positive(1e-8),
  weightDecay: nonNegative(1e-2),
  amsgrad: boolean(false),
};

export function adamw(options?: Partial<AdamwOptions>): Optimizer<AdamState, AdamwOptions> {
  return adamFamily("adamw", resolveOptions("adamw", adamwSpecs, options), "decoupled");
}
