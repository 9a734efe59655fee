/**
 * What the editor's language service knows about a page's cells, besides their code: the declaration files of the
 * course's cell library and of the notebook's own names, generated at build (src/notebook/build/declarations.ts)
 * from the sources, the standard library's declarations, and each library name's documentation rendered to HTML
 * (KaTeX included) at build. The build hands it to the language worker (src/notebook/language/) as one JSON value.
 */
export interface CellTypes {
  /** Declaration files, by their path in the service's virtual file system. */
  files: Record<string, string>;
  /** The standard library's files (`lib.*.d.ts`) the service loads, by file name. */
  libs: string[];
  /** The library's modules in option order: a module's path and every name it exports (values and types). */
  modules: { path: string; names: string[] }[];
  /** What each library name is, for the completion list's icons: "function", "class", "type", "variable", … */
  kinds: Record<string, string>;
  /** The file that declares the notebook's own names (`display`, `slider`, `Plot`, …) for every cell. */
  globals: string;
  /** Paths of bare module names (Observable Plot's declarations). */
  paths: Record<string, string>;
  /** A library or notebook name's documentation, as HTML made at build. */
  docs: Record<string, string>;
}

/** Where a page's cells live in the service's file system: one module per cell, in page order. */
export const CELL_DIRECTORY = "/cells/";

/** The language service's answers (src/notebook/language/service.ts), as they cross to the page. */
export interface CellDiagnostic {
  /** Offsets in the cell's code. */
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  message: string;
}

export interface CellHover {
  from: number;
  to: number;
  /** The declaration, as TypeScript prints it (`function adam(options?: …): …`). */
  signature: string;
  /** Documentation rendered at build (a library or notebook name), HTML. */
  docHtml?: string;
  /** Otherwise the doc comment's text (a cell's own names), plain. */
  docText?: string;
}

export interface CellCompletion {
  label: string;
  /** CodeMirror's completion type: "function", "variable", "class", "property", "keyword", … */
  type: string;
  /** A short line beside the label: for a property, its doc comment's first sentence (defaults included). */
  detail?: string;
  /** TypeScript's sort key: lower comes first. */
  sortText: string;
}

export interface CellCompletions {
  /** Where the word being completed starts. */
  from: number;
  options: CellCompletion[];
}

/** The page's messages to the language worker. `request` numbers a question; its answer carries the same number. */
export type LanguageRequest =
  | { type: "cells"; cells: { id: string; code: string }[] }
  | { type: "update"; id: string; code: string }
  | { type: "diagnostics"; request: number; id: string; code: string }
  | { type: "hover" | "completions"; request: number; id: string; code: string; position: number };

/** The worker's answers: `result` is the service's (service.ts), or `error` says why there is none. */
export type LanguageAnswer = { request: number; result?: unknown; error?: string };
