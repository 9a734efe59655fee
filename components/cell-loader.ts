/**
 * The only notebook script a lesson page loads up front (well under 1 KB). It fetches the notebook runtime
 * (src/notebook/notebook.ts), which starts the kernel, when the reader first shows intent — the pointer comes over a
 * cell's Run button, code or the notebook bar, so the kernel is warming in the ~200 ms before the click lands — or
 * touches a cell (pointer, focus or key), or at once when there is something to restore: edits saved on an earlier
 * visit, or a shared cell in the URL. A reader who never does any of these loads nothing more.
 */
import { editsKey } from "../src/notebook/page/edits.ts";
import { isShareFragment } from "../src/notebook/page/share.ts";

const INTERACTIVE = "[data-cell], [data-notebook-bar]";
/** What a pointer is over just before it clicks something of the notebook. */
const INTENT = ".cell-run, .cell-code, [data-notebook-bar] button";

let started = false;
let loading = false;
let interacted = false;
const pending: Event[] = [];

export function installCellLoader(): void {
  const flag = window as { __momentsCells?: boolean };
  if (flag.__momentsCells) return;
  flag.__momentsCells = true;
  for (const type of ["pointerdown", "focusin", "keydown", "click", "input"] as const) {
    document.addEventListener(
      type,
      (event) => {
        if (!(event.target as Element | null)?.closest?.(INTERACTIVE)) return;
        if (!interacted) performance.mark("moments:interaction");
        interacted = true;
        if (started) return; // the runtime's own listeners have it
        // Events that ask for something (a click on Run, a key in the code) are replayed once the runtime is here.
        if (type === "click") event.preventDefault();
        if (type !== "focusin") pending.push(event);
        start();
      },
      true,
    );
  }
  document.addEventListener(
    "pointerover",
    (event) => {
      if (!loading && (event.target as Element | null)?.closest?.(INTENT)) start();
    },
    { capture: true, passive: true },
  );
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
  performance.mark("moments:runtime-requested");
  import("../src/notebook/page/notebook.ts").then((notebook) => {
    notebook.startNotebook(pending.splice(0));
    started = true;
  });
}
