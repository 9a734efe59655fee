/**
 * Float32Arrays that live in WebAssembly memory, where the SIMD kernels can update them in place.
 *
 * ```ts
 * const x = fastFloat32Array(1e7);      // a zeroed Float32Array, like new Float32Array(1e7), but in wasm memory
 * const grad = zerosLike(x);             // made like x: in wasm memory too
 * const opt = adam({ lr: 1e-3 });
 * const state = opt.init(x);             // state.m, state.v: Float32Arrays in wasm memory, as inspectable as ever
 * opt.step(x, grad, state);              // all of them in wasm memory: the WebAssembly kernel runs, no copy
 * ```
 *
 * Why the caller allocates: a kernel can only read wasm memory. Ordinary Float32Arrays still get the kernel, on
 * copies (the copied path, staging.ts), but copying Adam's x, g, m and v in and x, m and v out moves twice the bytes
 * the step itself needs (28 per parameter) through V8's word-by-word copy into shared memory, about three times
 * slower than the same step on arrays placed there from the start — the resident path, taken when x, its gradient
 * and the state all live there.
 *
 * What keeps an array here: `subarray`, `fill`, `set`, `sort`, `copyWithin` and index writes (they work on the array
 * itself), `zerosLike(x)` and `opt.init(x)`. What makes an ordinary array instead, which the next step copies:
 * `x.map(…)`, `x.slice()`, `x.filter(…)`, `Float32Array.from(x)`, `new Float32Array(x)`. `structuredClone` and
 * `postMessage` are worse: their copy of a resident array is a view of the same shared memory, not a copy, so
 * stepping one changes the other; copy with `x.slice()` or `fastFloat32Array(n)` then `.set(x)`.
 *
 * - **One shared memory.** Growing a plain wasm memory detaches its ArrayBuffer, and every Float32Array viewing it
 *   would drop to length 0 — fatal for arrays handed to a reader. A *shared* memory never moves: growing it leaves
 *   earlier views valid. (Chromium and Node allow shared wasm memory without cross-origin isolation; where creating
 *   it fails, `fastFloat32Array` returns an ordinary Float32Array and everything runs the reference path.)
 * - **Freed by the garbage collector.** A block returns to the allocator when the array made for it is collected
 *   (FinalizationRegistry). A view made from it (`subarray`, `new Float32Array(x.buffer, …)`) does not keep the block
 *   alive: keep the array itself while you use such a view.
 * - The memory below 64 KiB belongs to the kernel modules (scripts/build-wasm.ts checks that they need none of it);
 *   blocks are 64-byte aligned, so a SIMD load never straddles a cache line.
 */
import { Blocks } from "./blocks.ts";
import { integer } from "./validate.ts";
import type { Vector } from "./types.ts";

/** The largest memory the kernel modules accept (4 GiB), as scripts/build-wasm.ts declares it. */
const MAXIMUM_PAGES = 65536;
const PAGE_BYTES = 65536;
const ALIGNMENT = 64;
const FIRST_BLOCK = PAGE_BYTES;

/** undefined: not tried yet; null: this engine cannot share wasm memory or run SIMD. */
let memory: WebAssembly.Memory | null | undefined;
/** The SharedArrayBuffers of the memory seen so far (one per growth): a Float32Array on one of them is resident. */
const buffers = new WeakSet<ArrayBufferLike>();
const blocks = new Blocks(FIRST_BLOCK, ALIGNMENT, (end) => {
  const size = memory!.buffer.byteLength;
  if (end <= size) return true;
  try {
    memory!.grow(Math.ceil((end - size) / PAGE_BYTES));
    return true;
  } catch {
    return false; // over the maximum, or the system refused
  }
});
const registry = new FinalizationRegistry<number>((offset) => blocks.release(offset));

/**
 * A module using SIMD128 and importing a shared memory, as the kernels do: `WebAssembly.validate` says whether this
 * engine runs them, without compiling anything.
 */
const PROBE = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // type section: () → v128
  ...[0x02, 0x10, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 0x01, 0x01], // env.memory, shared, 1..1 page
  ...[0x03, 0x02, 0x01, 0x00], // one function of type 0
  ...[0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x00, 0x04, 0x00, 0x0b], // v128.load offset 0 from address 0
);

/** The shared memory, created on first use; null where this engine cannot run the kernels. */
export function wasmMemory(): WebAssembly.Memory | null {
  if (memory === undefined) {
    try {
      memory = WebAssembly.validate(PROBE)
        ? new WebAssembly.Memory({ initial: 1, maximum: MAXIMUM_PAGES, shared: true })
        : null;
    } catch {
      memory = null;
    }
  }
  return memory;
}

/** Whether the WebAssembly fast paths can run here (SIMD128 and shared wasm memory). */
export function fastPathAvailable(): boolean {
  return wasmMemory() !== null;
}

const lengthSpec = integer(0, 0);

/**
 * A zeroed Float32Array of `length` entries in WebAssembly memory (an ordinary one where that is unavailable, or
 * when the memory cannot grow any more). Optimizer states and gradients made from it (`opt.init(x)`, `zerosLike(x)`)
 * live there too.
 */
export function fastFloat32Array(length: number): Float32Array {
  lengthSpec.check(length, { owner: "fastFloat32Array", name: "length" });
  const shared = wasmMemory();
  const offset = shared ? blocks.allocate(length * 4) : -1;
  if (!shared || offset < 0) return new Float32Array(length);
  const array = new Float32Array(shared.buffer, offset, length);
  buffers.add(array.buffer);
  array.fill(0); // a reused block holds an old array's values
  registry.register(array, offset);
  return array;
}

/** Whether `vector` is a Float32Array viewing wasm memory (so that `vector.byteOffset` is its address there). */
export function isWasmResident(vector: unknown): vector is Float32Array {
  return vector instanceof Float32Array && buffers.has(vector.buffer);
}

/** A zero vector of the same kind as x (in wasm memory when x is), of x's length unless `length` is given. */
export function zerosLike(x: Vector, length = x.length): Vector {
  if (isWasmResident(x)) return fastFloat32Array(length);
  return x instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/** Instantiate a kernel module (bytes in base64) on the shared memory; null where that fails. */
export function instantiateKernels<Exports>(base64: string): Exports | null {
  const shared = wasmMemory();
  if (!shared) return null;
  try {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    const module = new WebAssembly.Module(bytes); // synchronous: fine in a worker and in Node
    return new WebAssembly.Instance(module, { env: { memory: shared } }).exports as Exports;
  } catch {
    return null;
  }
}

/**
 * Steps taken on each path since the library loaded, counted by every optimizer's `step` (define.ts): `resident`,
 * the kernel on vectors that all live in wasm memory; `copied`, the kernel on copies of ordinary Float32Arrays;
 * `readable`, the TypeScript loop (float64, short vectors, optimizers without a kernel, no wasm SIMD here).
 */
export const stepsByPath = { resident: 0, copied: 0, readable: 0 };

/**
 * Bytes of wasm memory in use by live arrays and the memory's size (for a lesson, or a test of freeing), and the
 * steps taken on each path so far ({@link stepsByPath}): read it before and after a step to see which path ran.
 *
 * ```ts
 * const before = wasmMemoryUse().steps.copied;
 * opt.step(x, grad, state);
 * wasmMemoryUse().steps.copied - before; // 1: some vector was an ordinary Float32Array, copied in and out
 * ```
 */
export function wasmMemoryUse(): { used: number; size: number; steps: typeof stepsByPath } {
  return { used: blocks.usage.used, size: memory ? memory.buffer.byteLength : 0, steps: { ...stepsByPath } };
}
