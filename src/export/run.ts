/**
 * A lesson's cells run at build time for its exports: the numbers its prose quotes (`<Value>`) and the outputs a
 * notebook carries, so a downloaded notebook reads like the page before anyone runs it.
 *
 * The run is the page's own (src/notebook/build-kernel.ts: the same kernel, cells and options as remark-cells),
 * done a second time because the page's run lives inside the MDX compiler. Runs are shared by a lesson's two
 * exports, at most `availableParallelism()` run at once, and a complete run is kept for the next build. A failed run is not fatal here — the page's build
 * fails on it first — the exports then carry the outputs that were made and the expressions in place of numbers.
 */
import { availableParallelism } from "node:os";
import { runPageAtBuild, type BuildCell } from "../notebook/build-kernel.ts";
import type { Output } from "../notebook/outputs.ts";
import { formatValue } from "../markdown/prose-values.ts";
import type { Lesson } from "./lesson.ts";
import { readCachedRun, runCacheFile, writeCachedRun } from "./run-cache.ts";

export interface LessonRun {
  /** Each cell's outputs, by cell id. */
  outputs: Map<string, Output[]>;
  /** The text of each `<Value>` (undefined when it could not be computed). */
  values: (string | undefined)[];
  /** Whether every cell ran and every value was computed. */
  complete?: boolean;
}

/** Seconds a cell may run at build time at least (as remark-cells allows). */
const MIN_BUILD_TIMEOUT = 60;

const runs = new Map<string, Promise<LessonRun>>();
const queue: (() => void)[] = [];
let running = 0;

/**
 * Run the lesson's cells, once per build for a lesson and source (`key` must change when the source does). With the
 * project's `root`, a complete run is also kept for later builds (run-cache.ts).
 */
export function runLesson(lesson: Lesson, key: string, root?: string): Promise<LessonRun> {
  let run = runs.get(key);
  if (!run) {
    run = root === undefined ? limited(() => runNow(lesson)) : cachedRun(lesson, key, root);
    runs.set(key, run);
  }
  return run;
}

async function cachedRun(lesson: Lesson, key: string, root: string): Promise<LessonRun> {
  const file = runCacheFile(root, lesson.slug, key);
  const cached = readCachedRun(file);
  if (cached) return cached;
  const run = await limited(() => runNow(lesson));
  if (run.complete) writeCachedRun(file, lesson.slug, run);
  return run;
}

async function runNow(lesson: Lesson): Promise<LessonRun> {
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
  const complete =
    run.cells.length === cells.length &&
    run.cells.every((cell) => cell.status === "ok") &&
    values.every((value) => value !== undefined);
  return { outputs, values, complete };
}

function limited<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      running++;
      task()
        .then(resolve, reject)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < availableParallelism()) start();
    else queue.push(start);
  });
}
