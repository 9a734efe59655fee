/**
 * Stochastic gradient descent, with PyTorch's momentum, dampening, Nesterov momentum and L2 weight decay.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * b_t &= \begin{cases} g_t & t = 1 \\ \mu\, b_{t-1} + (1-\tau)\, g_t & t > 1 \end{cases} \\
 * d_t &= \begin{cases} g_t + \mu\, b_t & \text{nesterov} \\ b_t & \text{otherwise} \end{cases} \\
 * \theta_t &= \theta_{t-1} - \alpha\, d_t
 * \end{aligned}
 * $$
 *
 * Without momentum (μ = 0) there is no buffer and d_t = g_t: plain gradient descent.
 *
 * Defaults: lr α = 1e-3 (PyTorch 2's default; PyTorch 1.13 requires lr), momentum μ = 0, dampening τ = 0,
 * nesterov = false, weightDecay λ = 0.
 *
 * - As in PyTorch, the first buffer is g₁ itself, not (1 − τ)g₁, and α multiplies the buffer rather than entering it.
 *   Sutskever et al. (2013) and TensorFlow keep a velocity v_t = μv_{t−1} − α g_t instead: the same path for a
 *   constant α, a different one when α follows a schedule.
 * - Nesterov momentum is PyTorch's reformulation g_t + μb_t (gradient at θ, not at the look-ahead point); it needs
 *   μ > 0 and τ = 0, as in PyTorch.
 * - momentum must lie in [0, 1); PyTorch accepts any μ ≥ 0, but μ ≥ 1 makes the buffer grow without bound.
 *
 * State: `{ t }`, plus `{ b }` (the momentum buffer b_t) when μ > 0; vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = sgd({ lr: 0.1 });
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // x = [3 − 0.6, 4 − 0.8] = [2.4, 3.2]
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import {
  boolean,
  conflictError,
  decayRate,
  fraction,
  learningRate,
  nonNegative,
  resolveOptions,
  type Specs,
} from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface SgdOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 1e-3. */
  lr: LearningRate;
  /** Momentum factor μ in [0, 1). Default 0 (no momentum). */
  momentum: number;
  /** Dampening τ in [0, 1]: the buffer takes (1 − τ) of each new gradient after the first. Default 0. */
  dampening: number;
  /** Use Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov: boolean;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
}

export interface SgdState extends StepCount {
  /** Momentum buffer b (only with momentum > 0). */
  b?: Vector;
}

export const sgdSpecs: Specs<SgdOptions> = {
  lr: learningRate(1e-3),
  momentum: decayRate(0),
  dampening: fraction(0),
  nesterov: boolean(false),
  weightDecay: nonNegative(0),
};

export function sgd(options?: Partial<SgdOptions>): Optimizer<SgdState, SgdOptions> {
  const resolved = resolveOptions("sgd", sgdSpecs, options);
  const { momentum, dampening, nesterov, weightDecay } = resolved;
  if (nesterov && (momentum === 0 || dampening !== 0))
    throw conflictError("sgd", "nesterov must be false unless momentum > 0 and dampening = 0", { momentum, dampening });
  const stateVectors = momentum === 0 ? [] : ["b"];
  return defineOptimizer<SgdState, SgdOptions>({
    name: "sgd",
    options: resolved,
    stateVectors,
    hasKernel: true,
    init(x) {
      return momentum === 0 ? { t: 0 } : { t: 0, b: zerosLike(x) };
    },
    update(x, grad, state, lr, kernels) {
      const b = state.b!;
      const firstStep = state.t === 1;
      if (kernels) {
        kernels.sgd(x, grad, momentum === 0 ? null : b, lr, momentum, dampening, weightDecay, nesterov, firstStep);
        return;
      }
      for (let i = 0; i < x.length; i++) {
        let g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        if (momentum !== 0) {
          b[i] = firstStep ? g : momentum * b[i]! + (1 - dampening) * g;
          g = nesterov ? g + momentum * b[i]! : b[i]!;
        }
        x[i] = x[i]! - lr * g;
      }
    },
  });
}
