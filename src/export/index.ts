/**
 * Every lesson downloadable as a runnable TypeScript file and as a Jupyter notebook (issue 7, "Exports").
 *
 *     MDX ─ parseLesson ─▶ Lesson ─┬──────────────────────────────┬─ lessonScript ───▶ adam.ts
 *                                  └─ runLesson: values, outputs ─┴─ lessonNotebook ─▶ adam.ipynb
 *                                     libraryBundle (esbuild, once per build) ─▶ both
 *
 * The parts are pure functions tested without Astro (test/export); the endpoints in src/pages/lessons call
 * `exportLesson`. Everything expensive — parsing with TypeScript, bundling, running a lesson's cells — is done once
 * per build and shared by both formats.
 */
import { createHash } from "node:crypto";
import { libraryBundle } from "./bundle.ts";
import { parseLesson, type Lesson, type LessonSource } from "./lesson.ts";
import { lessonNotebook } from "./notebook.ts";
import { runLesson } from "./run.ts";
import { lessonScript } from "./script.ts";

export type ExportFormat = "ts" | "ipynb";

export interface ExportSite {
  /** The project root (where src/export/runtime and node_modules are). */
  root: string;
  /** The lesson page's absolute URL: relative links in the prose resolve against it. */
  pageUrl: string;
  /** The site's base path ("/" or "/course/"): site-absolute links get it in front. */
  base: string;
}

/** The lesson's export in a format: the file's text. */
export async function exportLesson(source: LessonSource, site: ExportSite, format: ExportFormat): Promise<string> {
  const lesson = parsed(source, site);
  const [bundle, run] = await Promise.all([libraryBundle(site.root), runLesson(lesson, runKey(source), site.root)]);
  const input = { lesson, pageUrl: site.pageUrl, values: run.values, bundle };
  if (format === "ts") return lessonScript(input);
  return `${JSON.stringify(lessonNotebook({ ...input, outputs: run.outputs }), null, 1)}\n`;
}

/**
 * Start running the lessons' cells now, side by side (run.ts runs as many at once as there are cores), rather than
 * one by one as the build asks for each file. The endpoints' getStaticPaths call it.
 */
export function prepareExports(sources: readonly LessonSource[], site: (source: LessonSource) => ExportSite): void {
  for (const source of sources) {
    const lesson = parsed(source, site(source));
    runLesson(lesson, runKey(source), site(source).root).catch(() => {}); // awaited (and reported) by exportLesson
  }
  if (sources.length) void libraryBundle(site(sources[0]!).root).catch(() => {});
}

/** A site-absolute path gets the base path; then any link resolves against the page. */
export function linkResolver(site: ExportSite): (url: string) => string {
  const base = site.base.endsWith("/") ? site.base : `${site.base}/`;
  return (url) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("//")) return url;
    const sitePath = url.startsWith("/") && !url.startsWith(base) ? base + url.slice(1) : url;
    return new URL(sitePath, site.pageUrl).href;
  };
}

const lessons = new Map<string, Lesson>();

function parsed(source: LessonSource, site: ExportSite): Lesson {
  const id = key(source, site);
  let lesson = lessons.get(id);
  if (!lesson) {
    lesson = parseLesson(source, { resolveLink: linkResolver(site) });
    lessons.set(id, lesson);
  }
  return lesson;
}

function key(source: LessonSource, site: ExportSite): string {
  return createHash("sha256")
    .update(JSON.stringify([source, site.pageUrl, site.base]))
    .digest("hex");
}

/** A run depends on the lesson's code, not on where the site is hosted. */
function runKey(source: LessonSource): string {
  return createHash("sha256")
    .update(JSON.stringify([source.slug, source.body]))
    .digest("hex");
}
