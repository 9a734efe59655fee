/**
 * A line of a cell ending in `//: label` pairs that line with an equation row of a `<Paired>` block
 * (src/markdown/remark-paired.ts): the build traces the value it produces, the page highlights both together. Shared
 * by the compiler, the page and the build, so the page need not load the compiler to find a label.
 */
export const PAIR_MARKER = /\/\/:\s*([A-Za-z][\w-]*)\s*$/;
