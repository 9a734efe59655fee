/** Parameters and gradients: flat vectors. Float32Array is accepted; state then uses float32 too, as in PyTorch. */
export type Vector = Float64Array | Float32Array;

/** A learning rate, or a schedule giving it from the 1-based step t (e.g. `t => 0.5 / Math.sqrt(t)`). */
export type LearningRate = number | ((t: number) => number);

/** Every optimizer's state carries the number of steps taken. */
export interface StepCount {
  /** Steps taken so far (0 after `init`). */
  t: number;
}

/**
 * An optimizer: `init` makes its state for a parameter vector, `step` updates the parameters in place.
 *
 * ```ts
 * const opt = adam({ lr: 0.1 });
 * const state = opt.init(x);
 * opt.step(x, grad, state); // x -= …, state.t === 1
 * ```
 */
export interface Optimizer<State extends StepCount = StepCount, Options = unknown> {
  /** The optimizer's name, as used in messages ("adam"). */
  readonly name: string;
  /** The options after defaults were filled in. */
  readonly options: Readonly<Options>;
  /** A fresh state for parameters shaped like `x` (all moments zero, t = 0). */
  init(x: Vector): State;
  /** One update of `x` in place from its gradient; increments `state.t`. Allocates nothing. */
  step(x: Vector, grad: Vector, state: State): void;
}
