// @ts-nocheck — AssemblyScript, not TypeScript: compiled to WebAssembly by scripts/build-wasm.ts (tsc skips it).
/**
 * The digit classifiers' passes over float32 matrices in WebAssembly memory: one blocked matrix product with fused
 * starts (zero, accumulate, bias) and ends (ReLU, ReLU's backward mask), and the softmax cross-entropy. layers.ts
 * holds the readable versions; ../fast-layers.ts composes these into the models' forward and backward passes.
 *
 * Matrices are row-major float32; pointers are byte offsets in the shared memory, strides count elements.
 */

/** What C starts from in {@link gemm}. */
const START_ZERO = 0;
const START_ACCUMULATE = 1;
const START_BIAS = 2;
/** What is applied to each entry of C before it is stored. */
const END_NONE = 0;
const END_RELU = 1;
const END_MASK = 2;

/**
 * C = start + A·B, then `end`: C is M×N (row stride ldc), B is K×N (row stride ldb), and A's entry (m, k) sits at
 * A + 4·(m·aRow + k·aCol) — so aRow = K, aCol = 1 reads a row-major M×K matrix and aRow = 1, aCol = M reads the
 * transpose of a row-major K×M one (the weight gradient δᵀX without copying δ).
 *
 * start: 0 zeros, 1 C's own values (accumulate), 2 the row vector `bias` (N entries) on every row.
 * end: 0 none, 1 ReLU (max(0, c), keeping NaN as the reference does), 2 zero where `mask` (M×N, row stride ldc) is ≤ 0
 * — ReLU's backward pass given the forward's output.
 *
 * Blocking: 4 rows × 8 columns of C live in eight f32x4 registers while k runs over the whole K; each step loads two
 * vectors of B's row k and four entries of A, splatted. Leftover rows and columns take 1-row and 4-column tiles and a
 * scalar loop.
 */
export function gemm(
  C: usize, ldc: i32, A: usize, aRow: i32, aCol: i32, B: usize, ldb: i32,
  M: i32, N: i32, K: i32, start: i32, bias: usize, end: i32, mask: usize,
): void {
  const N8 = N & ~7;
  const N4 = N & ~3;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    let j = 0;
    for (; j < N8; j += 8) tile4x8(C, ldc, A, aRow, aCol, B, ldb, m, j, K, start, bias, end, mask);
    for (; j < N4; j += 4) tile4x4(C, ldc, A, aRow, aCol, B, ldb, m, j, K, start, bias, end, mask);
    for (; j < N; j++) for (let r = m; r < m + 4; r++) scalar(C, ldc, A, aRow, aCol, B, ldb, r, j, K, start, bias, end, mask);
  }
  for (; m < M; m++) {
    let j = 0;
    for (; j < N4; j += 4) tile1x4(C, ldc, A, aRow, aCol, B, ldb, m, j, K, start, bias, end, mask);
    for (; j < N; j++) scalar(C, ldc, A, aRow, aCol, B, ldb, m, j, K, start, bias, end, mask);
  }
}

// @ts-ignore: decorator
@inline function startVector(C: usize, bias: usize, j: i32, start: i32): v128 {
  if (start == START_BIAS) return v128.load(bias + (<usize>j << 2));
  if (start == START_ACCUMULATE) return v128.load(C);
  return f32x4.splat(0);
}

// @ts-ignore: decorator
@inline function endVector(value: v128, end: i32, mask: usize): v128 {
  if (end == END_RELU) return f32x4.pmax(value, f32x4.splat(0)); // value < 0 ? 0 : value, so NaN stays NaN
  if (end == END_MASK) return v128.andnot(value, f32x4.le(v128.load(mask), f32x4.splat(0)));
  return value;
}

// @ts-ignore: decorator
@inline function at(base: usize, row: i32, stride: i32, column: i32): usize {
  return base + ((<usize>row * <usize>stride + <usize>column) << 2);
}

function tile4x8(
  C: usize, ldc: i32, A: usize, aRow: i32, aCol: i32, B: usize, ldb: i32,
  m: i32, j: i32, K: i32, start: i32, bias: usize, end: i32, mask: usize,
): void {
  const c0 = at(C, m, ldc, j), c1 = at(C, m + 1, ldc, j), c2 = at(C, m + 2, ldc, j), c3 = at(C, m + 3, ldc, j);
  let s00 = startVector(c0, bias, j, start), s01 = startVector(c0 + 16, bias, j + 4, start);
  let s10 = startVector(c1, bias, j, start), s11 = startVector(c1 + 16, bias, j + 4, start);
  let s20 = startVector(c2, bias, j, start), s21 = startVector(c2 + 16, bias, j + 4, start);
  let s30 = startVector(c3, bias, j, start), s31 = startVector(c3 + 16, bias, j + 4, start);
  let a0 = at(A, m, aRow, 0), a1 = at(A, m + 1, aRow, 0), a2 = at(A, m + 2, aRow, 0), a3 = at(A, m + 3, aRow, 0);
  let b = at(B, 0, ldb, j);
  const aStep = <usize>aCol << 2, bStep = <usize>ldb << 2;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b), b1 = v128.load(b + 16);
    const x0 = v128.load32_splat(a0), x1 = v128.load32_splat(a1), x2 = v128.load32_splat(a2), x3 = v128.load32_splat(a3);
    s00 = f32x4.add(s00, f32x4.mul(x0, b0)); s01 = f32x4.add(s01, f32x4.mul(x0, b1));
    s10 = f32x4.add(s10, f32x4.mul(x1, b0)); s11 = f32x4.add(s11, f32x4.mul(x1, b1));
    s20 = f32x4.add(s20, f32x4.mul(x2, b0)); s21 = f32x4.add(s21, f32x4.mul(x2, b1));
    s30 = f32x4.add(s30, f32x4.mul(x3, b0)); s31 = f32x4.add(s31, f32x4.mul(x3, b1));
    a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep; b += bStep;
  }
  const k0 = at(mask, m, ldc, j), k1 = at(mask, m + 1, ldc, j), k2 = at(mask, m + 2, ldc, j), k3 = at(mask, m + 3, ldc, j);
  v128.store(c0, endVector(s00, end, k0)); v128.store(c0 + 16, endVector(s01, end, k0 + 16));
  v128.store(c1, endVector(s10, end, k1)); v128.store(c1 + 16, endVector(s11, end, k1 + 16));
  v128.store(c2, endVector(s20, end, k2)); v128.store(c2 + 16, endVector(s21, end, k2 + 16));
  v128.store(c3, endVector(s30, end, k3)); v128.store(c3 + 16, endVector(s31, end, k3 + 16));
}

function tile4x4(
  C: usize, ldc: i32, A: usize, aRow: i32, aCol: i32, B: usize, ldb: i32,
  m: i32, j: i32, K: i32, start: i32, bias: usize, end: i32, mask: usize,
): void {
  const c0 = at(C, m, ldc, j), c1 = at(C, m + 1, ldc, j), c2 = at(C, m + 2, ldc, j), c3 = at(C, m + 3, ldc, j);
  let s0 = startVector(c0, bias, j, start), s1 = startVector(c1, bias, j, start);
  let s2 = startVector(c2, bias, j, start), s3 = startVector(c3, bias, j, start);
  let a0 = at(A, m, aRow, 0), a1 = at(A, m + 1, aRow, 0), a2 = at(A, m + 2, aRow, 0), a3 = at(A, m + 3, aRow, 0);
  let b = at(B, 0, ldb, j);
  const aStep = <usize>aCol << 2, bStep = <usize>ldb << 2;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(b);
    s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(a0), b0));
    s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(a1), b0));
    s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(a2), b0));
    s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(a3), b0));
    a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep; b += bStep;
  }
  v128.store(c0, endVector(s0, end, at(mask, m, ldc, j)));
  v128.store(c1, endVector(s1, end, at(mask, m + 1, ldc, j)));
  v128.store(c2, endVector(s2, end, at(mask, m + 2, ldc, j)));
  v128.store(c3, endVector(s3, end, at(mask, m + 3, ldc, j)));
}

function tile1x4(
  C: usize, ldc: i32, A: usize, aRow: i32, aCol: i32, B: usize, ldb: i32,
  m: i32, j: i32, K: i32, start: i32, bias: usize, end: i32, mask: usize,
): void {
  const c = at(C, m, ldc, j);
  let s = startVector(c, bias, j, start);
  let a = at(A, m, aRow, 0);
  let b = at(B, 0, ldb, j);
  const aStep = <usize>aCol << 2, bStep = <usize>ldb << 2;
  for (let k = 0; k < K; k++) {
    s = f32x4.add(s, f32x4.mul(v128.load32_splat(a), v128.load(b)));
    a += aStep; b += bStep;
  }
  v128.store(c, endVector(s, end, at(mask, m, ldc, j)));
}

function scalar(
  C: usize, ldc: i32, A: usize, aRow: i32, aCol: i32, B: usize, ldb: i32,
  m: i32, j: i32, K: i32, start: i32, bias: usize, end: i32, mask: usize,
): void {
  const c = at(C, m, ldc, j);
  let s: f32 = start == START_BIAS ? load<f32>(bias + (<usize>j << 2)) : start == START_ACCUMULATE ? load<f32>(c) : 0;
  let a = at(A, m, aRow, 0);
  let b = at(B, 0, ldb, j);
  const aStep = <usize>aCol << 2, bStep = <usize>ldb << 2;
  for (let k = 0; k < K; k++) {
    s += load<f32>(a) * load<f32>(b);
    a += aStep; b += bStep;
  }
  if (end == END_RELU && s < 0) s = 0;
  if (end == END_MASK && load<f32>(at(mask, m, ldc, j)) <= 0) s = 0;
  store<f32>(c, s);
}

/** out[j] += Σ_r A[r, j] over the M rows of A (M×N, row stride lda): a bias's gradient. */
export function addColumnSums(out: usize, A: usize, lda: i32, M: i32, N: i32): void {
  const N4 = N & ~3;
  let j = 0;
  for (; j < N4; j += 4) {
    let s = v128.load(out + (<usize>j << 2));
    let a = at(A, 0, lda, j);
    for (let r = 0; r < M; r++) {
      s = f32x4.add(s, v128.load(a));
      a += <usize>lda << 2;
    }
    v128.store(out + (<usize>j << 2), s);
  }
  for (; j < N; j++) {
    let s = load<f32>(out + (<usize>j << 2));
    for (let r = 0; r < M; r++) s += load<f32>(at(A, r, lda, j));
    store<f32>(out + (<usize>j << 2), s);
  }
}

/** out (N×M, row stride M) = the transpose of A (M×N, row stride lda). */
export function transpose(out: usize, A: usize, lda: i32, M: i32, N: i32): void {
  for (let r = 0; r < M; r++) for (let c = 0; c < N; c++) store<f32>(at(out, c, M, r), load<f32>(at(A, r, lda, c)));
}

/**
 * The mean cross-entropy of the rows' softmax against their labels (bytes), as layers.ts's softmaxCrossEntropy:
 * computed in float64 with the row's maximum subtracted. When `logitGradient` is not 0, (softmax − onehot)/rows is
 * written there (row stride `stride`, like the logits); each exponential is computed once, kept there meanwhile.
 */
export function softmaxCrossEntropy(
  logits: usize, stride: i32, labels: usize, rows: i32, classes: i32, logitGradient: usize,
): f64 {
  let total: f64 = 0;
  const inverseRows: f64 = 1 / <f64>rows;
  for (let r = 0; r < rows; r++) {
    const row = at(logits, r, stride, 0);
    const out = at(logitGradient, r, stride, 0);
    let largest: f64 = -Infinity;
    for (let c = 0; c < classes; c++) largest = Math.max(largest, <f64>load<f32>(row + (<usize>c << 2)));
    let sum: f64 = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(<f64>load<f32>(row + (<usize>c << 2)) - largest);
      sum += e;
      if (logitGradient != 0) store<f32>(out + (<usize>c << 2), <f32>e);
    }
    const label = <i32>load<u8>(labels + <usize>r);
    total -= <f64>load<f32>(row + (<usize>label << 2)) - largest - Math.log(sum);
    if (logitGradient != 0) {
      const scale = inverseRows / sum;
      for (let c = 0; c < classes; c++) {
        const p = <f64>load<f32>(out + (<usize>c << 2)) * scale;
        store<f32>(out + (<usize>c << 2), <f32>(c == label ? p - inverseRows : p));
      }
    }
  }
  return total / <f64>rows;
}
