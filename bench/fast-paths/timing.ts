/**
 * Timing helpers shared by the benchmarks (Node and the browser worker alike): medians, and repeats sized so that one
 * timed batch lasts long enough for the clock.
 */

/** The median of the values (the lower middle one for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * How many calls of `run` make a batch of at least `targetMs`: grown until one does, which also warms it up. Browsers
 * coarsen performance.now() to 0.1 ms or more, so a single short call cannot be timed.
 */
export function callsFor(run: () => void, targetMs: number): number {
  let calls = 1;
  for (let elapsed = msPerCall(run, calls) * calls; elapsed < targetMs; elapsed = msPerCall(run, calls) * calls)
    calls = elapsed > targetMs / 10 ? Math.ceil((1.2 * calls * targetMs) / elapsed) : calls * 10;
  return calls;
}

/** Milliseconds per call of `run`, timed over `calls` calls. */
export function msPerCall(run: () => void, calls: number): number {
  const started = performance.now();
  for (let k = 0; k < calls; k++) run();
  return (performance.now() - started) / calls;
}
