/**
 * A multilayer perceptron with one hidden ReLU layer: pixels → h hidden units → ten logits.
 *
 * $$ a = W_1 x + b_1, \quad h = \max(0, a), \quad z = W_2 h + b_2, \quad
 *    L = -\frac1B \sum_{r=1}^{B} \log \operatorname{softmax}(z_r)_{y_r} $$
 *
 * Backward, layer by layer, from δz_r = (softmax(z_r) − e_{y_r}) / B:
 *
 * $$ \frac{\partial L}{\partial W_2} = \sum_r \delta z_r\, h_r^\top, \quad
 *    \frac{\partial L}{\partial b_2} = \sum_r \delta z_r, \quad
 *    \delta h_r = W_2^\top \delta z_r, \quad
 *    \delta a_r = \delta h_r \odot [a_r > 0], \quad
 *    \frac{\partial L}{\partial W_1} = \sum_r \delta a_r\, x_r^\top, \quad
 *    \frac{\partial L}{\partial b_1} = \sum_r \delta a_r $$
 *
 * Not convex: where training ends depends on the start and on the optimizer (Kingma & Ba 2015, §6.2, train MLPs on
 * MNIST).
 *
 * Parameters: one vector of n·h + h + h·C + C entries (2,410 for 64-32-10), in this order: W₁ (h×n), b₁ (h), W₂ (C×h),
 * b₂ (C). W₁ starts He-uniform (it feeds a ReLU), W₂ Glorot-uniform, from the seed; the biases at 0.
 *
 * The hidden activations of the last batch stay in a buffer that grows to the largest batch seen; nothing is allocated
 * per batch after that.
 *
 * Fast passes (taken when the parameters live in wasm memory, see classifier.ts): the same layers as SIMD kernels
 * (fast-layers.ts), with the bias and ReLU fused into the forward products and ReLU's mask into the backward one.
 *
 * @example
 * const model = mlp({ hidden: 32 });             // 64-32-10
 * const params = model.initialParameters({ seed: 1 });
 * model.accuracy(params, loadDigits().test);     // ≈ 0.1 before training
 */
import { integer, resolveOptions, type Specs } from "../optim/validate.ts";
import { defineClassifier, workspace, type Classifier } from "./classifier.ts";
import { fastWorkspace } from "./fast-classifier.ts";
import { END_NONE, END_RELU, fastDenseBackward, fastDenseForward } from "./fast-layers.ts";
import { denseBackward, denseForward, denseLayer, reluBackward, reluForward } from "./layers.ts";

export interface MlpOptions {
  /** Inputs n per example. Default 64 (the digits' pixels). */
  inputs: number;
  /** Hidden units h. Default 32. */
  hidden: number;
  /** Classes C, ≥ 2. Default 10. */
  classes: number;
}

const mlpSpecs: Specs<MlpOptions> = { inputs: integer(1, 64), hidden: integer(1, 32), classes: integer(2, 10) };

export function mlp(options?: Partial<MlpOptions>): Classifier {
  const { inputs, hidden, classes } = resolveOptions("mlp", mlpSpecs, options);
  const first = denseLayer(inputs, hidden, 0);
  const second = denseLayer(hidden, classes, first.bias + hidden);
  const hiddenBuffer = workspace();
  const hiddenGradientBuffer = workspace();
  const fastHidden = fastWorkspace();
  const fastHiddenGradient = fastWorkspace();
  const fastTransposed = fastWorkspace();
  return defineClassifier({
    name: "mlp",
    title: `MLP ${inputs}-${hidden}-${classes}, ReLU`,
    tex: "\\operatorname{softmax}\\big(W_2 \\max(0, W_1 x + b_1) + b_2\\big)",
    inputs,
    classes,
    layout: [
      { name: "W1", shape: [hidden, inputs], init: "he" },
      { name: "b1", shape: [hidden], init: "zero" },
      { name: "W2", shape: [classes, hidden], init: "glorot" },
      { name: "b2", shape: [classes], init: "zero" },
    ],
    forward(params, x, rows, logits) {
      const h = hiddenBuffer(rows * hidden);
      denseForward(params, first, x, rows, h);
      reluForward(h, rows * hidden);
      denseForward(params, second, h, rows, logits);
    },
    backward(params, x, rows, logitGradient, grad) {
      const h = hiddenBuffer(rows * hidden); // the forward's activations, still there
      const hiddenGradient = hiddenGradientBuffer(rows * hidden);
      denseBackward(params, second, h, rows, logitGradient, grad, hiddenGradient);
      reluBackward(h, hiddenGradient, rows * hidden);
      denseBackward(params, first, x, rows, hiddenGradient, grad);
    },
    fast: {
      forward(kernels, params, x, rows, logits) {
        const h = fastHidden(rows * hidden).byteOffset;
        const transposed = fastTransposed(Math.max(inputs, classes) * hidden).byteOffset;
        fastDenseForward(kernels, params, first, x, rows, h, transposed, END_RELU);
        fastDenseForward(kernels, params, second, h, rows, logits, transposed, END_NONE);
      },
      backward(kernels, params, x, rows, logitGradient, grad) {
        const h = fastHidden(rows * hidden).byteOffset; // the forward's activations, still there
        const hiddenGradient = fastHiddenGradient(rows * hidden).byteOffset;
        fastDenseBackward(kernels, params, second, h, rows, logitGradient, grad, hiddenGradient, h);
        fastDenseBackward(kernels, params, first, x, rows, hiddenGradient, grad, 0, 0);
      },
    },
  });
}
