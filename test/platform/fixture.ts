/**
 * The platform's fixture site (test/fixtures/platform), as its tests see it: where it was built and the pages they
 * open. Its pages are written for these tests; our course's lessons are not used.
 */
import { startSite } from "../support/notebook-page.ts";
import { PLATFORM_DIST } from "../support/paths.ts";

export { PLATFORM_DIST };

/** The page with every kind of cell (show-values, show-table, live-demo, show-plot, inputs-demo, …, paired-demo). */
export const NOTEBOOK = "lessons/notebook/";
/** Numbered equations, many KaTeX faces, <Value>s and charts (setup, summary, curve, grid). */
export const MATH = "lessons/math/";
/** A page long enough to stream in, with a table of contents. */
export const LONG = "lessons/long/";
/** Words, a TeX symbol and an identifier that appear on no other page. */
export const SEARCH = "lessons/search/";
/** A page without cells. */
export const PROSE = "lessons/prose/";

/** The fixture site served on 127.0.0.1, and a Chromium, for one test file. */
export const startFixture = () => startSite(PLATFORM_DIST);
