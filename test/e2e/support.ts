/** The browser helpers, for our course's Chromium tests (they live in test/support, shared with test/platform). */
export * from "../support/notebook-page.ts";
