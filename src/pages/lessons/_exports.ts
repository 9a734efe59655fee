/**
 * Shared by the two export endpoints beside this file: the lessons, where their pages live, and the exporter.
 *
 * The exporter (src/export) runs as Node loads it — TypeScript stripped, not bundled by Vite — like the markdown
 * plugins astro.config.mjs loads: it starts a worker thread for each lesson's cells and runs esbuild, which want real
 * files on disk, not modules inside the build's bundle.
 */
import { getCollection } from "astro:content";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ExportFormat, ExportSite } from "../../export/index.ts";
import type { LessonSource } from "../../export/lesson.ts";

type Exporter = typeof import("../../export/index.ts");

/** The project root: Astro builds from it (npm scripts and the test setup run there). */
const root = process.cwd();
const entry = path.join(root, "src/export/index.ts");

let loaded: Promise<Exporter> | undefined;
function exporter(): Promise<Exporter> {
  if (!existsSync(entry))
    throw new Error(`lesson exports: expected the exporter at ${entry}; run the build from the project root`);
  return (loaded ??= import(/* @vite-ignore */ pathToFileURL(entry).href) as Promise<Exporter>);
}

/** Where a lesson's page lives, for its export's links. */
function siteOf(source: LessonSource): ExportSite {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const pageUrl = new URL(`${base}lessons/${source.slug}/`, import.meta.env.SITE ?? "https://moments.example.org").href;
  return { root, pageUrl, base };
}

/** getStaticPaths for an export endpoint: one path per lesson; the lessons' cells start running at once. */
export async function exportPaths() {
  const entries = await getCollection("docs", (entry) => entry.id.startsWith("lessons/"));
  const sources: LessonSource[] = entries.map((entry) => ({
    slug: entry.id.slice("lessons/".length),
    title: entry.data.title,
    description: entry.data.description,
    body: entry.body ?? "",
    file: entry.filePath,
  }));
  (await exporter()).prepareExports(sources, siteOf);
  return sources.map((source) => ({ params: { slug: source.slug }, props: { source } }));
}

const TYPES: Record<ExportFormat, string> = {
  ts: "text/plain; charset=utf-8",
  ipynb: "application/x-ipynb+json; charset=utf-8",
};

/** The endpoint's response: the lesson's export in `format`. */
export async function exportResponse(source: LessonSource, format: ExportFormat): Promise<Response> {
  const text = await (await exporter()).exportLesson(source, siteOf(source), format);
  return new Response(text, { headers: { "Content-Type": TYPES[format] } });
}
