/**
 * One optimizer per block of a model's parameter vector: PyTorch's parameter groups, for `trainModel` and `minimize`.
 *
 * ```ts
 * const model = mlp(); // blocks W1 [32, 64], b1 [32], W2 [10, 32], b2 [10]
 * const opt = parameterGroups(model.layout, (block) =>
 *   block.shape.length === 2 ? muon({ lr: 0.02 }) : adamw({ lr: 3e-3, weightDecay: 0 }),
 * );
 * opt.name; // "muon (W1, W2) + adamw (b1, b2)"
 * trainModel(model, opt, { epochs: 5 });
 * opt.init(model.initialParameters()).blocks.W1; // muon's state for W1: { t: 0, B, rows: 32, cols: 64 }
 * ```
 *
 * `choose(block)` is called once per block, here, and returns the optimizer for it; blocks may share one optimizer
 * object or get one each (each block gets its own state either way). The result is an optimizer over the whole vector, with the common
 * contract:
 *
 * - `init(x)` makes each block's state with the block's optimizer, from the block's slice of x and with the block's
 *   shape, `opt.init(x.subarray(offset, offset + size), { shape })`: a weight matrix reaches Adafactor as a matrix
 *   (factored second moment) and Muon as one (which refuses anything else); an optimizer that ignores shapes sees a
 *   vector.
 * - `step(x, grad, state)` steps each block with its optimizer on its slices of x and of the gradient, in layout
 *   order, and counts the step in `state.t` (each block's state counts its own).
 *
 * This is how Muon is meant to be used (Jordan et al. 2024; `torch.optim.Muon` takes 2-D parameters only): Muon for
 * the weight matrices, AdamW for biases and gains. It is also how weight decay is kept off biases: two AdamW with
 * different `weightDecay`, chosen by block.
 *
 * State: `{ t, blocks }`, `blocks` a record from each block's name to its optimizer's state (plain data, as ever).
 * The slices are views made the first time `step` (or `init`) sees a vector, and kept for it (a WeakMap from the
 * vector): steps after the first allocate nothing, and the fast path still takes views of vectors in wasm memory.
 *
 * The layout must tile the vector: blocks in order, each starting where the one before ends (a `Classifier`'s
 * `layout` does), with distinct names and `size` the product of `shape`.
 */
import type { Optimizer, StepCount, Vector } from "../optim/types.ts";
import { checkParameters, checkShape, checkStep, show } from "../optim/validate.ts";
import type { ParameterBlock } from "../problems/classifier.ts";

export interface ParameterGroupsState extends StepCount {
  /** Each block's optimizer state, by block name. */
  blocks: Record<string, StepCount>;
}

export interface ParameterGroups extends Optimizer<ParameterGroupsState, ParameterGroupsOptions> {
  /** The optimizer of each block, by block name. */
  readonly optimizers: Readonly<Record<string, Optimizer<StepCount, unknown>>>;
}

export interface ParameterGroupsOptions {
  /** Each block's optimizer options (after defaults), by block name. */
  readonly blocks: Readonly<Record<string, unknown>>;
}

const OWNER = "parameterGroups";
/** The group's own state holds no vectors of x's length (each block's optimizer checks its own). */
const NO_STATE_VECTORS: readonly string[] = Object.freeze([]);

export function parameterGroups(
  layout: readonly ParameterBlock[],
  choose: (block: ParameterBlock) => Optimizer<StepCount, unknown>,
): ParameterGroups {
  const blocks = checkLayout(layout);
  if (typeof choose !== "function")
    throw new TypeError(
      `${OWNER}: choose must be a function (block) => optimizer, such as (block) => adamw(); received ${show(choose)}`,
    );
  const optimizers = blocks.map((block) => {
    const optimizer = choose(block);
    if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function")
      throw new TypeError(
        `${OWNER}: choose(block) must return an optimizer such as adamw() for every block; for block ` +
          `${JSON.stringify(block.name)} it returned ${show(optimizer)}`,
      );
    return optimizer;
  });
  const dimension = blocks.reduce((sum, block) => sum + block.size, 0);
  const byBlock = Object.freeze(Object.fromEntries(blocks.map((block, k) => [block.name, optimizers[k]!])));

  // The name lists each optimizer once, with its blocks: "muon (W1, W2) + adamw (b1, b2)". Optimizers of one name
  // and equal options are one group (a choice may make a new one per block); different options make two groups.
  const groups = new Map<string, { name: string; blocks: string[] }>();
  blocks.forEach((block, k) => {
    const { name: optimizerName, options } = optimizers[k]!;
    const key = `${optimizerName} ${JSON.stringify(options, (_, value) => (typeof value === "function" ? String(value) : value))}`;
    const group = groups.get(key) ?? { name: optimizerName, blocks: [] };
    group.blocks.push(block.name);
    groups.set(key, group);
  });
  const name = [...groups.values()].map((group) => `${group.name} (${group.blocks.join(", ")})`).join(" + ");

  const views = new WeakMap<Vector, Vector[]>();
  const slicesOf = (vector: Vector): Vector[] => {
    let slices = views.get(vector);
    if (slices === undefined) {
      slices = blocks.map(({ offset, size }) => vector.subarray(offset, offset + size));
      views.set(vector, slices);
    }
    return slices;
  };
  const checkLength = (method: string, vector: Vector) => {
    if (vector.length !== dimension)
      throw new RangeError(
        `${OWNER}.${method}: x must have the layout's length (${dimension}, the sum of its blocks' sizes); ` +
          `received length ${vector.length}`,
      );
  };

  return Object.freeze({
    name,
    options: Object.freeze({
      blocks: Object.freeze(Object.fromEntries(blocks.map((block, k) => [block.name, optimizers[k]!.options]))),
    }),
    optimizers: byBlock,
    init(x: Vector, parameterLayout?: { shape?: readonly number[] }) {
      checkParameters(OWNER, x);
      checkShape(OWNER, x, parameterLayout);
      checkLength("init", x);
      const slices = slicesOf(x);
      const states: Record<string, StepCount> = {};
      blocks.forEach((block, k) => {
        states[block.name] = optimizers[k]!.init(slices[k]!, { shape: block.shape });
      });
      return { t: 0, blocks: states };
    },
    step(x: Vector, grad: Vector, state: ParameterGroupsState) {
      checkStep(OWNER, x, grad, state, NO_STATE_VECTORS);
      checkLength("step", x);
      const states = state.blocks;
      if (states === null || typeof states !== "object")
        throw new TypeError(`${OWNER}.step: state must come from ${OWNER}(…).init(x); received ${show(state)}`);
      for (const block of blocks)
        if (states[block.name] === undefined)
          throw new RangeError(
            `${OWNER}.step: state.blocks must hold a state for every block, as made by init(x); block ` +
              `${JSON.stringify(block.name)} has none`,
          );
      const xSlices = slicesOf(x);
      const gradSlices = slicesOf(grad);
      state.t++;
      for (let k = 0; k < blocks.length; k++)
        optimizers[k]!.step(xSlices[k]!, gradSlices[k]!, states[blocks[k]!.name]!);
    },
  });
}

/** The layout's blocks, checked to tile [0, n) in order with distinct names. */
function checkLayout(layout: readonly ParameterBlock[]): readonly ParameterBlock[] {
  if (!Array.isArray(layout) || layout.length === 0)
    throw new TypeError(
      `${OWNER}: layout must be a non-empty list of blocks { name, shape, offset, size }, such as mlp().layout; ` +
        `received ${show(layout)}`,
    );
  const names = new Set<string>();
  let end = 0;
  layout.forEach((block: ParameterBlock, k) => {
    const where = `${OWNER}: layout[${k}]`;
    if (block === null || typeof block !== "object" || typeof block.name !== "string" || !Array.isArray(block.shape))
      throw new TypeError(`${where} must be a block { name, shape, offset, size }; received ${show(block)}`);
    if (names.has(block.name))
      throw new RangeError(`${where}.name must differ from the other blocks' names; received ${show(block.name)}`);
    names.add(block.name);
    if (block.offset !== end)
      throw new RangeError(
        `${where}.offset must be ${end}, where the block before it ends (blocks tile the vector in order); ` +
          `received ${show(block.offset)}`,
      );
    const product = block.shape.reduce((p: number, d: number) => p * d, 1);
    if (!(Number.isSafeInteger(block.size) && block.size > 0 && block.size === product))
      throw new RangeError(
        `${where}.size must be the product of its shape ${show(block.shape)}, ${product} > 0; received ${show(block.size)}`,
      );
    end += block.size;
  });
  return Object.freeze(layout.slice());
}
