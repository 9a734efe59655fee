/**
 * Lessons for the export tests: the course's own files, or a few lines of MDX, parsed as the site parses them
 * (remark-mdx with remark-math) into the lesson model remark-lesson builds for each page.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { libraryBundle, type LibraryBundle } from "../../src/export/bundle.ts";
import { createProcessor } from "@mdx-js/mdx";
import type { Root } from "mdast";
import remarkMath from "remark-math";
import { lessonFromTree, type Lesson } from "../../src/markdown/lesson.ts";
import { equationNumbers } from "../../src/markdown/remark-equations.ts";
import { cellNames, type CellNames } from "../../src/export/shared.ts";
import { resolveLibrary, type CellLibrary } from "../../src/notebook/build/library.ts";
import { COURSE_LIBRARY, frontmatterField } from "../../src/site/course.ts";
import { lessonSlug } from "../../src/site/lessons.ts";
import { ROOT } from "../support/paths.ts";

export const LESSONS_DIR = path.join(ROOT, "content/lessons");
/** The platform fixture's pages (test/fixtures/platform), which the tests of the exporter rely on. */
export const FIXTURE_DIR = path.join(ROOT, "test/fixtures/platform/src/content/docs/lessons");
export const PAGE_URL = "https://moments.example.org/course/lessons/demo/";

/**
 * A page as the downloads see it (frontmatter apart): a path from the project root, or a file name of our course's
 * lessons ("07-adam.mdx").
 */
export function lessonSource(file: string): LessonSource {
  const full = file.includes("/") ? path.join(ROOT, file) : path.join(LESSONS_DIR, file);
  const text = readFileSync(full, "utf8");
  return {
    slug: lessonSlug(path.basename(full)),
    title: frontmatterField(text, "title") ?? file,
    description: frontmatterField(text, "description"),
    body: text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ""),
    file: path.relative(ROOT, full),
  };
}

/** The fixture's pages, then our course's lessons when there are any (paths from the project root). */
export function lessonFiles(): string[] {
  const pages = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith(".mdx"))
          .sort()
          .map((file) => path.relative(ROOT, path.join(dir, file)))
      : [];
  return [...pages(FIXTURE_DIR), ...pages(LESSONS_DIR)];
}

/** Whether our course's lesson exists (tests of a download of a real lesson skip without it). */
export const hasLesson = (file: string): boolean => existsSync(path.join(LESSONS_DIR, file));

/** A lesson made of `body` (MDX). */
export function demo(body: string, slug = "demo"): LessonSource {
  return { slug, title: "Demo", description: "A lesson for the tests.", body, file: "demo.mdx" };
}

/** A fenced cell: "```ts cell id=…" + code. */
export function cell(id: string, code: string, kind = "cell"): string {
  return `\`\`\`ts ${kind} id=${id}\n${code}\n\`\`\``;
}

let course: Promise<CellLibrary> | undefined;
/** Our course's library, resolved as the plugin resolves it. */
export function courseLibrary(): Promise<CellLibrary> {
  return (course ??= resolveLibrary(COURSE_LIBRARY, ROOT));
}

/** The names cells see, and a bundle of the whole library with Plot, for tests of the downloads' text. */
export async function wholeLibrary(): Promise<{ bundle: LibraryBundle; names: CellNames }> {
  const library = await courseLibrary();
  return { bundle: await libraryBundle(library, [...library.names.keys()], true), names: cellNames(library) };
}

/** A page's source as the tests give it. */
export interface LessonSource {
  slug: string;
  title: string;
  description?: string;
  /** The MDX source without its frontmatter. */
  body: string;
  file?: string;
}

const processor = createProcessor({ remarkPlugins: [remarkMath] });

/** The lesson model of a source, as remark-lesson builds it on the site. */
export function parseLesson(source: LessonSource, options: { resolveLink?: (url: string) => string } = {}): Lesson {
  const where = source.file ?? source.slug;
  const tree = processor.parse(source.body) as Root;
  return lessonFromTree(tree, source.body, {
    where,
    slug: source.slug,
    title: source.title,
    description: source.description,
    defaultTimeout: 10,
    numbers: equationNumbers(tree, where),
    resolveLink: options.resolveLink,
  }).lesson;
}
