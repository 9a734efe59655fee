/**
 * Where the WebAssembly step starts to pay: `adam().step` on x of n entries, once with x, grad and the state in
 * ordinary Float32Arrays (the readable loop) and once with all of them in wasm memory (the kernel, allowed at every n
 * for this measurement). FAST_PATH_MIN_LENGTH in src/optim/fast-path.ts is set from its output.
 *
 *     npx node bench/fast-path-threshold.ts
 */
import { adam, fastFloat32Array, zerosLike } from "../src/optim/index.ts";
import { overrideFastPathMinLength } from "../src/optim/fast-path.ts";
import { median } from "./fast-paths/timing.ts";

const SIZES = [1, 2, 4, 8, 12, 16, 24, 32, 64, 128, 1024];
const ROUNDS = 15;
const STEPS = 20_000;

function nsPerStep(step: () => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let k = 0; k < STEPS; k++) step();
    rounds.push(((performance.now() - started) * 1e6) / STEPS);
  }
  return median(rounds);
}

overrideFastPathMinLength(1);
console.log(`adam().step, ns per step (median of ${ROUNDS} rounds of ${STEPS} steps)`);
console.log("     n   readable loop   kernel   loop / kernel");
for (const n of SIZES) {
  const opt = adam();
  const x = new Float32Array(n).fill(1);
  const grad = new Float32Array(n).fill(0.5);
  const state = opt.init(x);
  const residentX = fastFloat32Array(n).fill(1);
  const residentGrad = zerosLike(residentX).fill(0.5);
  const residentState = opt.init(residentX);
  const loop = nsPerStep(() => opt.step(x, grad, state));
  const kernel = nsPerStep(() => opt.step(residentX, residentGrad, residentState));
  console.log(`${String(n).padStart(6)}   ${loop.toFixed(0).padStart(13)}   ${kernel.toFixed(0).padStart(6)}   ${(loop / kernel).toFixed(2).padStart(13)}`); // prettier-ignore
}
overrideFastPathMinLength();
