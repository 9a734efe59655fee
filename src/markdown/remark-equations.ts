/**
 * remark plugin: numbered equations and references to them, which KaTeX does not have.
 *
 *     $$
 *     m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t \label{first-moment}
 *     $$
 *
 *     The first moment $\eqref{first-moment}$ is an exponential average.
 *
 * Display equations with `\label{name}` are numbered in page order: the label becomes `\tag{n}` and the equation gets
 * the anchor `#eq-name`. `\eqref{name}` becomes a link "(n)" to it — a whole inline formula that is only a reference
 * becomes a plain link; inside a larger formula, a KaTeX `\href` (trusted for `#eq-` targets only). An unknown or
 * duplicate label fails the build with the file and line.
 *
 * remark-math keeps a copy of the TeX in `data.hChildren` at parse time; this plugin rewrites that copy too.
 */
import path from "node:path";
import type { Root, RootContent } from "mdast";
import type { VFile } from "vfile";

export interface RemarkEquationsOptions {
  root?: string;
}

/** KaTeX's `trust` for the pages: only the `\href`s this plugin writes, to equation anchors. */
export function trustEquationLinks(context: { command: string; url?: string }): boolean {
  return context.command === "\\href" && typeof context.url === "string" && /^#eq-[\w-]+$/.test(context.url);
}

interface HastLike {
  type: string;
  value?: string;
  children?: HastLike[];
}

interface MathNode {
  type: "math" | "inlineMath";
  value: string;
  data?: { hChildren?: HastLike[] };
  position?: { start: { line: number } };
}

const LABEL = /\\label\{([^}]*)\}/g;
const EQREF = /\\eqref\{([^}]*)\}/g;

export default function remarkEquations(options: RemarkEquationsOptions = {}) {
  const root = options.root ?? process.cwd();
  return (tree: Root, file: VFile) => {
    const where = path.relative(root, file.path || "<unknown>");
    const nodes: { node: MathNode; parent: { children: RootContent[] } }[] = [];
    collect(tree, nodes);
    const numbers = equationNumbers(tree, where);
    for (const { node, parent } of nodes) {
      const label = [...node.value.matchAll(LABEL)][0]?.[1]?.trim();
      if (label === undefined) continue;
      setTex(node, node.value.replace(LABEL, `\\tag{${numbers.get(label)}}`));
      // An anchor to link to: the rendered equation replaces the math element, so the id goes on a wrapper.
      const index = parent.children.indexOf(node as unknown as RootContent);
      parent.children[index] = {
        type: "mdxJsxFlowElement",
        name: "div",
        attributes: [
          { type: "mdxJsxAttribute", name: "id", value: `eq-${label}` },
          { type: "mdxJsxAttribute", name: "class", value: "equation" },
        ],
        children: [node],
      } as unknown as RootContent;
    }
    // Resolve the references.
    for (const { node, parent } of nodes) {
      if (!EQREF.test(node.value)) continue;
      EQREF.lastIndex = 0;
      const line = node.position?.start.line ?? 0;
      for (const match of node.value.matchAll(EQREF)) {
        const label = match[1]!.trim();
        if (!numbers.has(label))
          throw new Error(
            `${where}:${line}: \\eqref{${label}} refers to no equation on this page` +
              (numbers.size ? ` (its labels: ${[...numbers.keys()].join(", ")})` : " (it has no \\label{…})"),
          );
      }
      const only = /^\s*\\eqref\{([^}]*)\}\s*$/.exec(node.value);
      if (only && node.type === "inlineMath") {
        const label = only[1]!.trim();
        const index = parent.children.indexOf(node as unknown as RootContent);
        parent.children[index] = {
          type: "link",
          url: `#eq-${label}`,
          data: { hProperties: { className: ["eqref"] } },
          children: [{ type: "text", value: `(${numbers.get(label)})` }],
        } as RootContent;
      } else {
        setTex(
          node,
          node.value.replace(
            EQREF,
            (_, label: string) => `\\href{#eq-${label.trim()}}{(${numbers.get(label.trim())})}`,
          ),
        );
      }
    }
  };
}

/**
 * The page's equation numbers: its labelled display equations in page order, 1, 2, … — the one numbering the page
 * and the downloads (lesson.ts) use. Throws, naming file and line, on a label that is misplaced, repeated or malformed.
 */
export function equationNumbers(tree: Root, where: string): Map<string, number> {
  const numbers = new Map<string, number>();
  const nodes: { node: MathNode; parent: { children: RootContent[] } }[] = [];
  collect(tree, nodes);
  for (const { node } of nodes) {
    const labels = [...node.value.matchAll(LABEL)].map((match) => match[1]!.trim());
    if (labels.length === 0) continue;
    const line = node.position?.start.line ?? 0;
    if (node.type !== "math")
      throw new Error(`${where}:${line}: \\label{${labels[0]}} needs a display equation ($$ … $$)`);
    if (labels.length > 1)
      throw new Error(`${where}:${line}: an equation has ${labels.length} \\label{…}s; give it one`);
    const label = labels[0]!;
    if (!/^[A-Za-z][\w-]*$/.test(label))
      throw new Error(
        `${where}:${line}: \\label name must be letters, digits, _ or -, starting with a letter; received ${JSON.stringify(label)}`,
      );
    if (numbers.has(label)) throw new Error(`${where}:${line}: \\label{${label}} is used twice on this page`);
    numbers.set(label, numbers.size + 1);
  }
  return numbers;
}

/** Set a math node's TeX, and the copy remark-math made for rehype (`pre > code > text` or `code > text`). */
function setTex(node: MathNode, tex: string) {
  node.value = tex;
  const rewrite = (children: HastLike[] | undefined) => {
    for (const child of children ?? []) {
      if (child.type === "text") child.value = tex;
      else rewrite(child.children);
    }
  };
  rewrite(node.data?.hChildren);
}

function collect(node: Root | RootContent, found: { node: MathNode; parent: { children: RootContent[] } }[]) {
  if (!("children" in node)) return;
  for (const child of node.children as RootContent[]) {
    if (child.type === "math" || child.type === "inlineMath")
      found.push({ node: child as unknown as MathNode, parent: node as { children: RootContent[] } });
    else collect(child, found);
  }
}
