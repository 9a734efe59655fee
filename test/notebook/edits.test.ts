import { describe, expect, it } from "vitest";
import { EditStore, editsKey } from "../../src/notebook/page/edits.ts";

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

describe("EditStore in two tabs of one lesson", () => {
  const twoTabs = () => {
    const storage = new MemoryStorage();
    const open = () => new EditStore("/p/", () => storage as unknown as Storage);
    return { storage, a: open(), b: open() };
  };

  it("never drops another tab's edit of another cell", () => {
    const { a, b } = twoTabs();
    a.set("cell-1", edit("from A"));
    b.set("cell-2", edit("from B")); // B opened before A saved: its copy has no cell-1
    expect(a.get("cell-1")?.code).toBe("from A");
    b.sync();
    expect(b.get("cell-1")?.code).toBe("from A");
    expect(b.get("cell-2")?.code).toBe("from B");
  });

  it("refuses a stale tab's save over a newer edit of the same cell, and says whose it is", () => {
    const { a, b } = twoTabs();
    const conflicts: [string, string | undefined][] = [];
    a.onConflict = (id, theirs) => conflicts.push([id, theirs?.code]);
    a.set("cell-1", edit("first"));
    b.sync();
    b.set("cell-1", edit("B's newer edit"));
    expect(a.set("cell-1", edit("A's keystroke from a stale copy"))).toBe(false);
    expect(conflicts).toEqual([["cell-1", "B's newer edit"]]);
    expect(b.get("cell-1")?.code).toBe("B's newer edit");
    // The reader chose A's version: now it is saved.
    expect(a.set("cell-1", edit("A's keystroke from a stale copy"), { force: true })).toBe(true);
    b.sync();
    expect(b.get("cell-1")?.code).toBe("A's keystroke from a stale copy");
  });

  it("tells a tab which cells another tab saved or reset", () => {
    const { a, b } = twoTabs();
    const changes: [string, string | undefined][] = [];
    b.onExternalChange = (id, saved) => changes.push([id, saved?.code]);
    a.set("cell-1", edit("one"));
    a.set("cell-2", edit("two"));
    b.sync();
    a.set("cell-1", undefined); // Reset in A
    b.sync();
    a.clear(); // Reset all in A
    b.sync();
    b.sync(); // nothing new: nothing reported
    expect(changes).toEqual([
      ["cell-1", "one"],
      ["cell-2", "two"],
      ["cell-1", undefined],
      ["cell-2", undefined],
    ]);
  });

  it("follows the storage event of its own page only", () => {
    const { a, b } = twoTabs();
    const listeners: ((event: StorageEvent) => void)[] = [];
    const target = {
      addEventListener: (type: string, fn: (event: StorageEvent) => void) => type === "storage" && listeners.push(fn),
    };
    const seen: string[] = [];
    b.onExternalChange = (id) => seen.push(id);
    b.watch(target as unknown as Window);
    a.set("cell-1", edit("x"));
    for (const listener of listeners) listener({ key: "moments:edits:v1:/other/" } as StorageEvent);
    expect(seen).toEqual([]);
    for (const listener of listeners) listener({ key: editsKey("/p/") } as StorageEvent);
    expect(seen).toEqual(["cell-1"]);
  });
});
