/**
 * A chart as a standalone SVG file: what an exported lesson writes next to itself, and what a notebook shows as
 * `image/svg+xml` (Jupyter renders that as an image, which it never sanitizes away).
 *
 * Plot returns either an `<svg>` or, when the chart has a title, a caption or a legend of swatches, a `<figure>` that
 * mixes HTML with SVG. A figure is laid out again as one SVG: its titles and caption become text, its swatch legend
 * becomes the swatches' own little SVGs with their labels beside them, and its charts are stacked below each other.
 * Every chart gets the SVG namespace and a white background (a viewer's dark theme would otherwise hide the axes).
 */
import { escapeXml, markupText, topElements, type MarkupElement } from "./markup.ts";

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
/** Width when no chart in a figure says its own. */
const DEFAULT_WIDTH = 640;
/** Plot's legend text is 10px system-ui; a character is about 0.6 em wide. */
const SWATCH_FONT = 10;
const CHARACTER_WIDTH = 0.6 * SWATCH_FONT;
const SWATCH_ROW = 24;

export interface StandaloneSvg {
  svg: string;
  /** The chart's accessible label (its `aria-label`, else its title), for a plain-text stand-in. */
  label: string;
}

/** The SVG file for a chart's markup (`<svg>` or `<figure>`); undefined when the markup holds no chart. */
export function standaloneSvg(markup: string): StandaloneSvg | undefined {
  const root = topElements(markup.trim())[0];
  if (!root) return undefined;
  if (root.tag === "svg") return { svg: rootSvg(root), label: root.attributes["aria-label"] ?? "" };
  if (root.tag !== "figure") return undefined;
  return figureSvg(root);
}

/** A chart's own `<svg>`, made a document: the namespace and a white background. */
function rootSvg(svg: MarkupElement): string {
  const open = svg.outer.slice(0, svg.outer.length - svg.inner.length - "</svg>".length);
  const namespaced = svg.attributes.xmlns ? open : open.replace(/^<svg\b/, `<svg xmlns="${SVG_NAMESPACE}"`);
  return `${namespaced}${background()}${svg.inner}</svg>`;
}

interface Band {
  height: number;
  markup: string;
}

function figureSvg(figure: MarkupElement): StandaloneSvg {
  const children = topElements(figure.inner);
  const charts = children.filter((child) => child.tag === "svg");
  const width = Math.max(...charts.map((chart) => size(chart).width), charts.length ? 0 : DEFAULT_WIDTH);
  const bands: Band[] = [];
  let title = "";
  for (const child of children) {
    const className = child.attributes.class ?? "";
    if (child.tag === "svg") {
      const { height } = size(child);
      bands.push({ height, markup: child.outer });
    } else if (/\bswatches\b|-swatches\b/.test(className)) {
      bands.push(...swatchBands(child, width));
    } else if (child.tag !== "style") {
      const text = markupText(child.inner).trim();
      if (!text) continue;
      const fontSize = child.tag === "h2" ? 16 : child.tag === "h3" ? 13 : 12;
      const weight = child.tag === "h2" ? ' font-weight="600"' : "";
      if (child.tag === "h2") title ||= text;
      bands.push({
        height: Math.round(fontSize * 1.8),
        markup: `<text x="0" y="${Math.round(fontSize * 1.3)}" font-size="${fontSize}"${weight}>${escapeXml(text)}</text>`,
      });
    }
  }
  const label = charts.map((chart) => chart.attributes["aria-label"]).find(Boolean) ?? title;
  let y = 0;
  const placed = bands.map((band) => {
    const markup = `<g transform="translate(0,${y})">${band.markup}</g>`;
    y += band.height;
    return markup;
  });
  const aria = label ? ` role="img" aria-label="${escapeXml(label)}"` : "";
  const svg =
    `<svg xmlns="${SVG_NAMESPACE}" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"` +
    ` font-family="system-ui, sans-serif" font-size="${SWATCH_FONT}" fill="currentColor"${aria}>` +
    `${background()}${placed.join("")}</svg>`;
  return { svg, label };
}

/** A legend of swatches (each an `<svg>` square and a label), wrapped into rows as wide as the chart. */
function swatchBands(legend: MarkupElement, width: number): Band[] {
  const rows: string[][] = [[]];
  let x = 0;
  for (const swatch of topElements(legend.inner).filter((element) => element.tag === "span")) {
    const icon = topElements(swatch.inner).find((element) => element.tag === "svg");
    const text = markupText(swatch.inner.replace(/<svg\b[\s\S]*?<\/svg>/g, "")).trim();
    const iconSize = icon ? size(icon, 15) : { width: 0, height: 0 };
    const itemWidth = iconSize.width + 6 + text.length * CHARACTER_WIDTH + 16;
    if (x > 0 && x + itemWidth > width) {
      rows.push([]);
      x = 0;
    }
    const iconY = (SWATCH_ROW - iconSize.height) / 2;
    rows
      .at(-1)!
      .push(
        (icon ? `<g transform="translate(${x},${iconY})">${icon.outer}</g>` : "") +
          `<text x="${x + iconSize.width + 6}" y="${SWATCH_ROW / 2}" dy="0.32em">${escapeXml(text)}</text>`,
      );
    x += itemWidth;
  }
  return rows.filter((row) => row.length).map((row) => ({ height: SWATCH_ROW, markup: row.join("") }));
}

/** An `<svg>`'s size from its width and height, else its viewBox. */
function size(svg: MarkupElement, fallback = DEFAULT_WIDTH): { width: number; height: number } {
  const viewBox = (svg.attributes.viewBox ?? "").split(/[\s,]+/).map(Number);
  const width = Number(svg.attributes.width) || viewBox[2] || fallback;
  const height = Number(svg.attributes.height) || viewBox[3] || fallback;
  return { width, height };
}

/**
 * A white background, and the one rule of Plot's stylesheet an image needs (charts reach here without it: the
 * kernel drops Plot's <style>, src/notebook/outputs.ts). In a standalone image it styles that image alone.
 */
function background(): string {
  return '<rect width="100%" height="100%" fill="white"/><style>text, tspan { white-space: pre; }</style>';
}
