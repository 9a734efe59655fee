/**
 * Every page with cells downloadable as a runnable TypeScript file and as a Jupyter notebook.
 *
 *     MDX ─ remark-cells runs the page's cells once ─▶ page-runs.ts (outputs, values)
 *      └─ parseLesson ─▶ Lesson ─┬─ lessonScript ───▶ adam.ts
 *                                └─ lessonNotebook ─▶ adam.ipynb
 *                                   libraryBundle (esbuild: what the page uses of the library) ─▶ both
 *
 * The parts are pure functions tested without Astro (test/export); the download routes (src/starlight/routes) call
 * `exportLesson`. The cells are not run again for the downloads: they read the run the page's build made.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { resolveLibrary, type CellLibrary } from "../notebook/build/library.ts";
import { pageRun } from "../notebook/build/page-runs.ts";
import { libraryBundle } from "./bundle.ts";
import { parseLesson, type Lesson, type LessonSource } from "./lesson.ts";
import { lessonNotebook } from "./notebook.ts";
import { runLesson } from "./run.ts";
import { lessonScript } from "./script.ts";
import { cellNames, planLesson } from "./shared.ts";

export type ExportFormat = "ts" | "ipynb";

export interface ExportSite {
  /** The site's root: content file paths are relative to it. */
  root: string;
  /** The page's absolute URL (undefined when the site's URL is unknown: relative links then stay site paths). */
  pageUrl?: string;
  /** The page's path on the site, base path included ("/course/lessons/adam/"). */
  pagePath: string;
  /** The site's base path ("/" or "/course/"): site-absolute links get it in front. */
  base: string;
  /** Absolute paths of the course library's modules. */
  library: readonly string[];
}

/** The lesson's export in a format: the file's text. */
export async function exportLesson(source: LessonSource, site: ExportSite, format: ExportFormat): Promise<string> {
  const lesson = parsed(source, site);
  const library = await libraryOf(site);
  const names = cellNames(library);
  const plan = planLesson(lesson, names);
  const file = source.file ? path.resolve(site.root, source.file) : undefined;
  const [bundle, run] = await Promise.all([
    libraryBundle(library, [...plan.module.constant, ...plan.module.mutable], plan.plots),
    (file ? pageRun(file) : undefined) ?? runLesson(lesson, site.library),
  ]);
  const pageUrl = site.pageUrl ?? `the page ${site.pagePath} of its course site`;
  const input = { lesson, pageUrl, values: run.values, bundle, names };
  if (format === "ts") return lessonScript(input);
  return `${JSON.stringify(lessonNotebook({ ...input, outputs: run.outputs }), null, 1)}\n`;
}

/** Load the library once (the download routes' getStaticPaths call it before the files are asked for). */
export function prepareExports(sources: readonly LessonSource[], site: (source: LessonSource) => ExportSite): void {
  if (sources.length) void libraryOf(site(sources[0]!)).catch(() => {});
}

const libraries = new Map<string, Promise<CellLibrary>>();
function libraryOf(site: ExportSite): Promise<CellLibrary> {
  const key = JSON.stringify(site.library);
  let library = libraries.get(key);
  if (!library) {
    library = resolveLibrary(site.library, site.root);
    libraries.set(key, library);
  }
  return library;
}

/** A site-absolute path gets the base path; then any link resolves against the page (its URL, else its path). */
export function linkResolver(site: Pick<ExportSite, "base" | "pageUrl" | "pagePath">): (url: string) => string {
  const base = site.base.endsWith("/") ? site.base : `${site.base}/`;
  return (url) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("//")) return url;
    const sitePath = url.startsWith("/") && !url.startsWith(base) ? base + url.slice(1) : url;
    if (site.pageUrl) return new URL(sitePath, site.pageUrl).href;
    const resolved = new URL(sitePath, `https://site.invalid${site.pagePath}`);
    return resolved.pathname + resolved.search + resolved.hash;
  };
}

const lessons = new Map<string, Lesson>();

function parsed(source: LessonSource, site: ExportSite): Lesson {
  const id = createHash("sha256")
    .update(JSON.stringify([source, site.pageUrl, site.pagePath, site.base]))
    .digest("hex");
  let lesson = lessons.get(id);
  if (!lesson) {
    lesson = parseLesson(source, { resolveLink: linkResolver(site) });
    lessons.set(id, lesson);
  }
  return lesson;
}
