/**
 * The live side of equations beside code (components/Paired.astro): when the reader edits a paired cell, each
 * equation row follows the first line that carries its label, the descriptions follow the code, and after a run
 * each row shows the value its lines produced at the last step.
 */
import { PAIR_MARKER, PAIRED_CODE_LINE_REM } from "../shared/paired-lines.ts";

export class PairedView {
  readonly container: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly rows = new Map<string, HTMLElement>();
  /** Each label's row height in rem. */
  readonly rowHeights: Record<string, number> = {};

  constructor(container: HTMLElement) {
    this.container = container;
    this.list = container.querySelector("ol.paired-equations")!;
    for (const row of this.list.querySelectorAll<HTMLElement>("[data-pair-eq]")) {
      const label = row.dataset.pairEq!;
      this.rows.set(label, row);
      this.rowHeights[label] = Number(row.dataset.rowHeight) || PAIRED_CODE_LINE_REM;
    }
  }

  /** Lay the rows out beside the code as it is now: one slot per line, each row by the first line with its label. */
  relayout(code: string): void {
    const slots: HTMLElement[] = [];
    const placed = new Set<string>();
    const lines = code.split("\n");
    for (const text of lines) {
      const label = PAIR_MARKER.exec(text)?.[1];
      const row = label && !placed.has(label) ? this.rows.get(label) : undefined;
      if (row && label) {
        placed.add(label);
        row.style.setProperty("--slot-height", `${Math.max(PAIRED_CODE_LINE_REM, this.rowHeights[label]!)}rem`);
        slots.push(row);
      } else {
        const empty = document.createElement("li");
        empty.className = "paired-slot";
        empty.setAttribute("aria-hidden", "true");
        empty.style.setProperty("--slot-height", `${PAIRED_CODE_LINE_REM}rem`);
        slots.push(empty);
      }
    }
    // A row whose label the reader removed from the code stays, after the others.
    for (const [label, row] of this.rows) if (!placed.has(label)) slots.push(row);
    this.list.replaceChildren(...slots);
    for (const [label] of this.rows) {
      const description = this.container.querySelector(`#${CSS.escape(`${this.container.id}-${label}`)}`);
      const at = lines.flatMap((text, i) =>
        PAIR_MARKER.exec(text)?.[1] === label ? [`line ${i + 1}: ${text.replace(PAIR_MARKER, "").trim()}`] : [],
      );
      if (description)
        description.textContent = at.length
          ? `Computed by the code on ${at.join("; ")}`
          : "No line of the code computes this row now.";
    }
  }

  /** Show the value each row's lines produced at the last step of the latest run. */
  showValues(values: Record<string, string>): void {
    for (const [label, row] of this.rows) {
      const slot = row.querySelector(".pair-value");
      if (slot) slot.textContent = values[label] === undefined ? "" : `= ${values[label]}`;
    }
  }
}
