/**
 * Our course's downloads: each lesson page links its `.ts` and `.ipynb`; every `.ts` runs in Node alone in an empty
 * folder (offline: it carries what it uses of our library) and exits 0; every notebook is valid nbformat 4.5 with the
 * page's cells in order and the build's outputs and numbers. (The exports themselves are tested on the platform's
 * fixture site, test/platform/exports; this guards every real lesson's.)
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Notebook } from "../../src/export/notebook.ts";
import { expectValidNotebook } from "../export/nbformat.ts";
import { DIST } from "../support/paths.ts";

const LESSONS = path.join(DIST, "lessons");
const slugs = readdirSync(LESSONS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(LESSONS, entry.name, "index.html")))
  .map((entry) => entry.name)
  .sort();

const scratch = mkdtempSync(path.join(tmpdir(), "moments-exports-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A built page's cells, in order: their ids and whether each is an exercise. */
function pageCells(slug: string): { id: string; exercise: boolean }[] {
  const html = readFileSync(path.join(LESSONS, slug, "index.html"), "utf8");
  return [...html.matchAll(/<section [^>]*\bdata-cell\b[^>]*>/g)].map((match) => ({
    id: /\bid="([\w-]+)"/.exec(match[0])![1]!,
    exercise: /\bdata-kind="exercise"/.test(match[0]),
  }));
}
const pageCellIds = (slug: string) => pageCells(slug).map((cell) => cell.id);

describe("our lessons' exports", () => {
  it("exist for every lesson", () => {
    expect(slugs.length).toBeGreaterThan(10);
    for (const slug of slugs) {
      expect(existsSync(path.join(LESSONS, `${slug}.ts`)), `${slug}.ts`).toBe(true);
      expect(existsSync(path.join(LESSONS, `${slug}.ipynb`)), `${slug}.ipynb`).toBe(true);
    }
  });

  it.each(slugs)("are linked from the notebook bar of %s, as plain links under the base path", (slug) => {
    const html = readFileSync(path.join(LESSONS, slug, "index.html"), "utf8");
    if (!html.includes("data-notebook-bar")) return; // a lesson without cells has no bar
    const downloads =
      /<span class="notebook-downloads[^"]*" data-notebook-downloads[^>]*>([\s\S]*?)<\/span>\s*<\/div>/.exec(html)?.[1];
    expect(downloads, "the download links in the bar").toBeDefined();
    const links = [...downloads!.matchAll(/<a href="([^"]+)" download="([^"]+)"/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(links).toEqual([
      [`/lessons/${slug}.ts`, `${slug}.ts`],
      [`/lessons/${slug}.ipynb`, `${slug}.ipynb`],
    ]);
  });

  it.each(slugs)("%s.ts runs in Node in an empty folder and exits 0", (slug) => {
    const folder = mkdtempSync(path.join(scratch, `${slug}-`));
    copyFileSync(path.join(LESSONS, `${slug}.ts`), path.join(folder, `${slug}.ts`));
    const stdout = execFileSync(process.execPath, [`${slug}.ts`], {
      cwd: folder,
      encoding: "utf8",
      timeout: 300_000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const figures = [...stdout.matchAll(/→ ([\w-]+-figure-\d+\.svg)$/gm)].map((match) => match[1]);
    expect(
      readdirSync(folder)
        .filter((file) => file.endsWith(".svg"))
        .sort(),
    ).toEqual([...figures].sort());
    for (const figure of figures)
      expect(readFileSync(path.join(folder, figure!), "utf8")).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
      );
  });

  it.each(slugs)("%s.ts has the page's cells in order and the numbers the build computed", (slug) => {
    const text = readFileSync(path.join(LESSONS, `${slug}.ts`), "utf8");
    const markers = [...text.matchAll(/^notebook\.cell\(\d+, "([\w-]+)"\);$/gm)].map((match) => match[1]);
    expect(markers).toEqual(pageCellIds(slug));
    expect(text).not.toContain("[value of `");
  });

  it.each(slugs)("%s.ipynb is valid nbformat 4.5 with the page's cells, outputs and numbers", (slug) => {
    const notebook = JSON.parse(readFileSync(path.join(LESSONS, `${slug}.ipynb`), "utf8")) as Notebook;
    expectValidNotebook(notebook);
    const code = notebook.cells.filter((cell) => cell.cell_type === "code");
    expect(code[0]!.id).toBe("moments-library");
    // An exercise is its starter, a cell running its checks and its solution.
    const expected = pageCells(slug).flatMap(({ id, exercise }) =>
      exercise ? [id, `${id}-checks`, `${id}-solution`] : [id],
    );
    expect(code.slice(1).map((cell) => cell.id)).toEqual(expected);
    expect(
      code.slice(1).some((cell) => cell.outputs!.length > 0),
      "the build's outputs",
    ).toBe(true);
    const markdown = notebook.cells.filter((cell) => cell.cell_type === "markdown").map((cell) => cell.source.join(""));
    expect(markdown.join("\n")).not.toContain("[value of `");
    expect(notebook.metadata.moments).toMatchObject({ lesson: slug });
  });

  it("stay within their size budget (the library is most of a file)", () => {
    for (const slug of slugs) {
      expect(statSync(path.join(LESSONS, `${slug}.ts`)).size, `${slug}.ts`).toBeLessThan(1_250_000);
      expect(statSync(path.join(LESSONS, `${slug}.ipynb`)).size, `${slug}.ipynb`).toBeLessThan(2_000_000);
    }
  });
});
