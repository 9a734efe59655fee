/**
 * remark plugin, first of the notebook's: build the page's lesson model (lesson.ts) from the tree as parsed, before
 * any plugin rewrites it, and keep it on the file for remark-cells, which runs its cells and hands model and run to
 * the downloads. One parse, one model, one numbering of the equations (remark-equations.ts `equationNumbers`).
 */
import path from "node:path";
import type { Root } from "mdast";
import type { VFile } from "vfile";
import { lessonFromTree, linkResolver, type LessonModel } from "./lesson.ts";
import { equationNumbers } from "./remark-equations.ts";

export interface RemarkLessonOptions {
  /** Project root, to print file names relative to it. Default: the working directory. */
  root?: string;
  /** The site's base path. Default "/". */
  base?: string;
  /** The site's URL, if known (Astro's `site`): downloads then link to absolute addresses. */
  site?: string;
  /** A content file's route ("/lessons/adam/"). */
  routeOf(file: string): string;
  /** Seconds a cell may run in the browser unless its fence says otherwise. Default 10. */
  defaultTimeout?: number;
}

const KEY = "momentsLesson";

/** The model remark-lesson left on the file; throws if it did not run (the plugins' order is a checked fact). */
export function lessonOf(file: VFile): LessonModel {
  const model = (file.data as { [KEY]?: LessonModel })[KEY];
  if (!model) throw new Error("remark-cells needs remark-lesson to run first (the moments plugin orders them so)");
  return model;
}

export default function remarkLesson(options: RemarkLessonOptions) {
  const root = options.root ?? process.cwd();
  const base = (options.base ?? "/").replace(/\/?$/, "/");
  return (tree: Root, file: VFile) => {
    const where = path.relative(root, file.path || "<unknown>");
    const route = options.routeOf(file.path ?? "");
    const pagePath = base + route.slice(1);
    const frontmatter = (file.data as { astro?: { frontmatter?: { title?: unknown; description?: unknown } } }).astro
      ?.frontmatter;
    const model = lessonFromTree(tree, String(file.value), {
      where,
      slug: route.split("/").filter(Boolean).pop() ?? "index",
      title: typeof frontmatter?.title === "string" ? frontmatter.title : path.basename(file.path ?? "page"),
      description: typeof frontmatter?.description === "string" ? frontmatter.description : undefined,
      defaultTimeout: options.defaultTimeout ?? 10,
      numbers: equationNumbers(tree, where),
      resolveLink: linkResolver({
        base,
        pagePath,
        pageUrl: options.site ? new URL(pagePath, options.site).href : undefined,
      }),
    });
    (file.data as { [KEY]?: LessonModel })[KEY] = model;
  };
}
