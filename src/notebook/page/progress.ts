/**
 * The reader's progress: the exercises they have passed, kept in this browser like their edits (localStorage, which
 * the kernel's sandbox cannot reach: cell code never reads it). The format, which an exported file holds too and an
 * instructor can read:
 *
 *     {
 *       "format": "moments-progress",
 *       "version": 1,
 *       "passed": { "/lessons/adam/#adam-step": "2026-12-02T14:03:00.000Z", … }
 *     }
 *
 * A key is the page's path under the site's base path, `#`, and the exercise's id; a value is when it first passed.
 */
export const PROGRESS_KEY = "moments:progress:v1";

export interface Progress {
  format: "moments-progress";
  version: 1;
  /** When each exercise first passed, by "<page path>#<exercise id>". */
  passed: Record<string, string>;
}

export function emptyProgress(): Progress {
  return { format: "moments-progress", version: 1, passed: {} };
}

/** The progress saved in this browser (none if storage is unavailable or holds something else). */
export function readProgress(storage: Storage | undefined = globalThis.localStorage): Progress {
  try {
    const text = storage?.getItem(PROGRESS_KEY);
    return text ? parseProgress(text) : emptyProgress();
  } catch {
    return emptyProgress();
  }
}

/**
 * Record that an exercise passed (read-modify-write, so two tabs never lose each other's progress). Returns an error
 * message if the browser would not keep it (storage full or off), else undefined.
 */
export function markPassed(
  key: string,
  when: Date = new Date(),
  storage: Storage | undefined = globalThis.localStorage,
): string | undefined {
  const progress = readProgress(storage);
  if (progress.passed[key]) return undefined;
  progress.passed[key] = when.toISOString();
  return write(progress, storage);
}

/** Add a file's progress to this browser's (the earliest pass of each exercise is kept). */
export function importProgress(text: string, storage: Storage | undefined = globalThis.localStorage): number {
  const incoming = parseProgress(text);
  const progress = readProgress(storage);
  let added = 0;
  for (const [key, when] of Object.entries(incoming.passed)) {
    if (!progress.passed[key]) added++;
    if (!progress.passed[key] || when < progress.passed[key]) progress.passed[key] = when;
  }
  const failure = write(progress, storage);
  if (failure) throw new Error(failure);
  return added;
}

/** Parse a progress file, or throw saying what is wrong with it. */
export function parseProgress(text: string): Progress {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("progress file: not JSON; expected a file exported from the “Your progress” page");
  }
  const file = data as Partial<Progress> | null;
  if (!file || typeof file !== "object" || file.format !== "moments-progress")
    throw new Error('progress file: "format" must be "moments-progress"');
  if (file.version !== 1) throw new Error(`progress file: version must be 1; received ${JSON.stringify(file.version)}`);
  const passed: Record<string, string> = {};
  for (const [key, when] of Object.entries(file.passed ?? {})) {
    if (!/^\/[^#]*#[\w-]+$/.test(key))
      throw new Error(`progress file: ${JSON.stringify(key)} is not "<page path>#<exercise id>"`);
    if (typeof when !== "string" || Number.isNaN(Date.parse(when)))
      throw new Error(`progress file: the time for ${key} must be an ISO date; received ${JSON.stringify(when)}`);
    passed[key] = when;
  }
  return { format: "moments-progress", version: 1, passed };
}

/** A page's path under the site's base ("/course/lessons/adam/" under "/course/" → "/lessons/adam/"). */
export function pageKey(pathname: string, base: string): string {
  const root = base.endsWith("/") ? base : `${base}/`;
  const path = pathname.startsWith(root) ? `/${pathname.slice(root.length)}` : pathname;
  return path.endsWith("/") ? path : `${path}/`;
}

function write(progress: Progress, storage: Storage | undefined): string | undefined {
  try {
    if (!storage) return "this browser keeps no local storage";
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return undefined;
  } catch (error) {
    return (error as Error).name === "QuotaExceededError"
      ? "the browser's storage for this site is full"
      : `the browser refused to keep it (${(error as Error).message})`;
  }
}
