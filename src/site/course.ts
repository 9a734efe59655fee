/**
 * Our course's structure, as Starlight sidebar config: lessons are `content/lessons/NN-topic.mdx`, ordered by NN,
 * grouped in parts named in their frontmatter (`part: Adam`), then the reference pages. This is the course's own
 * config (astro.config.mjs calls it), not the notebook's: another course writes its sidebar as it likes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lessonSlug } from "./lessons.ts";

/** Our course's cell library, as the plugin's `library` option takes it: every export is in every cell's scope. */
export const COURSE_LIBRARY = [
  "./src/optim/index.ts",
  "./src/problems/index.ts",
  "./src/run/index.ts",
  "./src/plot/index.ts",
];

/** The parts of the course, in order. A lesson's `part` must be one of these. */
export const PARTS = [
  "Start here",
  "Gradient descent",
  "Adaptive learning rates",
  "Adam",
  "Beyond Adam",
  "Under the hood",
  "Adam in practice",
] as const;

export type Part = (typeof PARTS)[number];

export interface SidebarGroup {
  label: string;
  items: { slug: string }[];
}

/** The Markdown files of a content folder, sorted; none if the folder does not exist (a course without lessons yet). */
const markdownFiles = (directory: string) =>
  existsSync(directory)
    ? readdirSync(directory)
        .filter((file) => /\.mdx?$/.test(file))
        .sort()
    : [];

/**
 * Sidebar groups for the lessons in `directory`, by part, in course order (none for an empty or missing folder).
 * Throws on a missing or unknown part.
 */
export function lessonSidebar(directory: string): SidebarGroup[] {
  const groups = new Map<string, SidebarGroup>();
  const files = markdownFiles(directory);
  for (const file of files) {
    const part = frontmatterField(readFileSync(path.join(directory, file), "utf8"), "part");
    if (!part || !(PARTS as readonly string[]).includes(part))
      throw new Error(
        `content/lessons/${file}: frontmatter "part" must be one of ${PARTS.map((p) => JSON.stringify(p)).join(", ")}; received ${JSON.stringify(part ?? null)}`,
      );
    if (!groups.has(part)) groups.set(part, { label: part, items: [] });
    groups.get(part)!.items.push({ slug: lessonSlug(`lessons/${file}`) });
  }
  return [...groups.values()].sort((a, b) => PARTS.indexOf(a.label as Part) - PARTS.indexOf(b.label as Part));
}

/** The whole sidebar: the lessons by part, then the reference pages, for the content folder at `content`. */
export function courseSidebar(content: URL): SidebarGroup[] {
  const dir = fileURLToPath(content);
  const reference = markdownFiles(path.join(dir, "reference")).map((file) => ({
    slug: lessonSlug(`reference/${file}`),
  }));
  return [...lessonSidebar(path.join(dir, "lessons")), { label: "Reference", items: reference }];
}

/** A top-level scalar field of a file's YAML frontmatter (enough for the sidebar; Astro validates the whole). */
export function frontmatterField(text: string, field: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const line = frontmatter?.split(/\r?\n/).find((l) => l.startsWith(`${field}:`));
  return line
    ?.slice(field.length + 1)
    .trim()
    .replace(/^(["'])(.*)\1$/, "$2");
}
