/**
 * Timing helpers shared by the benchmarks (Node and the browser worker alike): medians, and repeats sized so that one
 * timed batch lasts long enough for the clock.
 */

/** The median of the values (the lower middle one for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** How many calls of `run` make a batch of about `targetMs` (at least 1), from one timed call after a warm-up. */
export function callsFor(run: () => void, targetMs: number): number {
  run();
  const started = performance.now();
  run();
  const once = Math.max(performance.now() - started, 1e-3);
  return Math.max(1, Math.round(targetMs / once));
}

/** Milliseconds per call of `run`, timed over `calls` calls. */
export function msPerCall(run: () => void, calls: number): number {
  const started = performance.now();
  for (let k = 0; k < calls; k++) run();
  return (performance.now() - started) / calls;
}
