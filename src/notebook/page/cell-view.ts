/**
 * One cell on the page: its DOM (see components/Cell.astro for the contract), its code — static until the reader
 * edits, then a CodeMirror editor — its outputs, its inputs' values and its place in the kernel's history.
 */
import type { Extension } from "@codemirror/state";
import type { CellRun } from "./cell-run.ts";
import type { CellEditor } from "./editor.ts";
import { hashSource } from "../shared/hash.ts";
import { PairedView } from "./paired.ts";
import { renderOutputs, type Output } from "../shared/outputs.ts";
import { sanitizeHtml } from "./sanitize.ts";
import { PAIR_MARKER } from "../shared/paired-lines.ts";
import { sliderValue } from "../shared/widgets.ts";

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface CellHooks {
  onRun(cell: CellView, advance: boolean): void;
  onEdit(cell: CellView, code: string): void;
  /** The reader focused the cell's editor. */
  onEditorFocus(cell: CellView): void;
}

let editorModule: Promise<typeof import("./editor.ts")> | undefined;

/** Start loading the editor (a separate chunk) without waiting for it. */
export function prefetchEditor(): void {
  editorModule ??= import("./editor.ts");
}

export class CellView {
  readonly root: HTMLElement;
  readonly id: string;
  readonly number: number;
  readonly timeoutMs: number;
  readonly kind: "code" | "exercise";
  /** The author's code (for an exercise: the starter code). */
  readonly original: string;
  readonly originalHash: string;
  /** An exercise's hidden checks. */
  readonly checks: string | undefined;
  /** Values the reader gave the cell's inputs, by input key; forgotten when the code changes. */
  widgetValues: Record<string, number> = {};
  /** The equations beside this cell, when it is paired with them. */
  readonly paired: PairedView | undefined;
  private editor: CellEditor | undefined;
  private opening: Promise<CellEditor> | undefined;
  private language: Extension | undefined;
  private readonly hooks: CellHooks;

  constructor(root: HTMLElement, number: number, hooks: CellHooks) {
    this.root = root;
    this.id = root.id;
    this.number = number;
    this.hooks = hooks;
    this.timeoutMs = Number(root.dataset.timeout ?? 10) * 1000;
    this.kind = root.dataset.kind === "exercise" ? "exercise" : "code";
    this.original = this.part(".cell-code pre")?.textContent ?? "";
    this.originalHash = hashSource(this.original);
    const checks = this.part(".exercise-checks")?.textContent;
    this.checks = this.kind === "exercise" ? (checks ? (JSON.parse(checks) as string) : "") : undefined;
    const pairedContainer = root.closest<HTMLElement>("[data-paired]");
    this.paired = pairedContainer ? new PairedView(pairedContainer) : undefined;
  }

  /** The code to run: the editor's, or the author's if never edited. */
  get code(): string {
    return this.editor?.getCode() ?? this.original;
  }

  get edited(): boolean {
    return this.code !== this.original;
  }

  get hasOutput(): boolean {
    return (this.part("[data-cell-output]")?.childNodes.length ?? 0) > 0;
  }

  /** An exercise's reference solution (kept in a template: not page text until the reader asks for it). */
  get solution(): string | undefined {
    return this.part<HTMLTemplateElement>("template.exercise-solution")?.content.textContent?.trim() ?? undefined;
  }

  part<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  /** Replace the static code by an editor (once) and focus it, with the caret at `at` if given. */
  async openEditor(at?: { x: number; y: number }, focus = true): Promise<CellEditor> {
    if (!this.opening) {
      prefetchEditor();
      this.opening = editorModule!.then(({ createEditor }) => {
        const host = this.part(".cell-code")!;
        const code = host.querySelector("pre")?.textContent ?? this.original;
        host.replaceChildren();
        const paired = this.paired && { rowHeights: this.paired.rowHeights, marker: PAIR_MARKER };
        this.editor = createEditor(
          host,
          code,
          `Code of cell ${this.number}`,
          {
            onRun: (advance) => this.hooks.onRun(this, advance),
            onChange: (next) => {
              this.widgetValues = {};
              this.showEdited();
              this.paired?.relayout(next);
              this.hooks.onEdit(this, next);
            },
            onFocus: () => this.hooks.onEditorFocus(this),
          },
          paired,
          this.language,
        );
        this.root.dataset.editing = "true";
        return this.editor;
      });
    }
    const editor = await this.opening;
    if (focus) editor.focus(at);
    return editor;
  }

  /** Give the cell's editor, now or when it opens, what knows TypeScript (language.ts). */
  setLanguage(extension: Extension): void {
    this.language = extension;
    this.editor?.setLanguage(extension);
  }

  /** Put code in the cell (opening the editor), e.g. a saved edit or a shared link. */
  async setCode(code: string): Promise<void> {
    const editor = await this.openEditor(undefined, false);
    if (editor.getCode() !== code) editor.setCode(code);
    this.showEdited();
  }

  /**
   * Show the cell's run state (runner.ts owns it): `data-state`, the status line, the execution count (reset by
   * Restart, as in Jupyter), `data-runs` (every run, never reset), `data-stale` and the error's line.
   */
  show(run: CellRun): void {
    this.root.dataset.state = run.phase;
    this.part(".cell-stop")!.hidden = run.phase !== "running";
    this.part("[data-cell-output]")!.setAttribute("aria-busy", String(run.phase === "running"));
    const status = this.part(".cell-status")!;
    if (status.textContent !== run.status) status.textContent = run.status;
    if (run.count !== undefined) this.part(".cell-count")!.textContent = `[${run.count}]`;
    if (run.runs > 0) this.root.dataset.runs = String(run.runs);
    if (run.stale) this.root.dataset.stale = "true";
    else delete this.root.dataset.stale;
    if (run.passed) this.root.dataset.passed = "true";
    else delete this.root.dataset.passed;
    this.editor?.markError(run.phase === "running" ? undefined : run.errorLine);
  }

  showEdited(): void {
    const edited = this.edited;
    this.part(".cell-edited")!.hidden = !edited;
    this.part(".cell-reset")!.hidden = !edited;
    this.part(".cell-share")!.hidden = !edited;
  }

  /** A message above the code with optional buttons (author changed the cell, shared link, …). */
  showNotice(text: string, actions: NoticeAction[] = [], detail?: { summary: string; code: string }): void {
    const notice = this.part(".cell-notice")!;
    const paragraph = document.createElement("p");
    paragraph.textContent = text;
    const nodes: Node[] = [paragraph];
    if (detail) {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = detail.summary;
      const pre = document.createElement("pre");
      pre.textContent = detail.code;
      details.append(summary, pre);
      nodes.push(details);
    }
    for (const action of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = action.label;
      button.addEventListener("click", () => action.run());
      nodes.push(button);
    }
    notice.replaceChildren(...nodes);
    notice.hidden = false;
  }

  clearNotice(): void {
    const notice = this.part(".cell-notice")!;
    notice.hidden = true;
    notice.replaceChildren();
  }

  /** Show outputs from the kernel. Markup the kernel made is sanitized: cell code could have forged it. */
  renderOutputs(outputs: readonly Output[]): void {
    // The trusted frame (built here from plain data) is parsed once with a placeholder for each piece of kernel
    // markup; each piece is parsed once, by the sanitizer, and put in its place.
    const pieces: DocumentFragment[] = [];
    const template = document.createElement("template");
    template.innerHTML = renderOutputs(outputs, (markup) => {
      pieces.push(sanitizeHtml(markup));
      return `<template data-piece="${pieces.length - 1}"></template>`;
    });
    for (const slot of template.content.querySelectorAll<HTMLTemplateElement>("template[data-piece]"))
      slot.replaceWith(pieces[Number(slot.dataset.piece)]!);
    const output = this.part("[data-cell-output]")!;
    const fresh = template.content;
    // (`:scope >` does not work on a DocumentFragment: look at the children directly.)
    const nextWidgets = [...fresh.children].find((child) => child.classList.contains("out-widgets"));
    const shownWidgets = [...output.children].find((child) => child.classList.contains("out-widgets"));
    if (nextWidgets && shownWidgets) {
      // Keep the controls in the page (a slider may be mid-drag); update only what changed.
      reconcileWidgets(shownWidgets, nextWidgets);
      nextWidgets.remove();
      for (const node of [...output.childNodes]) if (node !== shownWidgets) node.remove();
      output.append(fresh);
    } else {
      output.replaceChildren(fresh);
    }
    // An output that scrolls sideways must be reachable from the keyboard (see src/site/page-script.ts).
    if (output.scrollWidth > output.clientWidth + 1) output.tabIndex = 0;
    else output.removeAttribute("tabindex");
    const trace = outputs.find((item) => item.kind === "trace");
    if (this.paired) this.paired.showValues(trace?.kind === "trace" ? trace.values : {});
  }
}

/** The value an input control stands for: a stepless slider holds a position; a select, the option's index. */
export function widgetValue(label: Element): number | undefined {
  const control = label.querySelector<HTMLInputElement | HTMLSelectElement>("input, select");
  if (!control) return undefined;
  const number = Number(control.value);
  if (!Number.isFinite(number) || control.value === "") return undefined;
  const { from, to, scale } = control.dataset;
  if (from === undefined || to === undefined) return number;
  return sliderValue(number, Number(from), Number(to), scale === "log");
}

/** Make the shown inputs match the new ones, keeping (not re-creating) each input that is still the same control. */
function reconcileWidgets(shown: Element, next: Element): void {
  const nextLabels = [...next.querySelectorAll<HTMLElement>(":scope > [data-widget]")];
  const kept = new Set<Element>();
  let previous: Element | null = null;
  for (const label of nextLabels) {
    const old = shown.querySelector<HTMLElement>(`:scope > [data-widget="${CSS.escape(label.dataset.widget ?? "")}"]`);
    const same =
      old &&
      old.className === label.className &&
      old.querySelector(".widget-label")?.textContent === label.querySelector(".widget-label")?.textContent;
    let node: Element = label;
    if (same) {
      node = old;
      if (!old.contains(document.activeElement)) {
        old
          .querySelector(".widget-value")
          ?.replaceWith(...[label.querySelector(".widget-value")].filter((n): n is Element => n !== null));
      }
    }
    if (node !== old && old) old.replaceWith(node);
    else if (node !== old && previous) previous.after(node);
    else if (node !== old) shown.prepend(node);
    kept.add(node);
    previous = node;
  }
  for (const child of [...shown.children]) if (!kept.has(child)) child.remove();
}
