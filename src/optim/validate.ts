/**
 * Option checking for every optimizer, problem and `minimize`, with one wording:
 *
 *     adam: betas[0] must be a number in [0, 1); received 1.5
 *
 * Each message names the optimizer (or problem), the parameter, the allowed range and the value received. Range
 * problems throw RangeError, type problems TypeError. Tests assert this wording; keep it here and only here.
 */
import type { LearningRate, ParameterLayout, StepCount, Vector } from "./types.ts";

/** How one option is checked: its default and a function that returns the accepted value or throws. */
export interface OptionSpec<T> {
  default: T;
  check(value: unknown, where: Where): T;
}

/** Who checks (an optimizer, a problem, `minimize`) and which option. */
export interface Where {
  owner: string;
  name: string;
}

export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Vector).length})`;
  if (value !== null && typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

export function rangeError(where: Where, allowed: string, value: unknown): RangeError {
  return new RangeError(`${where.owner}: ${where.name} must be ${allowed}; received ${show(value)}`);
}

export function typeError(where: Where, allowed: string, value: unknown): TypeError {
  return new TypeError(`${where.owner}: ${where.name} must be ${allowed}; received ${show(value)}`);
}

function checkNumber(value: unknown, where: Where, allowed: string, inRange: (x: number) => boolean): number {
  if (typeof value !== "number") throw typeError(where, allowed, value);
  if (!inRange(value)) throw rangeError(where, allowed, value);
  return value;
}

/** A finite number ≥ 0. */
export function nonNegative(defaultValue: number): OptionSpec<number> {
  const allowed = "a finite number ≥ 0";
  return {
    default: defaultValue,
    check: (value, where) => checkNumber(value, where, allowed, (x) => Number.isFinite(x) && x >= 0),
  };
}

/** A finite number > 0 (ε, so that no division by zero can happen). */
export function positive(defaultValue: number): OptionSpec<number> {
  return above(0, defaultValue);
}

/** A number in [0, 1): a decay rate such as β, ρ or α. */
export function decayRate(defaultValue: number): OptionSpec<number> {
  const allowed = "a number in [0, 1)";
  return { default: defaultValue, check: (value, where) => checkNumber(value, where, allowed, (x) => x >= 0 && x < 1) };
}

/** A number in (0, 1]: a schedule's starting factor (PyTorch's LinearLR start_factor). */
export function positiveFraction(defaultValue: number): OptionSpec<number> {
  const allowed = "a number in (0, 1]";
  return { default: defaultValue, check: (value, where) => checkNumber(value, where, allowed, (x) => x > 0 && x <= 1) };
}

/** A number in [0, 1]: dampening. */
export function fraction(defaultValue: number): OptionSpec<number> {
  const allowed = "a number in [0, 1]";
  return {
    default: defaultValue,
    check: (value, where) => checkNumber(value, where, allowed, (x) => x >= 0 && x <= 1),
  };
}

export function boolean(defaultValue: boolean): OptionSpec<boolean> {
  return {
    default: defaultValue,
    check(value, where) {
      if (typeof value !== "boolean") throw typeError(where, "true or false", value);
      return value;
    },
  };
}

/** Two decay rates [β₁, β₂], each in [0, 1). */
export function betaPair(defaultValue: readonly [number, number]): OptionSpec<readonly [number, number]> {
  const beta = decayRate(0);
  return {
    default: defaultValue,
    check(value, where) {
      if (!Array.isArray(value) || value.length !== 2)
        throw typeError(where, "a pair [β₁, β₂] of numbers in [0, 1)", value);
      return [
        beta.check(value[0], { ...where, name: `${where.name}[0]` }),
        beta.check(value[1], { ...where, name: `${where.name}[1]` }),
      ] as const;
    },
  };
}

/** A finite number ≥ 0, or a function of the 1-based step t returning one (checked at each step). */
export function learningRate(defaultValue: number): OptionSpec<LearningRate> {
  const allowed = "a finite number ≥ 0 or a function of the step t";
  return {
    default: defaultValue,
    check(value, where) {
      if (typeof value === "function") return value as (t: number) => number;
      return checkNumber(value, where, allowed, (x) => Number.isFinite(x) && x >= 0);
    },
  };
}

/** A finite number > `bound`: ε (bound 0, so that no division by zero can happen), Reddi's C (bound 2). */
export function above(bound: number, defaultValue: number): OptionSpec<number> {
  const allowed = `a finite number > ${bound}`;
  return {
    default: defaultValue,
    check: (value, where) => checkNumber(value, where, allowed, (x) => Number.isFinite(x) && x > bound),
  };
}

/** A finite number ≥ `bound`: Adafactor's clipping threshold d (bound 1). */
export function atLeast(bound: number, defaultValue: number): OptionSpec<number> {
  const allowed = `a finite number ≥ ${bound}`;
  return {
    default: defaultValue,
    check: (value, where) => checkNumber(value, where, allowed, (x) => Number.isFinite(x) && x >= bound),
  };
}

/** A finite number ≤ `bound`: Adafactor's β₂ decay exponent (bound 0). */
export function atMost(bound: number, defaultValue: number): OptionSpec<number> {
  const allowed = `a finite number ≤ ${bound}`;
  return {
    default: defaultValue,
    check: (value, where) => checkNumber(value, where, allowed, (x) => Number.isFinite(x) && x <= bound),
  };
}

/** One of a few strings (Muon's adjustLr). */
export function oneOf<T extends string>(values: readonly T[], defaultValue: T): OptionSpec<T> {
  const allowed = `one of ${values.map(show).join(", ")}`;
  return {
    default: defaultValue,
    check(value, where) {
      if (typeof value !== "string") throw typeError(where, allowed, value);
      if (!values.includes(value as T)) throw rangeError(where, allowed, value);
      return value as T;
    },
  };
}

/** Any finite number (a shift, a data set's true slope). */
export function finite(defaultValue: number): OptionSpec<number> {
  const allowed = "a finite number";
  return { default: defaultValue, check: (value, where) => checkNumber(value, where, allowed, Number.isFinite) };
}

/** An integer ≥ `least` (a sample count, a seed, a number of steps), and ≤ `most` when that is given. */
export function integer(least: number, defaultValue: number, most = Infinity): OptionSpec<number> {
  const allowed = most === Infinity ? `an integer ≥ ${least}` : `an integer in [${least}, ${most}]`;
  return {
    default: defaultValue,
    check: (value, where) =>
      checkNumber(value, where, allowed, (x) => Number.isSafeInteger(x) && x >= least && x <= most),
  };
}

/**
 * Options that are valid alone but not together, e.g. `sgd: nesterov must be false unless momentum > 0 and
 * dampening = 0; received momentum 0, dampening 0`.
 */
export function conflictError(owner: string, rule: string, received: Record<string, unknown>): RangeError {
  const values = Object.entries(received).map(([name, value]) => `${name} ${show(value)}`);
  return new RangeError(`${owner}: ${rule}; received ${values.join(", ")}`);
}

export type Specs<Options> = { [K in keyof Options]-?: OptionSpec<Options[K]> };

/**
 * Fill in defaults and check every option. Unknown names fail (with a suggestion when one is close), so that a typo
 * such as `beta1` cannot silently fall back to a default.
 */
export function resolveOptions<Options extends object>(
  owner: string,
  specs: Specs<Options>,
  given: Partial<Options> | undefined,
): Options {
  if (given !== undefined && (given === null || typeof given !== "object" || Array.isArray(given)))
    throw new TypeError(`${owner}: options must be an object; received ${show(given)}`);
  const known = Object.keys(specs);
  for (const name of Object.keys(given ?? {})) {
    if (!known.includes(name)) {
      const suggestion = closest(name, known);
      throw new TypeError(
        `${owner}: unknown option ${JSON.stringify(name)} (received ${show((given as Record<string, unknown>)[name])}); ` +
          `${suggestion ? `did you mean ${JSON.stringify(suggestion)}? ` : ""}the options are ${known.join(", ")}`,
      );
    }
  }
  const resolved: Record<string, unknown> = {};
  for (const name of known) {
    const spec = (specs as Record<string, OptionSpec<unknown>>)[name]!;
    const value = (given as Record<string, unknown> | undefined)?.[name];
    resolved[name] = value === undefined ? spec.default : spec.check(value, { owner, name });
  }
  return Object.freeze(resolved) as Options;
}

/** The learning rate at step t (1-based), checking a schedule's answer. */
export function learningRateAt(optimizer: string, lr: LearningRate, t: number): number {
  if (typeof lr === "number") return lr;
  const value = lr(t);
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new RangeError(`${optimizer}: lr(t) must return a finite number ≥ 0; received ${show(value)} at t = ${t}`);
  return value;
}

/** Check the vectors handed to `init`. */
export function checkParameters(optimizer: string, x: unknown): asserts x is Vector {
  if (!(x instanceof Float64Array || x instanceof Float32Array))
    throw new TypeError(`${optimizer}.init: x must be a Float64Array or Float32Array; received ${show(x)}`);
}

/**
 * Check the layout handed to `init` (types.ts, {@link ParameterLayout}) and return x's shape: `[x.length]` when none
 * is given, else `[n]` or `[rows, cols]` with product x.length.
 */
export function checkShape(optimizer: string, x: Vector, layout: unknown): readonly number[] {
  if (layout === undefined) return [x.length];
  if (layout === null || typeof layout !== "object" || Array.isArray(layout))
    throw new TypeError(
      `${optimizer}.init: layout must be an object such as { shape: [rows, cols] }; received ${show(layout)}`,
    );
  for (const name of Object.keys(layout))
    if (name !== "shape")
      throw new TypeError(`${optimizer}.init: unknown layout option ${JSON.stringify(name)}; the only one is shape`);
  const { shape } = layout as ParameterLayout;
  if (shape === undefined) return [x.length];
  const where = { owner: `${optimizer}.init`, name: "shape" };
  const allowed = `[n] or [rows, cols], positive integers whose product is x's length (${x.length})`;
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== "number")) throw typeError(where, allowed, shape);
  const dimensions = shape as number[];
  if (
    dimensions.length < 1 ||
    dimensions.length > 2 ||
    !dimensions.every((d) => Number.isSafeInteger(d) && d > 0) ||
    dimensions.reduce((product, d) => product * d, 1) !== x.length
  )
    throw rangeError(where, allowed, shape);
  return Object.freeze([...dimensions]);
}

/**
 * Check the vectors handed to `step`: x and grad of the same kind and length, and state vectors made for them.
 * O(number of state vectors), so it costs nothing next to the update itself.
 */
export function checkStep(
  optimizer: string,
  x: unknown,
  grad: unknown,
  state: StepCount & object,
  stateVectors: readonly string[],
): void {
  if (!(x instanceof Float64Array || x instanceof Float32Array))
    throw new TypeError(`${optimizer}.step: x must be a Float64Array or Float32Array; received ${show(x)}`);
  if (!(grad instanceof Float64Array || grad instanceof Float32Array))
    throw new TypeError(`${optimizer}.step: grad must be a Float64Array or Float32Array; received ${show(grad)}`);
  if (grad.length !== x.length)
    throw new RangeError(
      `${optimizer}.step: grad must have the length of x (${x.length}); received length ${grad.length}`,
    );
  if (state === null || typeof state !== "object" || typeof state.t !== "number")
    throw new TypeError(`${optimizer}.step: state must come from ${optimizer}.init(x); received ${show(state)}`);
  for (const name of stateVectors) {
    const vector = (state as unknown as Record<string, unknown>)[name];
    if (!(vector instanceof Float64Array || vector instanceof Float32Array) || vector.length !== x.length)
      throw new RangeError(
        `${optimizer}.step: state.${name} must be a vector of the length of x (${x.length}), as made by ` +
          `${optimizer}.init(x); received ${show(vector)}`,
      );
  }
}

/** A list of numbers as a caller may hand it over: an array or a typed array. */
export type NumberList = ArrayLike<number>;

function isNumberList(value: unknown): value is NumberList {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Check a vector handed to a function such as `rosenbrock.gradient(x)`: a list of `length` entries. O(1), so it can
 * sit on a hot path; it does not look at the entries.
 */
export function checkLength(owner: string, name: string, value: unknown, length: number): asserts value is NumberList {
  if (!isNumberList(value))
    throw new TypeError(
      `${owner}: ${name} must be an array or typed array of ${length} numbers; received ${show(value)}`,
    );
  if (value.length !== length)
    throw new RangeError(`${owner}: ${name} must have length ${length}; received length ${value.length}`);
}

/**
 * A non-empty list of finite numbers (an array or a typed array), of a given length when `length` is set and all
 * > 0 when `positive` is: a starting point, a quadratic's curvatures. The value is returned as given.
 */
export function finiteNumbers<T extends NumberList | undefined>(
  defaultValue: T,
  { length, positive = false }: { length?: number; positive?: boolean } = {},
): OptionSpec<NumberList | T> {
  const allowed = `an array of ${length ?? "one or more"} finite numbers${positive ? " > 0" : ""}`;
  return {
    default: defaultValue,
    check(value, where) {
      if (!isNumberList(value) || Array.prototype.some.call(value, (x) => typeof x !== "number"))
        throw typeError(where, allowed, value);
      const inRange = (x: number) => Number.isFinite(x) && (!positive || x > 0);
      if (
        value.length === 0 ||
        (length !== undefined && value.length !== length) ||
        !Array.prototype.every.call(value, inRange)
      )
        throw rangeError(where, allowed, value);
      return value;
    },
  };
}

function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best) return best;
  return candidates.find((candidate) => candidate.toLowerCase().startsWith(name.toLowerCase().slice(0, 4)));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
