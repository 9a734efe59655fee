/**
 * remark plugin: turn each ```ts cell fence into a <Cell> component whose output was computed at build time.
 *
 * All cells of a page run in order in one fresh kernel (the browser's kernel, in a Node worker thread), so each cell
 * sees the declarations of the cells above it. A cell that throws or runs too long fails the build with the file,
 * the line in the file, the cell's number and the line in the cell.
 */
import { parse as parseJs } from "acorn";
import path from "node:path";
import type { Code, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import { runCellsAtBuild, type BuildCellResult } from "../notebook/build-kernel.ts";
import { highlightTypeScript } from "../notebook/highlight.ts";
import { renderOutputs } from "../notebook/outputs.ts";
import { DEFAULT_TIMEOUT_SECONDS, isCellFence, parseCellFence } from "./cell-fence.ts";

export interface RemarkCellsOptions {
  /** Absolute path of the Cell component. */
  component: string;
  /** Project root, to print file names relative to it. Default: the working directory. */
  root?: string;
  /** Minimum seconds a cell may run at build time (machines building the site may be slow). Default 60. */
  minBuildTimeout?: number;
}

interface FoundCell {
  node: Code;
  parent: { children: RootContent[] };
  number: number;
  id: string;
  timeout: number;
}

export default function remarkCells(options: RemarkCellsOptions) {
  const root = options.root ?? process.cwd();
  const minBuildTimeout = options.minBuildTimeout ?? 60;
  return async function transform(tree: Root, file: VFile) {
    const where = path.relative(root, file.path || "<unknown>");
    const cells = findCells(tree, where);
    if (cells.length === 0) return;
    if (!/\.mdx$/.test(file.path ?? ""))
      throw new Error(`${where}: cells need an .mdx file (found ${cells.length} in a Markdown file)`);

    const results = await runCellsAtBuild(
      cells.map((cell) => ({
        id: cell.id,
        source: cell.node.value,
        timeoutMs: Math.max(minBuildTimeout, 3 * cell.timeout) * 1000,
      })),
    );
    const failed = results.find((result) => result.status !== "ok");
    if (failed) throw buildError(where, cells[results.indexOf(failed)]!, failed);

    for (const [i, cell] of cells.entries()) {
      const index = cell.parent.children.indexOf(cell.node);
      cell.parent.children[index] = {
        type: "mdxJsxFlowElement",
        name: "Cell",
        attributes: [
          attribute("id", cell.id),
          attribute("number", String(cell.number)),
          attribute("timeout", String(cell.timeout)),
          attribute("code", highlightTypeScript(cell.node.value)),
          attribute("output", renderOutputs(results[i]!.outputs)),
        ],
        children: [],
      } as unknown as RootContent;
    }
    tree.children.unshift(importComponent("Cell", options.component));
  };
}

function findCells(tree: Root, where: string): FoundCell[] {
  const cells: FoundCell[] = [];
  const ids = new Set<string>();
  const visit = (parent: { children: RootContent[] }) => {
    for (const node of parent.children) {
      if (node.type === "code" && isCellFence(node.lang, node.meta)) {
        const line = node.position?.start.line ?? 0;
        let fence;
        try {
          fence = parseCellFence(node.meta ?? "");
        } catch (error) {
          throw new Error(`${where}:${line}: ${(error as Error).message}`);
        }
        const number = cells.length + 1;
        const id = fence.id ?? `cell-${number}`;
        if (ids.has(id)) throw new Error(`${where}:${line}: cell id ${JSON.stringify(id)} is used twice on this page`);
        ids.add(id);
        cells.push({ node, parent, number, id, timeout: fence.timeout ?? DEFAULT_TIMEOUT_SECONDS });
      } else if ("children" in node) {
        visit(node as { children: RootContent[] });
      }
    }
  };
  visit(tree);
  return cells;
}

function buildError(where: string, cell: FoundCell, result: BuildCellResult): Error {
  const fenceLine = cell.node.position?.start.line ?? 0;
  const label = `cell ${cell.number}${cell.id === `cell-${cell.number}` ? "" : ` (${cell.id})`}`;
  if (result.status === "timeout")
    return new Error(
      `${where}:${fenceLine}: ${label} was still running after ${(result.ms / 1000).toFixed(0)} s; ` +
        `make it faster or raise its limit (\`\`\`ts cell timeout=…)`,
    );
  const error = result.outputs.find((output) => output.kind === "error");
  if (!error || error.kind !== "error") return new Error(`${where}:${fenceLine}: ${label} failed`);
  const at = error.line === undefined ? fenceLine : fenceLine + error.line;
  const cellLine = error.line === undefined ? "" : ` at line ${error.line}${error.column ? `:${error.column}` : ""}`;
  const frames = error.frames.length ? `\n    ${error.frames.join("\n    ")}` : "";
  const message = `${where}:${at}: ${label} failed${cellLine}: ${error.name}: ${error.message}${frames}`;
  const built = new Error(message);
  built.name = "CellError";
  return built;
}

function attribute(name: string, value: string) {
  return { type: "mdxJsxAttribute", name, value };
}

function importComponent(name: string, file: string): RootContent {
  const value = `import ${name} from ${JSON.stringify(file)};`;
  return {
    type: "mdxjsEsm",
    value,
    data: { estree: parseJs(value, { ecmaVersion: "latest", sourceType: "module" }) },
  } as unknown as RootContent;
}
