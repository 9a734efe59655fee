/**
 * The reader's edits, saved in localStorage so they survive reload and navigation.
 *
 * One entry per lesson page (`moments:edits:v1:<path>`), holding per cell the edited code and a hash of the author's
 * source it was edited from — so when the author later changes the cell, the page can say so and offer both
 * versions instead of silently showing stale code or dropping the reader's work.
 *
 * Storage can be missing (blocked cookies), full, or fail at any write: then editing still works, `onFailure` is
 * called once so the page can say that edits will not persist, and nothing throws.
 */

export interface SavedEdit {
  code: string;
  /** hashSource() of the author's code when the reader edited it. */
  originalHash: string;
  savedAt: number;
  /** The cell was stopped (Stop, time limit, crash) the last time it ran. */
  stopped?: boolean;
}

export const EDITS_PREFIX = "moments:edits:v1:";

/** The storage key of a lesson page's edits (the loader checks it to restore edits at once). */
export function editsKey(pathname: string): string {
  return EDITS_PREFIX + pathname.replace(/index\.html$/, "").replace(/\/?$/, "/");
}

export class EditStore {
  private readonly key: string;
  private readonly storage: Storage | undefined;
  private edits: Record<string, SavedEdit>;
  private failed = false;
  /** Called once, the first time a save fails. */
  onFailure: ((reason: string) => void) | undefined;

  constructor(pathname: string, storage: () => Storage | undefined = defaultStorage) {
    this.key = editsKey(pathname);
    this.storage = safely(storage);
    this.edits = this.read();
  }

  get available(): boolean {
    return this.storage !== undefined && !this.failed;
  }

  get(cellId: string): SavedEdit | undefined {
    return this.edits[cellId];
  }

  get cellIds(): string[] {
    return Object.keys(this.edits);
  }

  /** Save (or, with `undefined`, forget) a cell's edit. Returns whether it reached storage. */
  set(cellId: string, edit: SavedEdit | undefined): boolean {
    if (edit) this.edits[cellId] = edit;
    else delete this.edits[cellId];
    return this.write();
  }

  clear(): boolean {
    this.edits = {};
    return this.write();
  }

  private read(): Record<string, SavedEdit> {
    try {
      const text = this.storage?.getItem(this.key);
      const parsed = text ? JSON.parse(text) : {};
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {}; // unreadable or corrupt: start afresh rather than break the page
    }
  }

  private write(): boolean {
    if (!this.storage) return this.fail("this browser does not allow the site to store data");
    try {
      if (Object.keys(this.edits).length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(this.edits));
      return true;
    } catch (error) {
      const full = (error as DOMException)?.name === "QuotaExceededError";
      return this.fail(full ? "the browser's storage for this site is full" : "the browser refused to store data");
    }
  }

  private fail(reason: string): false {
    if (!this.failed) {
      this.failed = true;
      this.onFailure?.(reason);
    }
    return false;
  }
}

function defaultStorage(): Storage | undefined {
  return globalThis.localStorage;
}

function safely(get: () => Storage | undefined): Storage | undefined {
  try {
    return get(); // reading window.localStorage itself throws when storage is blocked
  } catch {
    return undefined;
  }
}
