/**
 * What every optimizer does around its math, written once: check the arguments, count the step, read the learning
 * rate of that step (a number or a schedule). Each optimizer file then holds only its state and its update loop.
 *
 * ```ts
 * defineOptimizer({
 *   name: "sgd",
 *   options,                       // resolved, with lr
 *   stateVectors: [],              // names of the state's vectors, checked against x's length at each step
 *   hasKernel: true,               // update may hand its loop to a WebAssembly kernel
 *   init: (x) => ({ t: 0 }),
 *   update(x, grad, state, lr, kernels) {   // state.t is already this step's t (1 at the first step)
 *     if (kernels) return kernels.sgd(x, grad, null, lr, 0, 0, 0, false, false);
 *     for (let i = 0; i < x.length; i++) x[i] -= lr * grad[i];
 *   },
 * });
 * ```
 *
 * `kernels` is the WebAssembly fast path ({@link fastKernelsFor}): given when x, grad and the state vectors are all
 * Float32Arrays and x is long enough — on the vectors in place when they all live in wasm memory, on copies of the
 * others if not; the update then hands its vectors and scalars to the kernel instead of running its loop. Optimizers
 * without a kernel ignore it. Each step counts the path it took (`wasmMemoryUse().steps`).
 */
import { fastKernelsFor, type OptimizerKernels } from "./fast-path.ts";
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { checkParameters, checkShape, checkStep, learningRateAt } from "./validate.ts";
import { stepsByPath } from "./wasm-memory.ts";

export interface OptimizerDefinition<State extends StepCount, Options extends { lr: LearningRate }> {
  name: string;
  options: Options;
  /** The state's vectors, which must have x's length at every step. */
  stateVectors: readonly string[];
  /** Whether `update` has a WebAssembly kernel to hand its loop to (Adam, AdamW, SGD, AdaGrad, RMSprop). */
  hasKernel?: boolean;
  /**
   * A fresh state (t = 0) for parameters x, already checked to be a vector, with its shape: `[x.length]`, or
   * `[rows, cols]` when `init` was told so (`opt.init(x, { shape })`, checked against x's length); `given`
   * says whether it was.
   */
  init(x: Vector, shape: readonly number[], given: boolean): State;
  /** Checks of the state beyond `stateVectors` (vectors of other lengths, such as Adafactor's row factor), at each step. */
  checkState?(x: Vector, state: State): void;
  /**
   * One step in place, once `state.t` counts it, with the learning rate α_t. Must allocate nothing. `kernels`: the
   * WebAssembly kernels when this step may use them (all vectors Float32Arrays, x long enough), else null.
   */
  update(x: Vector, grad: Vector, state: State, lr: number, kernels: OptimizerKernels | null): void;
}

export function defineOptimizer<State extends StepCount, Options extends { lr: LearningRate }>(
  definition: OptimizerDefinition<State, Options>,
): Optimizer<State, Options> {
  const { name, options, stateVectors, init, update, checkState, hasKernel = false } = definition;
  return {
    name,
    options,
    init(x, layout) {
      checkParameters(name, x);
      return init(x, checkShape(name, x, layout), layout?.shape !== undefined);
    },
    step(x, grad, state) {
      checkStep(name, x, grad, state, stateVectors);
      if (checkState) checkState(x, state);
      const t = ++state.t;
      const lr = learningRateAt(name, options.lr, t);
      const kernels = hasKernel ? fastKernelsFor(x, grad, state, stateVectors) : null;
      stepsByPath[kernels === null ? "readable" : kernels.path]++;
      update(x, grad, state, lr, kernels);
    },
  };
}
