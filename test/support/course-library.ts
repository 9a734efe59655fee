/**
 * What `moments:library` is in the unit tests of the download runtime (vitest.config.ts aliases it here): our whole
 * course library. In a build, src/export/bundle.ts makes it per page, with only the names the page's cells use.
 */
export * from "../../src/optim/index.ts";
export * from "../../src/problems/index.ts";
export * from "../../src/run/index.ts";
export * from "../../src/plot/index.ts";
