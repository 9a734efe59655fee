/**
 * What a classifier is to `trainModel` and to a lesson: a parameter vector of a documented layout, the mean
 * cross-entropy loss on a batch and its gradient, and predictions. {@link defineClassifier} builds one from a model's
 * forward and backward passes (see softmax-regression.ts and mlp.ts) and adds what every model shares: argument
 * checks, seeded initialisation, the softmax cross-entropy, reusable buffers.
 *
 * ```ts
 * const model = mlp();                                  // 64-32-10 with ReLU
 * const params = model.initialParameters({ seed: 1 });  // Float64Array(2410)
 * const grad = new Float64Array(model.dimension);
 * model.lossAndGradient(params, batch, grad);           // mean cross-entropy; ∇ written into grad
 * model.accuracy(params, loadDigits().test);            // share of test images classified right
 * ```
 *
 * A faster implementation stands behind the same interface: a model that also defines `fast` passes (WebAssembly SIMD
 * kernels, fast-classifier.ts) runs them whenever its parameters live in wasm memory (`fastFloat32Array`, as
 * `trainModel` makes them for float32 runs); with any other vector these readable passes run, and the tests hold the
 * fast ones to them.
 */
import type { Vector } from "../optim/types.ts";
import { boolean, checkLength, integer, resolveOptions, show, type NumberList, type Specs } from "../optim/validate.ts";
import { fastClassifier, type FastPasses } from "./fast-classifier.ts";
import { softmaxCrossEntropy } from "./layers.ts";
import { checkBatch, type Batch } from "./minibatches.ts";
import { rng } from "./random.ts";

/**
 * One named block of the flat parameter vector: a weight matrix (shape [outputs, inputs], row-major) or a bias.
 * Initial values: "glorot" draws U(±√(6/(n_in + n_out))) (Glorot & Bengio, 2010), "he" draws U(±√(6/n_in)) (He et
 * al., 2015, for weights feeding a ReLU), "zero" is 0.
 */
export interface ParameterBlock {
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: "glorot" | "he" | "zero";
  /** Where the block starts in the vector. */
  readonly offset: number;
  /** Its number of entries, the product of `shape`. */
  readonly size: number;
}

/** Examples to predict: a {@link Batch} without labels. */
export type Unlabelled = Omit<Batch, "labels">;

export interface InitOptions {
  /** Seed of the random initial weights. Default 0. */
  seed: number;
  /** Return a Float32Array (training then runs in float32) instead of a Float64Array. Default false. */
  float32: boolean;
}

export interface Classifier {
  /** The function's name, for messages ("mlp"). */
  readonly name: string;
  /** What it is, for legends ("MLP 64-32-10, ReLU"). */
  readonly title: string;
  /** The model in TeX. */
  readonly tex: string;
  /** Inputs per example (64). */
  readonly inputs: number;
  /** Number of classes (10). */
  readonly classes: number;
  /** Number of parameters. */
  readonly dimension: number;
  /** The parameter vector's blocks, in order. */
  readonly layout: readonly ParameterBlock[];
  /** Seeded initial parameters: weights as each block's `init` says, biases 0. */
  initialParameters(options?: Partial<InitOptions>): Vector;
  /** The mean cross-entropy over the batch's rows. */
  loss(params: NumberList, batch: Batch): number;
  /** The mean cross-entropy over the batch's rows; its gradient is written into `grad` (of params' length). */
  lossAndGradient(params: NumberList, batch: Batch, grad: Vector): number;
  /** The most probable class of each row, written into `out` (a new Uint8Array when omitted) and returned. */
  predict(params: NumberList, examples: Unlabelled, out?: Uint8Array): Uint8Array;
  /** The share of the batch's rows whose most probable class is their label, in [0, 1]. */
  accuracy(params: NumberList, batch: Batch): number;
}

/** What a model's author writes: the layout and the two passes. */
export interface ClassifierDefinition {
  readonly name: string;
  readonly title: string;
  readonly tex: string;
  readonly inputs: number;
  readonly classes: number;
  readonly layout: readonly Omit<ParameterBlock, "offset" | "size">[];
  /** Logits (rows × classes) of the first `rows` examples of `inputs`. */
  forward(params: NumberList, inputs: Vector, rows: number, logits: Float64Array): void;
  /** Add ∂L/∂params to `grad` from ∂L/∂logits; runs right after `forward` on the same rows, whose buffers it may use. */
  backward(params: NumberList, inputs: Vector, rows: number, logitGradient: Float64Array, grad: Vector): void;
  /** The same passes in float32 on wasm memory, taken when the parameters live there. */
  readonly fast?: FastPasses;
}

/** A Float64Array of at least the length asked for, reallocated only to grow: a model's reusable buffer. */
export function workspace(): (length: number) => Float64Array {
  let buffer = new Float64Array(0);
  return (length) => (buffer.length >= length ? buffer : (buffer = new Float64Array(length)));
}

const initSpecs: Specs<InitOptions> = { seed: integer(0, 0), float32: boolean(false) };

export function defineClassifier(definition: ClassifierDefinition): Classifier {
  const { name, inputs, classes, forward, backward } = definition;
  let offset = 0;
  const layout = definition.layout.map((block) => {
    const size = block.shape.reduce((product, n) => product * n, 1);
    offset += size;
    return Object.freeze({ ...block, offset: offset - size, size });
  });
  const dimension = offset;
  const logitBuffer = workspace();
  const logitGradientBuffer = workspace();
  const fast = definition.fast && fastClassifier(definition.fast, inputs, classes, dimension);

  // Messages name the method ("mlp.loss: …"); the names are made once, so that checking allocates nothing.
  const owners = {
    loss: `${name}.loss`,
    lossAndGradient: `${name}.lossAndGradient`,
    predict: `${name}.predict`,
    accuracy: `${name}.accuracy`,
  };
  const check = (owner: string, params: NumberList, examples: Unlabelled, labels: Uint8Array | undefined) => {
    checkLength(owner, "params", params, dimension);
    checkBatch(owner, labels ? "batch" : "examples", examples as Batch, inputs, labels !== undefined);
    if (labels)
      for (let r = 0; r < examples.size; r++)
        if (labels[r]! >= classes)
          throw new RangeError(
            `${owner}: batch.labels[${r}] must be a class in [0, ${classes - 1}]; received ${labels[r]}`,
          );
  };
  const referenceLogits = (params: NumberList, examples: Unlabelled) => {
    const logits = logitBuffer(examples.size * classes);
    forward(params, examples.inputs, examples.size, logits);
    return logits;
  };
  /** The logits of the examples' rows, by the fast route when it takes these parameters. */
  const logitsOf = (owner: string, params: NumberList, examples: Unlabelled, labels: Uint8Array | undefined) => {
    check(owner, params, examples, labels);
    return fast?.takes(params) ? fast.logits(params, examples) : referenceLogits(params, examples);
  };
  const mostProbable = (logits: Float64Array | Float32Array, row: number) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[row * classes + c]! > logits[row * classes + best]!) best = c;
    return best;
  };

  return Object.freeze({
    name,
    title: definition.title,
    tex: definition.tex,
    inputs,
    classes,
    dimension,
    layout: Object.freeze(layout),
    initialParameters(options?: Partial<InitOptions>) {
      const { seed, float32 } = resolveOptions(`${name}.initialParameters`, initSpecs, options);
      const params = float32 ? new Float32Array(dimension) : new Float64Array(dimension);
      const random = rng(seed);
      for (const { init, shape, offset: start, size } of layout) {
        if (init === "zero") continue;
        const [fanOut = 1, fanIn = 1] = shape;
        const bound = Math.sqrt(6 / (init === "he" ? fanIn : fanIn + fanOut));
        for (let k = start; k < start + size; k++) params[k] = bound * (2 * random.uniform() - 1);
      }
      return params;
    },
    loss(params: NumberList, batch: Batch) {
      check(owners.loss, params, batch, batch.labels);
      if (fast?.takes(params)) return fast.loss(params, batch);
      return softmaxCrossEntropy(referenceLogits(params, batch), batch.labels, batch.size, classes);
    },
    lossAndGradient(params: NumberList, batch: Batch, grad: Vector) {
      if (!(grad instanceof Float64Array || grad instanceof Float32Array))
        throw new TypeError(
          `${owners.lossAndGradient}: grad must be a Float64Array or Float32Array; received ${show(grad)}`,
        );
      checkLength(owners.lossAndGradient, "grad", grad, dimension);
      check(owners.lossAndGradient, params, batch, batch.labels);
      if (fast?.takes(params)) return fast.lossAndGradient(params, batch, grad);
      const logits = referenceLogits(params, batch);
      const logitGradient = logitGradientBuffer(batch.size * classes);
      const loss = softmaxCrossEntropy(logits, batch.labels, batch.size, classes, logitGradient);
      grad.fill(0);
      backward(params, batch.inputs, batch.size, logitGradient, grad);
      return loss;
    },
    predict(params: NumberList, examples: Unlabelled, out?: Uint8Array) {
      const logits = logitsOf(owners.predict, params, examples, undefined);
      const target = out ?? new Uint8Array(examples.size);
      checkLength(owners.predict, "out", target, examples.size);
      for (let r = 0; r < examples.size; r++) target[r] = mostProbable(logits, r);
      return target;
    },
    accuracy(params: NumberList, batch: Batch) {
      const logits = logitsOf(owners.accuracy, params, batch, batch.labels);
      let correct = 0;
      for (let r = 0; r < batch.size; r++) if (mostProbable(logits, r) === batch.labels[r]) correct++;
      return correct / batch.size;
    },
  });
}
