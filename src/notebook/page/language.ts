/**
 * The editors' TypeScript: diagnostics as you type (CodeMirror's lint), the type and documentation of a name under
 * the pointer (hover tooltip) and completion, answered by the language worker (src/notebook/language/language-worker.ts),
 * which holds the page's cells as one program in cell order.
 *
 * Loaded, with its worker, the first time a reader focuses an editor (notebook.ts): a reader who never edits pays
 * nothing for it. Nothing here waits in the way of a run: the worker is its own thread, and a run never asks it.
 *
 * What the worker sends is data; this module builds the DOM from it with text, except a library name's
 * documentation, which is HTML the build rendered from the library's own doc comments (KaTeX for the math) and
 * bundled with the worker — nothing a cell's code can write.
 */
import { autocompletion, type Completion, type CompletionContext } from "@codemirror/autocomplete";
import { linter, type Diagnostic } from "@codemirror/lint";
import { StateEffect, type Extension } from "@codemirror/state";
import { hoverTooltip, tooltips, ViewPlugin, type EditorView } from "@codemirror/view";
import type {
  CellCompletions,
  CellDiagnostic,
  CellHover,
  LanguageAnswer,
  LanguageRequest,
} from "../shared/cell-types.ts";
import workerUrl from "../language/language-worker.ts?worker&url";

export interface LanguageService {
  /** The extension that gives cell `id`'s editor diagnostics, hover and completion. */
  extensionFor(id: string): Extension;
  /** A cell's code changed (its editor's own requests carry it too; this keeps the others' up to date). */
  update(id: string, code: string): void;
}

/** A request to the worker that waits for an answer, before it is numbered. */
type Question<R = LanguageRequest> = R extends { request: number } ? Omit<R, "request"> : never;

/** Check a cell's code again: a cell above it changed. */
const recheck = StateEffect.define<null>();

/** Pause after the last keystroke before asking for diagnostics. */
const LINT_DELAY_MS = 250;

export function startLanguageService(cells: { id: string; code: string }[]): LanguageService {
  const worker = new Worker(workerUrl, { type: import.meta.env.DEV ? "module" : "classic", name: "moments-language" });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 0;
  let firstDiagnostics = true;
  worker.addEventListener("message", ({ data }: MessageEvent<LanguageAnswer>) => {
    const waiting = pending.get(data.request);
    pending.delete(data.request);
    if (data.error !== undefined) waiting?.reject(new Error(data.error));
    else waiting?.resolve(data.result);
  });
  worker.addEventListener("error", (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || "the language worker failed"));
    pending.clear();
  });
  const post = (message: LanguageRequest) => worker.postMessage(message);
  const order = cells.map((cell) => cell.id);
  /** The open editors, by cell. */
  const views = new Map<string, EditorView>();
  post({ type: "cells", cells });

  function ask<T>(message: Question): Promise<T> {
    const request = ++next;
    return new Promise<T>((resolve, reject) => {
      pending.set(request, { resolve: resolve as (value: unknown) => void, reject });
      post({ ...message, request } as LanguageRequest);
    });
  }

  return {
    update(id, code) {
      post({ type: "update", id, code });
      // What a cell declares is what the cells below it see: their open editors check again (after the lint pause).
      const from = order.indexOf(id);
      for (const [other, view] of views) if (order.indexOf(other) > from) view.dispatch({ effects: recheck.of(null) });
    },
    extensionFor(id) {
      const track = ViewPlugin.define((view) => {
        views.set(id, view);
        return { destroy: () => views.delete(id) };
      });
      const lint = linter(
        async (view): Promise<Diagnostic[]> => {
          const asked = performance.now();
          const found = await ask<CellDiagnostic[]>({ type: "diagnostics", id, code: view.state.doc.toString() }).catch(
            () => [],
          );
          // How long the worker took (bench/language.ts reads it, as can devtools' performance panel).
          performance.measure("moments:language-diagnostics", { start: asked, end: performance.now() });
          if (firstDiagnostics) {
            firstDiagnostics = false;
            performance.mark("moments:language-ready");
          }
          const length = view.state.doc.length;
          return found.map((diagnostic) => ({
            from: Math.min(diagnostic.from, length),
            to: Math.min(Math.max(diagnostic.to, diagnostic.from), length),
            severity: diagnostic.severity,
            message: diagnostic.message,
            source: "TypeScript",
          }));
        },
        {
          delay: LINT_DELAY_MS,
          needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(recheck))),
        },
      );
      const hover = hoverTooltip(async (view, position) => {
        const found = await ask<CellHover | undefined>({
          type: "hover",
          id,
          code: view.state.doc.toString(),
          position,
        }).catch(() => undefined);
        if (!found) return null;
        return { pos: found.from, end: found.to, create: () => ({ dom: hoverDom(found) }) };
      });
      const complete = autocompletion({
        override: [
          async (context: CompletionContext) => {
            const word = context.matchBefore(/[\w$]*/);
            const afterDot = /\.\s*$/.test(context.state.sliceDoc(Math.max(0, context.pos - 2), context.pos));
            if (!context.explicit && !afterDot && (!word || word.from === word.to)) return null;
            const found = await ask<CellCompletions | undefined>({
              type: "completions",
              id,
              code: context.state.doc.toString(),
              position: context.pos,
            }).catch(() => undefined);
            if (!found || context.aborted) return null;
            return {
              from: found.from,
              options: found.options.map((option): Completion => ({
                label: option.label,
                type: option.type,
                ...(option.detail ? { detail: option.detail } : {}),
                boost: boostOf(option.sortText),
              })),
              validFor: /^[\w$]*$/,
            };
          },
        ],
      });
      // Tooltips in the body, above the page's columns (the table of contents would otherwise paint over them).
      return [lint, hover, complete, track, tooltips({ parent: document.body })];
    },
  };
}

/** TypeScript sorts by `sortText` ("10" locals, "11" in scope, "15" globals, …): the lower, the higher the boost. */
const boostOf = (sortText: string) => Math.max(-99, 20 - Number.parseInt(sortText, 10) || 0);

function hoverDom(hover: CellHover): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-type-hover";
  const signature = document.createElement("code");
  signature.className = "cm-type-signature";
  signature.textContent = hover.signature;
  dom.append(signature);
  if (hover.docHtml) {
    const doc = document.createElement("div");
    doc.className = "cm-type-doc";
    doc.innerHTML = hover.docHtml; // rendered at build from the library's doc comments (see the header)
    dom.append(doc);
  } else if (hover.docText) {
    const doc = document.createElement("div");
    doc.className = "cm-type-doc";
    for (const paragraph of hover.docText.split(/\n{2,}/)) {
      const p = document.createElement("p");
      p.textContent = paragraph;
      doc.append(p);
    }
    dom.append(doc);
  }
  return dom;
}
