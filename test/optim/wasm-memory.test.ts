/**
 * Float32Arrays in wasm memory: what `fastFloat32Array` hands out (zeroed, aligned, never overlapping, valid after
 * the memory grows), `zerosLike`'s residency rule, which array operations keep an array there (as wasm-memory.ts and
 * the cell library's reference list them), the argument's wording, and the block allocator's bookkeeping (reuse,
 * merging, giving the top back, failing cleanly when the memory cannot grow).
 */
import { describe, expect, it } from "vitest";
import { Blocks } from "../../src/optim/blocks.ts";
import {
  fastFloat32Array,
  fastPathAvailable,
  isWasmResident,
  wasmMemoryUse,
  zerosLike,
} from "../../src/optim/index.ts";

describe.runIf(fastPathAvailable())("fastFloat32Array", () => {
  it("returns a zeroed Float32Array of the length asked for, in wasm memory, 64-byte aligned above 64 KiB", () => {
    const x = fastFloat32Array(10);
    expect([x instanceof Float32Array, x.length, isWasmResident(x), ...x]).toEqual([true, 10, true, ...Array(10).fill(0)]); // prettier-ignore
    expect(x.byteOffset % 64).toBe(0);
    expect(x.byteOffset).toBeGreaterThanOrEqual(65536);
    expect(fastFloat32Array(0).length).toBe(0);
  });

  it("hands out arrays that never overlap", () => {
    const arrays = [3, 16, 17, 100, 1].map((n) => fastFloat32Array(n));
    arrays.forEach((array, k) => array.fill(k + 1));
    arrays.forEach((array, k) => expect(new Set(array)).toEqual(new Set([k + 1])));
  });

  it("keeps earlier arrays valid when the memory grows (a shared memory never detaches)", () => {
    const early = fastFloat32Array(4);
    early.set([1, 2, 3, 4]);
    const { size } = wasmMemoryUse();
    const large = fastFloat32Array(size / 4 + 1e6); // more than the whole memory so far: it must grow
    expect(wasmMemoryUse().size).toBeGreaterThan(size);
    large[large.length - 1] = 5;
    expect([...early, early.length, large[large.length - 1]]).toEqual([1, 2, 3, 4, 4, 5]);
  });

  it("makes zerosLike(x) like x: in wasm memory when x is, else a plain array of x's kind", () => {
    const x = fastFloat32Array(5);
    expect([isWasmResident(zerosLike(x)), zerosLike(x).length, zerosLike(x, 7).length]).toEqual([true, 5, 7]);
    expect(isWasmResident(zerosLike(new Float32Array(5)))).toBe(false);
    expect(zerosLike(new Float64Array(5))).toBeInstanceOf(Float64Array);
    expect(isWasmResident(new Float32Array(x.buffer, x.byteOffset, 2))).toBe(true); // a view on it is resident too
    expect(isWasmResident(new Float64Array(5))).toBe(false);
  });

  it("stays there through subarray, fill, set, sort and copyWithin; map, slice, filter and from make ordinary arrays", () => {
    const x = fastFloat32Array(8).fill(2);
    const inPlace = [x.subarray(2), x.fill(1), x.sort(), x.copyWithin(0, 4), (x.set([3]), x)];
    expect(inPlace.map(isWasmResident)).toEqual([true, true, true, true, true]);
    const copies = [x.map((v) => v), x.slice(), x.filter(() => true), Float32Array.from(x), new Float32Array(x)];
    expect(copies.map(isWasmResident)).toEqual([false, false, false, false, false]);
  });

  it("is shared, not copied, by structuredClone: the clone is an ordinary-looking view of the same memory", () => {
    const x = fastFloat32Array(4);
    const clone = structuredClone(x);
    clone[0] = 5;
    expect([x[0], isWasmResident(clone), isWasmResident(x.slice())]).toEqual([5, false, false]);
  });

  it("names the argument, the range and the value received", () => {
    expect(() => fastFloat32Array(-1)).toThrow(
      new RangeError("fastFloat32Array: length must be an integer ≥ 0; received -1"),
    );
    expect(() => fastFloat32Array("3" as never)).toThrow(
      new TypeError('fastFloat32Array: length must be an integer ≥ 0; received "3"'),
    );
  });
});

describe("Blocks, the allocator behind fastFloat32Array", () => {
  const make = (limit = Infinity) => new Blocks(1024, 64, (end) => end <= limit);

  it("aligns blocks and hands them out upward from the start", () => {
    const blocks = make();
    expect([blocks.allocate(1), blocks.allocate(64), blocks.allocate(65), blocks.allocate(0)]).toEqual([
      1024, 1088, 1152, 1280,
    ]);
    expect(blocks.usage).toEqual({ used: 320, top: 1344, free: 0 });
  });

  it("reuses a freed block for a request that fits, splitting it", () => {
    const blocks = make();
    const [a, b] = [blocks.allocate(256), blocks.allocate(64)];
    blocks.release(a);
    expect(blocks.allocate(64)).toBe(a);
    expect(blocks.allocate(128)).toBe(a + 64);
    expect(blocks.allocate(128)).toBe(b + 64); // the 64 bytes left at a + 192 are too small
    expect(blocks.usage.free).toBe(1);
  });

  it("merges neighbouring free blocks and gives a free top back", () => {
    const blocks = make();
    const [a, b, c, d] = [64, 64, 64, 64].map((n) => blocks.allocate(n));
    blocks.release(a);
    blocks.release(c);
    blocks.release(b); // a, b, c merge into one block
    expect(blocks.usage).toEqual({ used: 64, top: 1280, free: 1 });
    expect(blocks.allocate(192)).toBe(a);
    blocks.release(d);
    expect(blocks.usage.top).toBe(1216); // d was the top block: the top comes down
    blocks.release(d); // twice: ignored
    expect(blocks.usage.used).toBe(192);
  });

  it("fails with -1 when the memory cannot reach the new block's end, and stays usable", () => {
    const blocks = make(1024 + 256);
    expect(blocks.allocate(256)).toBe(1024);
    expect(blocks.allocate(64)).toBe(-1);
    expect(blocks.usage).toEqual({ used: 256, top: 1280, free: 0 });
  });
});
