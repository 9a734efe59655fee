/**
 * When `opt.step` hands its loop to the WebAssembly kernels (wasm/optimizers.ts, SIMD128): x, grad and every state
 * vector live in wasm memory (see {@link fastFloat32Array}), and x has at least {@link FAST_PATH_MIN_LENGTH}
 * entries. Otherwise the readable TypeScript loop runs — it stays the reference the kernels are tested against.
 *
 * The kernels cover Adam and AdamW (AMSGrad included), SGD (momentum, dampening, Nesterov), AdaGrad and RMSprop
 * (centered, momentum), with every option; the other optimizers always run their TypeScript loop.
 */
import type { StepCount, Vector } from "./types.ts";
import { OPTIMIZER_KERNELS } from "./wasm/optimizers.generated.ts";
import { instantiateKernels, isWasmResident } from "./wasm-memory.ts";

/**
 * The shortest x the kernels take. Measured (bench/fast-path-threshold.ts, Adam, Node 24): a step on 8 entries costs
 * the same either way (≈160 ns: the wasm call and the residency checks cost what 8 coordinates of the loop do); from
 * 16 on the kernel is faster (1.3–1.7× at 16, 3× at 64, 10–16× at 1,024). Below 16 the readable loop runs.
 */
export const FAST_PATH_MIN_LENGTH = 16;
let minimumLength = FAST_PATH_MIN_LENGTH;

/** For bench/fast-path-threshold.ts: let vectors from `length` entries take the kernels (reset with no argument). */
export function overrideFastPathMinLength(length = FAST_PATH_MIN_LENGTH): void {
  minimumLength = length;
}

/**
 * The kernels as the updates call them: the vectors themselves (each one's byteOffset is its address in wasm memory;
 * null for a state vector the options leave out), then the step's scalars, named as in the loops.
 */
export interface OptimizerKernels {
  // prettier-ignore
  adam(
    x: Vector, grad: Vector, m: Vector, v: Vector, vMax: Vector | null,
    beta1: number, beta2: number, stepSize: number, inverseBiasCorrection2Sqrt: number, eps: number, l2: number,
    shrink: number,
  ): void;
  // prettier-ignore
  sgd(
    x: Vector, grad: Vector, b: Vector | null,
    lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean, firstStep: boolean,
  ): void;
  adagrad(x: Vector, grad: Vector, sum: Vector, decayedLr: number, weightDecay: number, eps: number): void;
  // prettier-ignore
  rmsprop(
    x: Vector, grad: Vector, v: Vector, gAvg: Vector | null, b: Vector | null,
    lr: number, alpha: number, eps: number, weightDecay: number, momentum: number,
  ): void;
}

/**
 * The wasm module's exports: the same, with each vector replaced by its address, x's length n added, and each
 * complement (1 − β, 1 − α, 1 − τ) passed computed in float64.
 */
interface KernelExports {
  adam(...args: number[]): void;
  sgd(...args: (number | boolean)[]): void;
  adagrad(...args: number[]): void;
  rmsprop(...args: number[]): void;
}

const address = (vector: Vector | null) => (vector === null ? 0 : vector.byteOffset);

function wrap(raw: KernelExports): OptimizerKernels {
  return {
    adam(x, grad, m, v, vMax, beta1, beta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink) {
      // prettier-ignore
      raw.adam(address(x), address(grad), address(m), address(v), address(vMax), x.length,
        beta1, 1 - beta1, beta2, 1 - beta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
    },
    sgd(x, grad, b, lr, momentum, dampening, weightDecay, nesterov, firstStep) {
      // prettier-ignore
      raw.sgd(address(x), address(grad), address(b), x.length,
        lr, momentum, 1 - dampening, weightDecay, nesterov, firstStep);
    },
    adagrad(x, grad, sum, decayedLr, weightDecay, eps) {
      raw.adagrad(address(x), address(grad), address(sum), x.length, decayedLr, weightDecay, eps);
    },
    rmsprop(x, grad, v, gAvg, b, lr, alpha, eps, weightDecay, momentum) {
      // prettier-ignore
      raw.rmsprop(address(x), address(grad), address(v), address(gAvg), address(b), x.length,
        lr, alpha, 1 - alpha, eps, weightDecay, momentum);
    },
  };
}

/** undefined: not loaded yet; null: unavailable here. */
let kernels: OptimizerKernels | null | undefined;

/**
 * The kernels, if this step may use them: x long enough, and x, grad and the named state vectors all in wasm memory.
 * Costs a few WeakSet look-ups and allocates nothing.
 */
export function fastKernelsFor(
  x: Vector,
  grad: Vector,
  state: StepCount,
  stateVectors: readonly string[],
): OptimizerKernels | null {
  if (x.length < minimumLength || !isWasmResident(x) || !isWasmResident(grad)) return null;
  for (let i = 0; i < stateVectors.length; i++)
    if (!isWasmResident((state as unknown as Record<string, unknown>)[stateVectors[i]!])) return null;
  if (kernels === undefined) {
    const raw = instantiateKernels<KernelExports>(OPTIMIZER_KERNELS);
    kernels = raw && wrap(raw);
  }
  return kernels;
}
