/**
 * Where the WebAssembly step starts to pay: `adam().step` on x of n entries, on three paths — the readable loop
 * (kernels turned off for this measurement), the kernel on vectors in wasm memory (the resident path) and the kernel
 * on ordinary Float32Arrays copied in and out (the copied path), both allowed at every n here. FAST_PATH_MIN_LENGTH
 * and COPIED_PATH_MIN_LENGTH in src/optim/fast-path.ts are set from its output.
 *
 *     npx node bench/fast-path-threshold.ts
 */
import { adam, fastFloat32Array, zerosLike } from "../src/optim/index.ts";
import { overrideFastPathMinLength } from "../src/optim/fast-path.ts";
import { median } from "./fast-paths/timing.ts";

const SIZES = [1, 2, 4, 8, 12, 16, 24, 32, 64, 96, 128, 192, 1024];
const ROUNDS = 15;
const STEPS = 20_000;

function nsPerStep(step: () => void, minimumLength: number): number {
  overrideFastPathMinLength(minimumLength);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let k = 0; k < STEPS; k++) step();
    rounds.push(((performance.now() - started) * 1e6) / STEPS);
  }
  return median(rounds);
}

console.log(`adam().step, ns per step (median of ${ROUNDS} rounds of ${STEPS} steps)`);
console.log("     n   readable loop   resident   copied   loop / resident   loop / copied");
for (const n of SIZES) {
  const opt = adam();
  const x = new Float32Array(n).fill(1);
  const grad = new Float32Array(n).fill(0.5);
  const state = opt.init(x);
  const residentX = fastFloat32Array(n).fill(1);
  const residentGrad = zerosLike(residentX).fill(0.5);
  const residentState = opt.init(residentX);
  const loop = nsPerStep(() => opt.step(x, grad, state), Infinity);
  const resident = nsPerStep(() => opt.step(residentX, residentGrad, residentState), 1);
  const copied = nsPerStep(() => opt.step(x, grad, state), 1);
  console.log(`${String(n).padStart(6)}   ${loop.toFixed(0).padStart(13)}   ${resident.toFixed(0).padStart(8)}   ${copied.toFixed(0).padStart(6)}   ${(loop / resident).toFixed(2).padStart(15)}   ${(loop / copied).toFixed(2).padStart(13)}`); // prettier-ignore
}
overrideFastPathMinLength();
