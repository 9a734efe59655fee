/**
 * Runs: `minimize(problem, optimizer, options)` → a trajectory as plain data (points, losses, optimizer states);
 * `trainModel(model, optimizer, options)` → a classifier's training curves per epoch (or `startTraining` to take turns);
 * `parameterGroups(layout, choose)`, one optimizer per block of a model's parameters; learning-rate schedules
 * t ↦ α_t to pass as `lr` (`linearLR`, `cosineAnnealingLR`, `warmupCosine`, `stepLR`, `inverseSqrtDecay`,
 * `sequentialLR`; PyTorch's scheduler epoch e is step t − 1); `clipGradNorm(grad, maxNorm)`, PyTorch's clipping by
 * global norm; `timeStep`, `timeCopy` and `msPerCall`, timings where the cell runs.
 */
export { minimize, type MinimizeOptions, type Trajectory } from "./minimize.ts";
export type { Snapshot } from "./snapshot.ts";
export {
  startTraining,
  trainModel,
  type EpochRecord,
  type TrainOptions,
  type Training,
  type TrainingData,
  type TrainingResult,
} from "./train.ts";
export { inverseSqrtDecay, type Schedule } from "./schedules.ts";
export { linearLR, type LinearLROptions } from "./linear-lr.ts";
export { cosineAnnealingLR, type CosineAnnealingLROptions } from "./cosine-annealing-lr.ts";
export { stepLR, type StepLROptions } from "./step-lr.ts";
export { sequentialLR, type SequentialLROptions } from "./sequential-lr.ts";
export { warmupCosine, type WarmupCosineOptions } from "./warmup-cosine.ts";
export { clipGradNorm, type ClipGradNormOptions } from "./clip-grad-norm.ts";
export {
  parameterGroups,
  type ParameterGroups,
  type ParameterGroupsOptions,
  type ParameterGroupsState,
} from "./parameter-groups.ts";
export { msPerCall, timeCopy, timeStep, type StepTiming, type TimingOptions } from "./throughput.ts";
