/**
 * The dense layers' WebAssembly kernels (wasm/dense.ts), as the models' fast passes call them: float32 matrices in
 * wasm memory, addressed by byte offset. layers.ts holds the readable float64 versions they are tested against.
 *
 * One kernel does the work: `gemm`, C = start + A·B then an end, blocked 4 rows × 8 columns in SIMD registers. A
 * dense layer's forward pass is one call (start from the bias, end with ReLU: the bias add and the activation cost no
 * extra pass over memory); its backward pass is two (the weight gradient δᵀX, reading δ transposed through strides,
 * and the input gradient δW masked by ReLU's derivative) plus the bias gradient's column sums.
 */
import { instantiateKernels } from "../optim/wasm-memory.ts";
import type { DenseLayer } from "./layers.ts";
import { DENSE_KERNELS } from "./wasm/dense.generated.ts";

/** What C starts from. */
export const START_ZERO = 0;
export const START_ACCUMULATE = 1;
export const START_BIAS = 2;
/** What is applied to C's entries before they are stored. */
export const END_NONE = 0;
export const END_RELU = 1;
/** Zero where the mask (a matrix shaped like C) is ≤ 0: ReLU's backward pass, given the forward's output. */
export const END_MASK = 2;

/** The module's exports. Pointers are byte offsets in wasm memory; strides and sizes count float32 entries. */
export interface DenseKernels {
  /** C (M×N, row stride ldc) = start + A·B, then end. A(m, k) is at A + 4(m·aRow + k·aCol); B is K×N, stride ldb. */
  // prettier-ignore
  gemm(
    C: number, ldc: number, A: number, aRow: number, aCol: number, B: number, ldb: number,
    M: number, N: number, K: number, start: number, bias: number, end: number, mask: number,
  ): void;
  /** out[j] += Σ_r A[r, j] over the M rows of A (M×N, row stride lda). */
  addColumnSums(out: number, A: number, lda: number, M: number, N: number): void;
  /** out (N×M) = Aᵀ, for A (M×N, row stride lda). */
  transpose(out: number, A: number, lda: number, M: number, N: number): void;
  /** Mean softmax cross-entropy of `rows` rows of logits against byte labels; (softmax − onehot)/rows into gradient. */
  softmaxCrossEntropy(
    logits: number,
    stride: number,
    labels: number,
    rows: number,
    classes: number,
    logitGradient: number,
  ): number;
}

/** undefined: not loaded yet; null: unavailable here. */
let kernels: DenseKernels | null | undefined;

/** The kernels, loaded on first use; null where WebAssembly SIMD or shared memory is unavailable. */
export function denseKernels(): DenseKernels | null {
  if (kernels === undefined) kernels = instantiateKernels<DenseKernels>(DENSE_KERNELS);
  return kernels;
}

/**
 * Forward, as layers.ts's denseForward then (with `end` = END_RELU) reluForward: output = end(input Wᵀ + b), for
 * `rows` rows. `params` is the parameter vector's address, `layer` its offsets in entries; Wᵀ is first copied to
 * `transposed` (n×m entries of scratch) so that the product reads it row by row.
 */
export function fastDenseForward(
  kernels: DenseKernels,
  params: number,
  layer: DenseLayer,
  input: number,
  rows: number,
  output: number,
  transposed: number,
  end: typeof END_NONE | typeof END_RELU,
): void {
  const { inputs: n, outputs: m, weights, bias } = layer;
  kernels.transpose(transposed, params + weights * 4, n, m, n);
  kernels.gemm(output, m, input, n, 1, transposed, m, rows, m, n, START_BIAS, params + bias * 4, end, 0);
}

/**
 * Backward, as layers.ts's denseBackward (then reluBackward when `mask` is given): ∂L/∂W += δᵀX (δ read transposed
 * through its strides, no copy), ∂L/∂b += Σ_r δ_r and, when `inputGradient` is not 0, ∂L/∂X = (δW) ⊙ [mask > 0]
 * written there (mask: the previous layer's ReLU output, or 0 for none).
 */
export function fastDenseBackward(
  kernels: DenseKernels,
  params: number,
  layer: DenseLayer,
  input: number,
  rows: number,
  outputGradient: number,
  grad: number,
  inputGradient: number,
  mask: number,
): void {
  const { inputs: n, outputs: m, weights, bias } = layer;
  kernels.gemm(grad + weights * 4, n, outputGradient, 1, m, input, n, m, n, rows, START_ACCUMULATE, 0, END_NONE, 0);
  kernels.addColumnSums(grad + bias * 4, outputGradient, m, rows, m);
  if (inputGradient === 0) return;
  const end = mask === 0 ? END_NONE : END_MASK;
  kernels.gemm(inputGradient, n, outputGradient, m, 1, params + weights * 4, n, rows, n, m, START_ZERO, 0, end, mask);
}
