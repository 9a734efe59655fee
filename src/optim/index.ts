/**
 * The optimizer library. Standalone: nothing here imports the site, the DOM or Plot, so the same code runs in tests,
 * Node scripts, build-time cells and the browser's kernel.
 */
export type { LearningRate, Optimizer, StepCount, Vector } from "./types.ts";
export { adam, type AdamOptions, type AdamState } from "./adam.ts";
