import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare, isShareFragment } from "../../src/notebook/page/share.ts";

describe("share links", () => {
  it("round-trip a cell's code through a compressed URL fragment", async () => {
    const code = "const opt = adam({ lr: 0.1 });\n// ünïcödé and emoji 🚀\n".repeat(20);
    const fragment = await encodeShare("adam-run", code);
    expect(fragment).toMatch(/^cell=adam-run&code=z[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(code.length); // compressed
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(await decodeShare(`#${fragment}`)).toEqual({ cellId: "adam-run", code });
  });

  it("ignores fragments that are not share links or are damaged", async () => {
    expect(isShareFragment("#bias-correction")).toBe(false);
    expect(await decodeShare("#bias-correction")).toBeUndefined();
    expect(await decodeShare("#cell=a&code=zAAAA")).toBeUndefined();
    expect(await decodeShare("#cell=a&code=z<script>")).toBeUndefined();
  });
});
