import { describe, expect, it } from "vitest";
import { EditStore, editsKey } from "../../src/notebook/edits.ts";

class MemoryStorage {
  items = new Map<string, string>();
  quota = Infinity;
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => {
    if (value.length > this.quota) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
    this.items.set(key, value);
  };
  removeItem = (key: string) => void this.items.delete(key);
}

const edit = (code: string) => ({ code, originalHash: "h", savedAt: 1 });

describe("EditStore", () => {
  it("keys edits by lesson page and keeps them per cell", () => {
    expect(editsKey("/lessons/adam/")).toBe("moments:edits:v1:/lessons/adam/");
    expect(editsKey("/lessons/adam/index.html")).toBe("moments:edits:v1:/lessons/adam/");
    const storage = new MemoryStorage();
    const store = new EditStore("/lessons/adam/", () => storage as unknown as Storage);
    expect(store.set("cell-1", edit("a"))).toBe(true);
    expect(new EditStore("/lessons/adam/", () => storage as unknown as Storage).get("cell-1")).toEqual(edit("a"));
    expect(new EditStore("/lessons/sgd/", () => storage as unknown as Storage).get("cell-1")).toBeUndefined();
    store.set("cell-1", undefined);
    expect(storage.items.size).toBe(0);
  });

  it("reports a full storage once and keeps working in memory", () => {
    const storage = new MemoryStorage();
    storage.quota = 10;
    const reasons: string[] = [];
    const store = new EditStore("/p/", () => storage as unknown as Storage);
    store.onFailure = (reason) => reasons.push(reason);
    expect(store.set("a", edit("a long edit that does not fit"))).toBe(false);
    expect(store.set("b", edit("another"))).toBe(false);
    expect(reasons).toEqual(["the browser's storage for this site is full"]);
    expect(store.get("a")?.code).toBe("a long edit that does not fit");
    expect(store.available).toBe(false);
  });

  it("survives blocked or corrupt storage", () => {
    const blocked = new EditStore("/p/", () => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(blocked.set("a", edit("x"))).toBe(false);
    const storage = new MemoryStorage();
    storage.items.set(editsKey("/p/"), "{not json");
    expect(new EditStore("/p/", () => storage as unknown as Storage).cellIds).toEqual([]);
  });
});
