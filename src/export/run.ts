/**
 * A lesson's cells run for its downloads when its page was not built in this process (in `astro dev`, a download
 * asked for before its page): the page's own kernel, cells and options (src/notebook/build/build-kernel.ts, as
 * remark-cells runs them). In a build the downloads read the page's run instead (page-runs.ts). A failed run is not
 * fatal here — the page fails on it — the download then carries the outputs that were made and the expressions in
 * place of numbers.
 */
import { runPageAtBuild, type BuildCell } from "../notebook/build/build-kernel.ts";
import type { PageRun } from "../notebook/build/page-runs.ts";
import { formatValue } from "../markdown/prose-values.ts";
import type { Lesson } from "./lesson.ts";

export type LessonRun = PageRun;

/** Seconds a cell may run at build time at least (as remark-cells allows). */
const MIN_BUILD_TIMEOUT = 60;

const runs = new Map<Lesson, Promise<LessonRun>>();

/** Run the lesson's cells against the course library's modules (once per parsed lesson). */
export function runLesson(lesson: Lesson, library: readonly string[]): Promise<LessonRun> {
  let run = runs.get(lesson);
  if (!run) {
    run = runNow(lesson, library);
    runs.set(lesson, run);
  }
  return run;
}

async function runNow(lesson: Lesson, library: readonly string[]): Promise<LessonRun> {
  const cells = lesson.blocks.flatMap((block): BuildCell[] => {
    if (block.kind === "prose") return [];
    const timeoutMs = Math.max(MIN_BUILD_TIMEOUT, 3 * block.timeout) * 1000;
    return block.kind === "cell"
      ? [{ id: block.id, source: block.source, trace: block.paired, timeoutMs }]
      : [{ id: block.id, source: block.exercise.solution, checks: block.exercise.checks, timeoutMs }];
  });
  const run = await runPageAtBuild(
    cells,
    lesson.values.map((value) => value.expression),
    { library },
  );
  const outputs = new Map(run.cells.map((cell) => [cell.id, cell.outputs]));
  const values = lesson.values.map((value, i) => {
    const evaluated = run.values[i];
    if (!evaluated) return undefined;
    try {
      return formatValue(evaluated, value.format);
    } catch {
      return undefined;
    }
  });
  return { outputs, values };
}
