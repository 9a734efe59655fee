/**
 * Tables that read: a cell that returns an array of records shows it as a table, with numbers in full precision.
 * `rounded(rows, 4)` keeps 4 significant digits (in arrays too) so that columns can be compared by eye.
 *
 * ```ts
 * rounded([{ t: 1, m: 0.123456789 }]) // [{ t: 1, m: 0.1235 }]
 * ```
 */

export function rounded<Row extends object>(rows: readonly Row[], significantDigits = 4): Row[] {
  if (!Number.isInteger(significantDigits) || significantDigits < 1 || significantDigits > 17)
    throw new RangeError(`rounded: significantDigits must be an integer in [1, 17]; received ${significantDigits}`);
  const round = (value: unknown): unknown => {
    if (typeof value === "number")
      return Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(significantDigits)) : value;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, round);
    return value;
  };
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, round(value)])) as Row);
}

/**
 * A vector as NumPy prints a float array: `decimals` digits, trailing zeros blanked, columns aligned —
 * `[2.80000003 3.80000002]`, `[ 0.27175946 -0.35494334]` — so a cell's output can be compared with a Python
 * tutorial's character by character.
 */
export function numpyVector(values: ArrayLike<number>, decimals = 8): string {
  const cells = Array.from(values, (x) =>
    x.toFixed(decimals).replace(/(\.\d*?)(0+)$/, (_, kept: string, zeros: string) => kept + " ".repeat(zeros.length)),
  );
  const width = Math.max(...cells.map((cell) => cell.length));
  return `[${cells.map((cell) => cell.padStart(width)).join(" ")}]`;
}
