/**
 * A lesson as the exports see it: its prose and its cells in page order, parsed from the MDX source with the site's
 * own parser (remark-mdx with remark-math), so a cell, an equation or a `<Value>` is found exactly where the page
 * finds it.
 *
 * Prose stays Markdown, copied from the source so its wording, lists and math are what the author wrote, with what
 * only the site can render made portable:
 * - `<Value of="…"/>` becomes a slot filled with the number the build computed (`ProsePart` `{ value }`);
 * - `\label{name}` becomes `\tag{n}` and `\eqref{name}` becomes "(n)", numbered in page order as on the page;
 * - `<Paired>` is unwrapped into its equation and its cell, each row's `\pair{label}` shown as `\texttt{//: label}`
 *   so the rows still point at the code lines that end in `//: label`;
 * - links become absolute (`resolveLink`), since the exported file lives outside the site;
 * - imports and `{…}` expressions are dropped; other components keep their content.
 */
import { createProcessor } from "@mdx-js/mdx";
import type { Code, Root, RootContent } from "mdast";
import remarkMath from "remark-math";
import {
  cellFenceKind,
  DEFAULT_TIMEOUT_SECONDS,
  parseCellFence,
  splitExercise,
  type ExerciseParts,
} from "../markdown/cell-fence.ts";
import { parseValueAttributes, type ValueFormat } from "../markdown/prose-values.ts";
import { portableProse } from "./prose.ts";

export interface LessonSource {
  /** The lesson's slug, e.g. "adam" (names the exported files). */
  slug: string;
  title: string;
  description?: string;
  /** The MDX source without its frontmatter. */
  body: string;
  /** The source file, for error messages. */
  file?: string;
}

/** Prose: Markdown text and slots for the values the build computes. */
export type ProsePart = string | { value: number };

export type Block =
  | { kind: "prose"; parts: ProsePart[] }
  | { kind: "cell"; id: string; number: number; timeout: number; source: string; paired: boolean }
  | { kind: "exercise"; id: string; number: number; timeout: number; exercise: ExerciseParts };

export interface Lesson {
  slug: string;
  title: string;
  description?: string;
  blocks: Block[];
  /** The `<Value>` expressions, in page order (a prose slot's `value` indexes this list). */
  values: { expression: string; format: ValueFormat }[];
}

export interface ParseOptions {
  /** Make a link's URL absolute. Default: keep it. */
  resolveLink?: (url: string) => string;
}

const processor = createProcessor({ remarkPlugins: [remarkMath] });

export function parseLesson(source: LessonSource, options: ParseOptions = {}): Lesson {
  const where = source.file ?? source.slug;
  const tree = processor.parse(source.body) as Root;
  const values: Lesson["values"] = [];
  const prose = portableProse(source.body, tree, {
    resolveLink: options.resolveLink ?? ((url) => url),
    value(attributes, line) {
      try {
        values.push(parseValueAttributes(attributes));
      } catch (error) {
        throw new Error(`${where}:${line}: ${(error as Error).message}`, { cause: error });
      }
      return values.length - 1;
    },
  });

  const blocks: Block[] = [];
  let parts: ProsePart[] = [];
  const endProse = () => {
    if (parts.some((part) => typeof part !== "string" || part.trim())) blocks.push({ kind: "prose", parts });
    parts = [];
  };
  let number = 0;
  for (const item of flatten(tree.children)) {
    if (item.kind === "prose") {
      if (parts.length) parts.push("\n\n");
      parts.push(...prose(item.node));
      continue;
    }
    endProse();
    number++;
    const line = item.node.position?.start.line ?? 0;
    try {
      const fence = parseCellFence(item.node.meta ?? "");
      const cell = { id: fence.id ?? `cell-${number}`, number, timeout: fence.timeout ?? DEFAULT_TIMEOUT_SECONDS };
      blocks.push(
        fence.kind === "exercise"
          ? { kind: "exercise", ...cell, exercise: splitExercise(item.node.value) }
          : { kind: "cell", ...cell, source: item.node.value, paired: item.paired },
      );
    } catch (error) {
      throw new Error(`${where}:${line}: ${(error as Error).message}`, { cause: error });
    }
  }
  endProse();
  return { slug: source.slug, title: source.title, description: source.description, blocks, values };
}

type Item = { kind: "prose"; node: RootContent } | { kind: "cell"; node: Code; paired: boolean };

/**
 * The page's blocks in order, cells apart. Components that hold blocks (`<Paired>`, any other) and containers that
 * hold a cell are opened, so every cell is found where remark-cells finds it.
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

/** The lesson's prose with every value slot filled: `text(i)` gives the text for value i. */
export function proseText(parts: readonly ProsePart[], text: (value: number) => string): string {
  return parts.map((part) => (typeof part === "string" ? part : text(part.value))).join("");
}
