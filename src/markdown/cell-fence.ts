/**
 * Which fenced code blocks are notebook cells, and their options.
 *
 *     ```ts cell                    a cell, numbered in page order (id "cell-3")
 *     ```ts cell id=adam-run        a cell with a stable id (kept when cells are added above it)
 *     ```ts cell timeout=120        may run up to 120 s (build and browser); default 10 s in the browser
 *
 * Unknown or malformed options are errors that name the option, what is allowed and what was written.
 */

export interface CellFence {
  /** Page-unique id, also the element id. */
  id?: string;
  /** Seconds the cell may run before it is stopped. */
  timeout?: number;
}

const CELL_LANGUAGES = new Set(["ts", "typescript"]);

/** Default seconds a cell may run (in the browser; the build allows more, see remark-cells). */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Whether a fence is a cell: language ts/typescript and a meta string starting with the word `cell`. */
export function isCellFence(lang: string | null | undefined, meta: string | null | undefined): boolean {
  return CELL_LANGUAGES.has(lang ?? "") && /^cell(\s|$)/.test(meta ?? "");
}

/** Parse the options after `cell`. Throws an Error whose message says what was wrong. */
export function parseCellFence(meta: string): CellFence {
  const rest = meta.replace(/^cell\b/, "").trim();
  const options: CellFence = {};
  for (const token of rest.match(/[^\s=]+(?:=(?:"[^"]*"|'[^']*'|\S*))?/g) ?? []) {
    const [key, ...valueParts] = token.split("=");
    const raw = valueParts.join("=").replace(/^(["'])(.*)\1$/, "$2");
    switch (key) {
      case "id":
        if (!/^[a-z][a-z0-9-]*$/.test(raw))
          throw new Error(
            `cell option id must be lowercase letters, digits and hyphens, starting with a letter; received ${JSON.stringify(raw)}`,
          );
        options.id = raw;
        break;
      case "timeout": {
        const seconds = Number(raw);
        if (!(raw !== "" && Number.isFinite(seconds) && seconds > 0 && seconds <= 3600))
          throw new Error(`cell option timeout must be a number of seconds in (0, 3600]; received ${JSON.stringify(raw)}`);
        options.timeout = seconds;
        break;
      }
      default:
        throw new Error(`unknown cell option ${JSON.stringify(key)}; the options are id=…, timeout=…`);
    }
  }
  return options;
}
