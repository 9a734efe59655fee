/**
 * A lesson as a Jupyter notebook (nbformat 4.5) for Deno's TypeScript kernel.
 *
 * - Metadata: Deno's kernelspec and TypeScript's language_info, so Jupyter starts the right kernel.
 * - A first markdown cell: the title, what the notebook is and how to run it.
 * - A code cell with the cell library (collapsed: `metadata.jupyter.source_hidden`): what the lesson uses of our own
 *   library, bundled as in the `.ts` export, and for a lesson that draws Plot and linkedom bundled too (minified), as
 *   in the `.ts`. Nothing is imported: an `npm:` import fails in any folder below a `package.json` (Deno then
 *   resolves `npm:` from that project's node_modules only), and would need the network. The cell puts the library's
 *   names on `globalThis`, where every later cell sees them, and shows nothing itself.
 * - The lesson: prose as markdown cells (math stays `$…$`/`$$…$$` for Jupyter's MathJax, `<Value>` replaced by the
 *   number the build computed), cells as code cells with the outputs the build computed (text, tables with their
 *   HTML, charts as SVG images). Code cells are verbatim: Deno's kernel keeps one scope across cells like a REPL and
 *   allows a later cell to declare a name again, as the page's kernel does. The library makes Deno's kernel wait, at
 *   the end of each cell, until what the cell showed has gone out (runtime/sink.ts), so a cell keeps its outputs.
 * - An exercise: a markdown cell with its hints, its starter code, a cell running its checks, and its reference
 *   solution (collapsed), which replaces the learner's code for the cells below when run.
 */
import type { Output } from "../notebook/shared/outputs.ts";
import type { LibraryBundle } from "./bundle.ts";
import { proseText, type Lesson } from "../markdown/lesson.ts";
import { mimeBundle } from "./runtime/mime.ts";
import { planLesson, valueText, type CellNames } from "./shared.ts";

export interface NotebookInput {
  lesson: Lesson;
  pageUrl: string;
  values: readonly (string | undefined)[];
  /** Each cell's outputs as the build computed them, by cell id (none: the code cells have no outputs). */
  outputs?: ReadonlyMap<string, readonly Output[]>;
  bundle: LibraryBundle;
  /** The names cells see (the course library's and the notebook's). */
  names: CellNames;
}

export interface NotebookCell {
  cell_type: "markdown" | "code";
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: null;
  outputs?: NotebookOutput[];
}

export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string[] }
  | { output_type: "display_data"; data: Record<string, string[]>; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export const KERNELSPEC = { name: "deno", display_name: "Deno", language: "typescript" } as const;
export const LANGUAGE_INFO = {
  name: "typescript",
  file_extension: ".ts",
  mimetype: "text/x.typescript",
  pygments_lexer: "typescript",
  codemirror_mode: "typescript",
  nbconvert_exporter: "script",
} as const;

export function lessonNotebook({ lesson, pageUrl, values, outputs, bundle, names }: NotebookInput): Notebook {
  const { notebook, plots } = planLesson(lesson, names);
  const text = (value: number) => valueText(lesson, values, value);

  const cells = new CellList();
  cells.markdown("about", introduction(lesson, pageUrl, plots));
  cells.code("moments-library", libraryCell(lesson, notebook, plots, bundle), [], { jupyter: { source_hidden: true } });
  for (const block of lesson.blocks) {
    if (block.kind === "prose") cells.markdown(`prose-${cells.length}`, proseText(block.parts, text).trim());
    else if (block.kind === "cell")
      cells.code(block.id, block.source, (outputs?.get(block.id) ?? []).flatMap(notebookOutputs));
    else {
      const { starter, checks, solution, hints } = block.exercise;
      cells.markdown(
        `${block.id}-about`,
        [
          `**Exercise.** Write your code in the next cell and run it, then run the cell after it: the checks say what passes.`,
          ...hints.map((hint) => `\n*Hint:* ${hint}`),
        ].join("\n"),
      );
      cells.code(block.id, starter, []);
      cells.code(
        `${block.id}-checks`,
        `await ${notebook}.checks(${JSON.stringify(block.id)}, async () => {\n${checks}\n});`,
        [],
      );
      cells.code(
        `${block.id}-solution`,
        `// The reference solution (hidden until you expand it). Running it replaces your code for the cells below.\n${solution}`,
        [],
        { jupyter: { source_hidden: true } },
      );
    }
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: KERNELSPEC,
      language_info: LANGUAGE_INFO,
      title: lesson.title,
      moments: { lesson: lesson.slug, url: pageUrl, outputs: "computed when the site was built" },
    },
    cells: cells.list,
  };
}

function introduction(lesson: Lesson, pageUrl: string, plots: boolean): string {
  return [
    `# ${lesson.title}`,
    ...(lesson.description ? ["", `*${lesson.description}*`] : []),
    "",
    `A lesson exported from [its page](${pageUrl}) as a notebook for Deno's TypeScript kernel`,
    "(`deno jupyter --install` adds it to Jupyter). The outputs are those computed when the site was built.",
    "",
    `Run the next cell first (it is collapsed): it defines the cell library every cell uses${
      plots ? ", with Observable Plot and linkedom" : ""
    }, bundled, so the notebook runs offline in any folder. Cells share one scope, as on the page. Sliders and other inputs keep their default values.`,
  ].join("\n");
}

function libraryCell(lesson: Lesson, notebook: string, plots: boolean, bundle: LibraryBundle): string {
  return [
    "// The cell library: what the cells use of the course's library, and the notebook's own functions, bundled when",
    `// the site was built${plots ? ", with Observable Plot and linkedom (minified, at the end)" : ""}. Bundled code and data, with their licenses:`,
    ...bundle.licenses.map((line) => `//   ${line}`),
    "// Run this cell first: it puts every name a cell uses on globalThis (and shows nothing).",
    `const ${notebook} = momentsLibrary({ lesson: ${JSON.stringify(lesson.slug)}, plots: ${plots} });`,
    `void Object.assign(globalThis, ${notebook}.library);`,
    "",
    bundle.runtime,
    ...(plots ? [bundle.vendor] : []),
  ].join("\n");
}

/** The nbformat outputs for one of the build's outputs (a traced value has none). */
export function notebookOutputs(output: Output): NotebookOutput[] {
  if (output.kind === "error")
    return [
      {
        output_type: "error",
        ename: output.name,
        evalue: output.message,
        traceback: [`${output.name}: ${output.message}`],
      },
    ];
  const bundle = mimeBundle(output);
  if (!bundle) return [];
  if (output.kind === "stream" || output.kind === "note")
    return [
      {
        output_type: "stream",
        name: output.kind === "stream" && (output.level === "warn" || output.level === "error") ? "stderr" : "stdout",
        text: lines(`${bundle["text/plain"]}\n`),
      },
    ];
  const data: Record<string, string[]> = {};
  for (const [type, value] of Object.entries(bundle)) if (value !== undefined) data[type] = lines(value);
  return [{ output_type: "display_data", data, metadata: {} }];
}

/** Text as nbformat's list of lines, each but the last ending in "\n". */
export function lines(text: string): string[] {
  const parts = text.split("\n");
  const out = parts.map((line, i) => (i < parts.length - 1 ? `${line}\n` : line));
  if (out.at(-1) === "") out.pop();
  return out;
}

/** Cells in order, with ids that are unique and valid in nbformat 4.5 (`[A-Za-z0-9_-]{1,64}`). */
class CellList {
  readonly list: NotebookCell[] = [];
  readonly #ids = new Set<string>();

  get length(): number {
    return this.list.length;
  }

  markdown(id: string, text: string) {
    this.list.push({ cell_type: "markdown", id: this.#id(id), metadata: {}, source: lines(text) });
  }

  code(id: string, text: string, outputs: NotebookOutput[], metadata: Record<string, unknown> = {}) {
    this.list.push({
      cell_type: "code",
      id: this.#id(id),
      metadata,
      source: lines(text),
      execution_count: null,
      outputs: mergeStreams(outputs),
    });
  }

  #id(wanted: string): string {
    const base = wanted.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 56) || "cell";
    let id = base;
    for (let i = 2; this.#ids.has(id); i++) id = `${base}-${i}`;
    this.#ids.add(id);
    return id;
  }
}

/** Consecutive stream outputs to one stream merged, as Jupyter stores them. */
function mergeStreams(outputs: NotebookOutput[]): NotebookOutput[] {
  const merged: NotebookOutput[] = [];
  for (const output of outputs) {
    const last = merged.at(-1);
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: lines(last.text.join("") + output.text.join("")) };
    } else merged.push(output);
  }
  return merged;
}
