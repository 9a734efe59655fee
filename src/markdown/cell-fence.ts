/**
 * Which fenced code blocks are notebook cells, and their options.
 *
 *     ```ts cell                    a cell, numbered in page order (id "cell-3")
 *     ```ts cell id=adam-run        a cell with a stable id (kept when cells are added above it)
 *     ```ts cell timeout=120        may run up to 120 s (build and browser); default 10 s in the browser
 *     ```ts exercise id=sgd-step    an exercise: starter code, then `// --- solution`, `// --- checks`, `// --- hint`
 *
 * Unknown or malformed options are errors that name the option, what is allowed and what was written.
 */

export type CellKind = "cell" | "exercise";

export interface CellFence {
  kind: CellKind;
  /** Page-unique id, also the element id. */
  id?: string;
  /** Seconds the cell may run before it is stopped. */
  timeout?: number;
}

const CELL_LANGUAGES = new Set(["ts", "typescript"]);

/** Default seconds a cell may run (in the browser; the build allows more, see remark-cells). */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Whether a fence is a cell or an exercise: language ts/typescript and a meta string starting with that word. */
export function cellFenceKind(lang: string | null | undefined, meta: string | null | undefined): CellKind | undefined {
  if (!CELL_LANGUAGES.has(lang ?? "")) return undefined;
  return /^(cell|exercise)(\s|$)/.exec(meta ?? "")?.[1] as CellKind | undefined;
}

/** Parse the options after `cell`/`exercise`. Throws an Error whose message says what was wrong. */
export function parseCellFence(meta: string): CellFence {
  const kind = /^(cell|exercise)\b/.exec(meta)?.[1] as CellKind | undefined;
  if (!kind)
    throw new Error(`a cell fence's options must start with "cell" or "exercise"; received ${JSON.stringify(meta)}`);
  const rest = meta.slice(kind.length).trim();
  const options: CellFence = { kind };
  for (const token of rest.match(/[^\s=]+(?:=(?:"[^"]*"|'[^']*'|\S*))?/g) ?? []) {
    const [key, ...valueParts] = token.split("=");
    const raw = valueParts.join("=").replace(/^(["'])(.*)\1$/, "$2");
    switch (key) {
      case "id":
        if (!/^[a-z][a-z0-9-]*$/.test(raw))
          throw new Error(
            `${kind} option id must be lowercase letters, digits and hyphens, starting with a letter; received ${JSON.stringify(raw)}`,
          );
        options.id = raw;
        break;
      case "timeout": {
        const seconds = Number(raw);
        if (!(raw !== "" && Number.isFinite(seconds) && seconds > 0 && seconds <= 3600))
          throw new Error(
            `${kind} option timeout must be a number of seconds in (0, 3600]; received ${JSON.stringify(raw)}`,
          );
        options.timeout = seconds;
        break;
      }
      default:
        throw new Error(`unknown ${kind} option ${JSON.stringify(key)}; the options are id=…, timeout=…`);
    }
  }
  return options;
}

export interface ExerciseParts {
  /** What the learner starts from. */
  starter: string;
  /** The reference solution: the build checks it passes the checks. */
  solution: string;
  /** Hidden checks: `check(name, () => expect(…)…)` calls. */
  checks: string;
  hints: string[];
}

const MARKER = /^\/\/\s*---\s*(solution|checks|hint)\s*$/i;

/**
 * Split an exercise fence at its marker lines. Errors give the line within the fence.
 *
 *     function step(x: number) { return x; }   // starter
 *     // --- solution
 *     function step(x: number) { return x - 0.1 * 2 * x; }
 *     // --- checks
 *     check("one step", () => expect(step(1)).toBeCloseTo(0.8));
 *     // --- hint
 *     // The gradient of x² is 2x.
 */
export function splitExercise(source: string): ExerciseParts {
  const sections: { name: string; lines: string[] }[] = [{ name: "starter", lines: [] }];
  for (const [i, line] of source.split("\n").entries()) {
    const marker = MARKER.exec(line.trim());
    if (!marker) {
      sections.at(-1)!.lines.push(line);
      continue;
    }
    const name = marker[1]!.toLowerCase();
    if (name !== "hint" && sections.some((section) => section.name === name))
      throw new Error(`exercise: line ${i + 1} starts a second "// --- ${name}" section`);
    sections.push({ name, lines: [] });
  }
  const text = (name: string) =>
    sections
      .find((section) => section.name === name)
      ?.lines.join("\n")
      .trim();
  const solution = text("solution");
  const checks = text("checks");
  if (!solution) throw new Error('exercise: needs a "// --- solution" section with the reference solution');
  if (!checks) throw new Error('exercise: needs a "// --- checks" section with check(name, () => …) calls');
  const hints = sections
    .filter((section) => section.name === "hint")
    .map((section) =>
      section.lines
        .map((line) => line.replace(/^\s*\/\/ ?/, ""))
        .join(" ")
        .trim(),
    )
    .filter(Boolean);
  return { starter: text("starter") ?? "", solution, checks, hints };
}
