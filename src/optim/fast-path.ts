/**
 * When `opt.step` hands its loop to the WebAssembly kernels (wasm/optimizers.ts, SIMD128): x, grad and every state
 * vector are Float32Arrays, x has at least {@link FAST_PATH_MIN_LENGTH} entries, and this engine runs the kernels.
 * Two paths, whichever arrays they are:
 *
 * - **resident**: every vector lives in wasm memory ({@link fastFloat32Array}, and the `zerosLike` and state made
 *   from it): the kernel updates them in place, in one pass.
 * - **copied**: some are ordinary Float32Arrays (`new Float32Array(n)`, or what `x.map(…)` and `x.slice()` return),
 *   and x has at least {@link COPIED_PATH_MIN_LENGTH} entries: the kernel runs on copies of them, chunk by chunk
 *   (staging.ts). About three times slower than resident, and as much faster than the loop.
 *
 * Otherwise (float64, short vectors, no kernel for this optimizer, an engine without SIMD or shared memory) the
 * readable TypeScript loop runs — it stays the reference the kernels are tested against. `wasmMemoryUse().steps`
 * counts the steps each path took.
 *
 * The kernels cover Adam and AdamW (AMSGrad included), SGD (momentum, dampening, Nesterov), AdaGrad and RMSprop
 * (centered, momentum), with every option; the other optimizers always run their TypeScript loop.
 */
import type { StepCount, Vector } from "./types.ts";
import { CHUNK, stageIn, stageOut, workspaceReady } from "./staging.ts";
import { OPTIMIZER_KERNELS } from "./wasm/optimizers.generated.ts";
import { instantiateKernels, isWasmResident } from "./wasm-memory.ts";

/**
 * The shortest x the kernels take when every vector lives in wasm memory. Measured (bench/fast-path-threshold.ts,
 * Adam, Node 24): a step on 16 entries costs about the same either way (≈ 180–200 ns: the wasm call and the
 * residency checks cost what 16 coordinates of the loop do); from 24 on the kernel is faster (1.1× at 24, 1.8× at 64,
 * 6× at 1,024). Below 16 the readable loop runs.
 */
export const FAST_PATH_MIN_LENGTH = 16;
/**
 * The shortest x the kernels take when some vector is an ordinary Float32Array, to be copied: the copies cost a
 * fixed ≈ 200 ns more (seven `set` calls, a view looked up for each). Measured as above: the loop is faster up to
 * 96 entries (0.85×), the copied kernel from 128 on (1.1× at 128, 2.2× at 1,024, ≈ 3× at 10⁶).
 */
export const COPIED_PATH_MIN_LENGTH = 128;
let minimumLength = FAST_PATH_MIN_LENGTH;
let copiedMinimumLength = COPIED_PATH_MIN_LENGTH;

/**
 * For the benchmarks and the tests: let vectors from `length` entries take the kernels on either path (Infinity:
 * never, the readable loop always runs); reset with no argument.
 */
export function overrideFastPathMinLength(length?: number): void {
  minimumLength = length ?? FAST_PATH_MIN_LENGTH;
  copiedMinimumLength = length ?? COPIED_PATH_MIN_LENGTH;
}

/**
 * The kernels as the updates call them: the vectors themselves (null for a state vector the options leave out), then
 * the step's scalars, named as in the loops.
 */
export interface OptimizerKernels {
  /** Which path these kernels take: every vector in wasm memory, or some copied there chunk by chunk. */
  readonly path: "resident" | "copied";
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

/** The resident path: the module's exports on the vectors themselves (each one's byteOffset is its address). */
function inPlace(raw: KernelExports): OptimizerKernels {
  return {
    path: "resident",
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

/**
 * The copied path: the resident kernels chunk by chunk (staging.ts), each on the chunk's own view of a vector in
 * wasm memory or on the workspace slot it was copied into (`stageIn`); what the kernel writes (x and the state, not
 * grad) goes back from its slot after the chunk (`stageOut`).
 */
function onCopies(resident: OptimizerKernels): OptimizerKernels {
  return {
    path: "copied",
    adam(x, grad, m, v, vMax, beta1, beta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink) {
      for (let start = 0; start < x.length; start += CHUNK) {
        // prettier-ignore
        resident.adam(stageIn(x, 0, start), stageIn(grad, 1, start), stageIn(m, 2, start), stageIn(v, 3, start),
          vMax && stageIn(vMax, 4, start), beta1, beta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
        stageOut(x, 0, start);
        stageOut(m, 2, start);
        stageOut(v, 3, start);
        if (vMax) stageOut(vMax, 4, start);
      }
    },
    sgd(x, grad, b, lr, momentum, dampening, weightDecay, nesterov, firstStep) {
      for (let start = 0; start < x.length; start += CHUNK) {
        // prettier-ignore
        resident.sgd(stageIn(x, 0, start), stageIn(grad, 1, start), b && stageIn(b, 2, start),
          lr, momentum, dampening, weightDecay, nesterov, firstStep);
        stageOut(x, 0, start);
        if (b) stageOut(b, 2, start);
      }
    },
    adagrad(x, grad, sum, decayedLr, weightDecay, eps) {
      for (let start = 0; start < x.length; start += CHUNK) {
        // prettier-ignore
        resident.adagrad(stageIn(x, 0, start), stageIn(grad, 1, start), stageIn(sum, 2, start),
          decayedLr, weightDecay, eps);
        stageOut(x, 0, start);
        stageOut(sum, 2, start);
      }
    },
    rmsprop(x, grad, v, gAvg, b, lr, alpha, eps, weightDecay, momentum) {
      for (let start = 0; start < x.length; start += CHUNK) {
        // prettier-ignore
        resident.rmsprop(stageIn(x, 0, start), stageIn(grad, 1, start), stageIn(v, 2, start),
          gAvg && stageIn(gAvg, 3, start), b && stageIn(b, 4, start), lr, alpha, eps, weightDecay, momentum);
        stageOut(x, 0, start);
        stageOut(v, 2, start);
        if (gAvg) stageOut(gAvg, 3, start);
        if (b) stageOut(b, 4, start);
      }
    },
  };
}

/** The kernels of either path. */
interface Paths {
  resident: OptimizerKernels;
  copied: OptimizerKernels;
}
/** undefined: not loaded yet; null: unavailable here. */
let kernels: Paths | null | undefined;

function loadKernels(): Paths | null {
  const raw = instantiateKernels<KernelExports>(OPTIMIZER_KERNELS);
  if (!raw) return null;
  const resident = inPlace(raw);
  return { resident, copied: onCopies(resident) };
}

/**
 * The kernels, if this step may use them: x, grad and the named state vectors all Float32Arrays, and x long enough —
 * those of the resident path when all of them live in wasm memory, else (from COPIED_PATH_MIN_LENGTH) those of the
 * copied path. Costs a few
 * WeakSet look-ups and allocates nothing (the copied path's workspace is made once, at its first step).
 */
export function fastKernelsFor(
  x: Vector,
  grad: Vector,
  state: StepCount,
  stateVectors: readonly string[],
): OptimizerKernels | null {
  if (x.length < minimumLength || !(x instanceof Float32Array) || !(grad instanceof Float32Array)) return null;
  let resident = isWasmResident(x) && isWasmResident(grad);
  for (let i = 0; i < stateVectors.length; i++) {
    const vector = (state as unknown as Record<string, unknown>)[stateVectors[i]!];
    if (!(vector instanceof Float32Array)) return null;
    resident &&= isWasmResident(vector);
  }
  if (kernels === undefined) kernels = loadKernels();
  if (kernels === null) return null;
  if (resident) return kernels.resident;
  return x.length >= copiedMinimumLength && workspaceReady() ? kernels.copied : null;
}
