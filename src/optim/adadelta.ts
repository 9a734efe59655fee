/**
 * Adadelta (Zeiler, 2012, Algorithm 1), with PyTorch's options.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * v_t &= \rho\, v_{t-1} + (1-\rho)\, g_t^2 \\
 * \Delta_t &= \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t \\
 * u_t &= \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2 \\
 * \theta_t &= \theta_{t-1} - \gamma\, \Delta_t
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr γ = 1, rho ρ = 0.9, eps ε = 1e-6, weightDecay λ = 0.
 *
 * - The paper has no learning rate (γ = 1, the default) and uses ρ = 0.95 in its experiments. Keras defaults to
 *   γ = 1e-3, ρ = 0.95 and ε = 1e-7.
 * - ε sits inside both square roots, as in the paper: it is what makes the very first steps nonzero (u₀ = 0).
 * - rho must lie in [0, 1); PyTorch also accepts ρ = 1, which never updates v or u.
 *
 * State: `{ t, v, u }`: v_t the average of squared gradients (PyTorch's `square_avg`), u_t the average of squared
 * updates (`acc_delta`); vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adadelta();
 * opt.step(x, Float64Array.of(6, 8), opt.init(x)); // Δ = √1e-6 / √(0.1·36 + 1e-6) · 6 ≈ 0.00316 per coordinate
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { decayRate, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface AdadeltaOptions {
  /** Scale γ of the update, or a schedule t ↦ γ_t. Default 1. */
  lr: LearningRate;
  /** Decay rate ρ of both running averages, in [0, 1). Default 0.9. */
  rho: number;
  /** ε added inside both square roots, > 0. Default 1e-6. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
}

export interface AdadeltaState extends StepCount {
  /** Exponential average v of squared gradients. */
  v: Vector;
  /** Exponential average u of squared updates Δ². */
  u: Vector;
}

export const adadeltaSpecs: Specs<AdadeltaOptions> = {
  lr: learningRate(1),
  rho: decayRate(0.9),
  eps: positive(1e-6),
  weightDecay: nonNegative(0),
};

export function adadelta(options?: Partial<AdadeltaOptions>): Optimizer<AdadeltaState, AdadeltaOptions> {
  const resolved = resolveOptions("adadelta", adadeltaSpecs, options);
  const { rho, eps, weightDecay } = resolved;
  const stateVectors = ["v", "u"];
  return defineOptimizer<AdadeltaState, AdadeltaOptions>({
    name: "adadelta",
    options: resolved,
    stateVectors,
    init(x) {
      return { t: 0, v: zerosLike(x), u: zerosLike(x) };
    },
    update(x, grad, state, lr) {
      const { v, u } = state;
      for (let i = 0; i < x.length; i++) {
        const g = weightDecay === 0 ? grad[i]! : grad[i]! + weightDecay * x[i]!;
        v[i] = rho * v[i]! + (1 - rho) * g * g;
        const delta = (Math.sqrt(u[i]! + eps) / Math.sqrt(v[i]! + eps)) * g;
        u[i] = rho * u[i]! + (1 - rho) * delta * delta;
        x[i] = x[i]! - lr * delta;
      }
    },
  });
}
