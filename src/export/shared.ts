/** What the script and the notebook writers share: the library's names, value texts, names that cannot clash. */
import type { CellLibrary } from "../notebook/build/library.ts";
import { DRAWING_KIT_NAMES, NOTEBOOK_NAMES } from "../notebook/shared/names.ts";
import type { Lesson } from "../markdown/lesson.ts";
import { declaredNames, planModule, type ModulePlan, type Piece } from "./one-module.ts";

/** The names a cell sees without importing, derived from the course library (src/notebook/build/library.ts). */
export interface CellNames {
  /** The course library's names, then the notebook's own. */
  all: readonly string[];
  /** The names whose use means the code draws (and so needs Plot and linkedom). */
  drawing: ReadonlySet<string>;
}

export function cellNames(library: Pick<CellLibrary, "names" | "drawingNames">): CellNames {
  return {
    all: [...library.names.keys(), ...NOTEBOOK_NAMES],
    drawing: new Set([...library.drawingNames, ...DRAWING_KIT_NAMES]),
  };
}

/** The text for a `<Value>` slot: what the build computed, else the expression, marked as such. */
export function valueText(lesson: Lesson, values: readonly (string | undefined)[], index: number): string {
  return values[index] ?? `[value of \`${lesson.values[index]!.expression}\`]`;
}

/** `preferred`, or `preferred2`, … — the first name no piece declares at its top level. */
export function chooseName(preferred: string, pieces: readonly Piece[]): string {
  const taken = new Set(
    pieces.filter((piece) => piece.kind !== "checks").flatMap((piece) => declaredNames(piece.source)),
  );
  let name = preferred;
  for (let i = 2; taken.has(name); i++) name = `${preferred}${i}`;
  return name;
}

export interface LessonPlan {
  /** The name of the notebook object (`notebook`, unless a cell declares that name). */
  notebook: string;
  /** The cells as one module (one-module.ts): what the `.ts` runs; its library names tell whether the lesson draws. */
  module: ModulePlan;
  plots: boolean;
}

/** The lesson's code as pieces of one module: cells, and each exercise's starter, checks and solution. */
export function planLesson(lesson: Lesson, names: CellNames): LessonPlan {
  const pieces = lesson.blocks.flatMap((block): Piece[] => {
    if (block.kind === "cell") return [{ source: block.source, kind: "cell" }];
    if (block.kind === "prose") return [];
    const { starter, checks, solution } = block.exercise;
    return [
      { source: starter, kind: "cell" },
      { source: checks, kind: "checks" },
      { source: solution, kind: "solution" },
    ];
  });
  const notebook = chooseName("notebook", pieces);
  const module = planModule(pieces, names.all, `${notebook}.show`);
  const used = [...module.constant, ...module.mutable];
  return { notebook, module, plots: used.some((name) => names.drawing.has(name)) };
}
