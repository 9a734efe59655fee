// One linter configuration for the whole project (STYLE.md §9); formatting is Prettier's (.prettierrc.json).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  // Build output, dependencies, and the AssemblyScript kernels (TypeScript syntax with decorators ESLint can't parse).
  {
    ignores: [
      "dist/",
      "node_modules/",
      ".astro/",
      "src/optim/wasm/",
      "src/problems/wasm/",
      "examples/*/node_modules/",
      "examples/*/.astro/",
      "examples/*/dist/",
      "test/fixtures/*/.astro/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter a signature needs but the body doesn't use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Node scripts and configuration written as plain JavaScript.
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // Tests drive every optimizer through one table: their state types differ, so the table holds Optimizer<any>.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
