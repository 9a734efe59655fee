/**
 * The optimizer library. Standalone: nothing here imports the site, the DOM or Plot, so the same code runs in tests,
 * Node scripts, build-time cells and the browser's kernel.
 *
 * Every optimizer follows one contract ({@link Optimizer}): `const state = opt.init(x)`, then `opt.step(x, grad,
 * state)` updates x in place. Options are PyTorch's, in camelCase, with PyTorch's defaults. A matrix parameter is a
 * row-major vector whose shape `init` is told, `opt.init(w, { shape: [rows, cols] })`: Adafactor factors its second
 * moment by rows and columns, Muon (matrices only) orthogonalises its step; the others check the shape and ignore it.
 *
 * Adam's successors: `lion` (sign of an interpolated momentum), `adafactor` (factored second moment, relative step
 * size) and `muon` (momentum orthogonalised by Newton–Schulz), each verified against a port of its reference code.
 *
 * Fast path: float32 vectors are stepped by SIMD kernels for Adam, AdamW, SGD, AdaGrad and RMSprop, behind the same
 * contract (fast-path.ts): in place when they live in WebAssembly memory (`fastFloat32Array(n)`, and the `zerosLike`
 * and state made from them; wasm-memory.ts), on copies when they are ordinary Float32Arrays (staging.ts). The
 * TypeScript loops stay the reference; `wasmMemoryUse().steps` counts the steps each path took.
 */
export type { LearningRate, Optimizer, ParameterLayout, StepCount, Vector } from "./types.ts";
export { sgd, type SgdOptions, type SgdState } from "./sgd.ts";
export { adagrad, type AdagradOptions, type AdagradState } from "./adagrad.ts";
export { rmsprop, type RmspropOptions, type RmspropState } from "./rmsprop.ts";
export { adadelta, type AdadeltaOptions, type AdadeltaState } from "./adadelta.ts";
export { adam, type AdamOptions, type AdamState } from "./adam.ts";
export { adamw, type AdamwOptions } from "./adamw.ts";
export { adamax, type AdamaxOptions, type AdamaxState } from "./adamax.ts";
export { nadam, type NadamOptions, type NadamState } from "./nadam.ts";
export { radam, radamRectification, type RadamOptions, type RadamState } from "./radam.ts";
export { fastFloat32Array, fastPathAvailable, isWasmResident, wasmMemoryUse, zerosLike } from "./wasm-memory.ts";
export { COPIED_PATH_MIN_LENGTH, FAST_PATH_MIN_LENGTH } from "./fast-path.ts";
export { lion, type LionOptions, type LionState } from "./lion.ts";
export { adafactor, type AdafactorOptions, type AdafactorState } from "./adafactor.ts";
export { muon, type MuonOptions, type MuonState } from "./muon.ts";
export { lerp } from "./lerp.ts";
