/**
 * The one run of each page's cells in a build: remark-cells records it as it builds the page, and the downloads read
 * it, so every output and `<Value>` of a page and of its two downloads comes from the same run.
 *
 * The record lives on `globalThis`: the Markdown plugins and the download routes are loaded as separate module
 * instances (the plugins through Astro's config loader, the routes' exporter as Node loads it) in one process.
 */
import path from "node:path";
import type { Output } from "../shared/outputs.ts";

export interface PageRun<Lesson = unknown> {
  /** The page's lesson model (src/markdown/lesson.ts). */
  lesson: Lesson;
  /** Each cell's outputs, by cell id. */
  outputs: Map<string, Output[]>;
  /** The text of each `<Value>`, in page order (undefined when it could not be computed). */
  values: (string | undefined)[];
  /** How long the page's cells took to run at build, in the kernel (ms; exercises' starters included). */
  ms: number;
}

const KEY = Symbol.for("moments.page-runs");

function runs(): Map<string, PageRun<unknown>> {
  const holder = globalThis as { [KEY]?: Map<string, PageRun<unknown>> };
  return (holder[KEY] ??= new Map());
}

/** Record the run of the page built from `file` (an absolute path). */
export function recordPageRun<Lesson>(file: string, run: PageRun<Lesson>): void {
  runs().set(path.resolve(file), run);
}

/** The run recorded for the page built from `file`, if that page was built in this process. */
export function pageRun<Lesson>(file: string): PageRun<Lesson> | undefined {
  return runs().get(path.resolve(file)) as PageRun<Lesson> | undefined;
}

/** Every page run recorded in this process, by file. */
export function allPageRuns<Lesson>(): [string, PageRun<Lesson>][] {
  return [...runs()] as [string, PageRun<Lesson>][];
}

/** One line for the build's log: the cells' time in all, and the pages that took longest. */
export function cellTimes(runs: [string, PageRun<unknown>][], root: string, shown = 3): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const total = runs.reduce((sum, [, run]) => sum + run.ms, 0);
  const slowest = [...runs]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, shown)
    .map(([file, run]) => `${path.relative(root, file)} ${seconds(run.ms)} (${run.outputs.size} cells)`);
  return `cells of ${runs.length} pages ran in ${seconds(total)} of kernel time; longest: ${slowest.join(", ")}`;
}
