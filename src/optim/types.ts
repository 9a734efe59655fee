/** Parameters and gradients: flat vectors. Float32Array is accepted; state then uses float32 too, as in PyTorch. */
export type Vector = Float64Array | Float32Array;

/** A learning rate, or a schedule giving it from the 1-based step t (e.g. `t => 0.5 / Math.sqrt(t)`). */
export type LearningRate = number | ((t: number) => number);

/**
 * How a parameter is laid out, told to `init`: `{ shape: [rows, cols] }` for a matrix stored row-major in x (entry
 * (i, j) at x[i·cols + j]), `{ shape: [n] }` or nothing for a vector. Optimizers that work on matrices (Adafactor's
 * factored second moment, Muon's orthogonalisation) read it; the others check it and ignore it.
 */
export interface ParameterLayout {
  /** [n] or [rows, cols], positive integers whose product is x's length. Default [x.length]. */
  shape?: readonly number[];
}

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
 * muon().init(w, { shape: [3, 4] }); // w: a 3×4 matrix, row-major
 * ```
 */
export interface Optimizer<State extends StepCount = StepCount, Options = unknown> {
  /** The optimizer's name, as used in messages ("adam"). */
  readonly name: string;
  /** The options after defaults were filled in. */
  readonly options: Readonly<Options>;
  /** A fresh state for parameters shaped like `x` (all moments zero, t = 0), laid out as `layout` says. */
  init(x: Vector, layout?: ParameterLayout): State;
  /** One update of `x` in place from its gradient; increments `state.t`. Allocates nothing. */
  step(x: Vector, grad: Vector, state: State): void;
}
