/**
 * The claims the content review (issue 15) added to the lessons, checked in the built site: each number the new
 * prose states is the one its cell computed, and the conclusions drawn from them hold.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { muon } from "../../src/optim/index.ts";
import { CHUNK } from "../../src/optim/staging.ts";
import { loadDigits, rng, rosenbrock } from "../../src/problems/index.ts";
import { DIST, ROOT } from "../support/paths.ts";

/** A lesson's prose as a reader sees it: <main> without its cells, KaTeX's MathML removed. */
function prose(slug: string): string {
  const document = parseHTML(readFileSync(path.join(DIST, slug, "index.html"), "utf8")).document;
  const main = document.querySelector("main")!.cloneNode(true) as Element;
  for (const node of main.querySelectorAll("section[data-cell], .katex-mathml")) node.remove();
  return main.textContent!.replace(/\s+/g, " ");
}
const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]?.replace("−", "-"));

describe("the content review's claims", () => {
  it("Adam, step by step: after a quiet stretch a step exceeds Kingma & Ba's 3.16 α, below the 7.27 α supremum", () => {
    const text = prose("lessons/adam");
    const step = number(text, /The step reaches ([\d.]+) α/);
    expect(step).toBeGreaterThan(6);
    expect(step).toBeLessThan(7.27);
    expect(text).toMatch(/= 3\.16 α/);
  });

  it("Decay rates: β₁ = 0.99 fails at β₂ = 0.999 and 0.9999, which meet β₁²/√β₂ < 1", () => {
    const text = prose("lessons/decay-rates");
    expect(number(text, /\(0\.99,0\.999\) gives ([\d.]+)/)).toBeGreaterThan(0.5);
    expect(number(text, /\(0\.99,0\.9999\) ([\d.]+), nearly as bad/)).toBeGreaterThan(0.5);
  });

  it("Momentum: Nesterov's stability limit 1.36 is below the heavy ball's 3.8", () => {
    const text = prose("lessons/momentum");
    expect(text).toMatch(/stable up to [^.]*= 3\.8, Nesterov only up to 1\.36\./);
  });

  it("Adam vs SGD vs AdaGrad: rotating the quadratic narrows Adam's range and leaves momentum the widest", () => {
    const text = prose("lessons/adam-vs-sgd-adagrad");
    const [, from, to] = /Adam’s range falls from ([\d.]+) to ([\d.]+) decades/.exec(text) ?? [];
    expect(Number(to)).toBeLessThan(Number(from));
    const momentum = number(text, /keeps its ([\d.]+) and is now the widest/);
    expect(momentum).toBeGreaterThan(Number(to));
    expect(number(text, /down only from ([\d.]+) at the start/)).toBeCloseTo(24.2, 1);
  });

  it("Implementation details: EPSILON = 10^-8 is −14 and the loss climbs", () => {
    const text = prose("lessons/implementation-details");
    expect(text).toMatch(/10 \^ -8 is −14/);
    expect(number(text, /the loss climbs to ([\d.]+)/)).toBeGreaterThan(number(text, /From f= ([\d.]+)/));
  });

  it("Memory-bound: Adam keeps two state vectors", () => {
    expect(prose("lessons/memory-bound")).toMatch(/Adam keeps 2 vectors the size of the parameters/);
  });

  it("AMSGrad: with β₂ = 0.999 Adam solves Reddi et al.'s problem", () => {
    expect(number(prose("lessons/amsgrad"), /Adam then ends at x= (−?[\d.]+)/)).toBeLessThan(-0.9);
  });
});

describe("the seed claims the review found unaddressed", () => {
  it("Adam, step by step: automatic annealing — m̂ falls far more than √v̂, so the step shrinks at constant α", () => {
    const text = prose("lessons/adam");
    const [, mFold, vFold, step] =
      /m\^t\u200b falls (\d+(?:\.\d+)?)-fold but v\^t\u200b\u200b only (\d+(?:\.\d+)?)-fold, so the step in units of α falls from 1 to (\d+(?:\.\d+)?)/.exec(
        text,
      ) ?? [];
    expect(Number(mFold)).toBeGreaterThan(3 * Number(vFold));
    expect(Number(step)).toBeLessThan(0.5);
  });

  it("Adam, step by step: a small steady gradient moves Adam as far as a large one; a sparse one moves further than SGD", () => {
    const text = prose("lessons/adam");
    const [, small, large] =
      /moves Adam as far as a large one — (\d+(?:\.\d+)?) α against (\d+(?:\.\d+)?) α/.exec(text) ?? [];
    expect(Number(small)).toBeCloseTo(Number(large), -1);
    expect(number(text, /about (\d+(?:\.\d+)?) times its SGD distance/)).toBeGreaterThan(2);
  });

  it("Gradient descent: noise carries SGD over the double well's barrier, which the exact gradient never crosses", () => {
    const text = prose("lessons/gradient-descent");
    expect(number(text, /settles in the local minimum, at x= (\d+(?:\.\d+)?)/)).toBeCloseTo(0.96, 2);
    expect(number(text, /constant α, (\d+) of the 100 runs end on the global minimum’s side/)).toBeGreaterThan(50);
    const fixed = number(text, /they end on average (\d+(?:\.\d+)?) from a minimum/);
    const decayed = number(text, /they have settled, to within (\d+(?:\.\d+)?) of a minimum/);
    expect(decayed).toBeLessThan(fixed / 4);
    expect(number(text, /With α decayed, (\d+) runs end past the barrier/)).toBeGreaterThan(50);
  });

  it("Bias correction: skipping it does not make the double well's local minimum more likely", () => {
    const text = prose("lessons/bias-correction");
    const onLocalSide = number(text, /Of the 201 starts, (\d+) lie on the local minimum’s side/);
    const [, atSmall, atMiddle] =
      /as many runs end in the local minimum without correction as with it \((\d+) and (\d+)\)/.exec(text) ?? [];
    expect([Number(atSmall), Number(atMiddle)]).toEqual([onLocalSide, onLocalSide]);
    const [, without, withCorrection] =
      /fewer uncorrected runs end in the local minimum: (\d+) against (\d+)/.exec(text) ?? [];
    expect(Number(without)).toBeLessThan(Number(withCorrection));
  });

  it("RMSprop: its rates are per parameter — a thousandfold smaller gradient gets a thousandfold larger rate", () => {
    expect(
      number(prose("lessons/rmsprop"), /The second coordinate’s rate is (\d+(?:\.\d+)?) times the first’s/),
    ).toBeCloseTo(1000, -1);
  });

  it("Adam vs SGD vs AdaGrad: momentum helps at the saddle; ill-conditioning and saddles are different things", () => {
    const text = prose("lessons/adam-vs-sgd-adagrad");
    const [, sgdSteps, momentumSteps] = /momentum alone cuts SGD’s (\d+) steps to (\d+)/.exec(text) ?? [];
    expect(Number(momentumSteps)).toBeLessThan(Number(sgdSteps));
    expect(number(text, /The quadratic’s condition number is (\d+(?:\.\d+)?)/)).toBe(100);
    expect(number(text, /Rosenbrock’s at its minimum (\d+(?:\.\d+)?)/)).toBeGreaterThan(1000);
    expect(number(text, /the saddle’s condition number is (\d+(?:\.\d+)?)/)).toBe(1);
  });

  it("Adam as a preconditioner: 784 × 32 weights, and a Hessian-vector product from two gradients", () => {
    const text = prose("lessons/preconditioner");
    expect(number(text, /The layer has (\d+) weights/)).toBe(784 * 32);
    const [, exponent] = /to a relative error of \d+(?:\.\d+)? × 10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(text) ?? [];
    expect(Number([...exponent!].map((digit) => "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(digit)).join(""))).toBeGreaterThanOrEqual(6);
  });
});

/**
 * The fact check (issue 15, item 6): every number in a lesson's prose either comes from its cells (`<Value>`),
 * restates a number its cells use (a setting such as α = 0.02: the same number appears in the cells' code or in a
 * `<Value>` expression), or is listed below — asserted here when it is a claim about numbers, or given the reason it
 * is not a claim about the cells (a quotation, a suggestion to try, a fact about the data or about PyTorch).
 *
 * The prose is the MDX source without its cells, display equations, inline code, link targets, `<Value>` tags and its
 * "Further reading" and "References"; inline math counts, without its TeX commands and sub- and superscripts.
 * Left out as never claims about the cells: one-digit integers (counts, indices, "Algorithm 1"), years, and numbers
 * after §, "Theorem", "Lecture", "PyTorch" (a version) or in an arXiv id or DOI. The review covered lessons 00–16;
 * 17–22 were written after it and are held to the same rule, as is every lesson added after them.
 */
const SCOPE = /^\d\d-.*\.mdx$/;
const asNumber = (text: string) => String(Math.abs(Number(text.replace(/[,_]/g, "").replace("−", "-"))));

function proseNumbers(source: string) {
  const body = source.replace(/^---[\s\S]*?---/, "");
  const values = [...body.matchAll(/<Value\b((?:[^>"]|"[^"]*")*)\/>/g)];
  const code = [
    ...[...body.matchAll(/```ts (?:cell|exercise)[^\n]*\n([\s\S]*?)```/g)].map((match) => match[1]!),
    ...values.map((match) => /\bof="([^"]*)"/.exec(match[1]!)?.[1] ?? ""),
  ].join("\n");
  const inCode = new Set(
    [...code.matchAll(/(?<![\w.])\d[\d_]*(?:\.\d+)?(?:e-?\d+)?/g)].map((match) => asNumber(match[0])),
  );
  let prose = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^## (Further reading|References)[\s\S]*$/m, " ")
    .replace(/<Value\b(?:[^>"]|"[^"]*")*\/>/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[^>]+>/g, " ");
  prose = prose.replace(
    /\$([^$\n]*)\$/g,
    (_, tex: string) =>
      ` ${tex
        .replace(/\\t?frac\s*\{?\d\}?\s*\{?\d\}?/g, " ")
        .replace(/\\[a-zA-Z]+/g, " ")
        .replace(/[_^]\{?-?\d+\}?/g, " ")} `,
  );
  const numbers = [...prose.matchAll(/(?<![\w.])[−-]?\d[\d,]*(?:\.\d+)?(?![\w])/g)]
    .map((match) => ({
      text: match[0].replace(/,$/, "").replace("−", "-"),
      before: prose.slice(Math.max(0, match.index - 12), match.index),
    }))
    .filter(({ text }) => !/^-?\d$/.test(text) && !/^(19|20)\d\d$/.test(text))
    .filter(({ before }) => !/(§|§[\d.]+[–-]|Theorem\s|Lecture\s|PyTorch\s|arXiv:|doi:)$/.test(before));
  return {
    computed: values.length,
    restated: numbers.filter(({ text }) => inCode.has(asNumber(text))).map(({ text }) => text),
    other: numbers.filter(({ text }) => !inCode.has(asNumber(text))).map(({ text }) => text),
  };
}

const roots = (() => {
  // The tilted double well f(x) = (x² − 1)² + 0.3x of lessons 02 and 08: the roots of f′(x) = 4x³ − 4x + 0.3.
  const derivative = (x: number) => 4 * x ** 3 - 4 * x + 0.3;
  const bisect = (low: number, high: number) => {
    for (let k = 0; k < 100; k++) {
      const middle = (low + high) / 2;
      if (Math.sign(derivative(middle)) === Math.sign(derivative(low))) low = middle;
      else high = middle;
    }
    return low;
  };
  return [bisect(-2, -0.5), bisect(-0.5, 0.5), bisect(0.5, 2)];
})();

/** The prose numbers that are not computed by a cell, by lesson: asserted, or why they are not about the cells. */
const NOT_COMPUTED: Record<string, Record<string, string | (() => void)>> = {
  "00": {
    "0.5": () => expect(1 - 2 * 0.5).toBe(0), // "past α = 0.5, 1 − 2α turns negative"
    "0.45": "a value the reader is invited to try",
  },
  "01": { "151": () => expect(150 + 1).toBe(151) }, // epochs 0, 1, …, 150
  "02": {
    "80": () => expect((20 * 32) / 8).toBe(80), // 20 epochs of 32 examples, 8 per step
    "640": () => expect(20 * 32).toBe(640),
    "-1.04": () => expect(roots[0]).toBeCloseTo(-1.04, 2),
    "0.96": () => expect(roots[2]).toBeCloseTo(0.96, 2),
    "0.08": () => expect(roots[1]).toBeCloseTo(0.08, 2),
  },
  "05": {
    "100": () => expect(1 / (1 - 0.99)).toBeCloseTo(100, 9), // the memory 1/(1 − ρ) at ρ = 0.99
    "5000": "a question to the reader",
  },
  "07": { "1000": () => expect(1 / (1 - 0.999)).toBeCloseTo(1000, 9) }, // v's memory
  "08": {
    "-1.04": () => expect(roots[0]).toBeCloseTo(-1.04, 2),
    "0.96": () => expect(roots[2]).toBeCloseTo(0.96, 2),
    "0.08": () => expect(roots[1]).toBeCloseTo(0.08, 2),
    "32": () => expect(1 / Math.sqrt(1 - 0.999)).toBeCloseTo(32, 0), // α/√(1 − β₂) at β₂ = 0.999
    "0.0099": () => expect(1 - 1 / 1.01).toBeCloseTo(0.0099, 4), // within 1%: 1 − βᵗ > 1/1.01
    "4.6": () => expect(-Math.log(0.0099)).toBeCloseTo(4.6, 1), // βᵗ < 0.0099 after about 4.6/(1 − β) steps
    "-1.2": () => expect(rosenbrock().start).toEqual([-1.2, 1]), // the library's Rosenbrock starts there
  },
  "09": {
    "0.69": () => expect(Math.log(2)).toBeCloseTo(0.69, 2),
    "151": "the CodeSignal lesson's run, counted in Adam in one page",
    "100": () => expect(1 / (1 - 0.99)).toBeCloseTo(100, 9), // β₁ = 0.99 remembers about 100 steps
    "0.1": "a value the reader is invited to try",
  },
  "10": {
    "0.99": "PyTorch's default ρ, in the table of update rules (checked by test/optim)",
    "0.999": "Adam's default β₂, in the table of update rules (checked by test/optim)",
  },
  "11": {
    "16": "the data set's pixel values, 0–16 (the UCI description)",
    "28": "the size of MNIST's images",
    "0.99": "PyTorch's default ρ, in the table of update rules (checked by test/optim)",
    "0.01": "1 − ρ in the same table",
    "0.999": "Adam's default β₂, in the table of update rules (checked by test/optim)",
  },
  "12": { "0.99": "a value the reader is invited to try", "10": "a value the reader is invited to try" },
  "14": {
    "32": () => expect(1 / Math.sqrt(1 - 0.999)).toBeCloseTo(32, 0), // ε-hat's ε at t = 1, relative
    "2.30": () => expect(Math.log(10)).toBeCloseTo(2.3, 2), // the loss of a uniform guess over ten digits
  },
  "15": {
    "0.004": "PyTorch's default momentum_decay ψ (checked by test/optim)",
    "12": () => expect(Math.ceil(loadDigits().train.size / 128)).toBe(12), // steps per epoch, batches of 128
    "0.03": "a value the reader is invited to try",
  },
  "16": {
    // "about 700 MB" at n = 10⁷: the four lines' arrays — the copy's 2 float32s, the readable loop's x, g, m, v in
    // float64, the ordinary and the resident float32 x, g, m, v — add up to 720 MB.
    "700": () => expect(Math.round((1e7 * (2 * 4 + 4 * 8 + 4 * 4 + 4 * 4)) / 1e8) * 100).toBe(700),
    "131,072": () => expect(CHUNK).toBe(131_072), // the copied path's chunk (src/optim/staging.ts)
    "12": () => expect(3 * 4).toBe(12), // SGD's
    "36": () => expect(9 * 4).toBe(36), // AMSGrad's
  },
  "17": { "0.2": "a value the reader is invited to try" },
  "18": {
    // float32 has 24 significant bits: 1 + 2⁻²³ is a float32, 1 + 2⁻²⁴ (a tie) rounds to 1.
    "24": () => expect([Math.fround(1 + 2 ** -23), Math.fround(1 + 2 ** -24)]).toEqual([1 + 2 ** -23, 1]),
  },
  "19": { "25,000": "quoted from the summary post (and corrected: 784 × 32 is computed)" },
  "20": {
    "80": () => expect(Math.round(100 * (0.9 - 0.1))).toBe(80), // between the cell's 10th and 90th percentiles
    "14": "WMT'14, the name of a translation benchmark (2014)",
  },
  "21": {
    "50": () => {
      // The Muon fixtures on the matrix problems (weighted 3 × 4, leastSquares 3 × 2) run 50 steps each.
      const muonFixtures = JSON.parse(readFileSync(path.join(ROOT, "test/optim/fixtures/ports/muon.json"), "utf8")) as {
        cases: { problem: string; steps: number }[];
      };
      const onMatrices = muonFixtures.cases.filter((c) => ["weighted", "leastSquares"].includes(c.problem));
      expect(onMatrices.length).toBeGreaterThan(0);
      expect(new Set(onMatrices.map((c) => c.steps))).toEqual(new Set([50]));
    },
    "0.2": () => {
      // Liu et al.'s scale 0.2·√max(rows, cols) as the library applies it: an orthogonal r × n step has RMS 1/√n per
      // entry, so the scaled step's RMS is 0.2; Newton–Schulz's is near orthogonal (measured: 0.165 on this matrix).
      const [rows, cols] = [32, 64];
      const random = rng(1);
      const gradient = Float64Array.from({ length: rows * cols }, () => random.normal());
      const x = new Float64Array(rows * cols);
      const opt = muon({ lr: 1, weightDecay: 0, adjustLr: "match_rms_adamw" });
      opt.step(x, gradient, opt.init(x, { shape: [rows, cols] }));
      expect(Math.hypot(...x) / Math.sqrt(x.length)).toBeCloseTo(0.2, 1);
    },
  },
  "22": { "20,000": "a value the reader is invited to try" },
};

describe("the fact check: prose numbers", () => {
  const lessons = readdirSync(path.join(ROOT, "content/lessons"))
    .filter((file) => SCOPE.test(file))
    .sort();
  const counts = { computed: 0, restated: 0, asserted: 0, reasoned: 0 };
  for (const file of lessons) {
    const found = proseNumbers(readFileSync(path.join(ROOT, "content/lessons", file), "utf8"));
    const listed = NOT_COMPUTED[file.slice(0, 2)] ?? {};
    counts.computed += found.computed;
    counts.restated += found.restated.length;
    for (const text of found.other) counts[typeof listed[text] === "function" ? "asserted" : "reasoned"]++;

    it(`${file}: every prose number is computed, restated from its cells, or listed`, () => {
      expect(found.other.filter((text) => !(text in listed))).toEqual([]);
      for (const text of found.other) if (typeof listed[text] === "function") (listed[text] as () => void)();
    });
  }

  it("lists nothing that is no longer in the prose", () => {
    for (const [lesson, listed] of Object.entries(NOT_COMPUTED)) {
      const file = lessons.find((name) => name.startsWith(`${lesson}-`))!;
      // Still in the prose: uncomputed, or now also in a cell's code (an exercise may use the same number).
      const { other, restated } = proseNumbers(readFileSync(path.join(ROOT, "content/lessons", file), "utf8"));
      expect(
        Object.keys(listed).filter((text) => !other.includes(text) && !restated.includes(text)),
        lesson,
      ).toEqual([]);
    }
    console.log(
      `prose numbers in lessons 00–${lessons.at(-1)!.slice(0, 2)}: ${counts.computed} computed by <Value>, ${counts.restated} restating a ` +
        `number of the cells, ${counts.asserted} asserted here, ${counts.reasoned} not about the cells (reason listed)`,
    );
  });
});
