/**
 * One formatter and one linter, decided once (STYLE.md §9): the code is as Prettier prints it (.prettierrc.json) and
 * ESLint (eslint.config.mjs) finds nothing. `npm run format` fixes the first; the messages below say where.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/paths.ts";

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
    const prettier = path.join(ROOT, "node_modules", "prettier", "bin", "prettier.cjs");
    let unformatted: string[] = [];
    try {
      execFileSync(process.execPath, [prettier, "--list-different", "."], { cwd: ROOT, encoding: "utf8" });
    } catch (error) {
      // --list-different exits with 1 and prints each file that differs from Prettier's output.
      unformatted = String((error as { stdout?: string }).stdout ?? error)
        .trim()
        .split("\n");
    }
    expect(unformatted, "run `npm run format`").toEqual([]);
  });
});
