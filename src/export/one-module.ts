/**
 * A page's cells as one ES module, with the kernel's scope rules.
 *
 * In the kernel (src/notebook/transpile.ts) every cell's top-level declarations become properties of one global
 * object: a later cell sees them, may assign them, and may declare the same name again (re-running a cell does).
 * Pasted one after another into a module, the same code would fail on the second `const x`, on an assignment to a
 * `const`, or on a cell that declares a library name another cell used before. So, and only where needed:
 *
 * - a name declared again later, or assigned anywhere, is first declared with `let` instead of `const`;
 * - a later declaration of a name becomes an assignment: `const x = e` → `x = e`, `function f() {…}` →
 *   `f = function f() {…};` (names it declares for the first time get a `let` just before it);
 * - library names the cells declare or assign are destructured with `let`, the others with `const`;
 * - a cell's last expression is passed to `show`, which prints it as the page shows it.
 *
 * An exercise's reference solution follows its checks: every declaration in it becomes an assignment, so that it
 * replaces the learner's code for the cells below without being hoisted above the checks (a `function` declaration
 * would be, and the checks would test the solution instead).
 *
 * Cells are parsed with TypeScript's own parser, so edits land at exact positions in the TypeScript source and
 * everything not edited is the cell as written.
 */
import ts from "typescript";

export type PieceKind = "cell" | "solution" | "checks";

export interface Piece {
  source: string;
  kind: PieceKind;
}

export interface ModulePlan {
  /** Library names the code uses and never declares or assigns: `const { … } = library`. */
  constant: string[];
  /** Library names a cell declares again or assigns: `let { … } = library`. */
  mutable: string[];
  /** Each piece rewritten (checks as they are). */
  code: string[];
}

interface Declaration {
  statement: ts.Statement;
  kind: "const" | "let" | "var" | "function" | "class";
  names: string[];
}

interface Analysis {
  file: ts.SourceFile;
  declarations: Declaration[];
  /** Every identifier in the code (to find the library names it uses). */
  identifiers: Set<string>;
  /** Identifiers assigned anywhere (`x = …`, `x += …`, `x++`, destructuring targets). */
  assigned: Set<string>;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Plan the module for `pieces` in order; `library` is every name the library provides; `show` the function to call. */
export function planModule(pieces: readonly Piece[], library: readonly string[], show: string): ModulePlan {
  const analyses = pieces.map((piece) => analyze(piece.source));
  const assigned = new Set(analyses.flatMap((analysis) => [...analysis.assigned]));
  const used = new Set(analyses.flatMap((analysis) => [...analysis.identifiers]));
  const libraryUsed = library.filter((name) => used.has(name));

  // How many times each name is declared (the library counts as the first declaration of its names).
  const declarations = new Map<string, number>(libraryUsed.map((name) => [name, 1]));
  pieces.forEach((piece, i) => {
    if (piece.kind === "checks") return;
    for (const declaration of analyses[i]!.declarations)
      for (const name of declaration.names) declarations.set(name, (declarations.get(name) ?? 0) + 1);
  });
  const needsLet = (name: string) => assigned.has(name) || (declarations.get(name) ?? 0) > 1;

  const declared = new Set(libraryUsed);
  const code = pieces.map((piece, i) => {
    if (piece.kind === "checks") return piece.source;
    const { file, declarations: own } = analyses[i]!;
    const edits: Edit[] = [];
    const hoisted: string[] = [];
    for (const declaration of own) {
      const again = piece.kind === "solution" || declaration.names.some((name) => declared.has(name));
      if (again) {
        const fresh = declaration.names.filter((name) => !declared.has(name));
        if (piece.kind === "solution") hoisted.push(...fresh);
        edits.push(asAssignment(declaration, file, piece.kind === "solution" ? [] : fresh));
      } else if (declaration.kind === "const" && declaration.names.some(needsLet)) {
        const keyword = (declaration.statement as ts.VariableStatement).declarationList.getStart(file);
        edits.push({ start: keyword, end: keyword + "const".length, text: "let" });
      }
      for (const name of declaration.names) declared.add(name);
    }
    if (piece.kind === "cell") {
      const last = file.statements.at(-1);
      if (last && ts.isExpressionStatement(last) && !showsItself(last.expression, file))
        edits.push(
          { start: last.expression.getStart(file), end: last.expression.getStart(file), text: `${show}(` },
          { start: last.expression.end, end: last.expression.end, text: ")" },
        );
    }
    const rewritten = applyEdits(piece.source, edits);
    return hoisted.length ? `let ${hoisted.join(", ")};\n${rewritten}` : rewritten;
  });

  return {
    constant: libraryUsed.filter((name) => !needsLet(name)),
    mutable: libraryUsed.filter(needsLet),
    code,
  };
}

/** Top-level names a piece of code declares (for choosing names that cannot clash with a cell's). */
export function declaredNames(source: string): string[] {
  return analyze(source).declarations.flatMap((declaration) => declaration.names);
}

/**
 * A declaration rewritten as an assignment; names it declares for the first time (`fresh`) get a `let` first.
 * `const [a, b] = f()` → `;[a, b] = f();` (the `;` guards against a previous line without one).
 * Type annotations on the names go; the initializers stay as written.
 */
function asAssignment(declaration: Declaration, file: ts.SourceFile, fresh: string[]): Edit {
  const { statement } = declaration;
  const start = statement.getStart(file);
  const prefix = fresh.length ? `let ${fresh.join(", ")}; ` : "";
  if (ts.isVariableStatement(statement)) {
    const assignments = statement.declarationList.declarations.map(
      (declarator) =>
        `${bindingText(declarator.name, file)} = ${declarator.initializer ? declarator.initializer.getText(file) : "undefined"}`,
    );
    let text = assignments.join(", ");
    if (text.startsWith("{")) text = `(${text})`;
    if (/^[[(]/.test(text) && !prefix) text = `;${text}`;
    return { start, end: statement.end, text: `${prefix}${text};` };
  }
  const name = declaration.names[0]!;
  return { start, end: statement.end, text: `${prefix}${name} = ${statement.getText(file)};` };
}

/** A binding pattern as an assignment target: its text without type annotations. */
function bindingText(name: ts.BindingName, file: ts.SourceFile): string {
  if (ts.isIdentifier(name)) return name.text;
  const elements = (name.elements as ts.NodeArray<ts.BindingElement | ts.OmittedExpression>).map((element) => {
    if (ts.isOmittedExpression(element)) return "";
    const target = `${element.dotDotDotToken ? "..." : ""}${
      element.propertyName ? `${element.propertyName.getText(file)}: ` : ""
    }${bindingText(element.name, file)}`;
    return element.initializer ? `${target} = ${element.initializer.getText(file)}` : target;
  });
  return ts.isObjectBindingPattern(name) ? `{ ${elements.join(", ")} }` : `[${elements.join(", ")}]`;
}

/** Calls that show their own output: wrapping them in `show` would only add noise. */
function showsItself(expression: ts.Expression, file: ts.SourceFile): boolean {
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression.getText(file);
  return callee === "display" || /^console\.\w+$/.test(callee);
}

function analyze(source: string): Analysis {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declarations: Declaration[] = [];
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      const scoping = statement.declarationList.flags & ts.NodeFlags.BlockScoped;
      if (scoping === ts.NodeFlags.Using || scoping === ts.NodeFlags.AwaitUsing) continue;
      const kind = scoping === ts.NodeFlags.Const ? "const" : scoping === ts.NodeFlags.Let ? "let" : "var";
      const names = statement.declarationList.declarations.flatMap((declarator) => bindingNames(declarator.name));
      declarations.push({ statement, kind, names });
    } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      declarations.push({ statement, kind: "function", names: [statement.name.text] });
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      declarations.push({ statement, kind: "class", names: [statement.name.text] });
    }
  }
  const identifiers = new Set<string>();
  const assigned = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) identifiers.add(node.text);
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) collectTargets(node.left, assigned);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isUpdate(node.operator))
      collectTargets(node.operand, assigned);
    else if (
      (ts.isForOfStatement(node) || ts.isForInStatement(node)) &&
      !ts.isVariableDeclarationList(node.initializer)
    )
      collectTargets(node.initializer, assigned);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { file, declarations, identifiers, assigned };
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return (name.elements as ts.NodeArray<ts.BindingElement | ts.OmittedExpression>).flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : bindingNames(element.name),
  );
}

/** The identifiers an assignment target writes (a destructuring pattern may write several). */
function collectTargets(target: ts.Node, into: Set<string>) {
  if (ts.isIdentifier(target)) into.add(target.text);
  else if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target) || ts.isAsExpression(target))
    collectTargets(target.expression, into);
  else if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target))
    ts.forEachChild(target, (child) => {
      if (ts.isShorthandPropertyAssignment(child)) into.add(child.name.text);
      else if (ts.isPropertyAssignment(child)) collectTargets(child.initializer, into);
      else if (ts.isSpreadElement(child) || ts.isSpreadAssignment(child)) collectTargets(child.expression, into);
      else if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.EqualsToken)
        collectTargets(child.left, into);
      else collectTargets(child, into);
    });
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isUpdate(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

function applyEdits(source: string, edits: Edit[]): string {
  const ordered = edits
    .map((edit, index) => ({ ...edit, index }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let out = "";
  let cursor = 0;
  for (const edit of ordered) {
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return out + source.slice(cursor);
}
