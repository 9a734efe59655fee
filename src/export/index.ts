/**
 * Every page with cells downloadable as a runnable TypeScript file and as a Jupyter notebook.
 *
 *     MDX ─ remark-lesson: the lesson model ─ remark-cells: its one run ─▶ page-runs (model, outputs, values)
 *                                                                         ├─ lessonScript ───▶ adam.ts
 *                                                                         └─ lessonNotebook ─▶ adam.ipynb
 *                                     libraryBundle (esbuild: what the page uses of the library) ─▶ both
 *
 * The parts are pure functions tested without Astro (test/export); the download routes (src/starlight/routes) call
 * `exportLesson` with the model and run the page's build made: nothing is parsed or run a second time.
 */
import type { CellLibrary } from "../notebook/build/library.ts";
import type { PageRun } from "../notebook/build/page-runs.ts";
import type { Lesson } from "../markdown/lesson.ts";
import { libraryBundle } from "./bundle.ts";
import { lessonNotebook } from "./notebook.ts";
import { lessonScript } from "./script.ts";
import { cellNames, planLesson } from "./shared.ts";

export type ExportFormat = "ts" | "ipynb";

export interface ExportSite {
  /** Where the page is: its absolute URL, or its path on the site when the site's URL is unknown. */
  pageUrl: string;
  /** The course library, as the plugin resolved it once for the build (src/notebook/build/library.ts). */
  library: CellLibrary;
}

/** The page's download in a format: the file's text. */
export async function exportLesson(run: PageRun<Lesson>, site: ExportSite, format: ExportFormat): Promise<string> {
  const { lesson } = run;
  const { library } = site;
  const names = cellNames(library);
  const plan = planLesson(lesson, names);
  const bundle = await libraryBundle(library, [...plan.module.constant, ...plan.module.mutable], plan.plots);
  const input = { lesson, pageUrl: site.pageUrl, values: run.values, bundle, names };
  if (format === "ts") return lessonScript(input);
  return `${JSON.stringify(lessonNotebook({ ...input, outputs: run.outputs }), null, 1)}\n`;
}
