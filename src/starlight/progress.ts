/**
 * The course's exercises, as the reader's progress needs them: every page's exercise ids (from the lesson models the
 * build recorded, src/notebook/build/page-runs.ts), written into each built page as a JSON block for the sidebar's
 * progress marks (src/notebook/page/progress-marks.ts), and listed on the "Your progress" page.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Lesson } from "../markdown/lesson.ts";
import { allPageRuns } from "../notebook/build/page-runs.ts";

export interface PageExercises {
  /** The page's path under the base ("/lessons/adam/"). */
  route: string;
  title: string;
  exercises: { id: string; number: number }[];
}

/** Every page with exercises, in the order of their files (a course's NN-topic.mdx order). */
export function courseExercises(routeOf: (file: string) => string): PageExercises[] {
  const pages: PageExercises[] = [];
  const runs = allPageRuns<Lesson>().sort(([a], [b]) => a.localeCompare(b));
  for (const [file, run] of runs) {
    const exercises = run.lesson.blocks
      .filter((block) => block.kind === "exercise")
      .map((block) => ({ id: block.id, number: block.number }));
    if (exercises.length) pages.push({ route: routeOf(file), title: run.lesson.title, exercises });
  }
  return pages;
}

/** The JSON block of every page: the exercises of each page, by route, and the base path. */
export function exercisesBlock(pages: readonly PageExercises[], base: string): string {
  const data = { base, pages: Object.fromEntries(pages.map((page) => [page.route, page.exercises.map((e) => e.id)])) };
  return `<script type="application/json" id="moments-exercises">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}

/** Put the block into every built page (before the CSP step, which leaves JSON blocks alone). */
export function writeExercisesBlock(out: string, block: string): number {
  let pages = 0;
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = readFileSync(file, "utf8");
    if (!html.includes("</head>") || html.includes('id="moments-exercises"')) continue;
    writeFileSync(file, html.replace("</head>", `${block}</head>`));
    pages++;
  }
  return pages;
}
