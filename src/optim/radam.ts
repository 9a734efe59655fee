/**
 * RAdam (Liu et al., 2020, Algorithm 2): Adam whose adaptive step is switched on, and scaled by a rectification
 * term r_t, only once the variance of v̂_t is tractable; before that it takes momentum-SGD steps.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad \hat m_t = m_t / (1-\beta_1^t) \\
 * v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
 * \rho_\infty &= \frac{2}{1-\beta_2} - 1, \qquad \rho_t = \rho_\infty - \frac{2t\,\beta_2^t}{1-\beta_2^t} \\
 * r_t &= \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}} \\
 * \theta_t &= \begin{cases}
 *   \theta_{t-1} - \alpha\, \hat m_t\, r_t\, \dfrac{\sqrt{1-\beta_2^t}}{\sqrt{v_t} + \epsilon} & \rho_t > 5 \\[1ex]
 *   \theta_{t-1} - \alpha\, \hat m_t & \text{otherwise}
 * \end{cases}
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr α = 1e-3, betas = [0.9, 0.999], eps ε = 1e-8, weightDecay λ = 0.
 *
 * - The threshold is ρ_t > 5, as in PyTorch and the authors' code; the paper's Algorithm 2 says ρ_t > 4. With the
 *   default β₂ = 0.999 the first five steps are un-adapted (ρ₅ ≈ 4.996, ρ₆ ≈ 5.994).
 * - ε is added to √v_t before bias correction, as in PyTorch; the paper has no ε, and TensorFlow Addons'
 *   RectifiedAdam adds it to √v̂_t after bias correction.
 *
 * State: `{ t, m, v }`, as in Adam; {@link radamRectification} gives r_t for a plot.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = radam({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // ρ₁ = 1 ≤ 5: x = x − 0.1·m̂ = [3 − 0.6, 4 − 0.8] = [2.4, 3.2]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { betaPair, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface RadamOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 1e-3. */
  lr: LearningRate;
  /** Decay rates [β₁, β₂] of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** ε added to √v_t, > 0. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
}

export interface RadamState extends StepCount {
  /** First moment m: exponential average of gradients. */
  m: Vector;
  /** Second moment v: exponential average of squared gradients. */
  v: Vector;
}

export const radamSpecs: Specs<RadamOptions> = {
  lr: learningRate(1e-3),
  betas: betaPair([0.9, 0.999]),
  eps: positive(1e-8),
  weightDecay: nonNegative(0),
};

/** The rectification r_t at step t (1-based) for a given β₂, or null while ρ_t ≤ 5 (no adaptive step yet). */
export function radamRectification(t: number, beta2: number): number | null {
  const rhoInfinity = 2 / (1 - beta2) - 1;
  const rho = rhoInfinity - (2 * t * beta2 ** t) / (1 - beta2 ** t);
  if (!(rho > 5)) return null;
  return Math.sqrt(((rho - 4) * (rho - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho));
}

export function radam(options?: Partial<RadamOptions>): Optimizer<RadamState, RadamOptions> {
  const resolved = resolveOptions("radam", radamSpecs, options);
  const { betas, eps, weightDecay } = resolved;
  const [beta1, beta2] = betas;
  const stateVectors = ["m", "v"];
  return defineOptimizer<RadamState, RadamOptions>({
    name: "radam",
    options: resolved,
    stateVectors,
    init(x) {
      return { t: 0, m: zerosLike(x), v: zerosLike(x) };
    },
    update(x, grad, state, lr) {
      const t = state.t;
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
      const rectification = radamRectification(t, beta2);
      const { m, v } = state;
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const mHat = m[i]! / biasCorrection1;
        if (rectification === null) {
          x[i] = x[i]! - mHat * lr;
        } else {
          const adaptiveLr = biasCorrection2Sqrt / (Math.sqrt(v[i]!) + eps);
          x[i] = x[i]! - mHat * lr * adaptiveLr * rectification;
        }
      }
    },
  });
}
