/**
 * An Adam step as a reader writes it in a cell: Kingma & Ba's Algorithm 1 with PyTorch's defaults, the bias
 * corrections computed once per step, one pass over the vectors. The yardstick of `npm run bench`: our step on an
 * ordinary array must beat it, and our readable loop must not lose to it.
 *
 * Two copies, one per array type, as a reader's cell would have one: V8 specialises a loop to the arrays it has seen,
 * and one function fed both types would run slower than either copy, which would flatter ours.
 */

export interface HandWrittenState<V> {
  m: V;
  v: V;
  t: number;
}

export function handWrittenAdamFloat32(x: Float32Array, g: Float32Array, s: HandWrittenState<Float32Array>): void {
  const { m, v } = s;
  const t = ++s.t;
  const lr = 1e-3;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const correction1 = 1 - beta1 ** t;
  const correction2 = 1 - beta2 ** t;
  for (let i = 0; i < x.length; i++) {
    m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
    v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! * g[i]!;
    const mHat = m[i]! / correction1;
    const vHat = v[i]! / correction2;
    x[i] = x[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
  }
}

export function handWrittenAdamFloat64(x: Float64Array, g: Float64Array, s: HandWrittenState<Float64Array>): void {
  const { m, v } = s;
  const t = ++s.t;
  const lr = 1e-3;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const correction1 = 1 - beta1 ** t;
  const correction2 = 1 - beta2 ** t;
  for (let i = 0; i < x.length; i++) {
    m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
    v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! * g[i]!;
    const mHat = m[i]! / correction1;
    const vHat = v[i]! / correction2;
    x[i] = x[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
  }
}
