/**
 * Shared by the two download routes beside this file: the pages with cells, and the exporter.
 *
 * A download is made from the page's own lesson model and its one run of the cells, which remark-cells recorded as it
 * built the page (src/notebook/build/page-runs.ts). In `astro dev` a download may be asked for before its page was
 * built: rendering the entry builds it. The exporter (src/export) runs as Node loads it — TypeScript stripped, not
 * bundled by Vite — since it runs esbuild on the course library's files; the plugin says where it is.
 */
import { getCollection, render, type CollectionEntry } from "astro:content";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ExportFormat } from "../../export/index.ts";
import type { Lesson } from "../../markdown/lesson.ts";
import type { CellLibrary } from "../../notebook/build/library.ts";
import type { PageRun } from "../../notebook/build/page-runs.ts";

type Exporter = typeof import("../../export/index.ts");
type Runs = typeof import("../../notebook/build/page-runs.ts");

interface BuildContext {
  root: string;
  exporter: string;
  pageRuns: string;
  library: CellLibrary;
}

function context(): BuildContext {
  const build = (globalThis as { __momentsBuild?: BuildContext }).__momentsBuild;
  if (!build) throw new Error("moments: the download routes run only in a site built with the moments plugin");
  return build;
}

let loaded: Promise<[Exporter, Runs]> | undefined;
function modules(): Promise<[Exporter, Runs]> {
  const { exporter, pageRuns } = context();
  return (loaded ??= Promise.all([
    import(/* @vite-ignore */ pathToFileURL(exporter).href) as Promise<Exporter>,
    import(/* @vite-ignore */ pathToFileURL(pageRuns).href) as Promise<Runs>,
  ]));
}

/** A page with cells: a fence whose info string starts with `ts cell` or `ts exercise`. */
const HAS_CELLS = /^\s*(`{3,}|~{3,})\s*(ts|typescript)\s+(cell|exercise)\b/m;

type Entry = CollectionEntry<"docs">;

/** getStaticPaths for a download route: one path per page whose lesson has cells. */
export async function downloadPaths() {
  const candidates = await getCollection("docs", (entry: Entry) => HAS_CELLS.test(entry.body ?? ""));
  const paths = [];
  for (const entry of candidates) {
    // A fence in the text is not always a cell (a page may show one as an example): ask the page's model.
    const run = await runOf(entry);
    if (run?.lesson.blocks.some((block) => block.kind !== "prose"))
      paths.push({ params: { page: entry.id }, props: { entry } });
  }
  return paths;
}

/** The page's recorded model and run, building the page first if it was not built yet (`astro dev`). */
async function runOf(entry: Entry): Promise<PageRun<Lesson> | undefined> {
  const [, runs] = await modules();
  const file = path.resolve(context().root, entry.filePath ?? "");
  const run = runs.pageRun<Lesson>(file);
  if (run) return run;
  await render(entry); // builds the page, which records its run
  return runs.pageRun<Lesson>(file);
}

const TYPES: Record<ExportFormat, string> = {
  ts: "text/plain; charset=utf-8",
  ipynb: "application/x-ipynb+json; charset=utf-8",
};

/** The route's response: the page's download in `format`. */
export async function downloadResponse(entry: Entry, format: ExportFormat): Promise<Response> {
  const [exporter] = await modules();
  const { library } = context();
  const run = await runOf(entry);
  if (!run) throw new Error(`moments: ${entry.filePath}: the page was built but recorded no run of its cells`);
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const pagePath = `${base}${entry.id === "index" ? "" : `${entry.id}/`}`;
  const pageUrl = import.meta.env.SITE
    ? new URL(pagePath, import.meta.env.SITE).href
    : `the page ${pagePath} of its course site`;
  const text = await exporter.exportLesson(run, { pageUrl, library }, format);
  return new Response(text, { headers: { "Content-Type": TYPES[format] } });
}
