/**
 * What the editor's language service needs to know a course's cells (see src/notebook/shared/cell-types.ts): made
 * once per build from the sources, never written by hand.
 *
 * - The cell library's declaration files: TypeScript's own declaration emit over the library's modules (and what
 *   they import), doc comments kept.
 * - The notebook's own names (`display`, `slider`, …, `Plot`, `document`) from `CellScope`
 *   (src/notebook/kernel/cell-scope.ts), the type the kernel builds its scope with, declared as globals.
 * - The standard library a cell's realm has: ES2023 and a Web Worker's globals (`console`, `setTimeout`,
 *   `performance`, …), TypeScript's own `lib.*.d.ts`; and Observable Plot's declarations, which it ships.
 * - Each library and notebook name's documentation as HTML, Markdown and TeX rendered here, with KaTeX, so a hover
 *   shows an optimizer's update rule as the lesson does and the browser needs no Markdown or KaTeX code for it. A
 *   name whose declaration has no doc comment of its own takes its file's header when the file is named after it
 *   (`adam` in adam.ts): the house writes an optimizer's math at the top of its file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import ts from "typescript";
import { unified } from "unified";
import type { CellTypes } from "../shared/cell-types.ts";
import { DRAWING_KIT_NAMES, KERNEL_NAMES } from "../shared/names.ts";
import type { CellLibrary } from "./library.ts";

const ENGINE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CELL_SCOPE = fileURLToPath(new URL("../kernel/cell-scope.ts", import.meta.url));
/** The standard library of a cell's realm: the language the kernels run, and a worker's globals. */
const LIBS = ["lib.es2023.d.ts", "lib.webworker.d.ts"];
const PLOT = "@observablehq/plot";
const GLOBALS = "/moments/globals.d.ts";

const COMPILER_OPTIONS: ts.CompilerOptions = {
  declaration: true,
  emitDeclarationOnly: true,
  skipLibCheck: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  lib: LIBS,
  types: [],
};

/** The cells' types for a site whose library is `library` (resolved by library.ts) and whose root is `root`. */
export async function cellTypes(library: CellLibrary, root: string): Promise<CellTypes> {
  const virtualPath = (file: string) => {
    const inEngine = path.relative(path.join(ENGINE_ROOT, "src/notebook"), file);
    if (!inEngine.startsWith("..")) return `/moments/src/notebook/${toPosix(inEngine)}`;
    const inSite = path.relative(root, file);
    return inSite.startsWith("..") ? `/outside${toPosix(file)}` : `/site/${toPosix(inSite)}`;
  };

  const program = ts.createProgram([...library.modules, CELL_SCOPE], COMPILER_OPTIONS);
  const files: Record<string, string> = {};
  const emitted = program.emit(
    undefined,
    (file, text) => {
      files[virtualPath(file)] = text;
    },
    undefined,
    true,
  );
  const problems = [...program.getSyntacticDiagnostics(), ...emitted.diagnostics];
  if (problems.length > 0)
    throw new Error(
      `moments: the cell library's declarations (for the editor's types) could not be made:\n${ts.formatDiagnostics(problems, formatHost(root))}`,
    );

  const checker = program.getTypeChecker();
  const docs: Record<string, string> = {};
  const kinds: Record<string, string> = {};
  const modules: CellTypes["modules"] = [];
  const taken = new Set<string>();
  for (const file of library.modules) {
    const source = program.getSourceFile(file)!;
    const names: string[] = [];
    for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
      const name = exported.getName();
      if (taken.has(name)) continue; // a type exported by two modules: the first one's (values cannot repeat)
      taken.add(name);
      names.push(name);
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      kinds[name] = kindOf(target);
      const markdown = docMarkdown(target, name);
      if (markdown) docs[name] = await renderDoc(markdown, `${path.relative(root, file)}: ${name}`);
    }
    modules.push({ path: virtualPath(file).replace(/\.ts$/, ""), names });
  }

  const scope = checker.getDeclaredTypeOfSymbol(
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(CELL_SCOPE)!)!)
      .find((symbol) => symbol.getName() === "CellScope")!,
  );
  const globals: string[] = [];
  for (const name of KERNEL_NAMES) {
    const member = scope.getProperty(name);
    if (!member) throw new Error(`moments: CellScope (src/notebook/kernel/cell-scope.ts) does not declare ${name}`);
    const markdown = docMarkdown(member, name);
    if (markdown) docs[name] = await renderDoc(markdown, `CellScope.${name}`);
    globals.push(`${docComment(markdown)}  const ${name}: CellScope[${JSON.stringify(name)}];`);
  }
  const kit: Record<(typeof DRAWING_KIT_NAMES)[number], [string, string]> = {
    Plot: [
      `typeof import("${PLOT}")`,
      "Observable Plot (https://observablehq.com/plot/), loaded the first time a cell draws.",
    ],
    document: ["any", "A DOM of the kernel's own (linkedom), for Plot to draw into."],
  };
  for (const [name, [type, doc]] of Object.entries(kit)) {
    docs[name] = await renderDoc(doc, name);
    globals.push(`${docComment(doc)}  const ${name}: ${type};`);
  }
  const scopeModule = virtualPath(CELL_SCOPE).replace(/\.ts$/, "");
  files[GLOBALS] =
    `import type { CellScope } from "${scopeModule}";\n\ndeclare global {\n${globals.join("\n")}\n}\n\nexport {};\n`;

  const libs = standardLibrary();
  for (const lib of libs) files[`/lib/${lib}`] = readFileSync(path.join(libDirectory(), lib), "utf8");
  const plot = plotDeclarations(root);
  Object.assign(files, plot.files);

  return { files, libs, modules, kinds, globals: GLOBALS, paths: { [PLOT]: plot.entry }, docs };
}

function kindOf(symbol: ts.Symbol): string {
  if (symbol.flags & ts.SymbolFlags.Function) return "function";
  if (symbol.flags & ts.SymbolFlags.Class) return "class";
  if (symbol.flags & ts.SymbolFlags.Enum) return "enum";
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return "type";
  const declaration = symbol.declarations?.[0];
  const constant =
    declaration && ts.isVariableDeclaration(declaration) && declaration.parent.flags & ts.NodeFlags.Const;
  return constant ? "constant" : "variable";
}

/** The `lib.*.d.ts` files LIBS needs, following their `/// <reference lib>`s. */
function standardLibrary(): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const text = readFileSync(path.join(libDirectory(), file), "utf8");
    for (const match of text.matchAll(/\/\/\/\s*<reference lib="([^"]+)"\s*\/>/g))
      visit(`lib.${match[1]!.toLowerCase()}.d.ts`);
  };
  for (const lib of LIBS) visit(lib);
  return [...found].sort();
}

const libDirectory = () => path.dirname(createRequire(import.meta.url).resolve("typescript"));

/** Observable Plot's declaration files (the site's own Plot if it has one, as the bundles use). */
function plotDeclarations(root: string): { files: Record<string, string>; entry: string } {
  let entry: string;
  try {
    entry = createRequire(path.join(root, "package.json")).resolve(PLOT);
  } catch {
    entry = createRequire(import.meta.url).resolve(PLOT);
  }
  // Plot's exports map has no ./package.json: find it above the entry.
  let manifest = path.join(path.dirname(entry), "package.json");
  while (!existsSync(manifest) && path.dirname(path.dirname(manifest)) !== path.dirname(manifest))
    manifest = path.join(path.dirname(path.dirname(manifest)), "package.json");
  const directory = path.dirname(manifest);
  const types = (JSON.parse(readFileSync(manifest, "utf8")) as { types?: string }).types ?? "src/index.d.ts";
  const files: Record<string, string> = {};
  const base = `/node_modules/${PLOT}/`;
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".d.ts"))
        files[base + toPosix(path.relative(directory, full))] = readFileSync(full, "utf8");
    }
  };
  walk(path.join(directory, path.dirname(types)));
  return { files, entry: base + toPosix(path.normalize(types)) };
}

/**
 * A symbol's doc comment as Markdown: its own, or (for a name its file is named after) the file's header.
 * `{@link name}` becomes code; `@example` a TypeScript block; other tags a line each.
 */
function docMarkdown(symbol: ts.Symbol, name: string): string {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return "";
  const owner = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  const source = declaration.getSourceFile();
  let comment = lastDocComment(source.text, owner.getFullStart());
  if (!comment && fileNameOf(source.fileName) === name) comment = headerComment(source);
  return comment ? commentMarkdown(comment) : "";
}

function lastDocComment(text: string, position: number): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, position) ?? [];
  const last = ranges.filter((range) => text.startsWith("/**", range.pos)).at(-1);
  return last && text.slice(last.pos, last.end);
}

/** The file's opening doc comment, when it comes before any code. */
function headerComment(source: ts.SourceFile): string | undefined {
  const first = source.statements[0];
  return first ? lastDocComment(source.text, 0) : undefined;
}

/** `clip-grad-norm.ts` → `clipGradNorm`. */
const fileNameOf = (file: string) =>
  path
    .basename(file)
    .replace(/\.(d\.)?ts$/, "")
    .replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function commentMarkdown(comment: string): string {
  const lines = comment
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""));
  const out: string[] = [];
  let inExample = false;
  for (const line of lines) {
    const tag = /^@(\w+)\s*(.*)$/.exec(line);
    if (tag) {
      if (inExample) out.push("```");
      inExample = tag[1] === "example";
      if (inExample) out.push("", "Example:", "", "```ts", ...(tag[2] ? [tag[2]] : []));
      else out.push("", `*@${tag[1]}* ${tag[2]}`);
    } else out.push(line);
  }
  if (inExample) out.push("```");
  return (
    out
      .join("\n")
      // `$$ … $$` is display math wherever it sits, on one line or several (as TeX has it); remark-math wants the
      // fences on lines of their own.
      .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
      .replace(/\{@link(?:code|plain)?\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g, (_, target: string, text?: string) =>
        text ? `${text} (\`${target}\`)` : `\`${target}\``,
      )
      .trim()
  );
}

/** A `/** … *\/` comment for generated declarations. */
const docComment = (markdown: string) =>
  markdown
    ? `  /**\n${markdown
        .split("\n")
        .map((line) => `   * ${line.replace(/\*\//g, "*\\/")}`.trimEnd())
        .join("\n")}\n   */\n`
    : "";

const renderer = unified()
  .use(remarkParse)
  .use(remarkMath)
  .use(remarkRehype)
  .use(rehypeKatex, { strict: "error" })
  .use(rehypeStringify);

async function renderDoc(markdown: string, where: string): Promise<string> {
  let file;
  try {
    file = await renderer.process(markdown);
  } catch (error) {
    throw new Error(`moments: the doc comment of ${where} does not render: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // rehype-katex reports TeX it cannot render as a message (and renders it in red): a broken doc comment fails.
  if (file.messages.length > 0) {
    const [message] = file.messages;
    const detail = message!.cause instanceof Error ? message!.cause.message.split("\n")[0] : message!.reason;
    throw new Error(`moments: the doc comment of ${where} does not render: ${detail}`);
  }
  return String(file);
}

function formatHost(root: string): ts.FormatDiagnosticsHost {
  return { getCanonicalFileName: (file) => file, getCurrentDirectory: () => root, getNewLine: () => "\n" };
}

const toPosix = (file: string) => file.split(path.sep).join("/");
