/**
 * Numbers in a lesson's prose that its cells compute: `<Value of="firstStep.uncorrected" digits="3" />`.
 *
 * The build evaluates `of` in the page's scope after every cell has run, and writes the formatted result into the
 * text — so what the prose claims is what the cells computed, and a changed cell cannot leave a stale number behind.
 *
 * Options: `digits` (decimals), `sig` (significant digits), `percent` (×100 with a % sign), `sci` (a × 10ⁿ).
 */
import type { EvaluatedValue } from "../notebook/shared/protocol.ts";

export interface ValueFormat {
  digits?: number;
  sig?: number;
  percent?: boolean;
  sci?: boolean;
}

/** Read and check a <Value> element's attributes; throws with the attribute's name, what is allowed and what was written. */
export function parseValueAttributes(attributes: Record<string, string | null>): {
  expression: string;
  format: ValueFormat;
} {
  const expression = attributes.of;
  if (!expression?.trim())
    throw new Error('<Value> needs of="expression", the expression whose value goes in the text');
  const format: ValueFormat = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (name === "of") continue;
    if (name === "digits" || name === "sig") {
      const count = Number(raw);
      if (!(raw !== null && Number.isInteger(count) && count >= (name === "sig" ? 1 : 0) && count <= 20))
        throw new Error(
          `<Value> ${name} must be an integer in [${name === "sig" ? 1 : 0}, 20]; received ${JSON.stringify(raw)}`,
        );
      format[name] = count;
    } else if (name === "percent" || name === "sci") {
      if (raw !== null && raw !== "true")
        throw new Error(`<Value> ${name} is a flag (write just ${name}); received ${JSON.stringify(raw)}`);
      format[name] = true;
    } else {
      throw new Error(
        `<Value> has no attribute ${JSON.stringify(name)}; the attributes are of, digits, sig, percent, sci`,
      );
    }
  }
  if (format.digits !== undefined && format.sig !== undefined) throw new Error("<Value> takes digits or sig, not both");
  return { expression, format };
}

/** The text for an evaluated value. Throws with the kernel's error when the expression failed. */
export function formatValue(evaluated: EvaluatedValue, format: ValueFormat): string {
  if ("error" in evaluated) throw new Error(evaluated.error);
  const { value } = evaluated;
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return String(value);
  let x = format.percent ? value * 100 : value;
  let text: string;
  if (format.sci) {
    const [mantissa, exponent] = x.toExponential(format.digits ?? Math.max(0, (format.sig ?? 3) - 1)).split("e");
    text = `${mantissa} × ${tenToThe(Number(exponent))}`;
  } else if (format.digits !== undefined) {
    text = x.toFixed(format.digits);
  } else if (format.sig !== undefined) {
    x = Number(x.toPrecision(format.sig));
    text = Math.abs(x) >= 1e21 || (x !== 0 && Math.abs(x) < 1e-6) ? x.toExponential() : String(x);
  } else {
    text = String(x);
  }
  if (text.startsWith("-")) text = `−${text.slice(1)}`; // a real minus sign in prose
  return format.percent ? `${text}%` : text;
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 10 to an integer power with a superscript exponent: `tenToThe(-5)` is "10⁻⁵". */
function tenToThe(exponent: number): string {
  return `10${[...String(exponent)].map((c) => (c === "-" ? "⁻" : SUPERSCRIPT[Number(c)])).join("")}`;
}
