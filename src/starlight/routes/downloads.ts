/**
 * Shared by the two download routes beside this file: the pages with cells, where they live, and the exporter.
 *
 * The exporter (src/export) runs as Node loads it — TypeScript stripped, not bundled by Vite — like the Markdown
 * plugins: it starts a worker thread for a page's cells and runs esbuild, which want real files on disk, not modules
 * inside the build's bundle. The plugin (src/starlight/index.ts) says where it is and what the course library is.
 */
import { getCollection } from "astro:content";
import { pathToFileURL } from "node:url";
import type { ExportFormat, ExportSite } from "../../export/index.ts";
import type { LessonSource } from "../../export/lesson.ts";

type Exporter = typeof import("../../export/index.ts");

interface BuildContext {
  root: string;
  exporter: string;
  library: { modules: string[] };
}

function context(): BuildContext {
  const build = (globalThis as { __momentsBuild?: BuildContext }).__momentsBuild;
  if (!build) throw new Error("moments: the download routes run only in a site built with the moments plugin");
  return build;
}

let loaded: Promise<Exporter> | undefined;
function exporter(): Promise<Exporter> {
  return (loaded ??= import(/* @vite-ignore */ pathToFileURL(context().exporter).href) as Promise<Exporter>);
}

/** A page with cells: a fence whose info string starts with `ts cell` or `ts exercise`. */
const HAS_CELLS = /^\s*(`{3,}|~{3,})\s*(ts|typescript)\s+(cell|exercise)\b/m;

/** Where a page lives, for its download's links (none when the site's URL is unknown: `site` is unset). */
function siteOf(source: LessonSource): ExportSite {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const id = (source as LessonSource & { id?: string }).id ?? source.slug;
  const path = `${base}${id === "index" ? "" : `${id}/`}`;
  const pageUrl = import.meta.env.SITE ? new URL(path, import.meta.env.SITE).href : undefined;
  const { root, library } = context();
  return { root, pageUrl, pagePath: path, base, library: library.modules };
}

/** getStaticPaths for a download route: one path per page with cells; their cells start running at once. */
export async function downloadPaths() {
  const entries = await getCollection("docs", (entry) => HAS_CELLS.test(entry.body ?? ""));
  const sources = entries.map((entry) => ({
    id: entry.id,
    slug: entry.id.split("/").pop()!,
    title: entry.data.title,
    description: entry.data.description,
    body: entry.body ?? "",
    file: entry.filePath,
  }));
  (await exporter()).prepareExports(sources, siteOf);
  return sources.map((source) => ({ params: { page: source.id }, props: { source } }));
}

const TYPES: Record<ExportFormat, string> = {
  ts: "text/plain; charset=utf-8",
  ipynb: "application/x-ipynb+json; charset=utf-8",
};

/** The route's response: the page's download in `format`. */
export async function downloadResponse(source: LessonSource, format: ExportFormat): Promise<Response> {
  const text = await (await exporter()).exportLesson(source, siteOf(source), format);
  return new Response(text, { headers: { "Content-Type": TYPES[format] } });
}
