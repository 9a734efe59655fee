/**
 * Train a classifier on the digits with any optimizer, epoch by epoch, and keep the curves as plain data.
 *
 * ```ts
 * const result = trainModel(softmaxRegression(), adam({ lr: 1e-3 }), { epochs: 20, batchSize: 128, seed: 1 });
 * result.history[0];   // { epoch: 0, step: 0, trainLoss: 2.39, testLoss: …, testAccuracy: 0.12, seconds: 0 }
 * result.history[20];  // after 20 epochs
 * result.parameters;   // the trained Float64Array
 * ```
 *
 * Epoch e ≥ 1: the training images are shuffled (seeded by `seed` and e) and cut into minibatches; each batch is one
 * step, `model.lossAndGradient(params, batch, grad)` then `optimizer.step(params, grad, state)`, so a schedule
 * `lr: t => …` sees the step count t (see {@link inverseSqrtDecay}). After the epoch, its record holds:
 *
 * - `trainLoss`: the mean of the epoch's minibatch losses, weighted by batch size (each loss taken before its step:
 *   the usual training curve, free to compute). At epoch 0, the loss on the whole training set at the start.
 * - `testLoss`, `testAccuracy`: on the test set, with the parameters at the end of the epoch.
 * - `step`: optimizer steps so far; `seconds`: wall-clock time this run has spent in its epochs so far, evaluation
 *   included (0 at epoch 0; measured per epoch, so runs that take turns do not count each other's time).
 *
 * `onEpoch(record)` is called with each record as it is made (epoch 0 included), so a cell can redraw a chart;
 * returning `false` stops the training there. To interleave several runs (curves growing side by side), use
 * {@link startTraining} and call `nextEpoch()` in turns. One gradient buffer and one batch buffer serve the whole
 * run; nothing is allocated per batch.
 *
 * The optimizer steps the whole parameter vector, `optimizer.init(parameters)`. For one optimizer per block of the
 * model's layout — Muon (matrices only) on the weight matrices and AdamW on the biases, Adafactor factoring each
 * matrix, weight decay on the weights only — pass `parameterGroups(model.layout, (block) => …)` (parameter-groups.ts).
 *
 * In float32 (`float32: true`), the parameters, the gradient, the optimizer's state and a float32 copy of the data are
 * placed in WebAssembly memory, where the model's passes and the optimizer's step run as SIMD kernels (about 8× faster
 * for the MLP here); `fast: false` keeps everything in ordinary arrays: the model's passes run their readable loops,
 * which the kernels are tested against, and an optimizer with a kernel steps the ordinary Float32Arrays through it on
 * copies (the copied path, src/optim/staging.ts).
 */
import type { Optimizer, StepCount, Vector } from "../optim/types.ts";
import {
  boolean,
  conflictError,
  finiteNumbers,
  integer,
  resolveOptions,
  show,
  typeError,
  type OptionSpec,
  type Specs,
} from "../optim/validate.ts";
import { fastFloat32Array, fastPathAvailable, zerosLike } from "../optim/wasm-memory.ts";
import type { Classifier } from "../problems/classifier.ts";
import { loadDigits } from "../problems/digits.ts";
import { checkBatch, minibatches, type Batch } from "../problems/minibatches.ts";

/** The train/test data a run uses: `loadDigits()` or any pair of labelled batches. */
export interface TrainingData {
  readonly train: Batch;
  readonly test: Batch;
}

export interface TrainOptions {
  /** The data. Default `loadDigits()` (seed 0, 20 % test). */
  data: TrainingData;
  /** Epochs, an integer ≥ 0. Default 10. */
  epochs: number;
  /** Images per step, 1 ≤ b ≤ the training set's size (that size: full batch). Default 128. */
  batchSize: number;
  /** Seed of the initial parameters and of the shuffles. Default 0. */
  seed: number;
  /**
   * Starting parameters (copied), e.g. to give several optimizers the same start.
   * Default: `model.initialParameters({ seed, float32 })`.
   */
  initial: ArrayLike<number> | undefined;
  /** Train in float32 (parameters, gradient and optimizer state). Default false; a Float32Array `initial` implies it. */
  float32: boolean;
  /**
   * In float32, place the parameters, gradient, optimizer state and data in WebAssembly memory (`fastFloat32Array`),
   * so that the model's passes and the optimizer's step run as SIMD kernels. Default true; false keeps ordinary
   * arrays: the model's readable loops, and the optimizer's kernel on copies where it has one. (No effect in float64,
   * or where WebAssembly SIMD is unavailable.)
   */
  fast: boolean;
  /** Called with each epoch's record (epoch 0 first); return false to stop. */
  onEpoch: ((record: EpochRecord) => boolean | void) | undefined;
}

export interface EpochRecord {
  /** 0 for the start, then 1, 2, … */
  readonly epoch: number;
  /** Optimizer steps taken so far. */
  readonly step: number;
  /** Mean minibatch loss of the epoch (epoch 0: the training-set loss at the start). */
  readonly trainLoss: number;
  /** Mean cross-entropy on the test set. */
  readonly testLoss: number;
  /** Share of the test set classified right, in [0, 1]. */
  readonly testAccuracy: number;
  /** Wall-clock seconds this run has spent so far. */
  readonly seconds: number;
}

export interface TrainingResult {
  /** The model's title ("MLP 64-32-10, ReLU"). */
  readonly model: string;
  /** The optimizer's name. */
  readonly optimizer: string;
  /** One record per epoch, index e after epoch e (0: the start). */
  readonly history: EpochRecord[];
  /** The parameters now (trained in place as the run goes on). */
  readonly parameters: Vector;
}

export interface Training extends TrainingResult {
  /** Train one more epoch and return its record (also appended to `history`). */
  nextEpoch(): EpochRecord;
}

const onEpochSpec: OptionSpec<((record: EpochRecord) => boolean | void) | undefined> = {
  default: undefined,
  check(value, where) {
    if (typeof value !== "function") throw typeError(where, "a function (record) => boolean | void", value);
    return value as (record: EpochRecord) => boolean | void;
  },
};

const dataSpec: OptionSpec<TrainingData> = {
  get default() {
    return loadDigits();
  },
  check(value, where) {
    const data = value as Partial<TrainingData> | null;
    if (data === null || typeof data !== "object" || data.train === undefined || data.test === undefined)
      throw typeError(where, "an object { train, test } such as loadDigits()", value);
    return data as TrainingData;
  },
};

type RunOptions = Omit<TrainOptions, "epochs" | "onEpoch">;

function runSpecs(owner: string, model: Classifier, optimizer: Optimizer<StepCount, unknown>): Specs<RunOptions> {
  if (model === null || typeof model !== "object" || typeof model.lossAndGradient !== "function")
    throw new TypeError(`${owner}: model must be a classifier such as mlp(); received ${show(model)}`);
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function")
    throw new TypeError(`${owner}: optimizer must be an optimizer such as adam(); received ${show(optimizer)}`);
  return {
    data: dataSpec,
    batchSize: integer(1, 128),
    seed: integer(0, 0),
    initial: finiteNumbers(undefined, { length: model.dimension }),
    float32: boolean(false),
    fast: boolean(true),
  };
}

/** A run ready to train: its history holds epoch 0. Call `nextEpoch()` for each epoch. */
export function startTraining<State extends StepCount>(
  model: Classifier,
  optimizer: Optimizer<State, unknown>,
  options?: Partial<RunOptions>,
): Training {
  const specs = runSpecs("startTraining", model, optimizer);
  return begin("startTraining", model, optimizer, resolveOptions("startTraining", specs, options));
}

export function trainModel<State extends StepCount>(
  model: Classifier,
  optimizer: Optimizer<State, unknown>,
  options?: Partial<TrainOptions>,
): TrainingResult {
  const specs: Specs<TrainOptions> = {
    ...runSpecs("trainModel", model, optimizer),
    epochs: integer(0, 10),
    onEpoch: onEpochSpec,
  };
  const { epochs, onEpoch, ...runOptions } = resolveOptions("trainModel", specs, options);
  const { nextEpoch, ...result } = begin("trainModel", model, optimizer, runOptions);
  let keepGoing = onEpoch?.(result.history[0]!) !== false;
  for (let e = 1; e <= epochs && keepGoing; e++) {
    const record = nextEpoch();
    keepGoing = onEpoch?.(record) !== false;
  }
  return result;
}

function begin<State extends StepCount>(
  owner: string,
  model: Classifier,
  optimizer: Optimizer<State, unknown>,
  { data: given, batchSize, seed, initial, float32, fast }: RunOptions,
): Training {
  checkBatch(owner, "data.train", given.train, model.inputs);
  checkBatch(owner, "data.test", given.test, model.inputs);
  if (batchSize > given.train.size)
    throw conflictError(owner, "batchSize must be at most the number of training examples", {
      batchSize,
      "data.train.size": given.train.size,
    });

  const inFloat32 = float32 || initial instanceof Float32Array;
  const inWasm = inFloat32 && fast && fastPathAvailable();
  const start = initial ?? model.initialParameters({ seed, float32: inFloat32 });
  const parameters = inWasm ? fastCopy(start) : inFloat32 ? Float32Array.from(start) : Float64Array.from(start);
  const data = inWasm ? { train: fastBatch(given.train), test: fastBatch(given.test) } : given;
  const grad = zerosLike(parameters);
  const state = optimizer.init(parameters);
  const batches = minibatches(data.train, { batchSize, seed });
  const history: EpochRecord[] = [];
  let seconds = 0;
  const evaluate = (epoch: number, trainLoss: number, started: number) => {
    const testLoss = model.loss(parameters, data.test);
    const testAccuracy = model.accuracy(parameters, data.test);
    if (epoch > 0) seconds += (performance.now() - started) / 1000;
    const record = { epoch, step: state.t, trainLoss, testLoss, testAccuracy, seconds };
    history.push(record);
    return record;
  };
  evaluate(0, model.loss(parameters, data.train), 0);

  return {
    model: model.title,
    optimizer: optimizer.name,
    history,
    parameters,
    nextEpoch() {
      const started = performance.now();
      const epoch = history.length;
      batches.shuffle(epoch);
      let lossSum = 0;
      for (let k = 0; k < batches.perEpoch; k++) {
        const batch = batches.batch(k);
        lossSum += model.lossAndGradient(parameters, batch, grad) * batch.size;
        optimizer.step(parameters, grad, state);
      }
      return evaluate(epoch, lossSum / data.train.size, started);
    },
  };
}

/** A copy in wasm memory. */
function fastCopy(values: ArrayLike<number>): Float32Array {
  const copy = fastFloat32Array(values.length);
  copy.set(values);
  return copy;
}

/** The batch with its inputs copied to wasm memory as float32 (the digits' pixels, multiples of 1/16, are exact). */
function fastBatch(batch: Batch): Batch {
  const rows = batch.size * batch.features;
  return { ...batch, inputs: fastCopy(batch.inputs.length === rows ? batch.inputs : batch.inputs.subarray(0, rows)) };
}
