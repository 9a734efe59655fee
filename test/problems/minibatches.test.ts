/** Minibatches: every example once per epoch, an order fixed by seed and epoch, one reused buffer. */
import { describe, expect, it } from "vitest";
import { minibatches, type Batch } from "../../src/problems/index.ts";

/** Ten examples of two features: example i is [i, 100 + i] with label i. */
function tenExamples(): Batch {
  const inputs = new Float64Array(20);
  for (let i = 0; i < 10; i++) inputs.set([i, 100 + i], 2 * i);
  return { inputs, labels: Uint8Array.from({ length: 10 }, (_, i) => i), size: 10, features: 2 };
}

/** The labels of each batch of an epoch, i.e. which examples it holds. */
function epochOrder(batches: ReturnType<typeof minibatches>, epoch: number): number[][] {
  batches.shuffle(epoch);
  return Array.from({ length: batches.perEpoch }, (_, k) =>
    Array.from(batches.batch(k).labels.subarray(0, batches.batch(k).size)),
  );
}

describe("minibatches", () => {
  it("cuts an epoch into ⌈n/b⌉ batches, the last one smaller, visiting every example once", () => {
    const batches = minibatches(tenExamples(), { batchSize: 4, seed: 3 });
    expect(batches.perEpoch).toBe(3);
    const order = epochOrder(batches, 0);
    expect(order.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(order.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("gathers each example's inputs with its label", () => {
    const batches = minibatches(tenExamples(), { batchSize: 4 });
    batches.shuffle(5);
    const batch = batches.batch(1);
    for (let r = 0; r < batch.size; r++) {
      const i = batch.labels[r]!;
      expect([batch.inputs[2 * r], batch.inputs[2 * r + 1]]).toEqual([i, 100 + i]);
    }
    expect(batch.features).toBe(2);
  });

  it("draws the same order for the same seed and epoch, others for other epochs and seeds", () => {
    const a = minibatches(tenExamples(), { batchSize: 10, seed: 1 });
    const b = minibatches(tenExamples(), { batchSize: 10, seed: 1 });
    expect(epochOrder(a, 2)).toEqual(epochOrder(b, 2));
    expect(epochOrder(a, 0)).toEqual(epochOrder(b, 0)); // going back to an epoch gives its order again
    expect(epochOrder(a, 0)).not.toEqual(epochOrder(a, 1));
    expect(epochOrder(minibatches(tenExamples(), { batchSize: 10, seed: 2 }), 0)).not.toEqual(epochOrder(a, 0));
  });

  it("hands out one buffer, refilled by each call", () => {
    const batches = minibatches(tenExamples(), { batchSize: 4 });
    batches.shuffle(0);
    expect(batches.batch(0)).toBe(batches.batch(2));
  });

  it("gathers float32 inputs into a float32 buffer", () => {
    const examples = tenExamples();
    const batches = minibatches({ ...examples, inputs: Float32Array.from(examples.inputs) }, { batchSize: 4 });
    batches.shuffle(0);
    expect(batches.batch(0).inputs).toBeInstanceOf(Float32Array);
  });

  it("names the option, the allowed range and the value received", () => {
    expect(() => minibatches(tenExamples(), { batchSize: 11 })).toThrow(
      new RangeError(
        "minibatches: batchSize must be at most the number of examples; received batchSize 11, examples 10",
      ),
    );
    expect(() => minibatches(tenExamples(), { batchSize: 0 })).toThrow(
      new RangeError("minibatches: batchSize must be an integer ≥ 1; received 0"),
    );
    const batches = minibatches(tenExamples(), { batchSize: 4 });
    expect(() => batches.batch(3)).toThrow(
      new RangeError("minibatches.batch: k must be an integer in [0, 2]; received 3"),
    );
    expect(() => minibatches([1, 2, 3] as never)).toThrow(
      new TypeError(
        "minibatches: examples must be a batch { inputs, labels, size, features } such as loadDigits().train; received [1, 2, 3]",
      ),
    );
    expect(() => minibatches({ ...tenExamples(), size: 11 })).toThrow(
      new RangeError(
        "minibatches: examples must hold size × features = 22 inputs and 11 labels; received 20 inputs and 10 labels",
      ),
    );
  });
});
