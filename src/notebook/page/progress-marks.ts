/**
 * A few hundred bytes of script in every page's <head>: each link to a page with exercises, in the sidebar and in
 * a course outline, shows the reader's progress there — `data-progress="complete"` once every exercise of that page
 * has passed, `"partial"` before that, and a badge "2/3". The exercises of every page come from the JSON block the
 * build puts in each page (`#moments-exercises`, src/starlight/progress.ts); the passes from this browser's progress
 * (progress.ts, key `moments:progress:v1`).
 */
export const PROGRESS_MARKS_SCRIPT = `(() => {
  const mark = () => {
    const data = document.getElementById("moments-exercises");
    if (!data) return;
    let passed = {};
    try { passed = JSON.parse(localStorage.getItem("moments:progress:v1") || "{}").passed || {}; } catch {}
    const { base, pages } = JSON.parse(data.textContent);
    for (const link of document.querySelectorAll(".sidebar-content a[href], .course-outline a[href]")) {
      let path = new URL(link.href, location.href).pathname;
      if (!path.startsWith(base)) continue;
      path = "/" + path.slice(base.length);
      const ids = pages[path.endsWith("/") ? path : path + "/"];
      if (!ids) continue;
      const done = ids.filter((id) => passed[path + "#" + id]).length;
      link.dataset.progress = done === ids.length ? "complete" : "partial";
      let badge = link.querySelector(".progress-badge");
      if (!badge) { badge = document.createElement("span"); badge.className = "progress-badge"; link.append(badge); }
      badge.textContent = done + "/" + ids.length;
      badge.setAttribute("aria-label", done + " of " + ids.length + " exercises passed");
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  addEventListener("storage", (event) => event.key === "moments:progress:v1" && mark());
  addEventListener("moments:progress", mark);
})();`;
