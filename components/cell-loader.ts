/**
 * The only notebook script a lesson page loads up front (a few hundred bytes). It waits for the reader to touch a
 * cell — pointer, focus or key — and only then fetches the editor and kernel (src/notebook/notebook.ts).
 */
type Runtime = typeof import("../src/notebook/notebook.ts");

let runtime: Promise<Runtime> | undefined;

export function installCellLoader(): void {
  if ((window as { __momentsCells?: boolean }).__momentsCells) return;
  (window as { __momentsCells?: boolean }).__momentsCells = true;
  for (const type of ["pointerdown", "focusin", "keydown", "click"] as const) {
    document.addEventListener(
      type,
      (event) => {
        const cell = (event.target as Element | null)?.closest?.("[data-cell]");
        if (!cell) return;
        // A click on Run before the runtime is here must not be lost; the runtime handles it once loaded.
        if (type === "click" && !started) {
          event.preventDefault();
          pending.push(event);
        }
        if ((type === "keydown" || type === "pointerdown") && !started) pending.push(event);
        start();
      },
      true,
    );
  }
}

let started = false;
const pending: Event[] = [];

function start() {
  runtime ??= import("../src/notebook/notebook.ts").then((module) => {
    module.startNotebook(pending.splice(0));
    started = true;
    return module;
  });
}
