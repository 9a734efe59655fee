import { describe, expect, it } from "vitest";
import { mixSeed, rng } from "../../src/problems/index.ts";

/** mulberry32 as its author published it, to check ours against. */
function referenceMulberry32(a: number) {
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("rng", () => {
  it("is mulberry32", () => {
    for (const seed of [0, 1, 42, 2 ** 31 + 5]) {
      const ours = rng(seed);
      const reference = referenceMulberry32(seed);
      for (let i = 0; i < 1000; i++) expect(ours.uniform()).toBe(reference());
    }
  });

  it("repeats itself for a seed, and restarts with reseed", () => {
    const first = rng(7);
    const sequence = [first.uniform(), first.normal(), first.normal(), first.integer(10)];
    const second = rng(7);
    expect([second.uniform(), second.normal(), second.normal(), second.integer(10)]).toEqual(sequence);
    second.reseed(7);
    expect(second.uniform()).toBe(sequence[0]);
  });

  it("draws standard normals (mean 0, variance 1) and uniform integers", () => {
    const random = rng(1);
    const normals = Array.from({ length: 100_000 }, () => random.normal());
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[random.integer(6)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it("shuffles in place into a permutation", () => {
    const list = Int32Array.from({ length: 50 }, (_, i) => i);
    expect(rng(3).shuffle(list)).toBe(list);
    expect([...list].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...list]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("mixes a seed and a counter into distinct seeds", () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, t) => mixSeed(1, t)));
    expect(seeds.size).toBe(10_000);
    expect(mixSeed(1, 5)).not.toBe(mixSeed(2, 5));
  });

  it("rejects a seed that is not an integer ≥ 0", () => {
    expect(() => rng(1.5)).toThrow(new RangeError("rng: seed must be an integer ≥ 0; received 1.5"));
    expect(() => rng("1" as never)).toThrow(new TypeError('rng: seed must be an integer ≥ 0; received "1"'));
  });
});
