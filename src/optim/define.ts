/**
 * What every optimizer does around its math, written once: check the arguments, count the step, read the learning
 * rate of that step (a number or a schedule). Each optimizer file then holds only its state and its update loop.
 *
 * ```ts
 * defineOptimizer({
 *   name: "sgd",
 *   options,                       // resolved, with lr
 *   stateVectors: [],              // names of the state's vectors, checked against x's length at each step
 *   init: (x) => ({ t: 0 }),
 *   update(x, grad, state, lr) {   // state.t is already this step's t (1 at the first step)
 *     for (let i = 0; i < x.length; i++) x[i] -= lr * grad[i];
 *   },
 * });
 * ```
 */
import type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
import { checkParameters, checkStep, learningRateAt } from "./validate.ts";

export interface OptimizerDefinition<State extends StepCount, Options extends { lr: LearningRate }> {
  name: string;
  options: Options;
  /** The state's vectors, which must have x's length at every step. */
  stateVectors: readonly string[];
  /** A fresh state (t = 0) for parameters x, already checked to be a vector. */
  init(x: Vector): State;
  /** One step in place, once `state.t` counts it, with the learning rate α_t. Must allocate nothing. */
  update(x: Vector, grad: Vector, state: State, lr: number): void;
}

export function defineOptimizer<State extends StepCount, Options extends { lr: LearningRate }>(
  definition: OptimizerDefinition<State, Options>,
): Optimizer<State, Options> {
  const { name, options, stateVectors, init, update } = definition;
  return {
    name,
    options,
    init(x) {
      checkParameters(name, x);
      return init(x);
    },
    step(x, grad, state) {
      checkStep(name, x, grad, state, stateVectors);
      const t = ++state.t;
      update(x, grad, state, learningRateAt(name, options.lr, t));
    },
  };
}
