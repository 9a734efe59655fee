/**
 * parameterGroups: one optimizer per block of a model's vector. Proves that each block is stepped exactly as its
 * optimizer alone would step that block (with its shape: Muon and Adafactor see matrices), that one optimizer for
 * every block is that optimizer on the whole vector, that trainModel takes it (float64 and the float32 fast path),
 * that steps after the first make no new views, and that errors name the block and what was expected.
 */
import { describe, expect, it, vi } from "vitest";
import { adafactor, adam, adamw, lion, muon, type Optimizer, type StepCount } from "../../src/optim/index.ts";
import { loadDigits, mlp, rng, type ParameterBlock } from "../../src/problems/index.ts";
import { parameterGroups, trainModel } from "../../src/run/index.ts";

const model = mlp({ inputs: 6, hidden: 4, classes: 3 }); // W1 [4, 6], b1 [4], W2 [3, 4], b2 [3]: 43 entries
const layout = model.layout;

/** Random gradients for `steps` steps, the same for every run. */
function gradients(steps: number, length: number): Float64Array[] {
  const random = rng(5);
  return Array.from({ length: steps }, () => Float64Array.from({ length }, () => random.normal()));
}

function runWhole(optimizer: Optimizer<StepCount, unknown>, x0: Float64Array, grads: Float64Array[]): Float64Array {
  const x = x0.slice();
  const state = optimizer.init(x);
  for (const g of grads) optimizer.step(x, g, state);
  return x;
}

/** The block alone: its slice of the start and of each gradient, with its shape. */
function runBlock(
  optimizer: Optimizer<StepCount, unknown>,
  block: ParameterBlock,
  x0: Float64Array,
  grads: Float64Array[],
) {
  const part = (v: Float64Array) => v.slice(block.offset, block.offset + block.size);
  const x = part(x0);
  const state = optimizer.init(x, { shape: block.shape });
  for (const g of grads) optimizer.step(x, part(g), state);
  return x;
}

describe("parameterGroups", () => {
  const x0 = model.initialParameters({ seed: 3 }) as Float64Array;
  const grads = gradients(20, model.dimension);

  it("steps each block exactly as its optimizer alone steps it: muon on the matrices, adamw on the biases", () => {
    const opt = parameterGroups(layout, (block) =>
      block.shape.length === 2 ? muon({ lr: 0.02 }) : adamw({ lr: 0.01, weightDecay: 0 }),
    );
    const x = runWhole(opt, x0, grads);
    for (const block of layout) {
      const alone = block.shape.length === 2 ? muon({ lr: 0.02 }) : adamw({ lr: 0.01, weightDecay: 0 });
      expect(Array.from(x.subarray(block.offset, block.offset + block.size)), block.name).toEqual(
        Array.from(runBlock(alone, block, x0, grads)),
      );
    }
  });

  it("with one optimizer for every block is that optimizer on the whole vector (an elementwise update)", () => {
    const shared = lion({ lr: 0.003, weightDecay: 0.1 });
    expect(
      runWhole(
        parameterGroups(layout, () => shared),
        x0,
        grads,
      ),
    ).toEqual(runWhole(lion({ lr: 0.003, weightDecay: 0.1 }), x0, grads));
  });

  it("gives each block its own state from its optimizer, with the block's shape: adafactor factors the matrices", () => {
    const opt = parameterGroups(layout, () => adafactor());
    const state = opt.init(x0);
    expect(state.t).toBe(0);
    const { W1, b1 } = state.blocks as Record<string, { R?: Float64Array; C?: Float64Array; v?: Float64Array }>;
    expect([W1!.R!.length, W1!.C!.length, W1!.v]).toEqual([4, 6, undefined]); // rows + cols, not rows·cols
    expect([b1!.v!.length, b1!.R]).toEqual([4, undefined]);
    opt.step(x0.slice(), grads[0]!, opt.init(x0));
    const stepped = opt.init(x0);
    opt.step(x0.slice(), grads[0]!, stepped);
    expect([stepped.t, ...Object.values(stepped.blocks).map((s) => s.t)]).toEqual([1, 1, 1, 1, 1]);
  });

  it("is named after its optimizers and their blocks, and exposes each block's optimizer and options", () => {
    const forMatrices = muon();
    const forBiases = adamw({ weightDecay: 0 });
    const opt = parameterGroups(layout, (block) => (block.shape.length === 2 ? forMatrices : forBiases));
    expect(opt.name).toBe("muon (W1, W2) + adamw (b1, b2)");
    expect(opt.optimizers.W2).toBe(forMatrices);
    expect(opt.optimizers.b1).toBe(forBiases);
    expect(opt.options.blocks.b2).toBe(forBiases.options);
  });

  it("makes the slices' views once per vector: later steps create none", () => {
    const opt = parameterGroups(layout, (block) => (block.shape.length === 2 ? muon() : adam()));
    const x = x0.slice();
    const g = grads[0]!;
    const state = opt.init(x);
    opt.step(x, g, state); // the gradient's views are made here
    const subarray = vi.spyOn(Float64Array.prototype, "subarray");
    try {
      for (let k = 0; k < 5; k++) opt.step(x, g, state);
      expect(subarray).not.toHaveBeenCalled();
    } finally {
      subarray.mockRestore();
    }
  });

  it("trains the digits MLP with trainModel, in float64 and on the float32 fast path", () => {
    const data = loadDigits();
    const digitsModel = mlp();
    const choose = (block: ParameterBlock) =>
      block.shape.length === 2 ? muon({ lr: 0.1, weightDecay: 0 }) : adamw({ lr: 0.01, weightDecay: 0 });
    for (const float32 of [false, true]) {
      const { history, parameters, optimizer } = trainModel(digitsModel, parameterGroups(digitsModel.layout, choose), {
        data,
        epochs: 2,
        seed: 1,
        float32,
      });
      expect(optimizer).toBe("muon (W1, W2) + adamw (b1, b2)");
      expect(parameters).toBeInstanceOf(float32 ? Float32Array : Float64Array);
      expect(history[2]!.trainLoss).toBeLessThan(0.5 * history[0]!.trainLoss);
      expect(history[2]!.testAccuracy).toBeGreaterThan(0.8);
    }
  });

  describe("says what was wrong", () => {
    const blocks = (...specs: [string, number[], number][]): ParameterBlock[] =>
      specs.map(([name, shape, offset]) => ({
        name,
        shape,
        offset,
        size: shape.reduce((p, d) => p * d, 1),
        init: "zero",
      }));

    it.each([
      [
        [],
        TypeError,
        "parameterGroups: layout must be a non-empty list of blocks { name, shape, offset, size }, such as mlp().layout; received []",
      ],
      [
        blocks(["W", [2, 3], 0], ["b", [2], 5]),
        RangeError,
        "parameterGroups: layout[1].offset must be 6, where the block before it ends (blocks tile the vector in order); received 5",
      ],
      [
        blocks(["W", [2, 3], 0], ["W", [2], 6]),
        RangeError,
        'parameterGroups: layout[1].name must differ from the other blocks\' names; received "W"',
      ],
      [
        [{ ...blocks(["W", [2, 3], 0])[0]!, size: 5 }],
        RangeError,
        "parameterGroups: layout[0].size must be the product of its shape [2, 3], 6 > 0; received 5",
      ],
    ])("a layout that does not tile the vector: %j", (bad, kind, message) => {
      expect(() => parameterGroups(bad as ParameterBlock[], () => adam())).toThrow(kind);
      expect(() => parameterGroups(bad as ParameterBlock[], () => adam())).toThrow(message);
    });

    it("a choice that is not an optimizer, naming the block", () => {
      expect(() => parameterGroups(layout, (block) => (block.name === "b1" ? (undefined as never) : adam()))).toThrow(
        'parameterGroups: choose(block) must return an optimizer such as adamw() for every block; for block "b1" it returned undefined',
      );
      expect(() => parameterGroups(layout, 3 as never)).toThrow(TypeError);
    });

    it("a vector of another length, or a state without a block's state", () => {
      const opt = parameterGroups(layout, () => adam());
      expect(() => opt.init(new Float64Array(42))).toThrow(
        "parameterGroups.init: x must have the layout's length (43, the sum of its blocks' sizes); received length 42",
      );
      const x = x0.slice();
      const state = opt.init(x);
      delete state.blocks.W2;
      expect(() => opt.step(x, grads[0]!, state)).toThrow(
        'parameterGroups.step: state.blocks must hold a state for every block, as made by init(x); block "W2" has none',
      );
      expect(() => opt.step(x, new Float64Array(3), opt.init(x))).toThrow(
        "parameterGroups.step: grad must have the length of x (43); received length 3",
      );
    });

    it("muon's own refusal still reaches the caller when it is given a bias", () => {
      expect(() => parameterGroups(layout, () => muon()).init(x0)).toThrow(/muon\.init: shape must be \[rows, cols\]/);
    });
  });
});
