/**
 * A few hundred bytes of script in every page's <head>, for what markup alone cannot do:
 *
 * - Starlight's search button shows "Ctrl K" beside its name "Search": its name becomes what it shows,
 *   "Search Ctrl K", so that the visible label is part of the name (WCAG 2.5.3, label in name); spaces go between
 *   the shown words (invisible in its flex layout) so that they read as words.
 * - A region that scrolls sideways — a wide equation, a long code line, a wide output — must be reachable from the
 *   keyboard (WCAG 2.1.1): each one that actually overflows becomes focusable, on load and on resize.
 */
export const PAGE_SCRIPT = `(() => {
  const fix = () => {
    for (const button of document.querySelectorAll("button[data-open-modal]:not([data-labelled])")) {
      const keys = [...button.querySelectorAll("kbd kbd")];
      if (!keys.length) continue;
      for (const part of [button.querySelector(":scope > span"), ...keys.slice(0, -1)]) part?.after(" ");
      button.setAttribute("aria-label", button.getAttribute("aria-label") + " " + keys.map((key) => key.textContent.trim()).join(" "));
      button.dataset.labelled = "";
    }
    for (const region of document.querySelectorAll(".katex-display, .expressive-code pre, .cell-output, .sl-markdown-content table"))
      if (region.scrollWidth > region.clientWidth + 1 && !region.hasAttribute("tabindex")) region.tabIndex = 0;
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
  else fix();
  let timer;
  addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(fix, 200); });
})();`;
