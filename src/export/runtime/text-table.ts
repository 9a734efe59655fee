/**
 * The notebook's table output (an array of records shown as an HTML table) as plain text, for a terminal and for a
 * notebook's `text/plain`: columns padded to their widest entry, numbers right-aligned.
 *
 *     t │ g       │ m
 *     ──┼─────────┼────────
 *     1 │ 0.864   │ 0.0864
 */
import { markupText } from "./markup.ts";

export function textTable(tableHtml: string): string {
  const rows: { cells: string[]; numeric: boolean[] }[] = [];
  for (const row of tableHtml.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
    const cells: string[] = [];
    const numeric: boolean[] = [];
    for (const cell of row[1]!.matchAll(/<t([hd])\b([^>]*)>([\s\S]*?)<\/t\1>/g)) {
      cells.push(markupText(cell[3]!).replace(/\s+/g, " ").trim());
      numeric.push(/\bclass="[^"]*\bnum\b/.test(cell[2]!));
    }
    rows.push({ cells, numeric });
  }
  if (rows.length === 0) return markupText(tableHtml).trim();
  const columns = Math.max(...rows.map((row) => row.cells.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((row) => length(row.cells[c] ?? ""))));
  const [head, ...body] = rows;
  // A column of numbers is right-aligned, its heading too.
  const numericColumn = widths.map(
    (_, c) => body.length > 0 && body.every((row) => row.numeric[c] || row.cells[c] === undefined),
  );
  const line = (row: (typeof rows)[number]) =>
    widths
      .map((width, c) => {
        const text = row.cells[c] ?? "";
        const padding = " ".repeat(width - length(text));
        return row.numeric[c] || (row === head && numericColumn[c]) ? padding + text : text + padding;
      })
      .join(" │ ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("─┼─");
  const note = /<p class="out-note">([\s\S]*?)<\/p>/.exec(tableHtml)?.[1];
  return [line(head!), rule, ...body.map(line), ...(note ? [markupText(note)] : [])].join("\n");
}

/** Characters as a terminal counts them (code points, not UTF-16 units). */
function length(text: string): number {
  return [...text].length;
}
