/**
 * The only notebook script a lesson page loads up front (well under 1 KB). It fetches the notebook runtime
 * (src/notebook/notebook.ts) when the reader first touches a cell or the notebook bar — pointer, focus or key — or at
 * once when there is something to restore: edits saved on an earlier visit, or a shared cell in the URL.
 */
import { editsKey } from "../src/notebook/page/edits.ts";
import { isShareFragment } from "../src/notebook/page/share.ts";

const INTERACTIVE = "[data-cell], [data-notebook-bar]";

let started = false;
let loading = false;
const pending: Event[] = [];

export function installCellLoader(): void {
  const flag = window as { __momentsCells?: boolean };
  if (flag.__momentsCells) return;
  flag.__momentsCells = true;
  for (const type of ["pointerdown", "focusin", "keydown", "click", "input"] as const) {
    document.addEventListener(
      type,
      (event) => {
        if (started || !(event.target as Element | null)?.closest?.(INTERACTIVE)) return;
        // Events that ask for something (a click on Run, a key in the code) are replayed once the runtime is here.
        if (type === "click") event.preventDefault();
        if (type !== "focusin") pending.push(event);
        start();
      },
      true,
    );
  }
  if (hasSavedEdits() || isShareFragment(location.hash)) start();
}

function hasSavedEdits(): boolean {
  try {
    return localStorage.getItem(editsKey(location.pathname)) !== null;
  } catch {
    return false;
  }
}

function start() {
  if (loading) return;
  loading = true;
  performance.mark("moments:interaction");
  import("../src/notebook/page/notebook.ts").then((notebook) => {
    notebook.startNotebook(pending.splice(0));
    started = true;
  });
}
