/**
 * The notebook's own names as a cell sees them, beside its course's library: what the kernel defines (kernel.ts
 * builds one `CellScope`), and what the editor's language service declares, from the declaration file the build
 * generates from this module (src/notebook/build/declarations.ts). One definition, so the two cannot disagree.
 */
import type { expect } from "./expect.ts";
import type { NumberOptions, SelectOptions, SliderOptions } from "../shared/widgets.ts";

/** What `display()` and `progress()` return: `update(value)` replaces what they showed. */
export class DisplayHandle {
  readonly #update: (value: unknown) => void;
  constructor(update: (value: unknown) => void) {
    this.#update = update;
  }
  /** Replace what the handle shows with `value`. */
  update(value: unknown): void {
    this.#update(value);
  }
}

export interface CellScope {
  /**
   * Show a value below the cell, as Jupyter's `display()` does, and return a handle whose `update(value)` replaces
   * it: a chart that grows while a cell trains.
   */
  display(value: unknown): DisplayHandle;
  /** A progress bar: `const bar = progress({ label: "training", total: 100 }); bar.update(40)`. */
  progress(options: { label?: string; total: number }): DisplayHandle;
  /**
   * A slider shown with the cell's output; returns its current value. Moving it re-runs the cell (and the cells
   * below it that had run): `const lr = slider({ label: "learning rate α", min: 1e-4, max: 1, log: true })`.
   */
  slider(options: SliderOptions): number;
  /** A number field shown with the cell's output; returns its current value. */
  numberInput(options: NumberOptions): number;
  /** A drop-down shown with the cell's output; returns the chosen option. */
  select<T extends string | number>(options: SelectOptions<T>): T;
  /** Assert inside an exercise's check: `expect(x).toBeCloseTo(0.8, 12)`. */
  expect: typeof expect;
  /** Register a named check (in an exercise's hidden checks only): it passes unless `fn` throws. */
  check(name: string, fn: () => unknown): void;
}
