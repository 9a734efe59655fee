/**
 * One colour-blind-safe palette for every chart of the course: the Okabe–Ito hues without black, with orange and sky
 * blue darkened so that every colour has a contrast of at least 3:1 (WCAG's bar for graphics) on the light theme's
 * white and on the dark theme's near-black. Each optimizer has a fixed colour, so "adam" is the same blue in every
 * lesson.
 *
 * ```ts
 * Plot.plot({ color: colors(["sgd", "adam"]), marks: [...] }) // sgd grey, adam blue, with a legend
 * colorOf("adagrad") // "#009E73"
 * ```
 */

/**
 * The palette, in the order series without a fixed colour take it: Adam's blue comes late, so that a chart of other
 * things does not borrow the colour readers learn to read as "adam".
 */
export const SERIES_COLORS: readonly string[] = Object.freeze([
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#C17F00", // orange, darkened from #E69F00 to reach 3:1 on white
  "#3C8FC4", // sky blue, darkened from #56B4E9
  "#0072B2", // blue
  "#808080", // grey
]);

const [vermillion, green, purple, orange, sky, blue, grey] = SERIES_COLORS as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

/**
 * The colour of each optimizer, by the names the lessons use in legends. Plain SGD is the grey baseline. The
 * variants of Adam share the hues of the first methods: a chart compares Adam with one family at a time. Of the
 * two blues, Adam has one and only Adadelta, which no chart draws beside Adam, the other: Nesterov and RAdam (drawn
 * with Adam in lessons 10, 11 and 15) take vermillion and green. Adam's successors are drawn against AdamW (green) and
 * Adam (blue), so Lion, Adafactor and Muon take the three hues left: vermillion, orange and purple.
 */
export const OPTIMIZER_COLORS: Readonly<Record<string, string>> = Object.freeze({
  sgd: grey,
  momentum: orange,
  nesterov: vermillion,
  adagrad: green,
  rmsprop: purple,
  adadelta: sky,
  adam: blue,
  amsgrad: vermillion,
  adamw: green,
  adamax: orange,
  nadam: purple,
  radam: green,
  lion: vermillion,
  adafactor: orange,
  muon: purple,
});

/** The fixed colour of an optimizer's name, or undefined for any other series. */
export function colorOf(name: string): string | undefined {
  return Object.hasOwn(OPTIMIZER_COLORS, name) ? OPTIMIZER_COLORS[name] : undefined;
}

/**
 * A Plot color scale for these series names, with a legend: optimizers get their fixed colour, other names take the
 * palette's colours in order, skipping those already used.
 */
export function colors(names: readonly string[], options: { legend?: boolean } = {}) {
  const domain = [...new Set(names.map(String))];
  const fixed = domain.map(colorOf);
  const free = SERIES_COLORS.filter((color) => !fixed.includes(color));
  let next = 0;
  const range = fixed.map((color) => color ?? free[next++ % free.length] ?? SERIES_COLORS[0]!);
  return { type: "ordinal" as const, domain, range, legend: options.legend ?? domain.length > 1 };
}
