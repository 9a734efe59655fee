/**
 * What every chart of the course carries for readers who cannot see it: a short label and a one-sentence
 * description. Helpers take both; a cell's own words win over the helper's defaults.
 */

export interface Described {
  /** A short name for the chart, read first by screen readers (the SVG's aria-label). */
  ariaLabel?: string;
  /** One sentence saying what the chart shows (the SVG's aria-description). */
  ariaDescription?: string;
}

/** The accessible label and description: the cell's, else the helper's defaults. */
export function described(options: Described, defaults: Required<Described>): Required<Described> {
  return {
    ariaLabel: options.ariaLabel ?? defaults.ariaLabel,
    ariaDescription: options.ariaDescription ?? defaults.ariaDescription,
  };
}

/** Names joined for prose: "adam", "sgd and adam", "sgd, adagrad and adam". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
