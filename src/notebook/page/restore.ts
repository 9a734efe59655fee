/**
 * Bringing the reader's work back when a lesson opens: edits saved on an earlier visit, and a cell shared by link.
 * Nothing restored here ever runs by itself.
 */
import type { CellEvent } from "./cell-run.ts";
import type { CellView } from "./cell-view.ts";
import type { EditStore } from "./edits.ts";
import { decodeShare } from "./share.ts";

export interface RestoreContext {
  cells: CellView[];
  store: EditStore;
  /** Change a cell's code without saving it as an edit (restored code is not a new edit). */
  quietly(cell: CellView, change: () => Promise<void>): Promise<void>;
  /** Say something about the page as a whole. */
  announce(text: string): void;
  /** Change a cell's run state (the runner owns it). */
  dispatch(cell: CellView, event: CellEvent): void;
}

/** Put saved edits back; say so where the author changed a cell since, or where a cell had to be stopped. */
export async function restoreEdits({ cells, store, quietly, dispatch }: RestoreContext): Promise<void> {
  for (const cell of cells) {
    const saved = store.get(cell.id);
    if (!saved || typeof saved.code !== "string") continue;
    await quietly(cell, () => cell.setCode(saved.code));
    dispatch(cell, {
      type: "code-replaced",
      stale: true,
      status: "Your edited code, restored. The output below is from the original; press Run to update it.",
    });
    const notes: string[] = [];
    if (saved.stopped) {
      dispatch(cell, { type: "restored-stopped", code: saved.code });
      notes.push(
        "This cell was stopped on your last visit (it ran too long or ran out of memory). It will not run until you press Run.",
      );
    }
    if (saved.originalHash !== cell.originalHash) {
      notes.unshift("The author has changed this cell since you edited it. You are seeing your version.");
      cell.showNotice(
        notes.join(" "),
        [
          {
            label: "Use the author's new version",
            run: () => {
              void cell.setCode(cell.original); // the reader's version stays in the editor's undo history
              store.set(cell.id, undefined, { force: true });
              cell.showNotice(
                "Now showing the author's version. Your version is one Undo (Ctrl+Z) away in the editor.",
              );
            },
          },
          {
            label: "Keep my version",
            run: () => {
              store.set(cell.id, { ...saved, originalHash: cell.originalHash, savedAt: Date.now() }, { force: true });
              cell.clearNotice();
            },
          },
        ],
        { summary: "The author's new version", code: cell.original },
      );
    } else if (notes.length) {
      cell.showNotice(notes.join(" "));
    }
  }
}

/** Open a shared cell from the URL fragment: its code in place, scrolled to and highlighted — not run. */
export async function applyShareLink(
  { cells, store, quietly, announce, dispatch }: RestoreContext,
  fragment: string,
): Promise<void> {
  const shared = await decodeShare(fragment);
  if (!shared) return;
  const cell = cells.find((candidate) => candidate.id === shared.cellId);
  if (!cell) {
    announce(`The shared link is for a cell (“${shared.cellId}”) that this page does not have.`);
    return;
  }
  const mine = store.get(cell.id);
  await quietly(cell, () => cell.setCode(shared.code));
  cell.root.dataset.shared = "true";
  dispatch(cell, { type: "code-replaced", stale: cell.code !== cell.original, status: "Shared code: not run yet." });
  cell.showNotice(
    "This code came from a shared link. It has not been run: read it, then press Run to run it.",
    mine && mine.code !== shared.code
      ? [
          {
            label: "Show my saved version instead",
            run: () => void cell.setCode(mine.code).then(() => cell.clearNotice()),
          },
        ]
      : [],
  );
  cell.root.scrollIntoView({ block: "center" });
}
