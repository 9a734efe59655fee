/** Checks of a notebook against nbformat 4.5, shared by the export's unit tests and the built site's test. */
import { expect } from "vitest";
import type { Notebook } from "../../src/export/notebook.ts";

/**
 * The parts of the nbformat 4.5 schema (nbformat/v4/nbformat.v4.5.schema.json) a generator can get wrong: required
 * keys, cell types, ids, sources and outputs as lists of lines, output types with their fields.
 */
export function expectValidNotebook(notebook: Notebook) {
  expect(Object.keys(notebook).sort()).toEqual(["cells", "metadata", "nbformat", "nbformat_minor"]);
  expect(notebook.nbformat).toBe(4);
  expect(notebook.nbformat_minor).toBe(5);
  expect(notebook.metadata.kernelspec).toEqual({ name: "deno", display_name: "Deno", language: "typescript" });
  expect(notebook.metadata.language_info).toMatchObject({ name: "typescript", file_extension: ".ts" });
  const ids = new Set<string>();
  const isLines = (value: unknown) =>
    Array.isArray(value) &&
    value.every((line, i) => typeof line === "string" && (i === value.length - 1 || line.endsWith("\n")));
  for (const cell of notebook.cells) {
    expect(cell.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(ids.has(cell.id), `cell id ${cell.id} used twice`).toBe(false);
    ids.add(cell.id);
    expect(cell.metadata).toBeTypeOf("object");
    expect(isLines(cell.source), `source of ${cell.id}`).toBe(true);
    if (cell.cell_type === "markdown") {
      expect(Object.keys(cell).sort()).toEqual(["cell_type", "id", "metadata", "source"]);
      continue;
    }
    expect(cell.cell_type).toBe("code");
    expect(Object.keys(cell).sort()).toEqual(["cell_type", "execution_count", "id", "metadata", "outputs", "source"]);
    expect(cell.execution_count).toBeNull();
    for (const output of cell.outputs!) {
      if (output.output_type === "stream") {
        expect(["stdout", "stderr"]).toContain(output.name);
        expect(isLines(output.text)).toBe(true);
      } else if (output.output_type === "display_data") {
        expect(output.metadata).toEqual({});
        expect(Object.keys(output.data)).toContain("text/plain");
        for (const value of Object.values(output.data)) expect(isLines(value)).toBe(true);
      } else {
        expect(output.output_type).toBe("error");
        expect(Object.keys(output).sort()).toEqual(["ename", "evalue", "output_type", "traceback"]);
      }
    }
  }
}
