/**
 * The editor's language service in Node, on our course's library: the declarations made at build
 * (src/notebook/build/declarations.ts) and TypeScript's answers over a page's cells (src/notebook/language/service.ts).
 * The browser side (CodeMirror's lint, hover and completion on the built site) is test/e2e/editor-types.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cellTypes } from "../../src/notebook/build/declarations.ts";
import { resolveLibrary } from "../../src/notebook/build/library.ts";
import { closestName, createCellService, topLevelNames } from "../../src/notebook/language/service.ts";
import type { CellTypes } from "../../src/notebook/shared/cell-types.ts";
import { COURSE_LIBRARY } from "../../src/site/course.ts";
import { ROOT } from "../support/paths.ts";

let types: CellTypes;

beforeAll(async () => {
  types = await cellTypes(await resolveLibrary(COURSE_LIBRARY, ROOT), ROOT);
}, 60_000);

/** A service over these cells, and the offset of the first `marker` in a cell's code. */
function page(...codes: string[]) {
  const service = createCellService(types);
  service.setCells(codes.map((code, index) => ({ id: `c${index + 1}`, code })));
  return service;
}
const at = (code: string, marker: string, after = 0) => code.indexOf(marker) + after;

describe("the declarations made at build", () => {
  it("are TypeScript's declaration emit of the library's sources, doc comments kept", () => {
    const adam = types.files["/site/src/optim/adam.d.ts"];
    expect(adam).toContain("export declare function adam(options?: Partial<AdamOptions>)");
    expect(adam).toContain("/** Step size α, or a schedule t ↦ α_t. Default 1e-3. */");
    const optim = types.modules.find((module) => module.path === "/site/src/optim/index")!;
    expect(optim.names).toEqual(expect.arrayContaining(["adam", "adamw", "sgd", "AdamOptions", "Optimizer"]));
    expect(types.kinds.adam).toBe("function");
    expect(types.kinds.AdamOptions).toBe("type");
  });

  it("declare the notebook's own names from the kernel's CellScope, and Plot from its own declarations", () => {
    const globals = types.files[types.globals]!;
    for (const name of ["display", "progress", "slider", "numberInput", "select", "expect", "check"])
      expect(globals).toContain(`const ${name}: CellScope["${name}"];`);
    expect(globals).toContain('const Plot: typeof import("@observablehq/plot");');
    expect(types.files[types.paths["@observablehq/plot"]!]).toContain("export");
    expect(types.libs).toEqual(expect.arrayContaining(["lib.es5.d.ts", "lib.es2023.d.ts", "lib.webworker.d.ts"]));
  });

  it("render each name's documentation with KaTeX: its own doc comment, or its file's header when named after it", () => {
    // adam's math is the header of adam.ts; `$$ … $$` over several lines (least-squares.ts) is display math too.
    expect(types.docs.adam).toContain("Adam (Kingma &#x26; Ba, 2015, Algorithm 1)");
    expect(types.docs.adam).toContain('class="katex-display"');
    expect(types.docs.adam).toContain("\\hat m_t &#x26;= m_t / (1-\\beta_1^t)");
    expect(types.docs.leastSquares).toContain('class="katex-display"');
    expect(types.docs.leastSquares).not.toContain("katex-error");
    expect(types.docs.display).toContain("Jupyter");
  });

  it("give every optimizer of the course its update rule, from the header of its file", () => {
    const optimizers = ["sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam", "lion"];
    for (const name of [...optimizers, "adafactor", "muon"]) {
      expect(types.docs[name], name).toContain('class="katex-display"');
      expect(types.docs[name], name).not.toContain("katex-error");
    }
  });

  it("fail the build on a doc comment whose TeX does not render, naming the library and the name", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "moments-docs-"));
    try {
      writeFileSync(
        path.join(folder, "broken.ts"),
        "/**\n * A step of size $\\frac{1}{$ per coordinate.\n */\nexport const broken = 1;\n",
      );
      const library = await resolveLibrary(["./broken.ts"], folder);
      await expect(cellTypes(library, folder)).rejects.toThrow(
        /doc comment of broken\.ts: broken does not render: .*KaTeX/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("diagnostics", () => {
  it("name an unknown option and the one meant, where it is in the cell", () => {
    const code = "const point = Float64Array.of(1);\nconst opt = adam({ lrr: 0.1 });";
    const [diagnostic, ...rest] = page(code).diagnostics("c1");
    expect(rest).toEqual([]);
    expect(diagnostic!.message).toBe(
      "Object literal may only specify known properties, and 'lrr' does not exist in type 'Partial<AdamOptions>'. Did you mean 'lr'?",
    );
    expect(code.slice(diagnostic!.from, diagnostic!.to)).toBe("lrr");
  });

  it("say what was meant for a misspelt library name, and catch wrong types", () => {
    const service = page("adamm({ lr: 0.1 });\nsgd({ momentum: 'high' });");
    const messages = service.diagnostics("c1").map((diagnostic) => diagnostic.message);
    expect(messages[0]).toBe("Cannot find name 'adamm'. Did you mean 'adam'?");
    expect(messages[1]).toMatch(/Type 'string' is not assignable to type 'number'/);
  });

  it("leave alone what the kernel allows: a top-level return, untyped parameters, top-level await", () => {
    const service = page(
      "function step(x, lr) { return x - lr; }\nawait Promise.resolve(1);\nif (step(1, 2) > 0) return;",
    );
    expect(service.diagnostics("c1")).toEqual([]);
  });

  it("know the notebook's names and their types", () => {
    const service = page(
      'const lr = slider({ label: "α", min: 0, max: 1 });\ndisplay(lr * 2);\nslider({ label: "β" });',
    );
    const messages = service.diagnostics("c1").map((diagnostic) => diagnostic.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/missing the following properties .*: min, max/);
  });

  it("follow an edit", () => {
    const service = page("const opt = adam({ lrr: 0.1 });");
    expect(service.diagnostics("c1")).toHaveLength(1);
    service.update("c1", "const opt = adam({ lr: 0.1 });");
    expect(service.diagnostics("c1")).toEqual([]);
  });
});

describe("the page's shared scope", () => {
  it("gives a later cell an earlier cell's declarations, types and all, and lets it assign an earlier `let`", () => {
    const second = "count += 1;\nconst state = opt.init(point);\nstate.m";
    const service = page(
      "const point = Float64Array.of(1, 2);\nlet count = 0;\nconst opt = adam({ lr: 0.1 });",
      second,
    );
    expect(service.diagnostics("c2")).toEqual([]);
    expect(service.hover("c2", at(second, "point"))?.signature).toBe("const point: Float64Array<ArrayBuffer>");
    expect(service.hover("c2", at(second, "state.m", 6))?.signature).toMatch(/^\(property\) AdamState\.m: Vector/);
  });

  it("takes a name from the last cell above that declared it, and nothing from below", () => {
    const service = page("const x = 1;", 'const x = "one";', "x.toUpperCase();\ny;", "const y = 2;");
    expect(service.diagnostics("c2")).toEqual([]); // a cell may declare again what a cell above declared
    expect(service.diagnostics("c3").map((diagnostic) => diagnostic.message)).toEqual(["Cannot find name 'y'."]);
    expect(service.hover("c3", 0)?.signature).toBe('const x: "one"');
  });

  it("lets a cell's own declaration hide a library name", () => {
    const service = page("const adam = (n: number) => n * 2;\nadam(3).toFixed(1);");
    expect(service.diagnostics("c1")).toEqual([]);
  });

  it("finds each top-level name a cell declares, destructuring included", () => {
    const names = topLevelNames(
      "const [a, { b }] = [1, { b: 2 }];\nlet c = 0;\nfunction f() {}\nclass K {}\ntype T = number;\n{ const inner = 1; }",
    );
    expect(Object.fromEntries(names)).toEqual({
      a: "value",
      b: "value",
      c: "assignable",
      f: "value",
      K: "value",
      T: "type",
    });
  });
});

describe("hover", () => {
  it("shows a library name's signature and its documentation rendered at build", () => {
    const code = "const opt = adam({ lr: 0.1 });";
    const hover = page(code).hover("c1", at(code, "adam"))!;
    expect(hover.signature).toBe("adam(options?: Partial<AdamOptions>): Optimizer<AdamState, AdamOptions>");
    expect(hover.docHtml).toBe(types.docs.adam);
    expect(code.slice(hover.from, hover.to)).toBe("adam");
  });

  it("shows an option's doc line, and a cell's own doc comment as plain text", () => {
    const code = "/** The <b>rate</b>. */\nconst rate = 0.1;\nadam({ lr: rate });";
    const service = page(code);
    expect(service.hover("c1", at(code, "lr:"))?.docText).toBe("Step size α, or a schedule t ↦ α_t. Default 1e-3.");
    const own = service.hover("c1", at(code, "const rate", 6))!;
    expect(own.docHtml).toBeUndefined();
    expect(own.docText).toBe("The <b>rate</b>.");
  });
});

describe("completion", () => {
  it("offers the library's names", () => {
    const found = page("ada").completions("c1", 3)!;
    expect(found.from).toBe(0);
    const labels = found.options.map((option) => option.label);
    expect(labels).toEqual(expect.arrayContaining(["adam", "adagrad", "adadelta", "adamw", "adamax"]));
    expect(found.options.find((option) => option.label === "adam")?.type).toBe("function");
  });

  it("offers an optimizer's options with their doc lines and defaults, and a state's members", () => {
    const options = page("adam({  })").completions("c1", 7)!;
    expect(options.options.find((option) => option.label === "eps")?.detail).toBe(
      "ε added to the denominator, > 0. Default 1e-8.",
    );
    const code = "const state = adam().init(Float64Array.of(1));\nstate.";
    const members = page(code).completions("c1", code.length)!;
    expect(members.options.map((option) => option.label)).toEqual(expect.arrayContaining(["m", "v", "t"]));
  });
});

describe("closestName", () => {
  it("finds short names TypeScript itself does not suggest, and nothing far off", () => {
    expect(closestName("lrr", ["lr", "betas", "eps"])).toBe("lr");
    expect(closestName("esp", ["lr", "betas", "eps"])).toBe("eps");
    expect(closestName("momentun", ["momentum", "nesterov"])).toBe("momentum");
    expect(closestName("banana", ["lr", "betas", "eps"])).toBeUndefined();
  });
});

describe("the cell files", () => {
  it("keep the cell's code as it is, its tail after it", () => {
    const service = page("let a = 1;", "const b = a + 1;\nb");
    const text = service.fileText("c2");
    expect(text.startsWith("const b = a + 1;\nb\n")).toBe(true);
    expect(text).toContain('declare let a: typeof import("/cells/1").a;');
    expect(text).toContain("export { b };");
    expect(text).toMatch(/import \{ [^}]*\badam\b[^}]*\} from "\/site\/src\/optim\/index";/);
  });
});
