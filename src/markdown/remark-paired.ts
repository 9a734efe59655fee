/**
 * remark plugin: equations beside the code that computes them.
 *
 *     <Paired>
 *
 *     $$
 *     \begin{aligned}
 *     m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \pair{m} \\
 *     v_t &\leftarrow \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \pair{v}
 *     \end{aligned}
 *     $$
 *
 *     ```ts cell id=adam-step
 *     m = beta1 * m + (1 - beta1) * g;         //: m
 *     v = beta2 * v + (1 - beta2) * g * g;     //: v
 *     ```
 *
 *     </Paired>
 *
 * Each equation row ends with `\pair{label}`; each code line that computes it ends with `//: label` (one row, one or
 * more lines). The rows are rendered here with KaTeX, one by one (split at `&` into two aligned columns), and handed
 * to the Paired component; the cell is marked so that remark-cells highlights its lines with their labels, gives
 * each line the height of its equation row (so the two columns line up without JavaScript), and traces the values
 * the labelled lines produce. A label on one side only fails the build with the file and line.
 */
import katex from "katex";
import path from "node:path";
import { importComponent } from "./mdx-import.ts";
import type { Code, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import {
  PAIR_MARKER,
  PAIRED_CODE_LINE_REM as CODE_LINE_REM,
  type PairedRow,
  type PairedSlot,
} from "../notebook/shared/paired-lines.ts";
import { cellFenceKind } from "./cell-fence.ts";

/** What remark-paired leaves on a paired cell's code node for remark-cells. */
export interface PairedCellData {
  /** The label of each code line (1-based line → label). */
  labels: Record<number, string>;
  /** The height in rem of each code line (1-based), so it lines up with its equation row. */
  heights: Record<number, number>;
}

/** KaTeX's font is 1.21 times the text's; a row gets a little room above and below. */
const KATEX_SCALE = 1.21;
const ROW_PADDING_REM = 0.35;

export interface RemarkPairedOptions {
  /** Absolute path of the Paired component. */
  component: string;
  /** Project root, to print file names relative to it. Default: the working directory. */
  root?: string;
}

export default function remarkPaired(options: RemarkPairedOptions) {
  const root = options.root ?? process.cwd();
  return (tree: Root, file: VFile) => {
    const where = path.relative(root, file.path || "<unknown>");
    let found = false;
    visitPaired(tree, (element) => {
      transformPaired(element, where);
      found = true;
    });
    if (found) tree.children.unshift(importComponent("Paired", options.component));
  };
}

interface JsxElement {
  type: "mdxJsxFlowElement";
  name: string;
  attributes: { type: "mdxJsxAttribute"; name: string; value: string }[];
  children: RootContent[];
  position?: { start: { line: number } };
}

function visitPaired(node: Root | RootContent, visit: (element: JsxElement) => void) {
  if (node.type === "mdxJsxFlowElement" && (node as unknown as JsxElement).name === "Paired") {
    visit(node as unknown as JsxElement);
    return;
  }
  if ("children" in node) for (const child of node.children as RootContent[]) visitPaired(child, visit);
}

function transformPaired(element: JsxElement, where: string) {
  const line = element.position?.start.line ?? 0;
  const fail = (message: string, at = line): never => {
    throw new Error(`${where}:${at}: ${message}`);
  };
  const children: RootContent[] = element.children;
  const math: RootContent[] = children.filter((child) => child.type === "math");
  const cells: RootContent[] = children.filter(
    (child) => child.type === "code" && cellFenceKind(child.lang, child.meta) === "cell",
  );
  const other = children.filter((child) => !math.includes(child) && !cells.includes(child));
  if (math.length !== 1 || cells.length !== 1 || other.length > 0)
    fail(
      `<Paired> must hold exactly one display equation ($$ … $$) and one \`\`\`ts cell; found ${math.length} equation(s), ${cells.length} cell(s) and ${other.length} other block(s)`,
    );
  const mathNode = math[0] as { value: string; position?: { start: { line: number } } };
  const code = cells[0] as Code;
  const mathLine = mathNode.position?.start.line ?? line;
  const codeLine = code.position?.start.line ?? line;

  const rows = parseRows(mathNode.value).map((row) =>
    renderRow(row, (message) => fail(message, mathLine + 1 + row.line)),
  );
  const codeLabels: Record<number, string> = {};
  for (const [i, text] of code.value.split("\n").entries()) {
    const label = PAIR_MARKER.exec(text)?.[1];
    if (label) codeLabels[i + 1] = label;
  }
  const mathLabels = new Set(rows.map((row) => row.label));
  const codeLabelSet = new Set(Object.values(codeLabels));
  for (const row of rows)
    if (!codeLabelSet.has(row.label))
      fail(
        `the equation row labelled "${row.label}" has no code line ending in //: ${row.label} in the paired cell`,
        mathLine,
      );
  for (const [lineNumber, label] of Object.entries(codeLabels))
    if (!mathLabels.has(label))
      fail(
        `code line ${lineNumber} is labelled //: ${label} but no equation row has \\pair{${label}}`,
        codeLine + Number(lineNumber),
      );
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.label)) fail(`two equation rows are labelled \\pair{${row.label}}`, mathLine);
    seen.add(row.label);
  }

  // Each row sits beside the first code line with its label, and that line is as tall as the row: the equation
  // column is one slot per code line, of the line's height, so the two columns line up without JavaScript.
  const heights: Record<number, number> = {};
  const layout: PairedSlot[] = [];
  const placed = new Set<string>();
  for (const [i, text] of code.value.split("\n").entries()) {
    const label = codeLabels[i + 1];
    const first = label !== undefined && !placed.has(label);
    if (first) placed.add(label);
    const row = first ? rows.findIndex((candidate) => candidate.label === label) : -1;
    const height = row >= 0 ? Math.max(CODE_LINE_REM, rows[row]!.height) : CODE_LINE_REM;
    if (row >= 0) heights[i + 1] = height;
    layout.push({
      height,
      ...(row >= 0 ? { row } : {}),
      ...(label ? { label, text: text.replace(PAIR_MARKER, "").trim() } : {}),
    });
  }
  code.data = { ...code.data, paired: { labels: codeLabels, heights } satisfies PairedCellData } as Code["data"];
  element.children = [code];
  element.attributes.push({ type: "mdxJsxAttribute", name: "rows", value: JSON.stringify(rows) });
  element.attributes.push({ type: "mdxJsxAttribute", name: "layout", value: JSON.stringify(layout) });
}

interface RawRow {
  tex: string;
  /** 0-based line within the math block where the row starts. */
  line: number;
}

/** Split an aligned block into rows at top-level `\\` (an environment wrapper is removed). */
export function parseRows(value: string): RawRow[] {
  const begin = /^\s*\\begin\{(?:aligned|align\*?|gathered|split)\}/.exec(value);
  const end = /\\end\{(?:aligned|align\*?|gathered|split)\}\s*$/.exec(value);
  const from = begin ? begin[0].length : 0;
  const to = end ? end.index : value.length;
  const rows: RawRow[] = [];
  let depth = 0;
  let start = from;
  const push = (stop: number) => {
    const tex = value.slice(start, stop);
    const leading = tex.length - tex.trimStart().length;
    if (tex.trim()) rows.push({ tex: tex.trim(), line: value.slice(0, start + leading).split("\n").length - 1 });
  };
  for (let i = from; i < to; i++) {
    const c = value[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "\\" && value[i + 1] === "\\" && depth === 0) {
      push(i);
      i++;
      const spacing = /^\[[^\]]*\]/.exec(value.slice(i + 1, to)); // \\[4pt]
      if (spacing) i += spacing[0].length;
      start = i + 1;
    } else if (c === "\\") i++; // an escaped character
  }
  push(to);
  return rows;
}

function renderRow(row: RawRow, fail: (message: string) => never): PairedRow {
  const labels = [...row.tex.matchAll(/\\pair\{([^}]*)\}/g)].map((match) => match[1]!.trim());
  if (labels.length !== 1)
    fail(
      `each equation row needs exactly one \\pair{label} naming the code lines that compute it; this row has ${labels.length}: ${row.tex}`,
    );
  const label = labels[0]!;
  if (!/^[A-Za-z][\w-]*$/.test(label))
    fail(`\\pair label must be letters, digits, _ or -, starting with a letter; received ${JSON.stringify(label)}`);
  const tex = row.tex.replace(/\\pair\{[^}]*\}/g, "").trim();
  const split = topLevelAmpersand(tex);
  const [lhsTex, rhsTex] = split < 0 ? [tex, ""] : [tex.slice(0, split), tex.slice(split + 1).replace(/&/g, "\\quad ")];
  const render = (part: string) => {
    if (!part.trim()) return "";
    try {
      return katex.renderToString(`\\displaystyle ${part}`, {
        throwOnError: true,
        strict: "error",
        output: "htmlAndMathml",
      });
    } catch (error) {
      return fail(
        `invalid TeX in a paired equation row: ${(error as Error).message.replace(/^KaTeX parse error: /, "")}`,
      );
    }
  };
  const lhs = render(lhsTex);
  const rhs = render(rhsTex);
  return { label, lhs, rhs, tex, height: rowHeight(lhs + rhs) };
}

/** The row's height in rem: KaTeX sizes each formula's strut (height + depth) in em. */
function rowHeight(html: string): number {
  const struts = [...html.matchAll(/class="(?:katex-)?strut" style="height:([\d.]+)em/g)].map((match) =>
    Number(match[1]),
  );
  const em = struts.length ? Math.max(...struts) : 1;
  return Math.round((em * KATEX_SCALE + ROW_PADDING_REM) * 100) / 100;
}

function topLevelAmpersand(tex: string): number {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "&" && depth === 0) return i;
  }
  return -1;
}
