/**
 * Softmax regression (multinomial logistic regression): one dense layer from the pixels to the ten logits.
 *
 * $$ p(y = c \mid x) = \operatorname{softmax}(W x + b)_c, \qquad
 *    L = -\frac1B \sum_{r=1}^{B} \log p(y_r \mid x_r) $$
 *
 * Backward: with δ_r = (softmax(W x_r + b) − e_{y_r}) / B, ∂L/∂W = Σ_r δ_r x_rᵀ and ∂L/∂b = Σ_r δ_r. The loss is
 * convex in (W, b): every optimizer should reach the same minimum, which makes it the lesson's fair race (Kingma & Ba
 * 2015, §6.1, use it on MNIST).
 *
 * Parameters: one vector of n·C + C entries (650 for the digits): W (C×n, row c holds the weights of class c — an
 * 8×8 image for the digits), then b (C). W starts Glorot-uniform from the seed, b at 0.
 *
 * @example
 * const model = softmaxRegression();              // 64 → 10
 * const params = model.initialParameters();        // Float64Array(650)
 * model.loss(params, loadDigits().train);         // ≈ 2.4 (ln 10 ≈ 2.30 would be a uniform guess)
 */
import { integer, resolveOptions, type Specs } from "../optim/validate.ts";
import { defineClassifier, type Classifier } from "./classifier.ts";
import { fastWorkspace } from "./fast-classifier.ts";
import { END_NONE, fastDenseBackward, fastDenseForward } from "./fast-layers.ts";
import { denseBackward, denseForward, denseLayer } from "./layers.ts";

export interface SoftmaxRegressionOptions {
  /** Inputs n per example. Default 64 (the digits' pixels). */
  inputs: number;
  /** Classes C, ≥ 2. Default 10. */
  classes: number;
}

const softmaxRegressionSpecs: Specs<SoftmaxRegressionOptions> = { inputs: integer(1, 64), classes: integer(2, 10) };

export function softmaxRegression(options?: Partial<SoftmaxRegressionOptions>): Classifier {
  const { inputs, classes } = resolveOptions("softmaxRegression", softmaxRegressionSpecs, options);
  const layer = denseLayer(inputs, classes, 0);
  const fastTransposed = fastWorkspace();
  return defineClassifier({
    name: "softmaxRegression",
    title: `softmax regression ${inputs}→${classes}`,
    tex: "\\operatorname{softmax}(W x + b)",
    inputs,
    classes,
    layout: [
      { name: "W", shape: [classes, inputs], init: "glorot" },
      { name: "b", shape: [classes], init: "zero" },
    ],
    forward(params, x, rows, logits) {
      denseForward(params, layer, x, rows, logits);
    },
    backward(params, x, rows, logitGradient, grad) {
      denseBackward(params, layer, x, rows, logitGradient, grad);
    },
    // The same on wasm memory (SIMD kernels), taken when the parameters live there.
    fast: {
      forward(kernels, params, x, rows, logits) {
        const transposed = fastTransposed(inputs * classes).byteOffset;
        fastDenseForward(kernels, params, layer, x, rows, logits, transposed, END_NONE);
      },
      backward(kernels, params, x, rows, logitGradient, grad) {
        fastDenseBackward(kernels, params, layer, x, rows, logitGradient, grad, 0, 0);
      },
    },
  });
}
