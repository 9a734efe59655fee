/**
 * Least squares: fit a line y ≈ θ₀ + θ₁u to a small seeded data set, with full-batch, stochastic or mini-batch
 * gradients.
 *
 * $$ L(\theta) = \frac{1}{2n} \sum_{i=1}^{n} (\theta_0 + \theta_1 u_i - y_i)^2, \qquad
 *    \nabla L(\theta) = \frac1n \sum_{i=1}^{n} (\theta_0 + \theta_1 u_i - y_i) \begin{pmatrix} 1 \\ u_i \end{pmatrix} $$
 *
 * The data: uᵢ uniform in [0, 4], yᵢ = 1 + 2uᵢ + noise·N(0, 1), from `seed`. Inputs away from 0 correlate the two
 * columns, so the loss is an elongated valley (condition number about 30): a good stage for momentum.
 *
 * With `batchSize` b < n, `gradient(θ, out, t)` and `value(θ, t)` use the t-th mini-batch: the data are shuffled
 * once per epoch (seeded) and cut into ⌈n/b⌉ batches, the last one possibly smaller. Without t, or with b = n, they
 * use all the data. `minimum` is the exact least-squares fit (normal equations)
 * and its loss.
 *
 * @example
 * const full = leastSquares();
 * const sgdProblem = leastSquares({ batchSize: 1 });     // stochastic gradient descent
 * const miniBatch = leastSquares({ batchSize: 8 });      // same data (same seed), batches of 8
 */
import { conflictError, integer, nonNegative, resolveOptions, type NumberList, type Specs } from "../optim/validate.ts";
import { defineProblem, type Problem } from "./problem.ts";
import { mixSeed, rng } from "./random.ts";

export interface LeastSquaresOptions {
  /** Number n of data points, ≥ 2. Default 32. */
  samples: number;
  /** Points per gradient, 1 ≤ b ≤ n. Default n (full batch). */
  batchSize: number;
  /** Standard deviation of the noise on the targets. Default 0.5. */
  noise: number;
  /** Seed of the data and of the shuffling. Default 1. */
  seed: number;
}

export interface LeastSquaresProblem extends Problem {
  /** The inputs uᵢ. */
  readonly inputs: readonly number[];
  /** The targets yᵢ. */
  readonly targets: readonly number[];
  /** Points per gradient. */
  readonly batchSize: number;
}

const leastSquaresSpecs: Specs<LeastSquaresOptions> = {
  samples: integer(2, 32),
  batchSize: integer(1, 0), // 0: the whole data set, filled in below
  noise: nonNegative(0.5),
  seed: integer(0, 1),
};

export function leastSquares(options?: Partial<LeastSquaresOptions>): LeastSquaresProblem {
  const { samples: n, noise, seed, ...resolved } = resolveOptions("leastSquares", leastSquaresSpecs, options);
  const batchSize = resolved.batchSize === 0 ? n : resolved.batchSize;
  if (batchSize > n)
    throw conflictError("leastSquares", "batchSize must be at most samples", { batchSize, samples: n });
  const random = rng(seed);
  const inputs = Array.from({ length: n }, () => 4 * random.uniform());
  const targets = inputs.map((u) => 1 + 2 * u + noise * random.normal());

  const batchesPerEpoch = Math.ceil(n / batchSize);
  const everyPoint = Int32Array.from({ length: n }, (_, i) => i);
  const shuffled = everyPoint.slice();
  let shuffledEpoch = -1;
  // The current batch is indices[first … end − 1]; selectBatch(t) sets them without allocating.
  let indices = everyPoint;
  let first = 0;
  let end = n;
  const selectBatch = (t: number | undefined) => {
    if (t === undefined || batchSize === n) {
      indices = everyPoint;
      first = 0;
      end = n;
      return;
    }
    const epoch = Math.floor((t - 1) / batchesPerEpoch);
    if (epoch !== shuffledEpoch) {
      shuffled.set(everyPoint);
      random.reseed(mixSeed(seed, epoch));
      random.shuffle(shuffled);
      shuffledEpoch = epoch;
    }
    indices = shuffled;
    first = ((t - 1) % batchesPerEpoch) * batchSize;
    end = Math.min(first + batchSize, n);
  };
  const residual = (theta: NumberList, i: number) => theta[0]! + theta[1]! * inputs[i]! - targets[i]!;
  const batchLoss = (theta: NumberList) => {
    let sum = 0;
    for (let k = first; k < end; k++) sum += residual(theta, indices[k]!) ** 2;
    return sum / (2 * (end - first));
  };
  const best = normalEquations(inputs, targets);
  selectBatch(undefined);
  const minimum = { value: batchLoss(best), at: [best] };

  return Object.freeze({
    ...defineProblem({
      name: batchSize === n ? "least squares" : `least squares (batches of ${batchSize})`,
      tex: `\\frac{1}{2n} \\sum_{i=1}^{n} (\\theta_0 + \\theta_1 u_i - y_i)^2,\\ n = ${n}`,
      dimension: 2,
      minimum,
      domain: [
        [-1.5, 3.5],
        [-1, 4],
      ],
      start: [0, 0],
      value(theta, t) {
        selectBatch(t);
        return batchLoss(theta);
      },
      gradient(theta, out, t) {
        selectBatch(t);
        let intercept = 0;
        let slope = 0;
        for (let k = first; k < end; k++) {
          const r = residual(theta, indices[k]!);
          intercept += r;
          slope += r * inputs[indices[k]!]!;
        }
        out[0] = intercept / (end - first);
        out[1] = slope / (end - first);
      },
    }),
    inputs: Object.freeze(inputs),
    targets: Object.freeze(targets),
    batchSize,
  }) as LeastSquaresProblem;
}

/** The least-squares line [θ₀, θ₁] through the points (uᵢ, yᵢ). */
function normalEquations(inputs: readonly number[], targets: readonly number[]): number[] {
  const n = inputs.length;
  const meanU = inputs.reduce((s, u) => s + u, 0) / n;
  const meanY = targets.reduce((s, y) => s + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    covariance += (inputs[i]! - meanU) * (targets[i]! - meanY);
    variance += (inputs[i]! - meanU) ** 2;
  }
  const slope = covariance / variance;
  return [meanY - slope * meanU, slope];
}
