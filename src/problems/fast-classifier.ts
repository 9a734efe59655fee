/**
 * A classifier's fast route: its forward and backward passes as WebAssembly kernels (fast-layers.ts) on float32
 * matrices in wasm memory. {@link defineClassifier} takes it when the parameters live in wasm memory — made by
 * `fastFloat32Array`, as `trainModel` does for float32 runs — and the model defines fast passes; otherwise the
 * readable passes run, and they are the reference the fast ones are tested against.
 *
 * The parameters and (when it lives there too) the gradient are used in place. The batch's inputs are copied into
 * wasm memory unless they already live there (a copy of rows × inputs values, small next to the rows × parameters
 * multiply-adds of the passes), and so are its labels. Buffers grow to the largest batch seen and are then reused:
 * nothing is allocated per batch.
 */
import type { Vector } from "../optim/types.ts";
import { fastFloat32Array, isWasmResident } from "../optim/wasm-memory.ts";
import type { Batch } from "./minibatches.ts";
import { denseKernels, type DenseKernels } from "./fast-layers.ts";

/** A model's passes on wasm memory. Pointers are byte offsets; matrices are row-major float32, one row per example. */
export interface FastPasses {
  /** Logits (rows × classes) of the first `rows` examples of `inputs` (rows × the model's inputs). */
  forward(kernels: DenseKernels, params: number, inputs: number, rows: number, logits: number): void;
  /** Add ∂L/∂params to `grad` from ∂L/∂logits; runs right after `forward` on the same rows, whose buffers it may use. */
  backward(
    kernels: DenseKernels,
    params: number,
    inputs: number,
    rows: number,
    logitGradient: number,
    grad: number,
  ): void;
}

/** A Float32Array in wasm memory of at least the length asked for, reallocated only to grow: a fast pass's buffer. */
export function fastWorkspace(): (length: number) => Float32Array {
  let buffer: Float32Array = new Float32Array(0);
  return (length) => (buffer.length >= length ? buffer : (buffer = fastFloat32Array(length)));
}

export interface FastClassifier {
  /** Whether the fast route takes these parameters: they live in wasm memory and the kernels run here. */
  takes(params: unknown): params is Float32Array;
  /** The logits (rows × classes, float32, valid until the next call) of the batch's rows. */
  logits(params: Float32Array, examples: Omit<Batch, "labels">): Float32Array;
  /** The mean cross-entropy over the batch's rows. */
  loss(params: Float32Array, batch: Batch): number;
  /** The mean cross-entropy; its gradient is written into `grad`. */
  lossAndGradient(params: Float32Array, batch: Batch, grad: Vector): number;
}

export function fastClassifier(passes: FastPasses, inputs: number, classes: number, dimension: number): FastClassifier {
  const inputBuffer = fastWorkspace();
  const labelBuffer = fastWorkspace();
  const logitBuffer = fastWorkspace();
  const logitGradientBuffer = fastWorkspace();
  let gradBuffer: Float32Array | undefined;
  let labelBytes: Uint8Array = new Uint8Array(0);
  /** Where the last forward pass read its inputs, for the backward pass that follows it. */
  let stagedInputs = 0;

  /** The address of the batch's inputs in wasm memory, copying them there unless they live there already. */
  const stageInputs = (examples: Omit<Batch, "labels">) => {
    const x = examples.inputs;
    if (isWasmResident(x)) return x.byteOffset;
    return copyInto(inputBuffer(Math.max(x.length, examples.size * inputs)), x, examples.size * inputs).byteOffset;
  };
  const stageLabels = (batch: Batch) => {
    const words = labelBuffer(Math.ceil(batch.labels.length / 4));
    if (labelBytes.buffer !== words.buffer || labelBytes.byteOffset !== words.byteOffset)
      labelBytes = new Uint8Array(words.buffer, words.byteOffset, words.length * 4);
    return copyInto(labelBytes, batch.labels, batch.size).byteOffset;
  };
  const forward = (kernels: DenseKernels, params: Float32Array, examples: Omit<Batch, "labels">) => {
    const logits = logitBuffer(examples.size * classes);
    stagedInputs = stageInputs(examples);
    passes.forward(kernels, params.byteOffset, stagedInputs, examples.size, logits.byteOffset);
    return logits;
  };

  return {
    takes: (params): params is Float32Array => isWasmResident(params) && denseKernels() !== null,
    logits(params, examples) {
      return forward(denseKernels()!, params, examples);
    },
    loss(params, batch) {
      const kernels = denseKernels()!;
      const logits = forward(kernels, params, batch);
      return kernels.softmaxCrossEntropy(logits.byteOffset, classes, stageLabels(batch), batch.size, classes, 0);
    },
    lossAndGradient(params, batch, grad) {
      const kernels = denseKernels()!;
      const rows = batch.size;
      const logits = forward(kernels, params, batch);
      const logitGradient = logitGradientBuffer(rows * classes);
      const labels = stageLabels(batch);
      const loss = kernels.softmaxCrossEntropy(
        logits.byteOffset,
        classes,
        labels,
        rows,
        classes,
        logitGradient.byteOffset,
      );
      const target = isWasmResident(grad) ? grad : (gradBuffer ??= fastFloat32Array(dimension));
      target.fill(0);
      passes.backward(kernels, params.byteOffset, stagedInputs, rows, logitGradient.byteOffset, target.byteOffset);
      if (target !== grad) grad.set(target);
      return loss;
    },
  };
}

/** Copy the first `count` entries of `source` into `target` (whole when it fits: one native copy), return target. */
function copyInto<T extends Float32Array | Uint8Array>(target: T, source: ArrayLike<number>, count: number): T {
  if (source.length <= target.length) target.set(source);
  else for (let i = 0; i < count; i++) target[i] = source[i]!;
  return target;
}
