/**
 * Timing an optimizer step where the reader is: in a cell, in the browser's own kernel. For the lesson on why steps
 * are memory-bound, which plots these against the array size.
 *
 * ```ts
 * timeStep(adam(), 1e6);                 // { n: 1e6, fast: false, msPerStep: 4.4, bytesPerStep: 28e6, gbPerSecond: 6.3 }
 * timeStep(adam(), 1e6, { fast: true }); // the same step on vectors in wasm memory: the SIMD kernel
 * timeCopy(1e6);                         // a plain memory copy of 1e6 floats, the bandwidth to compare with
 * ```
 *
 * Bytes per step count each vector the step reads (x, grad and every state vector) and writes (x and every state
 * vector) once, 4 bytes an entry: 7 × 4 for Adam's x, g, m, v in and x, m, v out. A copy counts 2 × 4 (read, write).
 * Each time is the median over `rounds` batches of calls lasting about `batchMs` each, after a warm-up batch.
 */
import type { Optimizer, StepCount } from "../optim/types.ts";
import { integer, positive, resolveOptions, type Specs } from "../optim/validate.ts";
import { fastFloat32Array } from "../optim/wasm-memory.ts";

export interface TimingOptions {
  /** Batches timed; the median is reported. Default 5. */
  rounds: number;
  /** About how long each batch lasts, in milliseconds. Default 20. */
  batchMs: number;
}

export interface StepTiming {
  /** Parameters. */
  n: number;
  /** Whether the vectors lived in wasm memory (the fast path, when the optimizer has a kernel). */
  fast: boolean;
  msPerStep: number;
  /** Bytes read and written per step: 4n × (3 + 2 × the number of state vectors). */
  bytesPerStep: number;
  /** bytesPerStep / time: the effective bandwidth. */
  gbPerSecond: number;
}

const timingSpecs: Specs<TimingOptions> = { rounds: integer(1, 5), batchMs: positive(20) };

/** Milliseconds per call of `run`: the median over rounds of batches (see the module's doc). */
export function msPerCall(run: () => void, options?: Partial<TimingOptions>): number {
  const { rounds, batchMs } = resolveOptions("msPerCall", timingSpecs, options);
  // Grow the batch until it lasts batchMs (it doubles as the warm-up, while the JIT compiles the loop): browsers
  // coarsen performance.now() to 0.1 ms or more, so a batch must be long next to that.
  const batch = (calls: number) => {
    const started = performance.now();
    for (let k = 0; k < calls; k++) run();
    return performance.now() - started;
  };
  let calls = 1;
  for (let elapsed = batch(calls); elapsed < batchMs; elapsed = batch(calls))
    calls = elapsed > batchMs / 10 ? Math.ceil((1.2 * calls * batchMs) / elapsed) : calls * 10;
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(batch(calls) / calls);
  return times.sort((a, b) => a - b)[Math.floor((rounds - 1) / 2)]!;
}

/**
 * Time `optimizer.step` on n float32 parameters (random x and gradient, fresh state): in ordinary Float32Arrays (an
 * optimizer with a kernel runs it on copies, the copied path; the others their readable loop), or with `fast: true`
 * in wasm memory (`fastFloat32Array`), where optimizers with a kernel run it in place.
 */
export function timeStep<State extends StepCount>(
  optimizer: Optimizer<State, unknown>,
  n: number,
  options?: Partial<TimingOptions> & { fast?: boolean },
): StepTiming {
  integer(1, 1).check(n, { owner: "timeStep", name: "n" });
  const { fast = false, ...timing } = options ?? {};
  const allocate = (length: number) => (fast ? fastFloat32Array(length) : new Float32Array(length));
  const [x, grad] = [allocate(n), allocate(n)];
  for (let i = 0; i < n; i++) {
    x[i] = Math.sin(i);
    grad[i] = Math.cos(i);
  }
  const state = optimizer.init(x);
  const stateVectors = Object.values(state).filter((value) => value instanceof Float32Array).length;
  const msPerStep = msPerCall(() => optimizer.step(x, grad, state), timing);
  const bytesPerStep = 4 * n * (3 + 2 * stateVectors);
  return { n, fast, msPerStep, bytesPerStep, gbPerSecond: bytesPerStep / msPerStep / 1e6 };
}

/** Time a plain memory copy of n floats (`target.set(source)`): the bandwidth baseline. Bytes: 2 × 4n. */
export function timeCopy(n: number, options?: Partial<TimingOptions>): StepTiming {
  integer(1, 1).check(n, { owner: "timeCopy", name: "n" });
  const [source, target] = [new Float32Array(n).fill(1), new Float32Array(n)];
  const msPerStep = msPerCall(() => target.set(source), options);
  return { n, fast: false, msPerStep, bytesPerStep: 8 * n, gbPerSecond: (8 * n) / msPerStep / 1e6 };
}
