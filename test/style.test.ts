/**
 * What `npm run check` holds, held by the test command too: the code type-checks (astro check, which covers the
 * .astro components and is stricter than tsc alone, then tsc), ESLint (eslint.config.mjs) finds nothing, and the code
 * is as Prettier prints it (.prettierrc.json; `npm run format` fixes it). One formatter and one linter, decided once
 * (STYLE.md §9). The messages below say where.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/paths.ts";

/** Runs one of the project's command-line tools on Node 24; its output if it fails, else "". */
function failureOf(tool: string, args: string[]): string {
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", tool), ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return "";
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}`.trim() || String(error);
  }
}

describe("the code's types", () => {
  it("check with astro check and tsc", { timeout: 180_000 }, () => {
    expect(failureOf("astro/bin/astro.mjs", ["check"])).toBe("");
    expect(failureOf("typescript/bin/tsc", ["--noEmit", "-p", "."])).toBe("");
  });
});

describe("the code's style", () => {
  it("is ESLint-clean", async () => {
    const results = await new ESLint({ cwd: ROOT }).lintFiles(["."]);
    const problems = results.flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(ROOT, result.filePath)}:${message.line}:${message.column} ${message.message} (${message.ruleId})`,
      ),
    );
    expect(results.length).toBeGreaterThan(100); // it did read the project
    expect(problems).toEqual([]);
  });

  it("is formatted by Prettier", () => {
    // --list-different exits with 1 and prints each file that differs from Prettier's output.
    const unformatted = failureOf("prettier/bin/prettier.cjs", ["--list-different", "."]);
    expect(unformatted.split("\n").filter(Boolean), "run `npm run format`").toEqual([]);
  });
});
