/**
 * The notebook in the reader's page, loaded on the first interaction with a cell (components/cell-loader.ts).
 *
 * It turns cells into CodeMirror editors when the reader goes to edit them, runs cells in the page's kernel worker,
 * and puts their outputs in place of the pre-rendered ones. Running a cell first runs any cell above it that has
 * not run in the current kernel, so the page's shared scope is what the cell expects.
 */
import type { EditorView } from "@codemirror/view";
import { KernelClient, type RunStatus } from "./client.ts";
import { createEditor } from "./editor.ts";
import { renderOutputs, type Output } from "./outputs.ts";
import { sanitizeHtml } from "./sanitize.ts";

interface CellView {
  root: HTMLElement;
  id: string;
  number: number;
  timeoutMs: number;
  /** The author's source (the pre-rendered code's text). */
  original: string;
  editor?: EditorView;
  /** Kernel generation in which this cell last ran, or 0. */
  ranIn: number;
}

const kernel = new KernelClient();
let cells: CellView[] = [];
let executionCount = 0;

/** Set up the page's cells and replay the events that caused the runtime to load. */
export function startNotebook(pending: Event[]): void {
  cells = [...document.querySelectorAll<HTMLElement>("[data-cell]")].map((root, index) => ({
    root,
    id: root.id,
    number: index + 1,
    timeoutMs: Number(root.dataset.timeout ?? 10) * 1000,
    original: root.querySelector(".cell-code pre")?.textContent ?? "",
    ranIn: 0,
  }));
  void kernel.warm();
  document.addEventListener("pointerdown", onPointerdown);
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("focusin", onFocusin);
  for (const event of pending) {
    if (event.type === "pointerdown") onPointerdown(event as PointerEvent);
    else if (event.type === "click") onClick(event as MouseEvent);
    else if (event.type === "keydown") onKeydown(event as KeyboardEvent);
  }
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.matches("[data-cell] .cell-code pre")) openEditor(cellOf(active)!);
}

function cellOf(element: Element | null): CellView | undefined {
  const root = element?.closest("[data-cell]");
  return cells.find((cell) => cell.root === root);
}

function onClick(event: MouseEvent) {
  const target = event.target as Element;
  const cell = cellOf(target);
  if (!cell) return;
  if (target.closest(".cell-run")) {
    event.preventDefault();
    void runFromHere(cell);
  }
}

function onPointerdown(event: PointerEvent) {
  const target = event.target as Element;
  if (!target.closest?.(".cell-code pre")) return;
  event.preventDefault();
  openEditor(cellOf(target)!, { x: event.clientX, y: event.clientY });
}

function onKeydown(event: KeyboardEvent) {
  const target = event.target as Element;
  if (!target.matches?.(".cell-code pre")) return;
  const cell = cellOf(target)!;
  if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void runFromHere(cell, event.shiftKey);
  } else if (event.key === "Enter") {
    event.preventDefault();
    openEditor(cell);
  }
}

function onFocusin(event: FocusEvent) {
  const target = event.target as Element;
  if (target.matches?.(".cell-code pre")) openEditor(cellOf(target)!);
}

function sourceOf(cell: CellView): string {
  return cell.editor ? cell.editor.state.doc.toString() : cell.original;
}

/** Replace the static code by an editor (once), focused, with the caret where the reader clicked. */
function openEditor(cell: CellView, at?: { x: number; y: number }): EditorView {
  if (!cell.editor) {
    const host = cell.root.querySelector<HTMLElement>(".cell-code")!;
    const pre = host.querySelector("pre");
    const scrollTop = pre?.scrollTop ?? 0;
    host.replaceChildren();
    cell.editor = createEditor(host, cell.original, `Code of cell ${cell.number}`, {
      onRun: (advance) => void runFromHere(cell, advance),
    });
    cell.editor.scrollDOM.scrollTop = scrollTop;
    cell.root.dataset.editing = "true";
  }
  const editor = cell.editor;
  editor.focus();
  if (at) {
    const position = editor.posAtCoords(at);
    if (position !== null) editor.dispatch({ selection: { anchor: position } });
  }
  return editor;
}

/** Run the cell, after running any cell above it that has not run in this kernel. */
async function runFromHere(cell: CellView, advance = false): Promise<void> {
  if (advance) focusNext(cell);
  for (const earlier of cells.slice(0, cell.number - 1)) {
    if (earlier.ranIn === kernel.generation) continue;
    const status = await execute(earlier);
    if (status !== "ok") {
      setStatus(cell, `Not run: cell ${earlier.number} above failed.`);
      return;
    }
  }
  await execute(cell);
}

function focusNext(cell: CellView) {
  const next = cells[cell.number];
  if (next) openEditor(next);
}

async function execute(cell: CellView): Promise<RunStatus> {
  const output = cell.root.querySelector<HTMLElement>("[data-cell-output]")!;
  const outputs: Output[] = [];
  let scheduled = false;
  const render = () => {
    scheduled = false;
    output.replaceChildren(sanitizeHtml(renderOutputs(outputs)));
  };
  cell.root.dataset.state = "running";
  setStatus(cell, "Running…");
  const generation = kernel.generation;
  const outcome = await kernel.run(cell.id, sourceOf(cell), {
    timeoutMs: cell.timeoutMs,
    onOutput(item) {
      outputs.push(item);
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(render);
      }
    },
  });
  if (outcome.status === "timeout")
    outputs.push({
      kind: "note",
      text: `Stopped after ${cell.timeoutMs / 1000} s; the kernel was restarted — re-run the cells above.`,
    });
  render();
  cell.ranIn = outcome.status === "ok" || outcome.status === "error" ? generation : 0;
  cell.root.dataset.state = outcome.status === "timeout" ? "stopped" : outcome.status;
  const count = cell.root.querySelector(".cell-count");
  if (count) count.textContent = `[${++executionCount}]`;
  const error = outputs.find((item) => item.kind === "error");
  setStatus(
    cell,
    outcome.status === "ok"
      ? `Ran in ${Math.round(outcome.ms)} ms.`
      : outcome.status === "error" && error?.kind === "error"
        ? `Error${error.line ? ` at line ${error.line}` : ""}: ${error.message}`
        : `Stopped.`,
  );
  return outcome.status;
}

function setStatus(cell: CellView, text: string) {
  const status = cell.root.querySelector(".cell-status");
  if (status) status.textContent = text;
}
