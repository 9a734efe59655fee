/**
 * TypeScript's language service over a page's cells (it runs in the editor's language worker, worker.ts, and in
 * Node for the tests): diagnostics, hover and completion for one cell, knowing every cell above it.
 *
 * The page's shared scope as TypeScript modules: cell n is the file `/cells/n.ts`, its text the cell's code,
 * unchanged, followed by a tail that
 * - exports the cell's own top-level names;
 * - brings in each name an earlier cell declared, from the last cell above that declared it, as the kernel would
 *   have it after running the cells in order (`let` and `var` as ambient `declare let`, so that a later cell may
 *   assign them; the others by import);
 * - imports every library name the cell does not declare itself, from the library's declaration files, so hovers
 *   and completions carry the library's own doc comments.
 * The tail comes after the code, so positions and line numbers in the file are the cell's. The notebook's own names
 * (`display`, `slider`, `Plot`, …) are globals (the build's globals file).
 *
 * Diagnostics that describe how the kernel differs from a module (a top-level `return`) are left out.
 */
import ts from "typescript";
import {
  CELL_DIRECTORY,
  type CellCompletion,
  type CellCompletions,
  type CellDiagnostic,
  type CellHover,
  type CellTypes,
} from "../shared/cell-types.ts";

/** Top-level diagnostics the kernel makes moot: it runs a cell as the body of an async function. */
const IGNORED_CODES = new Set([
  1108, // A 'return' statement can only be used within a function body.
]);

/** Completion lists at most this long get each entry's doc line (an object's members, an options literal). */
const DETAILED_COMPLETIONS = 80;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  strict: true,
  // Learners write plain JavaScript too (`function step(x, lr) { … }`): untyped parameters are not errors.
  noImplicitAny: false,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

interface Cell {
  id: string;
  code: string;
  /** Bumped whenever `text` changes: TypeScript re-reads only the files whose version moved. */
  version: number;
  /** Top-level names the cell declares: value (`const`, function, class, …), assignable (`let`, `var`), type. */
  declares: Map<string, "value" | "assignable" | "type">;
  /** The file text: code + tail (made lazily; reset when this cell, or what a cell above declares, changes). */
  text?: string;
}

export interface CellService {
  /** Replace the page's cells (ids and code, in page order). */
  setCells(cells: readonly { id: string; code: string }[]): void;
  /** A cell's code changed. */
  update(id: string, code: string): void;
  diagnostics(id: string): CellDiagnostic[];
  hover(id: string, position: number): CellHover | undefined;
  completions(id: string, position: number): CellCompletions | undefined;
  /** The file TypeScript sees for a cell: its code, then its tail (see the header). */
  fileText(id: string): string;
}

export function createCellService(types: CellTypes): CellService {
  const options: ts.CompilerOptions = {
    ...COMPILER_OPTIONS,
    lib: types.libs,
    paths: Object.fromEntries(Object.entries(types.paths).map(([name, file]) => [name, [file]])),
  };
  /** Every folder of the virtual file system, with its trailing slash (module resolution asks, often). */
  const directories = new Set([CELL_DIRECTORY]);
  for (const file of Object.keys(types.files))
    for (let end = file.indexOf("/", 1); end > 0; end = file.indexOf("/", end + 1))
      directories.add(file.slice(0, end + 1));
  let cells: Cell[] = [];
  let projectVersion = 0;
  const snapshots = new Map<string, ts.IScriptSnapshot>();

  const fileOf = (index: number) => `${CELL_DIRECTORY}${index + 1}.ts`;
  const indexOfFile = (file: string) =>
    file.startsWith(CELL_DIRECTORY) ? Number(file.slice(CELL_DIRECTORY.length, -3)) - 1 : -1;

  const read = (file: string): string | undefined => {
    const index = indexOfFile(file);
    if (index >= 0) return index < cells.length ? cellText(index) : undefined;
    return types.files[file];
  };

  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [types.globals, ...cells.map((_, index) => fileOf(index))],
    getScriptVersion: (file) => {
      const index = indexOfFile(file);
      return index >= 0 ? String(cells[index]?.version ?? 0) : "0";
    },
    getScriptSnapshot: (file) => {
      const index = indexOfFile(file);
      if (index < 0) {
        let snapshot = snapshots.get(file);
        if (!snapshot) {
          const text = read(file);
          if (text === undefined) return undefined;
          snapshot = ts.ScriptSnapshot.fromString(text);
          snapshots.set(file, snapshot);
        }
        return snapshot;
      }
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getProjectVersion: () => String(projectVersion),
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: () => `/lib/${types.libs[0]}`,
    fileExists: (file) => read(file) !== undefined,
    readFile: read,
    directoryExists: (directory) => directories.has(directory.endsWith("/") ? directory : `${directory}/`),
    getDirectories: () => [],
    useCaseSensitiveFileNames: () => true,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry(true, "/"));

  /** The file's text: the cell's code and its tail (see the header). */
  function cellText(index: number): string {
    const cell = cells[index]!;
    if (cell.text !== undefined) return cell.text;
    const own = cell.declares;
    const lines: string[] = [];
    const exported = [...own.keys()];
    if (exported.length > 0) lines.push(`export { ${exported.join(", ")} };`);
    // The last cell above that declares each name, as the kernel's scope would have it.
    const from = new Map<string, { cell: number; kind: "value" | "assignable" | "type" }>();
    for (let above = 0; above < index; above++)
      for (const [name, kind] of cells[above]!.declares) if (!own.has(name)) from.set(name, { cell: above, kind });
    const imports = new Map<number, string[]>();
    for (const [name, { cell: above, kind }] of from) {
      const module = fileOf(above).slice(0, -3);
      if (kind === "assignable") lines.push(`declare let ${name}: typeof import("${module}").${name};`);
      else imports.set(above, [...(imports.get(above) ?? []), name]);
    }
    for (const [above, names] of imports)
      lines.push(`import { ${names.join(", ")} } from "${fileOf(above).slice(0, -3)}";`);
    for (const module of types.modules) {
      const names = module.names.filter((name) => !own.has(name) && !from.has(name));
      if (names.length > 0) lines.push(`import { ${names.join(", ")} } from "${module.path}";`);
    }
    cell.text = `${cell.code}\n;${lines.join("\n")}\n`;
    return cell.text;
  }

  function cellIndex(id: string): number {
    const index = cells.findIndex((cell) => cell.id === id);
    if (index < 0) throw new Error(`language service: no cell ${JSON.stringify(id)} on this page`);
    return index;
  }

  /** Cell `index` changed; the cells below change too when what it declares did (their tails import it). */
  function changed(index: number, declaresChanged: boolean) {
    projectVersion++;
    const end = declaresChanged ? cells.length : index + 1;
    for (let below = index; below < end; below++) {
      cells[below]!.text = undefined;
      cells[below]!.version++;
    }
  }

  return {
    setCells(next) {
      const version = (cells[0]?.version ?? 0) + 1;
      cells = next.map(({ id, code }) => ({ id, code, version, declares: topLevelNames(code) }));
      projectVersion++;
    },
    update(id, code) {
      const index = cellIndex(id);
      const cell = cells[index]!;
      if (cell.code === code) return;
      const declares = topLevelNames(code);
      const same =
        declares.size === cell.declares.size && [...declares].every(([name, kind]) => cell.declares.get(name) === kind);
      cell.code = code;
      cell.declares = declares;
      changed(index, !same);
    },
    fileText: (id) => cellText(cellIndex(id)),
    diagnostics(id) {
      const index = cellIndex(id);
      const file = fileOf(index);
      const length = cells[index]!.code.length;
      const found = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
      return found
        .filter((diagnostic) => diagnostic.start !== undefined && diagnostic.start <= length)
        .filter((diagnostic) => !IGNORED_CODES.has(diagnostic.code))
        .map((diagnostic) => {
          const from = diagnostic.start!;
          return {
            from,
            to: Math.min(length, from + (diagnostic.length ?? 0)),
            severity:
              diagnostic.category === ts.DiagnosticCategory.Error
                ? "error"
                : diagnostic.category === ts.DiagnosticCategory.Warning
                  ? "warning"
                  : "info",
            message:
              inCellTerms(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")) + suggestion(diagnostic),
          };
        });
    },
    hover(id, position) {
      const index = cellIndex(id);
      const file = fileOf(index);
      const info = service.getQuickInfoAtPosition(file, position);
      if (!info) return undefined;
      const from = info.textSpan.start;
      const name = cells[index]!.code.slice(from, from + info.textSpan.length);
      const signature = inCellTerms(
        ts
          .displayPartsToString(info.displayParts)
          .replace(/^\(alias\) /, "")
          .replace(/\n(import|export) .*$/s, ""),
      );
      const hover: CellHover = { from, to: from + info.textSpan.length, signature };
      const docHtml = libraryDoc(file, position, name);
      if (docHtml) hover.docHtml = docHtml;
      else {
        const text = [
          ts.displayPartsToString(info.documentation),
          ...(info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`.trim()),
        ]
          .filter(Boolean)
          .join("\n\n");
        if (text) hover.docText = text;
      }
      return hover;
    },
    completions(id, position) {
      const index = cellIndex(id);
      const file = fileOf(index);
      const code = cells[index]!.code;
      const found = service.getCompletionsAtPosition(file, position, {
        includeCompletionsForModuleExports: false,
        includeCompletionsWithInsertText: true,
      });
      if (!found) return undefined;
      let from = position;
      while (from > 0 && /[\w$]/.test(code[from - 1]!)) from--;
      const entries = found.entries.filter((entry) => !entry.name.startsWith("__"));
      const detailed = entries.length <= DETAILED_COMPLETIONS;
      return {
        from,
        options: entries.map((entry) => {
          const type =
            entry.kind === ts.ScriptElementKind.alias && Object.hasOwn(types.kinds, entry.name)
              ? types.kinds[entry.name]!
              : completionType(entry.kind);
          const option: CellCompletion = { label: entry.name, type, sortText: entry.sortText };
          if (detailed) {
            const details = service.getCompletionEntryDetails(
              file,
              position,
              entry.name,
              {},
              entry.source,
              {},
              entry.data,
            );
            const doc = details && ts.displayPartsToString(details.documentation);
            if (doc) option.detail = firstSentence(doc);
          }
          return option;
        }),
      };
    },
  };

  /** The symbol named at `position` of a cell's file, through imports. */
  function symbolAt(file: string, position: number): ts.Symbol | undefined {
    const program = service.getProgram()!;
    const node = nodeAt(program.getSourceFile(file)!, position);
    if (!node) return undefined;
    const checker = program.getTypeChecker();
    const symbol = checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  }

  /** The build-rendered documentation of the library or notebook name at `position`, if it is one. */
  function libraryDoc(file: string, position: number, name: string): string | undefined {
    if (!Object.hasOwn(types.docs, name)) return undefined;
    const symbol = symbolAt(file, position);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration || symbol.getName() !== name) return undefined;
    const declaredIn = declaration.getSourceFile().fileName;
    if (declaredIn.startsWith(CELL_DIRECTORY) || declaredIn.startsWith("/lib/")) return undefined;
    // A top-level declaration of a library module, or one of the globals file's.
    const topLevel = ts.isSourceFile(declaration.parent) || ts.isVariableDeclarationList(declaration.parent);
    return topLevel ? types.docs[name] : undefined;
  }

  /**
   * " Did you mean 'lr'?" for an unknown property in an object literal: TypeScript suggests only names of three
   * letters or more, and an optimizer's options are often shorter (`lr`, `eps`).
   */
  function suggestion(diagnostic: ts.Diagnostic): string {
    if (diagnostic.code !== 2353 || !diagnostic.file || diagnostic.start === undefined) return "";
    const node = nodeAt(diagnostic.file, diagnostic.start);
    const property = node?.parent;
    if (!node || !ts.isIdentifier(node) || !property || !ts.isObjectLiteralExpression(property.parent)) return "";
    const checker = service.getProgram()!.getTypeChecker();
    const expected = checker.getContextualType(property.parent);
    if (!expected) return "";
    const known = checker
      .getPropertiesOfType(checker.getNonNullableType(expected))
      .map((symbol) => symbol.getName())
      .filter(
        (name) => !(property.parent as ts.ObjectLiteralExpression).properties.some((p) => p.name?.getText() === name),
      );
    const nearest = closestName(node.text, known);
    return nearest ? ` Did you mean '${nearest}'?` : "";
  }
}

/** The innermost node that starts at or spans `position`. */
function nodeAt(source: ts.SourceFile, position: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (node.getStart(source) <= position && position < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(source, visit);
  return found;
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a typo (at most 2 edits, < half). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.ceil(name.length / 2) - 0.5);
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  return rows[a.length]![b.length]!;
}

/** Top-level names a cell declares, and how a later cell may use them. */
export function topLevelNames(code: string): Map<string, "value" | "assignable" | "type"> {
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Map<string, "value" | "assignable" | "type">();
  const bindings = (name: ts.BindingName, kind: "value" | "assignable") => {
    if (ts.isIdentifier(name)) names.set(name.text, kind);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindings(element.name, kind);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const declaration of statement.declarationList.declarations)
        bindings(declaration.name, constant ? "value" : "assignable");
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.set(statement.name.text, "value");
    } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
      if (!names.has(statement.name.text)) names.set(statement.name.text, "type");
    }
  }
  return names;
}

/** Messages name a cell's file or the library's by their virtual paths: say it as a reader would. */
function inCellTerms(message: string): string {
  return message
    .replace(/import\("\/cells\/\d+"\)\./g, "")
    .replace(/import\("\/(?:site|moments)\/[^"]+"\)\./g, "")
    .replace(/"\/cells\/(\d+)"/g, "cell $1");
}

function completionType(kind: string): string {
  switch (kind) {
    case ts.ScriptElementKind.functionElement:
    case ts.ScriptElementKind.localFunctionElement:
      return "function";
    case ts.ScriptElementKind.memberFunctionElement:
      return "method";
    case ts.ScriptElementKind.classElement:
    case ts.ScriptElementKind.localClassElement:
      return "class";
    case ts.ScriptElementKind.interfaceElement:
    case ts.ScriptElementKind.typeElement:
      return "type";
    case ts.ScriptElementKind.enumElement:
      return "enum";
    case ts.ScriptElementKind.memberVariableElement:
    case ts.ScriptElementKind.memberGetAccessorElement:
    case ts.ScriptElementKind.memberSetAccessorElement:
      return "property";
    case ts.ScriptElementKind.keyword:
      return "keyword";
    case ts.ScriptElementKind.constElement:
      return "constant";
    case ts.ScriptElementKind.moduleElement:
      return "namespace";
    default:
      return "variable";
  }
}

const firstSentence = (text: string) => {
  const line = text.split("\n")[0]!;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
};
