/**
 * The pieces of the digit classifiers, each forward pass beside its backward pass (micrograd's way). Matrices are
 * row-major Float64Arrays with one row per example; parameters live in one flat vector, found by offset, so that any
 * optimizer can step them all at once.
 *
 * Shapes for a batch of B rows: input X is B×n, a dense layer's weights W are m×n (row o holds the weights into output
 * o) and its bias b has m entries, its output Z is B×m.
 *
 * Backward passes *add* to the gradient (the caller zeroes it once per batch) and take ∂L/∂(output) already divided by
 * B, as {@link softmaxCrossEntropy} writes it.
 */
import type { Vector } from "../optim/types.ts";
import type { NumberList } from "../optim/validate.ts";

/** Where a dense layer's parameters sit in the flat vector, and its sizes. */
export interface DenseLayer {
  /** Inputs n per row. */
  readonly inputs: number;
  /** Outputs m per row. */
  readonly outputs: number;
  /** Offset of W (m×n, row-major). */
  readonly weights: number;
  /** Offset of b (m). */
  readonly bias: number;
}

/** A dense layer n → m whose W starts at `offset`, followed by its b. */
export function denseLayer(inputs: number, outputs: number, offset: number): DenseLayer {
  return { inputs, outputs, weights: offset, bias: offset + outputs * inputs };
}

/** Forward: Z = X Wᵀ + b, that is Z[r, o] = b[o] + Σᵢ W[o, i] X[r, i]. */
export function denseForward(
  params: NumberList,
  layer: DenseLayer,
  input: NumberList,
  rows: number,
  output: Float64Array,
): void {
  const { inputs: n, outputs: m, weights, bias } = layer;
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < m; o++) {
      let sum = params[bias + o]!;
      const w = weights + o * n;
      for (let i = 0; i < n; i++) sum += params[w + i]! * input[r * n + i]!;
      output[r * m + o] = sum;
    }
  }
}

/**
 * Backward: ∂L/∂W = (∂L/∂Z)ᵀ X, ∂L/∂b = Σ_r ∂L/∂Z[r, ·] and, when `inputGradient` is given (not for the first layer),
 * ∂L/∂X = (∂L/∂Z) W, written (not added) there.
 */
export function denseBackward(
  params: NumberList,
  layer: DenseLayer,
  input: NumberList,
  rows: number,
  outputGradient: Float64Array,
  grad: Vector,
  inputGradient?: Float64Array,
): void {
  const { inputs: n, outputs: m, weights, bias } = layer;
  if (inputGradient) inputGradient.fill(0, 0, rows * n);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < m; o++) {
      const delta = outputGradient[r * m + o]!;
      if (delta === 0) continue; // ReLU's zeros: nothing flows back
      grad[bias + o]! += delta;
      const w = weights + o * n;
      for (let i = 0; i < n; i++) grad[w + i]! += delta * input[r * n + i]!;
      if (inputGradient) for (let i = 0; i < n; i++) inputGradient[r * n + i]! += delta * params[w + i]!;
    }
  }
}

/** Forward, in place: H = max(0, A). */
export function reluForward(values: Float64Array, length: number): void {
  for (let k = 0; k < length; k++) if (values[k]! < 0) values[k] = 0;
}

/** Backward, in place: ∂L/∂A = ∂L/∂H where H > 0 (that is A > 0), else 0. Takes H, the forward's output. */
export function reluBackward(activations: Float64Array, gradient: Float64Array, length: number): void {
  for (let k = 0; k < length; k++) if (activations[k]! <= 0) gradient[k] = 0;
}

/**
 * The mean cross-entropy of the rows' softmax against their labels, and (when `logitGradient` is given) its gradient
 * with respect to the logits Z (B×C):
 *
 * $$ L = -\frac1B \sum_{r} \log \operatorname{softmax}(z_r)_{y_r}, \qquad
 *    \log \operatorname{softmax}(z)_c = z_c - \mu - \log \sum_k e^{z_k - \mu}, \ \mu = \max_k z_k, \qquad
 *    \frac{\partial L}{\partial z_{r c}} = \frac{\operatorname{softmax}(z_r)_c - [c = y_r]}{B} $$
 *
 * Subtracting the row's maximum μ keeps every exponent ≤ 0: no overflow, and the largest term is exactly 1, so the
 * logarithm never sees 0.
 */
export function softmaxCrossEntropy(
  logits: Float64Array,
  labels: Uint8Array,
  rows: number,
  classes: number,
  logitGradient?: Float64Array,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[row + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[row + c]! - max);
    const logSum = Math.log(sum);
    total -= logits[row + labels[r]!]! - max - logSum;
    if (logitGradient) {
      for (let c = 0; c < classes; c++) logitGradient[row + c] = Math.exp(logits[row + c]! - max - logSum) / rows;
      logitGradient[row + labels[r]!]! -= 1 / rows;
    }
  }
  return total / rows;
}
