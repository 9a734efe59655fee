/**
 * A small seeded random number generator for stochastic problems, data sets and cells: mulberry32 for uniforms,
 * Box–Muller for normals. The same seed gives the same numbers in Node, in a build-time cell and in the browser.
 *
 * ```ts
 * const random = rng(42);
 * random.uniform(); // in [0, 1), 32 bits of randomness
 * random.normal();  // standard normal
 * random.integer(6); // 0, 1, …, 5
 * ```
 *
 * Not for cryptography. mulberry32 (Tommy Ettinger, 2017) has a period of 2³² and passes gjrand's tests, which is
 * plenty for lessons; it is four integer operations, so reseeding per step (see {@link mixSeed}) costs nothing.
 */
import { integer, resolveOptions, type Specs } from "../optim/validate.ts";

export interface Random {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A standard normal number (mean 0, variance 1). */
  normal(): number;
  /** A uniform integer in 0, 1, …, n − 1. */
  integer(n: number): number;
  /** Shuffle a list in place (Fisher–Yates) and return it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(list: T): T;
  /** Restart the sequence from another seed, in place (allocates nothing). */
  reseed(seed: number): void;
}

const seedSpecs: Specs<{ seed: number }> = { seed: integer(0, 0) };

/** A generator seeded with an integer ≥ 0 (default 0). */
export function rng(seed?: number): Random {
  let state = resolveOptions("rng", seedSpecs, seed === undefined ? {} : { seed }).seed >>> 0;
  let spareNormal: number | undefined;
  const uniform = () => {
    state = (state + 0x6d2b79f5) | 0;
    let z = Math.imul(state ^ (state >>> 15), 1 | state);
    z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal() {
      if (spareNormal !== undefined) {
        const normal = spareNormal;
        spareNormal = undefined;
        return normal;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − u ∈ (0, 1]: never log(0)
      const angle = 2 * Math.PI * uniform();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    integer: (n) => Math.floor(uniform() * n),
    shuffle(list) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const swap = list[i];
        list[i] = list[j];
        list[j] = swap;
      }
      return list;
    },
    reseed(seed) {
      state = seed >>> 0;
      spareNormal = undefined;
    },
  };
}

/** A well-mixed 32-bit seed from a seed and a counter (a step, an epoch): independent-looking streams per step. */
export function mixSeed(seed: number, counter: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(counter >>> 0, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
