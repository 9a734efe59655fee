/**
 * AdaGrad (Duchi, Hazan & Singer, 2011, diagonal form), with PyTorch's options.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * \tilde\alpha_t &= \alpha / \big(1 + (t-1)\,\eta\big) \\
 * s_t &= s_{t-1} + g_t^2, \qquad s_0 = s_{\text{init}} \\
 * \theta_t &= \theta_{t-1} - \tilde\alpha_t\, g_t / (\sqrt{s_t} + \epsilon)
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr α = 1e-2, lrDecay η = 0, weightDecay λ = 0, initialAccumulatorValue s_init = 0,
 * eps ε = 1e-10.
 *
 * - ε is added outside the square root, as in PyTorch and the paper's diagonal form (its δ). Keras starts the
 *   accumulator at 0.1 and uses ε = 1e-7; TensorFlow 1's AdagradOptimizer has no ε at all.
 * - `lrDecay` is PyTorch's own addition (not in the paper): the step size decays as 1/(1 + (t − 1)η).
 *
 * State: `{ t, sum }`, the running sum s_t of squared gradients (PyTorch's `sum`), a vector of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adagrad({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // s = [36, 64], x ≈ [3 − 0.1·6/6, 4 − 0.1·8/8] = [2.9, 3.9]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface AdagradOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 1e-2. */
  lr: LearningRate;
  /** Decay η of the step size: α/(1 + (t − 1)η). Default 0. */
  lrDecay: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Starting value s₀ of every coordinate of the accumulator, ≥ 0. Default 0. */
  initialAccumulatorValue: number;
  /** ε added to the denominator, > 0. Default 1e-10. */
  eps: number;
}

export interface AdagradState extends StepCount {
  /** Sum s of squared gradients so far (plus its initial value). */
  sum: Vector;
}

export const adagradSpecs: Specs<AdagradOptions> = {
  lr: learningRate(1e-2),
  lrDecay: nonNegative(0),
  weightDecay: nonNegative(0),
  initialAccumulatorValue: nonNegative(0),
  eps: positive(1e-10),
};

export function adagrad(options?: Partial<AdagradOptions>): Optimizer<AdagradState, AdagradOptions> {
  const resolved = resolveOptions("adagrad", adagradSpecs, options);
  const { lrDecay, weightDecay, initialAccumulatorValue, eps } = resolved;
  const stateVectors = ["sum"];
  return defineOptimizer<AdagradState, AdagradOptions>({
    name: "adagrad",
    options: resolved,
    stateVectors,
    hasKernel: true,
    init(x) {
      return { t: 0, sum: zerosLike(x).fill(initialAccumulatorValue) };
    },
    update(x, grad, state, lr, kernels) {
      const t = state.t;
      const decayedLr = lr / (1 + (t - 1) * lrDecay);
      const { sum } = state;
      if (kernels) {
        kernels.adagrad(x, grad, sum, decayedLr, weightDecay, eps);
        return;
      }
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        sum[i] = sum[i]! + g * g;
        x[i] = x[i]! - (decayedLr * g) / (Math.sqrt(sum[i]!) + eps);
      }
    },
  });
}
