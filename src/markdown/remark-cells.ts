/**
 * remark plugin: turn each ```ts cell fence into a <Cell> component whose output was computed at build time.
 *
 * All cells of a page run in order in one fresh kernel (the browser's kernel, in a Node worker thread), so each cell
 * sees the declarations of the cells above it. A cell that throws or runs too long fails the build with the file,
 * the line in the file, the cell's number and the line in the cell.
 */
import path from "node:path";
import { importComponent } from "./mdx-import.ts";
import type { Code, Root, RootContent } from "mdast";
import type { VFile } from "vfile";
import { runPageAtBuild, type BuildCellResult } from "../notebook/build/build-kernel.ts";
import { recordPageRun } from "../notebook/build/page-runs.ts";
import { highlightTypeScript } from "../notebook/build/highlight.ts";
import { renderOutputs } from "../notebook/shared/outputs.ts";
import type { ExerciseParts } from "./cell-fence.ts";
import { formatValue } from "./prose-values.ts";
import { lessonOf } from "./remark-lesson.ts";
import type { PairedCellData } from "./remark-paired.ts";

export interface RemarkCellsOptions {
  /** Absolute path of the Cell component. */
  component: string;
  /** Absolute path of the notebook bar component, placed before the first cell. */
  bar?: string;
  /** Project root, to print file names relative to it. Default: the working directory. */
  root?: string;
  /** Minimum seconds a cell may run at build time (machines building the site may be slow). Default 60. */
  minBuildTimeout?: number;
  /** Absolute paths of the course library's modules, for the build's kernel. Default: none. */
  library?: readonly string[];
  /** Whether the page's downloads exist (the notebook bar links them). Default false. */
  downloads?: boolean;
}

interface FoundCell {
  node: Code;
  parent: { children: RootContent[] };
  number: number;
  id: string;
  timeout: number;
  exercise?: ExerciseParts;
}

export default function remarkCells(options: RemarkCellsOptions) {
  const root = options.root ?? process.cwd();
  const minBuildTimeout = options.minBuildTimeout ?? 60;
  return async function transform(tree: Root, file: VFile) {
    const where = path.relative(root, file.path || "<unknown>");
    const model = lessonOf(file);
    const blocks = model.lesson.blocks.filter((block) => block.kind !== "prose");
    const cells: FoundCell[] = model.cellNodes.map((node, i) => {
      const block = blocks[i]!;
      return {
        node,
        parent: parentOf(tree, node),
        number: block.number,
        id: block.id,
        timeout: block.timeout,
        exercise: block.kind === "exercise" ? block.exercise : undefined,
      };
    });
    const values = model.lesson.values;
    if (cells.length === 0 && values.length === 0) return;
    if (!/\.mdx$/.test(file.path ?? ""))
      throw new Error(`${where}: cells need an .mdx file (found ${cells.length} in a Markdown file)`);

    // An exercise runs its reference solution and hidden checks: the build fails if the solution does not pass.
    // An exercise's starter must fail its checks (else the learner has nothing to do); it runs first, in the
    // page's scope, and its solution then takes its place for the cells below.
    const timeoutMs = (cell: FoundCell) => Math.max(minBuildTimeout, 3 * cell.timeout) * 1000;
    const buildCells = cells.flatMap((cell) => [
      ...(cell.exercise
        ? [
            {
              id: `${cell.id}${STARTER}`,
              source: cell.exercise.starter,
              checks: cell.exercise.checks,
              mustFail: true,
              timeoutMs: timeoutMs(cell),
            },
          ]
        : []),
      {
        id: cell.id,
        source: cell.exercise?.solution ?? cell.node.value,
        checks: cell.exercise?.checks,
        trace: pairedData(cell) !== undefined,
        timeoutMs: timeoutMs(cell),
      },
    ]);
    const run = await runPageAtBuild(
      buildCells,
      values.map((value) => value.expression),
      { library: options.library },
    );
    const failed = run.cells.find((result) => result.status !== "ok");
    if (failed) {
      const cell = cells.find((candidate) => failed.id.replace(STARTER, "") === candidate.id)!;
      throw buildError(where, cell, failed, failed.id.endsWith(STARTER));
    }
    const results = run.cells.filter((result) => !result.id.endsWith(STARTER));

    const texts: string[] = [];
    for (const [i, value] of values.entries()) {
      let text: string;
      try {
        text = formatValue(run.values[i]!, value.format);
      } catch (error) {
        throw new Error(
          `${where}:${value.line}: <Value of="${value.expression}"> failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      texts.push(text);
      const node = model.valueNodes[i]!;
      const parent = parentOf(tree, node);
      parent.children[parent.children.indexOf(node)] = { type: "text", value: text } as RootContent;
    }
    // The downloads read this model and this run: the page is parsed once and its cells run once per build.
    if (file.path)
      recordPageRun(file.path, {
        lesson: model.lesson,
        outputs: new Map(results.map((result) => [result.id, result.outputs])),
        values: texts,
        ms: run.cells.reduce((sum, result) => sum + result.ms, 0),
      });
    if (cells.length === 0) return;

    // The notebook bar goes before the top-level block that holds the first cell (a cell may sit inside <Paired>).
    const firstBlock = tree.children.findIndex((node) => node === cells[0]!.node || contains(node, cells[0]!.node));
    for (const [i, cell] of cells.entries()) {
      const index = cell.parent.children.indexOf(cell.node);
      cell.parent.children[index] = cellElement(cell, results[i]!);
      if (pairedData(cell)) {
        // The paired equations show the values the cell's labelled lines produced, as built.
        const trace = results[i]!.outputs.find((output) => output.kind === "trace");
        const paired = cell.parent as unknown as { attributes: unknown[] };
        paired.attributes.push(attribute("cell", cell.id));
        paired.attributes.push(attribute("values", JSON.stringify(trace?.kind === "trace" ? trace.values : {})));
      }
    }
    if (options.bar && firstBlock >= 0)
      tree.children.splice(firstBlock, 0, {
        type: "mdxJsxFlowElement",
        name: "NotebookBar",
        attributes: options.downloads ? [attribute("downloads", "true")] : [],
        children: [],
      } as unknown as RootContent);
    tree.children.unshift(importComponent("Cell", options.component));
    if (options.bar) tree.children.unshift(importComponent("NotebookBar", options.bar));
  };
}

/** The node's parent in the tree as it is now (plugins before this one may have wrapped nodes). */
function parentOf(tree: Root, target: object): { children: RootContent[] } {
  const visit = (parent: { children: RootContent[] }): { children: RootContent[] } | undefined => {
    for (const node of parent.children) {
      if (node === target) return parent;
      if ("children" in node) {
        const found = visit(node as { children: RootContent[] });
        if (found) return found;
      }
    }
    return undefined;
  };
  const parent = visit(tree);
  if (!parent) throw new Error("remark-cells: a cell or value of the lesson is no longer in the page's tree");
  return parent;
}

function cellElement(cell: FoundCell, result: BuildCellResult): RootContent {
  const common = [
    attribute("id", cell.id),
    attribute("number", String(cell.number)),
    attribute("timeout", String(cell.timeout)),
  ];
  const exercise = cell.exercise;
  const attributes = exercise
    ? [
        ...common,
        attribute("kind", "exercise"),
        attribute("code", highlightTypeScript(exercise.starter)),
        attribute("solution", highlightTypeScript(exercise.solution)),
        attribute("checks", exercise.checks),
        attribute("hints", JSON.stringify(exercise.hints)),
        attribute(
          "output",
          renderOutputs([
            { kind: "note", text: `Write your code, then press Run: ${countChecks(result)} checks will test it.` },
          ]),
        ),
      ]
    : [...common, attribute("code", highlightCode(cell)), attribute("output", renderOutputs(result.outputs))];
  return { type: "mdxJsxFlowElement", name: "Cell", attributes, children: [] } as unknown as RootContent;
}

function contains(node: RootContent, target: RootContent): boolean {
  return (
    "children" in node && (node.children as RootContent[]).some((child) => child === target || contains(child, target))
  );
}

function pairedData(cell: FoundCell): PairedCellData | undefined {
  return (cell.node.data as { paired?: PairedCellData } | undefined)?.paired;
}

/** A cell's code, highlighted; a paired cell's lines carry their labels and heights. */
function highlightCode(cell: FoundCell): string {
  const paired = pairedData(cell);
  if (!paired) return highlightTypeScript(cell.node.value);
  return highlightTypeScript(cell.node.value, {
    lineAttributes: (line) => ({
      ...(paired.labels[line] ? { "data-pair-line": paired.labels[line]! } : {}),
      ...(paired.heights[line] ? { style: `--line-height: ${paired.heights[line]}rem` } : {}),
    }),
  });
}

function countChecks(result: BuildCellResult): number {
  const checks = result.outputs.find((output) => output.kind === "checks");
  return checks?.kind === "checks" ? checks.results.length : 0;
}

/** The id suffix of an exercise's starter run at build. */
const STARTER = ":starter";

function buildError(where: string, cell: FoundCell, result: BuildCellResult, starter = false): Error {
  const fenceLine = cell.node.position?.start.line ?? 0;
  const label = `cell ${cell.number}${cell.id === `cell-${cell.number}` ? "" : ` (${cell.id})`}`;
  if (result.status === "passed")
    return new Error(
      `${where}:${fenceLine}: ${label}: the exercise's starter code passes all its checks; a starter must fail them, or the learner has nothing to do`,
    );
  if (starter && result.status === "error")
    return new Error(
      `${where}:${fenceLine}: ${label}: the exercise's starter code does not compile: ${errorText(result)}; the starter is what readers see and edit`,
    );
  if (result.status === "timeout")
    return new Error(
      `${where}:${fenceLine}: ${label} was still running after ${(result.ms / 1000).toFixed(0)} s; ` +
        `make it faster or raise its limit (\`\`\`ts cell timeout=…)`,
    );
  const checks = result.outputs.find((output) => output.kind === "checks");
  if (checks?.kind === "checks" && !result.outputs.some((output) => output.kind === "error")) {
    const failures = checks.results
      .filter((check) => !check.passed)
      .map((check) => `check "${check.name}": ${check.message}`);
    return new Error(
      `${where}:${fenceLine}: ${label}: the reference solution fails its checks:\n    ${failures.join("\n    ")}`,
    );
  }
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

function errorText(result: BuildCellResult): string {
  const error = result.outputs.find((output) => output.kind === "error");
  return error?.kind === "error"
    ? `${error.name}: ${error.message}${error.line ? ` (line ${error.line})` : ""}`
    : "it failed";
}

function attribute(name: string, value: string) {
  return { type: "mdxJsxAttribute", name, value };
}
