/** Runs: `minimize(problem, optimizer, options)` → a trajectory as plain data (points, losses, optimizer states). */
export { minimize, type MinimizeOptions, type Trajectory } from "./minimize.ts";
export type { Snapshot } from "./snapshot.ts";
