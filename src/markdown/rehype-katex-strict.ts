/**
 * rehype plugin, after rehype-katex: fail the build on any TeX that KaTeX could not render.
 *
 * rehype-katex never throws; it renders bad TeX in red and records a message on the file. This turns those messages
 * into one error naming the file, the line and KaTeX's reason, so a broken equation cannot reach readers.
 */
import path from "node:path";
import type { Root } from "hast";
import type { VFile } from "vfile";

export interface RehypeKatexStrictOptions {
  /** Project root, to print file names relative to it. Default: the working directory. */
  root?: string;
}

export default function rehypeKatexStrict(options: RehypeKatexStrictOptions = {}) {
  const root = options.root ?? process.cwd();
  return (_tree: Root, file: VFile) => {
    const problems = file.messages.filter((message) => message.source === "rehype-katex");
    if (problems.length === 0) return;
    const where = path.relative(root, file.path || "<unknown>");
    const lines = problems.map((problem) => {
      const reason = ((problem.cause as Error | undefined)?.message ?? problem.reason).replace(
        /^KaTeX parse error: /,
        "",
      );
      // Display math sits in a <pre> that carries the position; the inner element may have none.
      const place = problem.line
        ? { line: problem.line, column: problem.column }
        : [...(problem.ancestors ?? [])].reverse().find((node) => node.position)?.position?.start;
      return `${where}:${place?.line ?? "?"}:${place?.column ?? "?"}: invalid TeX: ${reason}`;
    });
    const error = new Error(lines.join("\n"));
    error.name = "TeXError";
    throw error;
  };
}
