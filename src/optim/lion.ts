/**
 * Lion, "EvoLved Sign Momentum" (Chen et al., 2023, "Symbolic Discovery of Optimization Algorithms", Program 1), as
 * the paper's official PyTorch code (google/automl, `lion/lion_pytorch.py`).
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) \\
 * \theta_t &= (1 - \alpha\lambda)\,\theta_{t-1} - \alpha\,\operatorname{sign}\!\big(\beta_1 m_{t-1} + (1-\beta_1)\, g_t\big) \\
 * m_t &= \beta_2 m_{t-1} + (1-\beta_2)\, g_t
 * \end{aligned}
 * $$
 *
 * Defaults (the reference code's): lr α = 1e-4, betas = [0.9, 0.99], weightDecay λ = 0.
 *
 * - Every coordinate moves by exactly α (or 0 where the interpolation is exactly 0; sign(0) = 0 as in PyTorch):
 *   the update has no per-coordinate scale, so Lion wants an α 3–10× smaller than AdamW's and a λ as much larger
 *   (the paper's advice), to keep the product αλ.
 * - Two betas with two roles: β₁ mixes the gradient into the step's direction, β₂ (slower) updates the momentum
 *   m afterwards. With β₁ = β₂ = 0 the step is sign descent, θ − α·sign(g).
 * - Decoupled decay as in AdamW (θ shrinks by 1 − αλ first, also when λ = 0, which multiplies by 1), in the
 *   reference code's order: decay, step, then momentum.
 * - The only state is m: one vector, half of Adam's.
 *
 * State: `{ t, m }`, m a vector of x's type (the momentum, `exp_avg` in the reference code).
 *
 * @example
 * const x = Float64Array.of(3, -4);
 * const opt = lion({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, -8), opt.init(x)); // x = [3 − 0.1, −4 + 0.1] = [2.9, −3.9]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { betaPair, learningRate, nonNegative, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface LionOptions {
  /** Step size α, or a schedule t ↦ α_t: each coordinate moves by α. Default 1e-4. */
  lr: LearningRate;
  /** [β₁, β₂]: β₁ interpolates the step's direction, β₂ the momentum, each in [0, 1). Default [0.9, 0.99]. */
  betas: readonly [number, number];
  /** Decoupled weight decay λ: θ shrinks by the factor 1 − αλ at each step. Default 0. */
  weightDecay: number;
}

export interface LionState extends StepCount {
  /** Momentum m: exponential average of gradients with rate β₂. */
  m: Vector;
}

export const lionSpecs: Specs<LionOptions> = {
  lr: learningRate(1e-4),
  betas: betaPair([0.9, 0.99]),
  weightDecay: nonNegative(0),
};

export function lion(options?: Partial<LionOptions>): Optimizer<LionState, LionOptions> {
  const resolved = resolveOptions("lion", lionSpecs, options);
  const { betas, weightDecay } = resolved;
  const [beta1, beta2] = betas;
  return defineOptimizer<LionState, LionOptions>({
    name: "lion",
    options: resolved,
    stateVectors: ["m"],
    init(x) {
      return { t: 0, m: zerosLike(x) };
    },
    update(x, grad, state, lr) {
      const { m } = state;
      const shrink = 1 - lr * weightDecay;
      for (let i = 0; i < x.length; i++) {
        const g = grad[i]!;
        const direction = m[i]! * beta1 + g * (1 - beta1);
        x[i] = x[i]! * shrink - lr * Math.sign(direction);
        m[i] = m[i]! * beta2 + (1 - beta2) * g;
      }
    },
  });
}
