// @ts-nocheck — AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-wasm.ts (tsc skips it).
/**
 * The optimizers' update loops over float32 vectors in WebAssembly memory, four coordinates at a time (SIMD128).
 * Each loop is the reference loop of its TypeScript file (adam.ts, sgd.ts, adagrad.ts, rmsprop.ts) written for
 * f32x4 lanes; the per-step scalars (bias corrections, the step's learning rate) are computed in TypeScript and
 * passed in. Pointers are byte offsets into the one memory every kernel module imports (see ../wasm-memory.ts).
 *
 * Arithmetic is float32 throughout, as in PyTorch's float32 kernels; the reference loops compute in float64 and
 * round when they store. Complements such as 1 − β₂ arrive computed in float64 (as PyTorch computes them in Python):
 * 1 − float32(0.999) would be off by 1.3e-5 relative, a hundred times float32's resolution. One deliberate difference: √v̂ is computed as √v · (1/√(1−β₂ᵗ)) rather than √v / √(1−β₂ᵗ),
 * which trades a division per lane (the loop's bottleneck in cache) for at most one rounding.
 *
 * The options are loop-invariant flags. Each exported kernel calls an `@inline` loop with constant flags for every
 * combination, so that Binaryen folds the branches away and each variant is a straight-line loop.
 */

// ---------------------------------------------------------------------------------------------------------------
// Adam and AdamW (with AMSGrad), as adamFamily in adam.ts.

export function adam(
  x: usize, grad: usize, m: usize, v: usize, vMax: usize, n: i32,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
  stepSize: f32, inverseBiasCorrection2Sqrt: f32, eps: f32, l2: f32, shrink: f32,
): void {
  if (vMax != 0) {
    if (l2 != 0) adamLoop(true, true, x, grad, m, v, vMax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
    else adamLoop(true, false, x, grad, m, v, vMax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
  } else {
    if (l2 != 0) adamLoop(false, true, x, grad, m, v, vMax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
    else adamLoop(false, false, x, grad, m, v, vMax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, inverseBiasCorrection2Sqrt, eps, l2, shrink);
  }
}

// @ts-ignore: decorator
@inline function adamLoop(
  amsgrad: bool, withL2: bool,
  x: usize, grad: usize, m: usize, v: usize, vMax: usize, n: i32,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
  stepSize: f32, inverseBiasCorrection2Sqrt: f32, eps: f32, l2: f32, shrink: f32,
): void {
  const beta1x4 = f32x4.splat(beta1), oneMinusBeta1x4 = f32x4.splat(oneMinusBeta1);
  const beta2x4 = f32x4.splat(beta2), oneMinusBeta2x4 = f32x4.splat(oneMinusBeta2);
  const stepSizex4 = f32x4.splat(stepSize), inverseBiasx4 = f32x4.splat(inverseBiasCorrection2Sqrt);
  const epsx4 = f32x4.splat(eps), l2x4 = f32x4.splat(l2), shrinkx4 = f32x4.splat(shrink);
  const end = <usize>n << 2;
  const vectorEnd = end & ~(<usize>15);
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const xi = v128.load(x + i);
    let g = v128.load(grad + i);
    if (withL2) g = f32x4.add(g, f32x4.mul(l2x4, xi));
    const mi = f32x4.add(f32x4.mul(beta1x4, v128.load(m + i)), f32x4.mul(oneMinusBeta1x4, g));
    const vi = f32x4.add(f32x4.mul(beta2x4, v128.load(v + i)), f32x4.mul(f32x4.mul(oneMinusBeta2x4, g), g));
    v128.store(m + i, mi);
    v128.store(v + i, vi);
    let second = vi;
    if (amsgrad) {
      second = f32x4.max(v128.load(vMax + i), vi);
      v128.store(vMax + i, second);
    }
    const denominator = f32x4.add(f32x4.mul(f32x4.sqrt(second), inverseBiasx4), epsx4);
    v128.store(x + i, f32x4.sub(f32x4.mul(shrinkx4, xi), f32x4.div(f32x4.mul(stepSizex4, mi), denominator)));
  }
  for (; i < end; i += 4) {
    const xi = load<f32>(x + i);
    let g = load<f32>(grad + i);
    if (withL2) g = g + l2 * xi;
    const mi = beta1 * load<f32>(m + i) + oneMinusBeta1 * g;
    const vi = beta2 * load<f32>(v + i) + oneMinusBeta2 * g * g;
    store<f32>(m + i, mi);
    store<f32>(v + i, vi);
    let second = vi;
    if (amsgrad) {
      second = max<f32>(load<f32>(vMax + i), vi);
      store<f32>(vMax + i, second);
    }
    const denominator = sqrt<f32>(second) * inverseBiasCorrection2Sqrt + eps;
    store<f32>(x + i, shrink * xi - (stepSize * mi) / denominator);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// SGD with momentum, dampening, Nesterov and L2 weight decay, as sgd.ts. `b` is 0 without momentum.

export function sgd(
  x: usize, grad: usize, b: usize, n: i32,
  lr: f32, momentum: f32, oneMinusDampening: f32, weightDecay: f32, nesterov: bool, firstStep: bool,
): void {
  if (b == 0) {
    if (weightDecay != 0) sgdLoop(false, false, false, true, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
    else sgdLoop(false, false, false, false, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
  } else if (nesterov) {
    if (firstStep) sgdLoop(true, true, true, weightDecay != 0, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
    else if (weightDecay != 0) sgdLoop(true, true, false, true, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
    else sgdLoop(true, true, false, false, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
  } else {
    if (firstStep) sgdLoop(true, false, true, weightDecay != 0, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
    else if (weightDecay != 0) sgdLoop(true, false, false, true, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
    else sgdLoop(true, false, false, false, x, grad, b, n, lr, momentum, oneMinusDampening, weightDecay);
  }
}

// @ts-ignore: decorator
@inline function sgdLoop(
  withMomentum: bool, nesterov: bool, firstStep: bool, withDecay: bool,
  x: usize, grad: usize, b: usize, n: i32,
  lr: f32, momentum: f32, oneMinusDampening: f32, weightDecay: f32,
): void {
  const lrx4 = f32x4.splat(lr), momentumx4 = f32x4.splat(momentum);
  const oneMinusDampeningx4 = f32x4.splat(oneMinusDampening), decayx4 = f32x4.splat(weightDecay);
  const end = <usize>n << 2;
  const vectorEnd = end & ~(<usize>15);
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const xi = v128.load(x + i);
    let g = v128.load(grad + i);
    if (withDecay) g = f32x4.add(g, f32x4.mul(decayx4, xi));
    if (withMomentum) {
      const bi = firstStep ? g : f32x4.add(f32x4.mul(momentumx4, v128.load(b + i)), f32x4.mul(oneMinusDampeningx4, g));
      v128.store(b + i, bi);
      g = nesterov ? f32x4.add(g, f32x4.mul(momentumx4, bi)) : bi;
    }
    v128.store(x + i, f32x4.sub(xi, f32x4.mul(lrx4, g)));
  }
  for (; i < end; i += 4) {
    const xi = load<f32>(x + i);
    let g = load<f32>(grad + i);
    if (withDecay) g = g + weightDecay * xi;
    if (withMomentum) {
      const bi = firstStep ? g : momentum * load<f32>(b + i) + oneMinusDampening * g;
      store<f32>(b + i, bi);
      g = nesterov ? g + momentum * bi : bi;
    }
    store<f32>(x + i, xi - lr * g);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// AdaGrad, as adagrad.ts; `decayedLr` is α/(1 + (t − 1)η), computed by the caller.

export function adagrad(x: usize, grad: usize, sum: usize, n: i32, decayedLr: f32, weightDecay: f32, eps: f32): void {
  if (weightDecay != 0) adagradLoop(true, x, grad, sum, n, decayedLr, weightDecay, eps);
  else adagradLoop(false, x, grad, sum, n, decayedLr, weightDecay, eps);
}

// @ts-ignore: decorator
@inline function adagradLoop(
  withDecay: bool, x: usize, grad: usize, sum: usize, n: i32, decayedLr: f32, weightDecay: f32, eps: f32,
): void {
  const lrx4 = f32x4.splat(decayedLr), decayx4 = f32x4.splat(weightDecay), epsx4 = f32x4.splat(eps);
  const end = <usize>n << 2;
  const vectorEnd = end & ~(<usize>15);
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const xi = v128.load(x + i);
    let g = v128.load(grad + i);
    if (withDecay) g = f32x4.add(g, f32x4.mul(decayx4, xi));
    const s = f32x4.add(v128.load(sum + i), f32x4.mul(g, g));
    v128.store(sum + i, s);
    v128.store(x + i, f32x4.sub(xi, f32x4.div(f32x4.mul(lrx4, g), f32x4.add(f32x4.sqrt(s), epsx4))));
  }
  for (; i < end; i += 4) {
    const xi = load<f32>(x + i);
    let g = load<f32>(grad + i);
    if (withDecay) g = g + weightDecay * xi;
    const s = load<f32>(sum + i) + g * g;
    store<f32>(sum + i, s);
    store<f32>(x + i, xi - (decayedLr * g) / (sqrt<f32>(s) + eps));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// RMSprop, centered or not, with momentum or not, as rmsprop.ts. `gAvg` and `b` are 0 when not used.

export function rmsprop(
  x: usize, grad: usize, v: usize, gAvg: usize, b: usize, n: i32,
  lr: f32, alpha: f32, oneMinusAlpha: f32, eps: f32, weightDecay: f32, momentum: f32,
): void {
  const decay = weightDecay != 0;
  if (gAvg != 0) {
    if (b != 0) {
      if (decay) rmspropLoop(true, true, true, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
      else rmspropLoop(true, true, false, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
    } else {
      if (decay) rmspropLoop(true, false, true, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
      else rmspropLoop(true, false, false, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
    }
  } else {
    if (b != 0) {
      if (decay) rmspropLoop(false, true, true, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
      else rmspropLoop(false, true, false, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
    } else {
      if (decay) rmspropLoop(false, false, true, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
      else rmspropLoop(false, false, false, x, grad, v, gAvg, b, n, lr, alpha, oneMinusAlpha, eps, weightDecay, momentum);
    }
  }
}

// @ts-ignore: decorator
@inline function rmspropLoop(
  centered: bool, withMomentum: bool, withDecay: bool,
  x: usize, grad: usize, v: usize, gAvg: usize, b: usize, n: i32,
  lr: f32, alpha: f32, oneMinusAlpha: f32, eps: f32, weightDecay: f32, momentum: f32,
): void {
  const lrx4 = f32x4.splat(lr), alphax4 = f32x4.splat(alpha), oneMinusAlphax4 = f32x4.splat(oneMinusAlpha);
  const epsx4 = f32x4.splat(eps), decayx4 = f32x4.splat(weightDecay), momentumx4 = f32x4.splat(momentum);
  const zero = f32x4.splat(0);
  const end = <usize>n << 2;
  const vectorEnd = end & ~(<usize>15);
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const xi = v128.load(x + i);
    let g = v128.load(grad + i);
    if (withDecay) g = f32x4.add(g, f32x4.mul(decayx4, xi));
    const vi = f32x4.add(f32x4.mul(alphax4, v128.load(v + i)), f32x4.mul(f32x4.mul(oneMinusAlphax4, g), g));
    v128.store(v + i, vi);
    let sigma: v128;
    if (centered) {
      const ai = f32x4.add(f32x4.mul(alphax4, v128.load(gAvg + i)), f32x4.mul(oneMinusAlphax4, g));
      v128.store(gAvg + i, ai);
      sigma = f32x4.add(f32x4.sqrt(f32x4.max(f32x4.sub(vi, f32x4.mul(ai, ai)), zero)), epsx4);
    } else {
      sigma = f32x4.add(f32x4.sqrt(vi), epsx4);
    }
    if (withMomentum) {
      const bi = f32x4.add(f32x4.mul(momentumx4, v128.load(b + i)), f32x4.div(g, sigma));
      v128.store(b + i, bi);
      v128.store(x + i, f32x4.sub(xi, f32x4.mul(lrx4, bi)));
    } else {
      v128.store(x + i, f32x4.sub(xi, f32x4.div(f32x4.mul(lrx4, g), sigma)));
    }
  }
  for (; i < end; i += 4) {
    const xi = load<f32>(x + i);
    let g = load<f32>(grad + i);
    if (withDecay) g = g + weightDecay * xi;
    const vi = alpha * load<f32>(v + i) + oneMinusAlpha * g * g;
    store<f32>(v + i, vi);
    let sigma: f32;
    if (centered) {
      const ai = alpha * load<f32>(gAvg + i) + oneMinusAlpha * g;
      store<f32>(gAvg + i, ai);
      sigma = sqrt<f32>(max<f32>(vi - ai * ai, 0)) + eps;
    } else {
      sigma = sqrt<f32>(vi) + eps;
    }
    if (withMomentum) {
      const bi = momentum * load<f32>(b + i) + g / sigma;
      store<f32>(b + i, bi);
      store<f32>(x + i, xi - lr * bi);
    } else {
      store<f32>(x + i, xi - (lr * g) / sigma);
    }
  }
}
