/**
 * A page's lesson model, built once per build from the page's own Markdown tree (remark-lesson.ts, first of the
 * notebook's remark plugins): its prose and cells in page order, its `<Value>`s, its equations' numbers. The page
 * (remark-cells runs the cells, fills the values, renders the cells) and both downloads read this one model and the
 * one run of its cells (src/notebook/build/page-runs.ts).
 *
 * Prose stays Markdown, copied from the source so its wording, lists and math are what the author wrote, with what
 * only the site can render made portable (prose.ts):
 * - `<Value of="…"/>` becomes a slot filled with the number the build computed (`ProsePart` `{ value }`);
 * - `\label{name}` becomes `\tag{n}` and `\eqref{name}` becomes "(n)", with the page's own numbers;
 * - `<Paired>` is unwrapped into its equation and its cell, each row's `\pair{label}` shown as `\texttt{//: label}`
 *   so the rows still point at the code lines that end in `//: label`;
 * - links become absolute (`resolveLink`), since a downloaded file lives outside the site;
 * - imports and `{…}` expressions are dropped; other components keep their content.
 */
import GithubSlugger from "github-slugger";
import type { Code, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { cellFenceKind, parseCellFence, splitExercise, type ExerciseParts } from "./cell-fence.ts";
import { parseValueAttributes, type ValueFormat } from "./prose-values.ts";
import { portableProse } from "./prose.ts";

/** Prose: Markdown text and slots for the values the build computes. */
export type ProsePart = string | { value: number };

export type CellBlock =
  | { kind: "cell"; id: string; number: number; timeout: number; source: string; paired: boolean }
  | { kind: "exercise"; id: string; number: number; timeout: number; exercise: ExerciseParts };

export type Block = { kind: "prose"; parts: ProsePart[] } | CellBlock;

export interface Lesson {
  /** The page's last path segment, e.g. "adam" (names the downloaded files and their figures). */
  slug: string;
  title: string;
  description?: string;
  blocks: Block[];
  /** The `<Value>` expressions, in page order (a prose slot's `value` indexes this list). */
  values: { expression: string; format: ValueFormat; line: number }[];
}

/** The lesson, and the tree's nodes for its cells and values (remark-cells replaces them on the page). */
export interface LessonModel {
  lesson: Lesson;
  /** Each cell block's fence, in page order. */
  cellNodes: Code[];
  /** Each `<Value>` element, in page order. */
  valueNodes: RootContent[];
}

export interface LessonOptions {
  /** "file:line" prefix for errors: the file. */
  where: string;
  slug: string;
  title: string;
  description?: string;
  /** Seconds a cell may run in the browser unless its fence says otherwise. */
  defaultTimeout: number;
  /** The page's equation numbers (remark-equations.ts `equationNumbers`). */
  numbers: ReadonlyMap<string, number>;
  /** Make a link's URL portable (absolute). Default: keep it. */
  resolveLink?: (url: string) => string;
}

/** Build the lesson from the page's tree; `source` is the text the tree was parsed from. Errors name file:line. */
export function lessonFromTree(tree: Root, source: string, options: LessonOptions): LessonModel {
  const { where } = options;
  const values: Lesson["values"] = [];
  const valueNodes: RootContent[] = [];
  const prose = portableProse(source, {
    numbers: options.numbers,
    resolveLink: options.resolveLink ?? ((url) => url),
    value(node, attributes, line) {
      try {
        values.push({ ...parseValueAttributes(attributes), line });
      } catch (error) {
        throw new Error(`${where}:${line}: ${(error as Error).message}`, { cause: error });
      }
      valueNodes.push(node as RootContent);
      return values.length - 1;
    },
  });

  const headings = headingIds(tree);
  const ids = new Set<string>();
  const blocks: Block[] = [];
  const cellNodes: Code[] = [];
  let parts: ProsePart[] = [];
  const endProse = () => {
    if (parts.some((part) => typeof part !== "string" || part.trim())) blocks.push({ kind: "prose", parts });
    parts = [];
  };
  for (const item of flatten(tree.children)) {
    if (item.kind === "prose") {
      if (parts.length) parts.push("\n\n");
      parts.push(...prose(item.node));
      continue;
    }
    endProse();
    const number = cellNodes.length + 1;
    const line = item.node.position?.start.line ?? 0;
    let block: CellBlock;
    try {
      const fence = parseCellFence(item.node.meta ?? "");
      const cell = { id: fence.id ?? `cell-${number}`, number, timeout: fence.timeout ?? options.defaultTimeout };
      block =
        fence.kind === "exercise"
          ? { kind: "exercise", ...cell, exercise: splitExercise(item.node.value) }
          : { kind: "cell", ...cell, source: item.node.value, paired: item.paired };
    } catch (error) {
      throw new Error(`${where}:${line}: ${(error as Error).message}`, { cause: error });
    }
    if (ids.has(block.id))
      throw new Error(`${where}:${line}: cell id ${JSON.stringify(block.id)} is used twice on this page`);
    if (headings.has(block.id))
      throw new Error(
        `${where}:${line}: cell id ${JSON.stringify(block.id)} is also the anchor of the heading “${headings.get(block.id)}”; choose another id`,
      );
    ids.add(block.id);
    blocks.push(block);
    cellNodes.push(item.node);
  }
  endProse();
  return {
    lesson: { slug: options.slug, title: options.title, description: options.description, blocks, values },
    cellNodes,
    valueNodes,
  };
}

type Item = { kind: "prose"; node: RootContent } | { kind: "cell"; node: Code; paired: boolean };

/**
 * The page's blocks in order, cells apart. Components that hold blocks (`<Paired>`, any other) and containers that
 * hold a cell are opened, so every cell is found wherever it sits.
 */
function flatten(nodes: readonly RootContent[], paired = false): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (node.type === "code" && cellFenceKind(node.lang, node.meta)) items.push({ kind: "cell", node, paired });
    else if (node.type === "mdxjsEsm" || node.type === "mdxFlowExpression") continue;
    else if (node.type === "mdxJsxFlowElement" && node.name !== "Value")
      items.push(...flatten(node.children as RootContent[], paired || node.name === "Paired"));
    else if ("children" in node && containsCell(node)) items.push(...flatten(node.children as RootContent[], paired));
    else items.push({ kind: "prose", node });
  }
  return items;
}

function containsCell(node: RootContent): boolean {
  if (node.type === "code") return cellFenceKind(node.lang, node.meta) !== undefined;
  return "children" in node && (node.children as RootContent[]).some(containsCell);
}

/** The ids the site gives headings (as Astro does, with github-slugger), mapped to their text. */
function headingIds(tree: Root): Map<string, string> {
  const slugger = new GithubSlugger();
  const ids = new Map<string, string>();
  const visit = (node: RootContent | Root) => {
    if (node.type === "heading") ids.set(slugger.slug(toString(node)), toString(node));
    else if ("children" in node) for (const child of node.children as RootContent[]) visit(child);
  };
  visit(tree);
  return ids;
}

/** The lesson's prose with every value slot filled: `text(i)` gives the text for value i. */
export function proseText(parts: readonly ProsePart[], text: (value: number) => string): string {
  return parts.map((part) => (typeof part === "string" ? part : text(part.value))).join("");
}

/**
 * Links for a page outside its site: a site-absolute path gets the base path; then any link resolves against the
 * page's URL, or, when the site's URL is unknown, against its path (the link stays a site path).
 */
export function linkResolver(site: { base: string; pageUrl?: string; pagePath: string }): (url: string) => string {
  const base = site.base.endsWith("/") ? site.base : `${site.base}/`;
  return (url) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith("//")) return url;
    const sitePath = url.startsWith("/") && !url.startsWith(base) ? base + url.slice(1) : url;
    if (site.pageUrl) return new URL(sitePath, site.pageUrl).href;
    const resolved = new URL(sitePath, `https://site.invalid${site.pagePath}`);
    return resolved.pathname + resolved.search + resolved.hash;
  };
}
