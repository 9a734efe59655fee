/**
 * How a kernel steps ordinary Float32Arrays (the copied path): a kernel can only read wasm memory, so the step runs
 * in chunks of {@link CHUNK} entries, and for each chunk every vector that is not in wasm memory is copied into a slot
 * of a workspace there, the kernel runs on the slots (and on the vectors that are in wasm memory, in place), and the
 * vectors the step writes are copied back.
 *
 * ```ts
 * const x = new Float32Array(1e7);      // what a reader writes; x.map(…), x.slice() make the same
 * const opt = adam();
 * const state = opt.init(x);            // ordinary Float32Arrays too: the state is made like x
 * opt.step(x, grad, state);             // the kernel, on copies: x, grad, m, v in and x, m, v out, chunk by chunk
 * ```
 *
 * What it costs: each copy reads and writes 4 bytes per entry, so Adam adds 7 × 8 bytes to the 28 its step moves, and
 * V8 copies to and from shared memory word by word (`TypedArray.prototype.set`: ≈ 55 GB/s on the machine measured,
 * in cache or not, against ≈ 175 GB/s between ordinary arrays in cache). Measured there (Node 24, Adam, 10⁶ and 10⁷
 * parameters): three times slower than the same step on vectors in wasm memory, and still about three times faster
 * than a hand-written JavaScript loop, which spends its time on float64 square roots and divisions one entry at a
 * time.
 *
 * Allocates nothing per step once it has seen the vectors: the workspace is allocated once, at the first copied step,
 * and the views that cut a vector into chunks are made the first time that vector is stepped, then kept for it (a
 * WeakMap: they go with it). A gradient made anew at every step (`x.map(…)`) gets its views anew each time too.
 */
import type { Vector } from "./types.ts";
import { fastFloat32Array, isWasmResident } from "./wasm-memory.ts";

/**
 * Entries per chunk: 131,072 (512 KiB a slot, 2.5 MiB for the five). Measured (Adam on 10⁷ ordinary Float32Arrays,
 * Node 24, ms per step): 26.9 at 4,096, 23.2 at 32,768, 21.2 at 65,536, 19.7 at 131,072, 19.4 at 262,144, 19.6 at
 * 524,288, 23 at 1,048,576 — shorter chunks pay for more calls and shorter runs of copying; the longest lose again
 * (its five slots take 20 MiB of that machine's 32 MiB L3 cache).
 */
export const CHUNK = 131072;
/** Slots: x, grad and up to three state vectors (AMSGrad's m, v, vMax; centered RMSprop with momentum's v, gAvg, b). */
const SLOTS = 5;

/** undefined: not made yet; null: wasm memory could not hold it (the copied path is then unavailable). */
let slots: Float32Array[] | null | undefined;
/** Each slot cut to a shorter length (a vector's last chunk), by length. */
const shortSlots = new Map<number, Float32Array[]>();
/** Each ordinary vector stepped so far, cut into views of CHUNK entries (the last one shorter). */
const pieces = new WeakMap<Vector, { length: number; views: Vector[] }>();

/** Whether the workspace is there, made at the first call; false when wasm memory cannot hold it. */
export function workspaceReady(): boolean {
  if (slots === undefined) {
    const made = Array.from({ length: SLOTS }, () => fastFloat32Array(CHUNK));
    slots = made.every(isWasmResident) ? made : null;
  }
  return slots !== null;
}

/**
 * What the kernel gets for entries `start` to `start + CHUNK` of `vector` (a Float32Array: fastKernelsFor checked):
 * the vector's own view of them when it lives in wasm memory, else slot `slot` of the workspace, holding a copy.
 */
export function stageIn(vector: Vector, slot: number, start: number): Vector {
  const piece = pieceOf(vector, start);
  if (isWasmResident(vector)) return piece;
  const target = slotOf(slot, piece.length);
  target.set(piece);
  return target;
}

/** After the kernel: copy slot `slot` back into `vector`'s chunk from `start`, unless the kernel wrote it in place. */
export function stageOut(vector: Vector, slot: number, start: number): void {
  if (isWasmResident(vector)) return;
  const piece = pieceOf(vector, start);
  piece.set(slotOf(slot, piece.length));
}

/** `vector`'s view of entries `start` to `start + CHUNK`, made the first time (cutIntoChunks), then looked up. */
function pieceOf(vector: Vector, start: number): Vector {
  let cut = pieces.get(vector);
  if (cut === undefined || cut.length !== vector.length) pieces.set(vector, (cut = cutIntoChunks(vector)));
  return cut.views[start / CHUNK]!;
}

/** Slot `slot`, or its view of the first `length` entries for a shorter chunk (a vector's last). */
function slotOf(slot: number, length: number): Float32Array {
  if (length === CHUNK) return slots![slot]!;
  let cut = shortSlots.get(length);
  if (cut === undefined) shortSlots.set(length, (cut = cutSlots(length)));
  return cut[slot]!;
}

function cutIntoChunks(vector: Vector): { length: number; views: Vector[] } {
  const count = Math.ceil(vector.length / CHUNK);
  const views = Array.from({ length: count }, (_, k) => vector.subarray(k * CHUNK, (k + 1) * CHUNK));
  return { length: vector.length, views };
}

function cutSlots(length: number): Float32Array[] {
  return slots!.map((whole) => whole.subarray(0, length));
}
