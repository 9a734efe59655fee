/**
 * The digits as loadDigits() gives them: the data set's counts, pixels scaled exactly, rows that match the source file,
 * and a stratified split that depends on the seed only.
 */
import { describe, expect, it } from "vitest";
import { DIGITS_FACTS } from "../../src/problems/data/digits-data.ts";
import { loadDigits } from "../../src/problems/index.ts";

const CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]; // sklearn's digits.rst: 1,797 images

function countPerDigit(labels: Uint8Array): number[] {
  const counts = Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

describe("loadDigits", () => {
  const digits = loadDigits();
  const { train, test } = digits;

  it("holds the 1,797 images of 64 pixels, with the data set's count of each digit", () => {
    expect(train.size + test.size).toBe(1797);
    expect(digits.features).toBe(64);
    expect(digits.classes).toBe(10);
    expect(train.inputs).toHaveLength(train.size * 64);
    expect(test.inputs).toHaveLength(test.size * 64);
    const total = countPerDigit(train.labels).map((count, digit) => count + countPerDigit(test.labels)[digit]!);
    expect(total).toEqual(CLASS_COUNTS);
    expect(DIGITS_FACTS.classCounts).toEqual(CLASS_COUNTS);
  });

  it("decodes every pixel: the sum of the 0–16 values is the one the converter recorded", () => {
    let sum = 0;
    for (const part of [train, test]) for (const pixel of part.inputs) sum += pixel * 16;
    expect(sum).toBe(DIGITS_FACTS.pixelSum);
  });

  it("scales the pixels 0–16 to [0, 1] by dividing by 16, exactly", () => {
    const values = new Set([...train.inputs, ...test.inputs]);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, k) => k / 16));
  });

  it("gives the source file's rows: image 0 is a 0, image 1796 an 8", () => {
    // The first and last lines of sklearn/datasets/data/digits.csv.gz.
    const first = [
      0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8,
      0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
    ];
    const last = [
      0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0, 0, 0,
      12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0,
    ];
    const image = (index: number) => {
      for (const part of [train, test]) {
        const row = part.indices.indexOf(index);
        if (row >= 0)
          return {
            pixels: Array.from(part.inputs.subarray(row * 64, row * 64 + 64), (v) => v * 16),
            label: part.labels[row],
          };
      }
      throw new Error(`image ${index} is in neither set`);
    };
    expect(image(0)).toEqual({ pixels: first, label: 0 });
    expect(image(1796)).toEqual({ pixels: last, label: 8 });
  });

  it("holds out round(0.2 · count) images of each digit: 1,438 to train on, 359 to test", () => {
    expect([train.size, test.size]).toEqual([1438, 359]);
    expect(countPerDigit(test.labels)).toEqual(CLASS_COUNTS.map((count) => Math.round(0.2 * count)));
    expect(countPerDigit(test.labels)).toEqual([36, 36, 35, 37, 36, 36, 36, 36, 35, 36]);
  });

  it("keeps the data set's order within each set, and puts every image in exactly one", () => {
    for (const { indices } of [train, test])
      for (let k = 1; k < indices.length; k++) expect(indices[k]).toBeGreaterThan(indices[k - 1]!);
    expect([...train.indices, ...test.indices].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1797 }, (_, i) => i),
    );
  });

  it("splits the same way for the same seed, another way for another seed", () => {
    expect(loadDigits({ seed: 0 }).test.indices).toEqual(test.indices);
    const other = loadDigits({ seed: 1 });
    expect(other.test.indices).not.toEqual(test.indices);
    expect(countPerDigit(other.test.labels)).toEqual(countPerDigit(test.labels));
  });

  it("follows testFraction, keeping at least one image of each digit on each side", () => {
    expect(loadDigits({ testFraction: 0.5 }).test.size).toBe(
      CLASS_COUNTS.reduce((sum, count) => sum + Math.round(count / 2), 0),
    );
    expect(countPerDigit(loadDigits({ testFraction: 1e-6 }).test.labels)).toEqual(Array(10).fill(1));
    expect(countPerDigit(loadDigits({ testFraction: 0.999999 }).train.labels)).toEqual(Array(10).fill(1));
  });

  it("returns fresh arrays: changing one call's data leaves the next call's alone", () => {
    const first = loadDigits();
    first.train.inputs.fill(7);
    first.train.labels.fill(3);
    const second = loadDigits();
    expect(second.train.inputs).toEqual(train.inputs);
    expect(second.train.labels).toEqual(train.labels);
  });

  it("names the option, the allowed range and the value received", () => {
    expect(() => loadDigits({ testFraction: 0 })).toThrow(
      new RangeError("loadDigits: testFraction must be a number in (0, 1); received 0"),
    );
    expect(() => loadDigits({ testFraction: 1 })).toThrow(
      new RangeError("loadDigits: testFraction must be a number in (0, 1); received 1"),
    );
    expect(() => loadDigits({ testFraction: "0.2" as never })).toThrow(
      new TypeError('loadDigits: testFraction must be a number in (0, 1); received "0.2"'),
    );
    expect(() => loadDigits({ seed: -1 })).toThrow(
      new RangeError("loadDigits: seed must be an integer ≥ 0; received -1"),
    );
    expect(() => loadDigits({ testSize: 0.3 } as never)).toThrow(
      new TypeError(
        'loadDigits: unknown option "testSize" (received 0.3); did you mean "testFraction"? the options are seed, testFraction',
      ),
    );
  });
});
