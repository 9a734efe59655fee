/**
 * Adam (Kingma & Ba, 2015, Algorithm 1), with PyTorch's options.
 *
 * $$
 * \begin{aligned}
 * g_t &= \nabla f_t(\theta_{t-1}) + \lambda\,\theta_{t-1} \\
 * m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\
 * v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\
 * \hat m_t &= m_t / (1-\beta_1^t) \\
 * \hat v_t &= v_t / (1-\beta_2^t) \\
 * \theta_t &= \theta_{t-1} - \alpha\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
 * \end{aligned}
 * $$
 *
 * Defaults (PyTorch's): lr α = 1e-3, betas = [0.9, 0.999], eps ε = 1e-8, weightDecay λ = 0, amsgrad = false,
 * plus biasCorrection = true.
 *
 * - `weightDecay` is an L2 penalty added to the gradient (λθ above), as in `torch.optim.Adam`. For decoupled decay
 *   use {@link adamw}.
 * - `amsgrad: true` keeps v_max = max(v_max, v_t) over the raw second moment and bias-corrects v_max, as PyTorch does;
 *   Reddi et al.'s Algorithm 2 (2018) takes the maximum of the raw v_t and does no bias correction at all.
 * - `biasCorrection: false` drops both divisions by 1 − βᵗ: the variant some tutorials print (e.g. seed 003's first
 *   function). It takes steps far from α at the start; see the bias-correction lesson.
 * - ε is added outside the square root and after bias correction, computed as in PyTorch:
 *   step size α/(1−β₁ᵗ) and denominator √v_t/√(1−β₂ᵗ) + ε. This is the paper's rule exactly; TensorFlow's
 *   "ε-hat" variant adds ε to √v_t before bias correction instead.
 *
 * State: `{ t, m, v }` (+ `vMax` with amsgrad), vectors of x's type.
 *
 * @example
 * const x = Float64Array.of(3, 4);
 * const opt = adam({ lr: 0.1 });
 * const state = opt.init(x);
 * opt.step(x, Float64Array.of(6, 8), state); // x ≈ [2.9, 3.9]: the first step has size lr in each coordinate
 */
import { defineOptimizer } from "./define.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { betaPair, boolean, learningRate, nonNegative, positive, resolveOptions, type Specs } from "./validate.ts";
import { zerosLike } from "./wasm-memory.ts";

export interface AdamOptions {
  /** Step size α, or a schedule t ↦ α_t. Default 1e-3. */
  lr: LearningRate;
  /** Decay rates [β₁, β₂] of the first and second moment averages, each in [0, 1). Default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** ε added to the denominator, > 0. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Use the running maximum of v (AMSGrad, PyTorch's form). Default false. */
  amsgrad: boolean;
  /** Divide m and v by 1 − βᵗ. Default true. */
  biasCorrection: boolean;
}

export interface AdamState extends StepCount {
  /** First moment m: exponential average of gradients. */
  m: Vector;
  /** Second moment v: exponential average of squared gradients. */
  v: Vector;
  /** Running maximum of v (only with amsgrad). */
  vMax?: Vector;
}

export const adamSpecs: Specs<AdamOptions> = {
  lr: learningRate(1e-3),
  betas: betaPair([0.9, 0.999]),
  eps: positive(1e-8),
  weightDecay: nonNegative(0),
  amsgrad: boolean(false),
  biasCorrection: boolean(true),
};

export function adam(options?: Partial<AdamOptions>): Optimizer<AdamState, AdamOptions> {
  return adamFamily("adam", resolveOptions("adam", adamSpecs, options), "l2");
}

/**
 * The Adam loop shared by `adam` (weight decay as an L2 term in the gradient) and `adamw` (decoupled: θ shrinks by
 * αλθ before the Adam step). One loop, so the two cannot drift apart.
 */
export function adamFamily<Options extends Omit<AdamOptions, "biasCorrection"> & { biasCorrection?: boolean }>(
  name: string,
  options: Options,
  decay: "l2" | "decoupled",
): Optimizer<AdamState, Options> {
  const { betas, eps, weightDecay, amsgrad } = options;
  const [beta1, beta2] = betas;
  const biasCorrection = options.biasCorrection ?? true;
  const stateVectors = amsgrad ? ["m", "v", "vMax"] : ["m", "v"];
  return defineOptimizer<AdamState, Options>({
    name,
    options,
    stateVectors,
    hasKernel: true,
    init(x) {
      const state: AdamState = { t: 0, m: zerosLike(x), v: zerosLike(x) };
      if (amsgrad) state.vMax = zerosLike(x);
      return state;
    },
    update(x, grad, state, lr, kernels) {
      const t = state.t;
      const { m, v } = state;
      const biasCorrection1 = biasCorrection ? 1 - beta1 ** t : 1;
      const biasCorrection2Sqrt = biasCorrection ? Math.sqrt(1 - beta2 ** t) : 1;
      const stepSize = lr / biasCorrection1;
      const l2 = decay === "l2" ? weightDecay : 0;
      const shrink = decay === "decoupled" ? 1 - lr * weightDecay : 1;
      if (kernels) {
        // prettier-ignore
        kernels.adam(x, grad, m, v, amsgrad ? state.vMax! : null,
          beta1, beta2, stepSize, 1 / biasCorrection2Sqrt, eps, l2, shrink);
        return;
      }
      // The options enter the loop without a branch. A branch one side of which never runs is, to V8's optimizing
      // compiler, an exit from the loop, and then it does not peel the loop's first iteration (which is what lets
      // it lift the loop's invariant work out of the rest): measured, Node 24, the loop ran at 0.6× its speed
      // without the branch. So the L2 term joins the gradient in a pass of its own, as in PyTorch, and without
      // AMSGrad vMax is v itself.
      const g = l2 === 0 ? grad : withL2(state, grad, x, l2);
      const vMax = amsgrad ? state.vMax! : v;
      for (let i = 0; i < x.length; i++) {
        const gi = g[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * gi;
        v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
        const second = Math.max(vMax[i]!, v[i]!); // v itself without AMSGrad: max(v, v) = v
        vMax[i] = second;
        const denominator = Math.sqrt(second) / biasCorrection2Sqrt + eps;
        x[i] = shrink * x[i]! - (stepSize * m[i]!) / denominator;
      }
    },
  });
}

/** Each state's gradient with its L2 term, kept beside the state (not in it: it is not carried from step to step). */
const penalized = new WeakMap<AdamState, Float64Array>();

/**
 * g + λθ, as PyTorch's `grad = grad.add(param, alpha=weight_decay)`, into a Float64Array made at the state's first
 * such step, so that the sum is rounded as the loop would round it (float64) whatever the vectors' type.
 */
function withL2(state: AdamState, grad: Vector, x: Vector, l2: number): Float64Array {
  let sum = penalized.get(state);
  if (sum === undefined || sum.length !== x.length) penalized.set(state, (sum = new Float64Array(x.length)));
  for (let i = 0; i < x.length; i++) sum[i] = grad[i]! + l2 * x[i]!;
  return sum;
}
