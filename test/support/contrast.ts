import type { Page } from "playwright-core";

/**
 * The lowest contrast ratio between a figure's text and what is behind it (the shape under the text — a heatmap's
 * cell — or else the output's background), over every figure on the page.
 */
export async function lowestPlotTextContrast(page: Page): Promise<{ ratio: number; text: string }> {
  let lowest = { ratio: Infinity, text: "" };
  for (const figure of await page.locator(".out-figure svg").all()) {
    await figure.scrollIntoViewIfNeeded();
    const found = await figure.evaluate((svg) => {
      const luminance = (color: string) => {
        const [r, g, b] = color
          .match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number)
          .map((c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const opaque = (color: string) => color.startsWith("rgb") && !/rgba\(.*, 0\)$/.test(color);
      const pageBackground = (element: Element) => {
        for (let e: Element | null = element; e; e = e.parentElement) {
          const color = getComputedStyle(e).backgroundColor;
          if (opaque(color)) return color;
        }
        return "rgb(255, 255, 255)";
      };
      const behind = (text: Element) => {
        const box = text.getBoundingClientRect();
        const stack = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        for (const element of stack.slice(stack.indexOf(text) + 1)) {
          if (!(element instanceof SVGGeometryElement) || element instanceof SVGTextContentElement) continue;
          const style = getComputedStyle(element);
          if (opaque(style.fill) && Number(style.fillOpacity) > 0.5 && Number(style.opacity) > 0.5) return style.fill;
        }
        return pageBackground(svg);
      };
      let worst = { ratio: Infinity, text: "" };
      for (const text of svg.querySelectorAll("text")) {
        const fill = getComputedStyle(text).fill;
        if (!opaque(fill) || !text.textContent?.trim() || text.getBoundingClientRect().width === 0) continue;
        const [a, b] = [luminance(fill), luminance(behind(text))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < worst.ratio) worst = { ratio, text: text.textContent };
      }
      return worst;
    });
    if (found.ratio < lowest.ratio) lowest = found;
  }
  return lowest;
}
