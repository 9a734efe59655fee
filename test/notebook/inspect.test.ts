import { describe, expect, it } from "vitest";
import { inspectText } from "../../src/notebook/shared/inspect.ts";
import { outputFor, renderOutputs } from "../../src/notebook/shared/outputs.ts";

describe("inspectText", () => {
  it.each([
    [0.1 + 0.2, "0.30000000000000004"],
    [-0, "-0"],
    [NaN, "NaN"],
    ['a"b', '"a\\"b"'],
    [null, "null"],
    [undefined, "undefined"],
    [10n, "10n"],
    [[1, [2, [3]]], "[1, [2, [3]]]"],
    [{ a: 1, "b c": { d: true } }, '{ a: 1, "b c": { d: true } }'],
    [new Float32Array([1.5, 2]), "Float32Array(2) [1.5, 2]"],
    [new Map([[1, { x: 2 }]]), "Map(1) {1 => { x: 2 }}"],
    [new Set(["a"]), 'Set(1) {"a"}'],
    [function step() {}, "ƒ step()"],
    [class Adam {}, "class Adam"],
    [
      new (class Point {
        x = 1;
      })(),
      "Point { x: 1 }",
    ],
    [new Error("bad"), "Error: bad"],
  ])("shows %s as %s", (value, expected) => {
    expect(inspectText(value)).toBe(expected);
  });

  it("never shows [object Object]", () => {
    expect(inspectText({ nested: { deeper: { deepest: { x: 1 } } } })).toBe(
      "{ nested: { deeper: { deepest: Object {…} } } }",
    );
  });

  it("bounds long arrays and marks circular references", () => {
    expect(inspectText(new Float64Array(1e6))).toMatch(/^Float64Array\(1000000\) \[0, 0, .*, … 999950 more\]$/);
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    expect(inspectText(loop)).toBe('{ name: "loop", self: [circular] }');
  });

  it("escapes HTML in strings and keys", () => {
    expect(renderOutputs([outputFor({ "<b>": "<script>" })])).not.toMatch(/<script>|<b>/);
  });
});

describe("outputFor", () => {
  it("shows an array of records as a table with its first rows and a count", () => {
    const rows = Array.from({ length: 25 }, (_, epoch) => ({ epoch, loss: 1 / (epoch + 1) }));
    const output = outputFor(rows);
    expect(output.kind).toBe("table");
    const html = renderOutputs([output]);
    expect(html.match(/<tr>/g)).toHaveLength(21); // header + 20 rows
    expect(html).toContain("First 20 of 25 rows");
    expect(html).toContain('<th scope="col">loss</th>');
  });
});
