import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // The download runtime's `moments:library` (generated per page in a build): our whole course library.
        resolve: {
          alias: { "moments:library": new URL("./test/support/course-library.ts", import.meta.url).pathname },
        },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/site/**", "test/e2e/**", "test/example/**", "test/platform/**"],
          globalSetup: ["scripts/build-wasm.ts"], // the WebAssembly kernels, when missing or stale
          testTimeout: 30_000,
        },
      },
      {
        // The platform's tests (test/platform): the plugin on its fixture site (test/fixtures/platform), built once
        // (globalSetup), checked as files and in Chromium, one file at a time. They never open our course's pages.
        test: {
          name: "platform",
          include: ["test/platform/**/*.test.ts"],
          globalSetup: ["test/support/build-platform.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Our course's tests of its built site: built once (globalSetup), checked as files and in Chromium, one
        // file at a time.
        test: {
          name: "site",
          include: ["test/site/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["scripts/build-wasm.ts", "test/support/build-site.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // examples/least-squares installed and built as an external site, then checked as files and in Chromium.
        test: {
          name: "example",
          include: ["test/example/**/*.test.ts"],
          globalSetup: ["test/support/build-example.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
