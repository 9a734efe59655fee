import { describe, expect, it } from "vitest";
import {
  createWidgets,
  formatWidgetValue,
  sliderPosition,
  sliderValue,
  widgetHtml,
  type WidgetSpec,
} from "../../src/notebook/shared/widgets.ts";

function harness(values: Record<string, number> = {}) {
  const shown: WidgetSpec[] = [];
  const widgets = createWidgets({ valueOf: (key) => values[key], show: (spec) => shown.push(spec) });
  return { ...widgets.inputs, reset: widgets.reset, shown };
}

describe("inputs declared by a cell", () => {
  it("return their default on a first run and show a control", () => {
    const { slider, numberInput, select, shown } = harness();
    expect(slider({ label: "α", min: 1e-4, max: 1, value: 0.02, log: true })).toBe(0.02);
    expect(numberInput({ label: "steps", value: 100 })).toBe(100);
    expect(select({ label: "optimizer", options: ["adam", "sgd"] })).toBe("adam");
    expect(shown.map((spec) => spec.key)).toEqual(["slider:α", "number:steps", "select:optimizer"]);
  });

  it("return the value the reader chose, by kind and label, clamped to the range", () => {
    const { slider, numberInput, select } = harness({ "slider:β": 0.5, "number:steps": 9999, "select:optimizer": 1 });
    expect(slider({ label: "β", min: 0, max: 0.999 })).toBe(0.5);
    expect(numberInput({ label: "steps", value: 10, max: 500 })).toBe(500);
    expect(select({ label: "optimizer", options: ["adam", "sgd"] })).toBe("sgd");
  });

  it("keep a chosen value with its own input when the cell's inputs change order", () => {
    const values = { "slider:β₁": 0.5 };
    const { slider, reset } = harness(values);
    expect(slider({ label: "β₁", min: 0, max: 0.99, value: 0.9 })).toBe(0.5);
    expect(slider({ label: "β₂", min: 0, max: 0.999, value: 0.999 })).toBe(0.999);
    reset(); // the next run declares β₂ first: β₁ still gets the reader's value, β₂ its default
    expect(slider({ label: "β₂", min: 0, max: 0.999, value: 0.999 })).toBe(0.999);
    expect(slider({ label: "β₁", min: 0, max: 0.99, value: 0.9 })).toBe(0.5);
  });

  it("tell apart inputs of one kind that share a label, in order of use", () => {
    const { slider, numberInput, shown } = harness({ "slider:x#2": 0.25 });
    expect(slider({ label: "x", min: 0, max: 1 })).toBe(0.5);
    expect(slider({ label: "x", min: 0, max: 1 })).toBe(0.25);
    numberInput({ label: "x", value: 3 });
    expect(shown.map((spec) => spec.key)).toEqual(["slider:x", "slider:x#2", "number:x"]);
  });

  it("default a slider to the middle of its range (geometric middle on a log scale)", () => {
    const { slider } = harness();
    expect(slider({ label: "a", min: 0, max: 2 })).toBe(1);
    expect(slider({ label: "b", min: 0.01, max: 1, log: true })).toBeCloseTo(0.1, 12);
  });

  it("say what was wrong with their options", () => {
    const { slider, select, numberInput } = harness();
    expect(() => slider({ label: "α", min: 1, max: 0 })).toThrow(
      new RangeError('slider "α": min must be less than max; received min 1, max 0'),
    );
    expect(() => slider({ label: "α", min: 0, max: 1, log: true })).toThrow(
      'slider "α": a log slider needs min > 0; received min 0',
    );
    expect(() => slider({ label: "", min: 0, max: 1 })).toThrow(
      'slider: label must be a non-empty string; received ""',
    );
    expect(() => select({ label: "o", options: ["a"], value: "b" as "a" })).toThrow(
      'select "o": value must be one of the options; received "b"',
    );
    expect(() => numberInput({ label: "n", value: NaN })).toThrow(
      "numberInput: value must be a finite number; received NaN",
    );
  });

  it("format values with 3 significant digits, and map slider positions to values rounded as shown", () => {
    expect(formatWidgetValue(0.0201234)).toBe("0.0201");
    expect(formatWidgetValue(1e-6)).toBe("1.00e-6");
    // Linear: 0.9 on [0.5, 0.999] sits at position 802 of 1000, which reads back as 0.9 (not 0.900198).
    expect(sliderPosition(0.9, 0.5, 0.999, false)).toBe(802);
    expect(sliderValue(802, 0.5, 0.999, false)).toBe(0.9);
    // Log: 0.02 on [1e-4, 1] sits at position 575, which reads back as 0.02.
    expect(sliderPosition(0.02, 1e-4, 1, true)).toBe(575);
    expect(sliderValue(575, 1e-4, 1, true)).toBe(0.02);
    expect(sliderValue(1000, 1e-4, 1, true)).toBe(1);
  });

  it("build controls from the spec, escaping the label", () => {
    const html = widgetHtml({
      type: "slider",
      key: 'slider:<α>"',
      label: "<α>",
      min: 1e-4,
      max: 1,
      value: 0.02,
      log: true,
    });
    expect(html).toContain("&lt;α&gt;");
    expect(html).toContain('data-widget="slider:&lt;α&gt;&quot;"');
    expect(html).toContain(
      '<input type="range" min="0" max="1000" step="1" value="575" data-from="0.0001" data-to="1" data-scale="log" aria-valuetext="0.02">',
    );
    const stepped = widgetHtml({
      type: "slider",
      key: "slider:k",
      label: "k",
      min: 0,
      max: 10,
      step: 1,
      value: 3,
      log: false,
    });
    expect(stepped).toContain('<input type="range" min="0" max="10" step="1" value="3" aria-valuetext="3">');
  });
});
