/**
 * A line of a cell ending in `//: label` pairs that line with an equation row of a `<Paired>` block
 * (src/markdown/remark-paired.ts): the build traces the value it produces, the page highlights both together. Shared
 * by the compiler, the page and the build, so the page need not load the compiler to find a label.
 */
export const PAIR_MARKER = /\/\/:\s*([A-Za-z][\w-]*)\s*$/;

/** One equation row, as remark-paired renders it for components/Paired.astro. */
export interface PairedRow {
  /** The label tying the row to its code lines. */
  label: string;
  /** KaTeX HTML of the part before the first `&` (right-aligned), and after it. */
  lhs: string;
  rhs: string;
  /** The row's TeX, for search and for a text description. */
  tex: string;
  /** The row's height in rem, from KaTeX's metrics. */
  height: number;
}

/** One code line of a paired cell, as the equation column sees it. */
export interface PairedSlot {
  /** Height in rem (the line's, or the row's when a row sits here). */
  height: number;
  /** The index of the row that sits beside this line (the first line with its label). */
  row?: number;
  /** The line's label and its code without the marker (for the row's accessible description). */
  label?: string;
  text?: string;
}

/** Height in rem of one line of code in a paired cell (the styles use the same: --paired-code-line). */
export const PAIRED_CODE_LINE_REM = 1.4;
