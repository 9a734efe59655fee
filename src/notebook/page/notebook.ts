/**
 * The notebook in the reader's page, loaded on the first interaction with a cell (components/cell-loader.ts).
 *
 * It starts the page's kernel at once, wires each cell's controls (Run, Stop, Reset, Copy link, inputs), the
 * notebook bar (Run all, Restart, Reset all), keyboard shortcuts, saving edits, and restoring saved or shared code.
 */
import { CellView, prefetchEditor, widgetValue } from "./cell-view.ts";
import { KernelClient } from "./client.ts";
import { EditStore, type SavedEdit } from "./edits.ts";
import { formatWidgetValue } from "../shared/widgets.ts";
import { applyShareLink, restoreEdits } from "./restore.ts";
import { stoppedWith } from "./cell-run.ts";
import { markPassed, pageKey } from "./progress.ts";
import { Runner } from "./runner.ts";
import { encodeShare, isShareFragment } from "./share.ts";
import type { LanguageService } from "./language.ts";

const SAVE_DELAY_MS = 400;

const kernel = new KernelClient();
let cells: CellView[] = [];
let runner: Runner;
let store: EditStore;
/** Cells whose code is being changed by the notebook itself (restoring, resetting): not the reader's edits. */
const quiet = new Set<CellView>();
/** Cells changed in another tab while edited here: not saved until the reader chooses a version. */
const conflicted = new Set<CellView>();
const saveTimers = new Map<CellView, ReturnType<typeof setTimeout>>();
let undoReset: Record<string, SavedEdit> | undefined;
/** What knows TypeScript in the editors: loaded on the first focus of an editor, never before. */
let language: Promise<LanguageService> | undefined;
let languageService: LanguageService | undefined;

/** Set up the page's cells and replay the events that caused the runtime to load. */
export function startNotebook(pending: Event[]): void {
  performance.mark("moments:runtime-loaded");
  void kernel.warm();
  cells = [...document.querySelectorAll<HTMLElement>("[data-cell]")].map(
    (root, index) =>
      new CellView(root, index + 1, {
        onRun: (cell, advance) => run(cell, advance),
        onEdit(cell, code) {
          languageService?.update(cell.id, code);
          scheduleSave(cell);
        },
        onEditorFocus: startLanguage,
      }),
  );
  runner = new Runner(kernel, cells, {
    onFinished(cell, stopped) {
      if (runner.state(cell).passed) {
        const failure = markPassed(`${pageKey(location.pathname, import.meta.env.BASE_URL)}#${cell.id}`);
        if (failure) announce(`Your progress can't be saved: ${failure}.`);
      }
      // Remember a stop with the saved edit, so that after a reload the cell is not run again by itself.
      const saved = store.get(cell.id);
      if (saved && Boolean(saved.stopped) !== stopped) store.set(cell.id, { ...saved, stopped: stopped || undefined });
    },
  });
  store = new EditStore(location.pathname);
  store.onFailure = (reason) =>
    announce(
      `Your edits can't be saved: ${reason}. Editing still works, but edits will be lost when you leave this page.`,
    );
  store.onConflict = (id, theirs) => {
    const cell = cells.find((candidate) => candidate.id === id);
    if (cell) showConflict(cell, theirs);
  };
  store.onExternalChange = onExternalChange;
  store.watch();

  document.addEventListener("click", onClick);
  document.addEventListener("pointerdown", onPointerdown);
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("focusin", onFocusin);
  document.addEventListener("input", onInput);
  addEventListener("pagehide", flushSaves);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushSaves());

  const context = { cells, store, quietly, announce, dispatch: runner.dispatch.bind(runner) };
  void restoreEdits(context)
    .then(() => (isShareFragment(location.hash) ? applyShareLink(context, location.hash) : undefined))
    .then(updateResetAll);
  for (const event of pending) replay(event);
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.matches(".cell-code pre")) void cellOf(active)?.openEditor();
}

function startLanguage() {
  language ??= import("./language.ts").then(({ startLanguageService }) => {
    languageService = startLanguageService(cells.map((cell) => ({ id: cell.id, code: cell.code })));
    for (const cell of cells) cell.setLanguage(languageService.extensionFor(cell.id));
    return languageService;
  });
}

function replay(event: Event) {
  if (event.type === "pointerdown") onPointerdown(event as PointerEvent);
  else if (event.type === "click") onClick(event as MouseEvent);
  else if (event.type === "keydown") onKeydown(event as KeyboardEvent);
  else if (event.type === "input") onInput(event);
}

function cellOf(element: Element | null): CellView | undefined {
  const root = element?.closest("[data-cell]");
  return cells.find((cell) => cell.root === root);
}

function run(cell: CellView, advance = false) {
  if (advance) {
    const next = cells[cell.number];
    if (next) void next.openEditor();
  }
  void runner.run(cell);
}

function onClick(event: MouseEvent) {
  const target = event.target as Element;
  const action = target.closest<HTMLElement>("[data-notebook-bar] [data-action]")?.dataset.action;
  if (action) return onBarAction(action);
  const cell = cellOf(target);
  if (!cell) return;
  if (target.closest(".cell-run")) {
    event.preventDefault();
    run(cell);
  } else if (target.closest(".cell-stop")) {
    kernel.stop();
  } else if (target.closest(".cell-reset")) {
    void quietly(cell, () => cell.setCode(cell.original)).then(() => {
      conflicted.delete(cell);
      store.set(cell.id, undefined, { force: true });
      cell.clearNotice();
      cell.showEdited();
      runner.dispatch(cell, { type: "code-replaced", status: "Reset to the original code." });
      updateResetAll();
    });
  } else if (target.closest(".cell-share")) {
    void copyShareLink(cell);
  } else if (target.closest(".exercise-show-solution") && cell.solution !== undefined) {
    if (runner.state(cell).runs > 0) return showSolution(cell);
    // Trying first is how an exercise teaches: before any attempt, the reader confirms.
    cell.showNotice("You have not run your code yet. Show the reference solution anyway?", [
      { label: "Show the solution", run: () => (cell.clearNotice(), showSolution(cell)) },
      { label: "Not yet", run: () => cell.clearNotice() },
    ]);
  }
}

function showSolution(cell: CellView) {
  void cell.setCode(cell.solution!).then(() => cell.openEditor());
  runner.dispatch(cell, {
    type: "say",
    status:
      "The reference solution is in the editor: press Run. Undo (Ctrl+Z) brings your code back; Reset, the starter.",
  });
}

function onPointerdown(event: PointerEvent) {
  const target = event.target as Element;
  if (!target.closest?.(".cell-code pre")) return;
  event.preventDefault();
  void cellOf(target)?.openEditor({ x: event.clientX, y: event.clientY });
}

function onKeydown(event: KeyboardEvent) {
  const target = event.target as Element;
  if (!target.matches?.(".cell-code pre")) return;
  const cell = cellOf(target)!;
  if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    run(cell, event.shiftKey);
  } else if (event.key === "Enter") {
    event.preventDefault();
    void cell.openEditor();
  }
}

function onFocusin(event: FocusEvent) {
  const target = event.target as Element;
  if (target.matches?.(".cell-code pre")) void cellOf(target)?.openEditor();
  else if (target.closest?.("[data-cell]")) prefetchEditor();
}

function onInput(event: Event) {
  const label = (event.target as Element).closest<HTMLElement>("[data-widget]");
  const cell = label && cellOf(label);
  if (!label || !cell) return;
  const value = widgetValue(label);
  if (value === undefined) return;
  cell.widgetValues[label.dataset.widget ?? ""] = value;
  const shown = label.querySelector(".widget-value");
  if (shown) shown.textContent = formatWidgetValue(value);
  label.querySelector("input")?.setAttribute("aria-valuetext", formatWidgetValue(value));
  runner.inputChanged(cell);
}

function onBarAction(action: string) {
  if (action === "run-all") void runner.runAll();
  else if (action === "restart") {
    kernel.restart();
    announce("Kernel restarted: nothing is defined until cells run again.");
  } else if (action === "reset-all") void resetAll();
  else if (action === "undo-reset") void undoResetAll();
}

async function resetAll() {
  undoReset = Object.fromEntries(store.cellIds.map((id) => [id, store.get(id)!]));
  for (const cell of cells) if (cell.edited) await quietly(cell, () => cell.setCode(cell.original));
  store.clear();
  for (const cell of cells) {
    cell.clearNotice();
    cell.showEdited();
  }
  updateResetAll();
  announce("All cells are back to the original code.", { label: "Undo", action: "undo-reset" });
}

async function undoResetAll() {
  if (!undoReset) return;
  for (const [id, edit] of Object.entries(undoReset)) {
    const cell = cells.find((candidate) => candidate.id === id);
    if (cell) await quietly(cell, () => cell.setCode(edit.code));
    store.set(id, edit, { force: true });
  }
  undoReset = undefined;
  updateResetAll();
  announce("Your edits are back.");
}

async function copyShareLink(cell: CellView) {
  const url = `${location.origin}${location.pathname}#${await encodeShare(cell.id, cell.code)}`;
  cell.root.dataset.shareUrl = url;
  try {
    await navigator.clipboard.writeText(url);
    runner.dispatch(cell, {
      type: "say",
      status: "Link copied. Whoever opens it sees your code in this cell, not run.",
    });
  } catch {
    cell.showNotice("Copy this link to share your version of the cell:", [], { summary: "Link", code: url });
  }
}

function scheduleSave(cell: CellView) {
  if (quiet.has(cell)) return;
  clearTimeout(saveTimers.get(cell));
  saveTimers.set(
    cell,
    setTimeout(() => save(cell), SAVE_DELAY_MS),
  );
}

function save(cell: CellView) {
  saveTimers.delete(cell);
  if (conflicted.has(cell)) return; // the reader has yet to choose between this tab's version and another's
  const stopped = stoppedWith(runner.state(cell), cell.code) ? true : undefined;
  store.set(
    cell.id,
    cell.edited ? { code: cell.code, originalHash: cell.originalHash, savedAt: Date.now(), stopped } : undefined,
  );
  updateResetAll();
}

function flushSaves() {
  for (const cell of [...saveTimers.keys()]) {
    clearTimeout(saveTimers.get(cell));
    save(cell);
  }
}

/** Another tab saved or reset a cell: show its version here, unless the reader is editing this cell right now. */
function onExternalChange(id: string, edit: SavedEdit | undefined) {
  const cell = cells.find((candidate) => candidate.id === id);
  if (!cell) return;
  const theirs = edit?.code ?? cell.original;
  if (conflicted.has(cell) || saveTimers.has(cell)) {
    clearTimeout(saveTimers.get(cell));
    saveTimers.delete(cell);
    if (cell.code !== theirs) showConflict(cell, edit);
    return;
  }
  if (cell.code === theirs) return;
  void quietly(cell, () => cell.setCode(theirs)).then(() => {
    cell.clearNotice();
    cell.showEdited();
    runner.dispatch(cell, {
      type: "code-replaced",
      status: edit ? "Updated with your edit from another tab." : "Reset in another tab.",
    });
    updateResetAll();
  });
}

/** This tab's edit and another tab's collide: keep both in view and let the reader choose. */
function showConflict(cell: CellView, theirs: SavedEdit | undefined) {
  conflicted.add(cell);
  cell.root.dataset.conflict = "true";
  const other = theirs?.code ?? cell.original;
  const resolved = () => {
    conflicted.delete(cell);
    delete cell.root.dataset.conflict;
    cell.clearNotice();
    cell.showEdited();
    updateResetAll();
  };
  cell.showNotice(
    theirs
      ? "This cell was changed in another tab while you were editing it here. Which version do you want to keep?"
      : "This cell was reset in another tab while you were editing it here. Which version do you want to keep?",
    [
      {
        label: "Use the other tab's version",
        run: () => void quietly(cell, () => cell.setCode(other)).then(resolved),
      },
      {
        label: "Keep this tab's version",
        run: () => {
          const mine = cell.edited
            ? { code: cell.code, originalHash: cell.originalHash, savedAt: Date.now() }
            : undefined;
          store.set(cell.id, mine, { force: true });
          resolved();
        },
      },
    ],
    { summary: "The other tab's version", code: other },
  );
}

/** Change a cell's code without saving it as the reader's edit. */
async function quietly(cell: CellView, change: () => Promise<void>) {
  quiet.add(cell);
  try {
    await change();
  } finally {
    quiet.delete(cell);
  }
}

function updateResetAll() {
  const button = document.querySelector<HTMLElement>('[data-notebook-bar] [data-action="reset-all"]');
  if (button) button.hidden = store.cellIds.length === 0;
}

/** Say something about the notebook as a whole, in the bar's status (with an optional button). */
function announce(text: string, button?: { label: string; action: string }) {
  const status = document.querySelector("[data-notebook-bar] .notebook-status");
  if (!status) return;
  status.textContent = text;
  if (button) {
    const element = document.createElement("button");
    element.type = "button";
    element.dataset.action = button.action;
    element.textContent = button.label;
    status.append(" ", element);
  }
}
