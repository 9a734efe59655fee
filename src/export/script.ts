/**
 * A lesson as one TypeScript file that Node runs as it is (`node adam.ts`: Node ≥ 22.18 strips the types), in an
 * empty folder, offline.
 *
 * The file reads top to bottom like the page: a header saying how to run it, then the prose as `//` comments
 * (Markdown with the math as TeX, the numbers the build computed in place of `<Value>`), then each cell as written,
 * in order, in one module (one-module.ts says what is rewritten so that the cells keep the page's shared scope).
 * The library comes last, as function declarations the first lines call.
 *
 * Prose goes in line comments, not a block comment, so no text can end the comment early: a star followed by a slash
 * in the prose is inert, and the two characters JavaScript also counts as line ends (U+2028, U+2029) become spaces.
 */
import type { LibraryBundle } from "./bundle.ts";
import { proseText, type Lesson } from "../markdown/lesson.ts";
import { planLesson, valueText, type CellNames } from "./shared.ts";

export interface ScriptInput {
  lesson: Lesson;
  /** The lesson page's absolute URL, or where it lives on its site when the site's URL is unknown. */
  pageUrl: string;
  /** The names cells see (the course library's and the notebook's). */
  names: CellNames;
  /** The text of each `<Value>`, as the build computed it (undefined: not computed). */
  values: readonly (string | undefined)[];
  bundle: LibraryBundle;
}

export function lessonScript({ lesson, pageUrl, values, bundle, names }: ScriptInput): string {
  const { notebook, module: plan, plots } = planLesson(lesson, names);
  const code = [...plan.code];
  const text = (value: number) => valueText(lesson, values, value);

  const out: string[] = [header(lesson, pageUrl, plots, bundle)];
  out.push(
    `const ${notebook} = momentsLibrary({ lesson: ${JSON.stringify(lesson.slug)}, script: import.meta.url, plots: ${plots} });`,
    ...destructure("const", plan.constant, `${notebook}.library`),
    ...destructure("let", plan.mutable, `${notebook}.library`),
    "",
  );
  for (const block of lesson.blocks) {
    if (block.kind === "prose") {
      out.push(comment(proseText(block.parts, text).trim()), "");
    } else if (block.kind === "cell") {
      out.push(
        rule(`Cell ${block.number} · ${block.id}`),
        `${notebook}.cell(${block.number}, ${JSON.stringify(block.id)});`,
        code.shift()!,
        "",
      );
    } else {
      const [starter, checks, solution] = code.splice(0, 3);
      const hints = block.exercise.hints.map((hint) => `Hint: ${hint}`);
      out.push(
        rule(`Exercise ${block.number} · ${block.id}`),
        comment(
          [
            "Your code goes here (the page's starter code). Run the file: the checks below say which pass.",
            ...hints,
          ].join("\n"),
        ),
        `${notebook}.cell(${block.number}, ${JSON.stringify(block.id)});`,
        starter!,
        `await ${notebook}.checks(${JSON.stringify(block.id)}, async () => {`,
        checks!,
        "});",
        comment(
          "The reference solution. It replaces your code for the cells below, so they run either way; delete it to run them on yours.",
        ),
        solution!,
        "",
      );
    }
  }
  out.push(`${notebook}.end();`, "", libraryPart(plots, bundle));
  return out.join("\n");
}

function header(lesson: Lesson, pageUrl: string, plots: boolean, bundle: LibraryBundle): string {
  const lines = [
    `# ${lesson.title}`,
    ...(lesson.description ? ["", lesson.description] : []),
    "",
    `A lesson exported from ${pageUrl}`,
    `Run it with Node 22.18 or later, in any folder, offline:   node ${lesson.slug}.ts`,
    "",
    "- The prose is in comments, with its math as TeX; the cells follow in the page's order and share one scope, as on",
    "  the page (a later cell sees an earlier cell's declarations).",
    `- What a cell shows is printed under a header naming the cell${
      plots ? `; each chart is written next to this file\n  as ${lesson.slug}-figure-N.svg` : ""
    }.`,
    "- Sliders and other inputs keep their default values.",
    ...(lesson.blocks.some((block) => block.kind === "exercise")
      ? [
          "- Exercises: your code goes where the starter code is; the checks after it say what passes, and the reference",
          "  solution after them takes over for the cells below.",
        ]
      : []),
    `- What the cells use of the course's library${plots ? ", with Observable Plot and linkedom (minified)," : ""} is bundled at the end of this file.`,
    "",
    "Bundled code and data, with their licenses:",
    ...bundle.licenses.map((line) => `- ${line}`),
  ];
  return `// @ts-nocheck — the cells are the lesson's TypeScript; the library at the end is plain JavaScript.\n//\n${comment(lines.join("\n"))}\n`;
}

function libraryPart(plots: boolean, bundle: LibraryBundle): string {
  const note = [
    "The cell library: what the cells use of the course's library and the notebook's own functions, bundled when the",
    `site was built${plots ? ", with Observable Plot and linkedom" : ""}. Nothing below needs reading to follow the lesson.`,
  ].join("\n");
  return `${rule("The cell library", "═")}\n${comment(note)}\n${bundle.runtime}${plots ? `\n${bundle.vendor}` : ""}`;
}

/** `const { a, b, … } = from;`, wrapped at about 110 characters. */
function destructure(keyword: string, names: readonly string[], from: string): string[] {
  if (names.length === 0) return [];
  const single = `${keyword} { ${names.join(", ")} } = ${from};`;
  if (single.length <= 110) return [single];
  const lines: string[] = [];
  let line = "";
  for (const name of names) {
    if (line && line.length + name.length + 2 > 104) {
      lines.push(`  ${line.trimEnd()}`);
      line = "";
    }
    line += `${name}, `;
  }
  lines.push(`  ${line.trimEnd()}`);
  return [`${keyword} {`, ...lines, `} = ${from};`];
}

/** Text as `//` comment lines. */
export function comment(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, " ")
    .split("\n")
    .map((line) => (line.trim() ? `// ${line.trimEnd()}` : "//"))
    .join("\n");
}

function rule(title: string, character = "─"): string {
  return `// ${character.repeat(2)} ${title} ${character.repeat(Math.max(3, 100 - title.length))}`;
}
