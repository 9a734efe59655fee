/**
 * Minibatches from a seeded shuffle: each epoch visits every example once, in an order drawn from the seed and the
 * epoch (the same scheme as leastSquares'), cut into ⌈n/b⌉ batches, the last one possibly smaller.
 *
 * ```ts
 * const batches = minibatches(loadDigits().train, { batchSize: 128, seed: 1 });
 * batches.shuffle(0);                       // the order of epoch 0
 * for (let k = 0; k < batches.perEpoch; k++) {
 *   const batch = batches.batch(k);         // rows gathered into one reused buffer: { inputs, labels, size }
 *   model.lossAndGradient(params, batch, grad);
 * }
 * ```
 *
 * Nothing is allocated after construction: `batch(k)` copies the k-th batch's rows into the same buffers each time,
 * so a batch is valid until the next call. Gathering the rows (rather than handing out indices) gives the models
 * contiguous matrices, which is also what a faster kernel wants.
 */
import type { Vector } from "../optim/types.ts";
import { conflictError, integer, resolveOptions, show, typeError, type Specs } from "../optim/validate.ts";
import { zerosLike } from "../optim/wasm-memory.ts";
import { mixSeed, rng } from "./random.ts";

/** Labelled examples: `size` rows of `features` inputs each, row r at inputs[r·features … (r+1)·features − 1]. */
export interface Batch {
  /** The inputs, row after row (may hold more than `size` rows: a reused buffer). */
  readonly inputs: Vector;
  /** The class of each row, 0, 1, … (may hold more than `size` labels). */
  readonly labels: Uint8Array;
  /** The number of rows, ≥ 1. */
  readonly size: number;
  /** The number of inputs per row (64 for the digits' pixels). */
  readonly features: number;
}

export interface MinibatchOptions {
  /** Examples per batch, 1 ≤ b ≤ n. Default 128. */
  batchSize: number;
  /** Seed of the shuffles. Default 0. */
  seed: number;
}

export interface Minibatches {
  /** Examples per batch (the last batch of an epoch may hold fewer). */
  readonly batchSize: number;
  /** Batches per epoch, ⌈n/b⌉. */
  readonly perEpoch: number;
  /** Draw the order of epoch `epoch` (0, 1, …) from the seed; the same epoch always gets the same order. */
  shuffle(epoch: number): void;
  /** The k-th batch (0 ≤ k < perEpoch) of the current order, copied into the shared buffers. */
  batch(k: number): Batch;
}

const minibatchSpecs: Specs<MinibatchOptions> = { batchSize: integer(1, 128), seed: integer(0, 0) };

export function minibatches(examples: Batch, options?: Partial<MinibatchOptions>): Minibatches {
  const { batchSize, seed } = resolveOptions("minibatches", minibatchSpecs, options);
  checkBatch("minibatches", "examples", examples);
  const { size: n, features, inputs, labels } = examples;
  if (batchSize > n)
    throw conflictError("minibatches", "batchSize must be at most the number of examples", { batchSize, examples: n });
  const perEpoch = Math.ceil(n / batchSize);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = rng(seed);
  const gathered = {
    inputs: zerosLike(inputs, batchSize * features), // float64, float32, or float32 in wasm memory, like the data
    labels: new Uint8Array(batchSize),
    size: 0,
    features,
  };
  return {
    batchSize,
    perEpoch,
    shuffle(epoch) {
      for (let i = 0; i < n; i++) order[i] = i;
      random.reseed(mixSeed(seed, epoch));
      random.shuffle(order);
    },
    batch(k) {
      if (!(Number.isInteger(k) && k >= 0 && k < perEpoch))
        throw new RangeError(`minibatches.batch: k must be an integer in [0, ${perEpoch - 1}]; received ${show(k)}`);
      const first = k * batchSize;
      gathered.size = Math.min(batchSize, n - first);
      for (let r = 0; r < gathered.size; r++) {
        const example = order[first + r]!;
        for (let j = 0; j < features; j++) gathered.inputs[r * features + j] = inputs[example * features + j]!;
        gathered.labels[r] = labels[example]!;
      }
      return gathered;
    },
  };
}

/**
 * Check that `batch` is a {@link Batch} whose buffers hold `size` rows (of `features` inputs, when given), with labels
 * unless `labelled` is false. O(1): the labels' values are the model's to check.
 */
export function checkBatch(owner: string, name: string, batch: Batch, features?: number, labelled = true): void {
  if (
    batch === null ||
    typeof batch !== "object" ||
    !(batch.inputs instanceof Float64Array || batch.inputs instanceof Float32Array) ||
    (labelled && !(batch.labels instanceof Uint8Array))
  )
    throw typeError(
      { owner, name },
      `a batch { inputs, ${labelled ? "labels, " : ""}size, features } such as loadDigits().train`,
      batch,
    );
  const { size, inputs, labels } = batch;
  if (!Number.isSafeInteger(size) || size < 1 || !Number.isSafeInteger(batch.features) || batch.features < 1)
    throw new RangeError(
      `${owner}: ${name}.size and ${name}.features must be integers ≥ 1; received ${show(size)}, ${show(batch.features)}`,
    );
  if (features !== undefined && batch.features !== features)
    throw new RangeError(`${owner}: ${name}.features must be ${features}; received ${show(batch.features)}`);
  if (inputs.length < size * batch.features || (labelled && labels.length < size))
    throw new RangeError(
      `${owner}: ${name} must hold size × features = ${size * batch.features} inputs` +
        `${labelled ? ` and ${size} labels` : ""}; received ${inputs.length} inputs` +
        `${labelled ? ` and ${labels.length} labels` : ""}`,
    );
}
