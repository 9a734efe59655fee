/**
 * The reader's edits, saved in localStorage so they survive reload and navigation.
 *
 * One entry per lesson page (`moments:edits:v1:<path>`), holding per cell the edited code and a hash of the author's
 * source it was edited from — so when the author later changes the cell, the page can say so and offer both
 * versions instead of silently showing stale code or dropping the reader's work.
 *
 * Storage can be missing (blocked cookies), full, or fail at any write: then editing still works, `onFailure` is
 * called once so the page can say that edits will not persist, and nothing throws.
 *
 * Several tabs of one lesson share the entry, so no tab writes from a stale copy:
 * - a save reads the entry afresh and changes only its own cell, never another cell's edit;
 * - a save is refused when another tab changed the same cell since this tab last saw it (`onConflict`): the page
 *   shows the other version instead of silently replacing it;
 * - `watch()` follows the other tabs' saves and resets (the `storage` event, and a fresh read when the tab comes
 *   back from the background), calling `onExternalChange` per cell.
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
  /** A save was refused: another tab saved (or reset) this cell since this tab last saw it. */
  onConflict: ((cellId: string, theirs: SavedEdit | undefined) => void) | undefined;
  /** Another tab saved or reset a cell (its edit, or undefined once reset). */
  onExternalChange: ((cellId: string, edit: SavedEdit | undefined) => void) | undefined;

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

  /**
   * Save (or, with `undefined`, forget) a cell's edit. Returns whether it reached storage. Refused, with
   * `onConflict`, if another tab changed this cell since this tab last saw it, unless `force` (the reader chose).
   */
  set(cellId: string, edit: SavedEdit | undefined, { force = false } = {}): boolean {
    const fresh = this.fresh();
    if (!force && !sameEdit(fresh[cellId], this.edits[cellId])) {
      this.edits = fresh;
      this.onConflict?.(cellId, fresh[cellId]);
      return false;
    }
    if (edit) fresh[cellId] = edit;
    else delete fresh[cellId];
    this.edits = fresh;
    return this.write();
  }

  /** Forget every edit of the page (Reset all; the other tabs follow). */
  clear(): boolean {
    this.edits = {};
    return this.write();
  }

  /** Follow the other tabs' saves. */
  watch(target: Pick<Window, "addEventListener"> & { document?: Document } = globalThis as unknown as Window): void {
    target.addEventListener("storage", (event: StorageEvent) => {
      if (event.key === this.key || event.key === null) this.sync();
    });
    // A tab in the background (or in the back/forward cache) may have missed events.
    target.addEventListener("pageshow", () => this.sync());
    target.document?.addEventListener("visibilitychange", () => {
      if (target.document?.visibilityState === "visible") this.sync();
    });
  }

  /** Read the entry afresh and report each cell another tab changed. */
  sync(): void {
    if (this.failed || !this.storage) return;
    const fresh = this.read();
    const changed = [...new Set([...Object.keys(fresh), ...Object.keys(this.edits)])].filter(
      (id) => !sameEdit(fresh[id], this.edits[id]),
    );
    this.edits = fresh;
    for (const id of changed) this.onExternalChange?.(id, fresh[id]);
  }

  /** What storage holds now (what this tab holds, once storage has failed). */
  private fresh(): Record<string, SavedEdit> {
    return this.failed || !this.storage ? { ...this.edits } : this.read();
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

/** Two saved versions of a cell are the same edit (the time it was saved aside). */
export function sameEdit(a: SavedEdit | undefined, b: SavedEdit | undefined): boolean {
  if (!a || !b) return a === b;
  return a.code === b.code && a.originalHash === b.originalHash && Boolean(a.stopped) === Boolean(b.stopped);
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
