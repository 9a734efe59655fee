/**
 * Compile one notebook cell: TypeScript in, the body of an async function out.
 *
 * The same function runs at build time (Node worker thread) and in the reader's browser (Web Worker), so the two
 * cannot disagree about what a cell means.
 *
 * - Types are stripped by sucrase, which keeps every line on its line: a runtime error's line in the compiled body is
 *   its line in the cell.
 * - Top-level `const`/`let`/`var`, `function` and `class` declarations become properties of the kernel realm's global
 *   object, so a later cell sees them (one shared scope per page, as in Jupyter). Re-running a cell re-assigns them
 *   instead of failing with "already declared".
 * - The last statement, if it is an expression, becomes the cell's value.
 * - Top-level `await` works: the body runs inside an async function.
 */
import { PAIR_MARKER } from "../shared/paired-lines.ts";
import { parse, type Node as AcornNode } from "acorn";
import { transform } from "sucrase";

/** Name of the parameter through which compiled code reaches the kernel's scope helper. */
export const SCOPE_PARAM = "__moments__";

export interface CompiledCell {
  /** Body for `new AsyncFunction(SCOPE_PARAM, body)`; line n of the body is line n of the cell. */
  body: string;
  /** Top-level names the cell defines for later cells. */
  declared: string[];
  /** Whether the cell ends with an expression whose value it shows. */
  returnsValue: boolean;
  /** Where the rewrite moved columns; `sourceColumn` maps an engine-reported position back to the cell. */
  shifts: ColumnShift[];
}

/** From output column `from` (1-based) on `line`, columns are `delta` larger than in the cell. */
export interface ColumnShift {
  line: number;
  from: number;
  delta: number;
}

/** The cell's column for a (1-based) line and column reported by the engine for compiled code. */
export function sourceColumn(shifts: readonly ColumnShift[], line: number, column: number): number {
  let result = column;
  for (const shift of shifts) if (shift.line === line && column >= shift.from) result -= shift.delta;
  return Math.max(1, result);
}

/** A cell that does not parse. `line` and `column` are 1-based and relative to the cell. */
export class CellSyntaxError extends SyntaxError {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "SyntaxError";
    this.line = line;
    this.column = column;
  }
  /** The message without its position suffix. */
  get reason(): string {
    return this.message.replace(/ \(line \d+, column \d+\)$/, "");
  }
}

const IMPORT_MESSAGE = "Cells do not import: the course library (every name it exports) and Plot are already in scope";
const EXPORT_MESSAGE = "Cells do not export: top-level declarations are already shared with later cells";

interface Edit {
  at: number;
  end: number;
  text: string;
}

// ESTree nodes are walked generically (node.body, node.declarations, …): their fields are any by nature.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EstreeNode = AcornNode & Record<string, any>;

/** Strip TypeScript types; syntax errors come back as CellSyntaxError with the cell's line and column. */
export function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    throw toCellSyntaxError(error, 0); // sucrase's columns are already 1-based
  }
}

export interface CompileOptions {
  /**
   * Report the value each `//: label` line produces: its assignment or declaration is wrapped in
   * `__moments__.trace(label, …)`, on the same line, so the kernel can show the value it had at the last step.
   */
  trace?: boolean;
}

export function compileCell(source: string, options: CompileOptions = {}): CompiledCell {
  const js = stripTypes(source);
  let program: EstreeNode;
  try {
    program = parse(js, {
      ecmaVersion: "latest",
      sourceType: "script",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    }) as EstreeNode;
  } catch (error) {
    const syntaxError = toCellSyntaxError(error, 1); // acorn's columns are 0-based
    if (syntaxError instanceof CellSyntaxError && /'import' and 'export' may appear only/.test(syntaxError.reason)) {
      const isImport = /^\s*import\b/.test(js.split("\n")[syntaxError.line - 1] ?? "");
      throw new CellSyntaxError(isImport ? IMPORT_MESSAGE : EXPORT_MESSAGE, syntaxError.line, syntaxError.column);
    }
    throw syntaxError;
  }

  const edits: Edit[] = [];
  const variables: string[] = [];
  const functions: string[] = [];
  const body: EstreeNode[] = program.body;

  for (const statement of body) {
    switch (statement.type) {
      case "VariableDeclaration":
        rewriteVariableDeclaration(statement, edits, variables);
        break;
      case "FunctionDeclaration":
        functions.push(statement.id.name);
        break;
      case "ClassDeclaration":
        variables.push(statement.id.name);
        edits.push({ at: statement.start, end: statement.start, text: `;${statement.id.name} = ` });
        edits.push({ at: statement.end, end: statement.end, text: ";" });
        break;
    }
  }

  if (options.trace) traceLabelledLines(program, source, edits);

  const last = body.at(-1);
  const returnsValue = last?.type === "ExpressionStatement";
  if (returnsValue) {
    // The statement's span, not the expression's: acorn leaves a parenthesized expression's parentheses out.
    const end = js[last.end - 1] === ";" ? last.end - 1 : last.end;
    edits.push({ at: last.start, end: last.start, text: "return (" });
    edits.push({ at: end, end, text: ")" });
  }

  const declared = [...variables, ...functions];
  if (declared.length > 0)
    edits.unshift({
      at: 0,
      end: 0,
      text: `${SCOPE_PARAM}.declare(${JSON.stringify(variables)}, {${functions.join(", ")}});`,
    });
  const { text, shifts } = applyEdits(js, edits);
  return { body: text, declared: unique(declared), returnsValue, shifts };
}

/**
 * `const {a, b: [c]} = f(), d;` becomes `;(   {a, b: [c]} = f(), d = void 0);`: the keyword is replaced by text of
 * the same length, so columns after it stay put. The leading `;` guards against a previous line without one.
 */
function rewriteVariableDeclaration(statement: EstreeNode, edits: Edit[], names: string[]): void {
  const keywordLength = String(statement.kind).length;
  edits.push({ at: statement.start, end: statement.start + keywordLength, text: ";(".padEnd(keywordLength, " ") });
  for (const declarator of statement.declarations as EstreeNode[]) {
    collectPatternNames(declarator.id, names);
    if (declarator.init == null) edits.push({ at: declarator.id.end, end: declarator.id.end, text: " = void 0" });
  }
  const lastDeclarator = statement.declarations.at(-1) as EstreeNode;
  edits.push({ at: lastDeclarator.end, end: lastDeclarator.end, text: ")" });
}

/**
 * For each line of the cell that ends in `//: label`, wrap what the line computes — an assignment, an update, or a
 * declaration's initial value — in a call that records it: `m = β1·m + …` becomes
 * `__moments__.trace("m", m = β1·m + …)`. Lines keep their numbers (the text is inserted within the line).
 */
function traceLabelledLines(program: EstreeNode, source: string, edits: Edit[]): void {
  const labels = new Map<number, string>();
  for (const [i, line] of source.split("\n").entries()) {
    const label = PAIR_MARKER.exec(line)?.[1];
    if (label) labels.set(i + 1, label);
  }
  if (labels.size === 0) return;
  const traced = new Set<number>();
  const wrap = (node: EstreeNode, label: string) => {
    edits.push({ at: node.start, end: node.start, text: `${SCOPE_PARAM}.trace(${JSON.stringify(label)}, ` });
    edits.push({ at: node.end, end: node.end, text: ")" });
  };
  const visit = (node: EstreeNode | null | undefined) => {
    if (!node || typeof node.type !== "string") return;
    const line = node.loc?.start.line as number | undefined;
    const label = line !== undefined ? labels.get(line) : undefined;
    if (label && line !== undefined && !traced.has(line)) {
      const expression = node.type === "ExpressionStatement" ? node.expression : undefined;
      if (expression && (expression.type === "AssignmentExpression" || expression.type === "UpdateExpression")) {
        traced.add(line);
        wrap(expression, label);
        return;
      }
      if (node.type === "VariableDeclarator" && node.init) {
        traced.add(line);
        wrap(node.init, label);
        return;
      }
    }
    for (const key of Object.keys(node)) {
      if (key === "loc") continue;
      const child = node[key];
      if (Array.isArray(child)) for (const item of child) visit(item);
      else if (child && typeof child === "object" && typeof child.type === "string") visit(child);
    }
  };
  visit(program);
}

function collectPatternNames(pattern: EstreeNode | null, names: string[]): void {
  if (pattern == null) return;
  switch (pattern.type) {
    case "Identifier":
      names.push(pattern.name);
      break;
    case "ObjectPattern":
      for (const property of pattern.properties)
        collectPatternNames(property.type === "RestElement" ? property.argument : property.value, names);
      break;
    case "ArrayPattern":
      for (const element of pattern.elements) collectPatternNames(element, names);
      break;
    case "AssignmentPattern":
      collectPatternNames(pattern.left, names);
      break;
    case "RestElement":
      collectPatternNames(pattern.argument, names);
      break;
  }
}

/** Apply edits (none contains a newline) and record how each one moved the columns after it on its line. */
function applyEdits(text: string, edits: Edit[]): { text: string; shifts: ColumnShift[] } {
  // Stable order: by position, and insertions at one position in the order they were made.
  const ordered = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => a.at - b.at || a.index - b.index);
  let out = "";
  let cursor = 0;
  const shifts: ColumnShift[] = [];
  for (const edit of ordered) {
    out += text.slice(cursor, edit.at);
    const lineStart = out.lastIndexOf("\n") + 1;
    const delta = edit.text.length - (edit.end - edit.at);
    out += edit.text;
    if (delta !== 0)
      shifts.push({ line: countLines(out), from: out.length - lineStart + 1 - Math.max(0, -delta), delta });
    cursor = Math.max(cursor, edit.end);
  }
  return { text: out + text.slice(cursor), shifts };
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function toCellSyntaxError(error: unknown, columnBase: 0 | 1): unknown {
  if (error instanceof CellSyntaxError) return error;
  const loc = (error as { loc?: { line: number; column: number } })?.loc;
  if (error instanceof SyntaxError && loc) {
    const reason = error.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
    return new CellSyntaxError(reason, loc.line, loc.column + columnBase);
  }
  return error;
}
