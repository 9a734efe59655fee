/**
 * Checks for exercise cells: `check(name, fn)` registers a named check, `expect(actual)` asserts inside it.
 * The kernel runs an exercise's hidden checks after the learner's code and reports which passed.
 *
 * ```ts
 * check("the first step moves x by lr", () => {
 *   expect(momentumStep(1, 0, 2, 0.1).x).toBeCloseTo(0.8, 12);
 * });
 * ```
 */
import { inspectText } from "../shared/inspect.ts";
import type { CheckResult } from "../shared/outputs.ts";

export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckFailure";
  }
}

const show = (value: unknown) => inspectText(value, { maxItems: 8, maxDepth: 2 });

export function expect(actual: unknown) {
  return matchers(actual, false);
}

function matchers(actual: unknown, negated: boolean) {
  const assert = (pass: boolean, message: string) => {
    if (pass === negated)
      throw new CheckFailure(negated ? message.replace(/^expected (.*?) to /, "expected $1 not to ") : message);
  };
  return {
    get not() {
      return matchers(actual, !negated);
    },
    toBe(expected: unknown) {
      assert(Object.is(actual, expected), `expected ${show(actual)} to be ${show(expected)}`);
    },
    toEqual(expected: unknown) {
      assert(deepEqual(actual, expected), `expected ${show(actual)} to equal ${show(expected)}`);
    },
    /** |actual − expected| < 10^(−digits)/2, elementwise for arrays (as Jest's toBeCloseTo). Default 2 digits. */
    toBeCloseTo(expected: number | ArrayLike<number>, digits = 2) {
      const tolerance = 10 ** -digits / 2;
      const pass = closeTo(actual, expected, tolerance);
      assert(pass, `expected ${show(actual)} to be close to ${show(expected)} (within ${tolerance})`);
    },
    toBeLessThan(bound: number) {
      assert(typeof actual === "number" && actual < bound, `expected ${show(actual)} to be less than ${show(bound)}`);
    },
    toBeGreaterThan(bound: number) {
      assert(
        typeof actual === "number" && actual > bound,
        `expected ${show(actual)} to be greater than ${show(bound)}`,
      );
    },
    toBeTruthy() {
      assert(Boolean(actual), `expected ${show(actual)} to be truthy`);
    },
    toBeFinite() {
      const values = typeof actual === "number" ? [actual] : isNumberList(actual) ? Array.from(actual) : [NaN];
      assert(values.every(Number.isFinite), `expected ${show(actual)} to be finite (no NaN or ±Infinity)`);
    },
    toHaveLength(length: number) {
      const actualLength = (actual as { length?: unknown } | null)?.length;
      assert(
        actualLength === length,
        `expected ${show(actual)} to have length ${length}, but its length is ${show(actualLength)}`,
      );
    },
    toThrow(pattern?: string | RegExp) {
      if (typeof actual !== "function") throw new CheckFailure(`expected a function to call; received ${show(actual)}`);
      let thrown: unknown;
      let threw = false;
      try {
        (actual as () => unknown)();
      } catch (error) {
        threw = true;
        thrown = error;
      }
      const message = String((thrown as Error)?.message ?? thrown);
      const matches = !pattern || (typeof pattern === "string" ? message.includes(pattern) : pattern.test(message));
      assert(
        threw && matches,
        `expected the function to throw${pattern ? ` ${show(pattern)}` : ""}${threw ? `; it threw ${show(message)}` : "; it did not throw"}`,
      );
    },
  };
}

/** Collects checks while an exercise's check code runs, then runs them in order. */
export function createCheckRegistry() {
  const checks: { name: string; fn: () => unknown }[] = [];
  return {
    check(name: string, fn: () => unknown) {
      if (typeof name !== "string" || typeof fn !== "function")
        throw new TypeError(
          `check(name, fn): name must be a string and fn a function; received ${show(name)}, ${show(fn)}`,
        );
      checks.push({ name, fn });
    },
    async run(): Promise<CheckResult[]> {
      const results: CheckResult[] = [];
      for (const { name, fn } of checks) {
        try {
          await fn();
          results.push({ name, passed: true });
        } catch (error) {
          // A check's own words (a failed expect, or `throw new Error("your m is 0.6; expected 0.06 …")`) show as
          // written; an error the learner's code raised (TypeError, RangeError, …) keeps its name.
          const message =
            error instanceof Error
              ? error instanceof CheckFailure || error.name === "Error"
                ? error.message
                : `${error.name}: ${error.message}`
              : show(error);
          results.push({ name, passed: false, message });
        }
      }
      return results;
    },
  };
}

function isNumberList(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function closeTo(actual: unknown, expected: number | ArrayLike<number>, tolerance: number): boolean {
  if (typeof expected === "number") return typeof actual === "number" && Math.abs(actual - expected) < tolerance;
  if (!isNumberList(actual) || actual.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (!(Math.abs(actual[i]! - expected[i]!) < tolerance)) return false;
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (isNumberList(a) && isNumberList(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map && b instanceof Map)
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && deepEqual(value, b.get(key)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((value) => b.has(value));
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
