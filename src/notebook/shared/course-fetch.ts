/**
 * Cells' network: a cell may `fetch` files of the course itself — a data file the instructor ships beside the
 * lessons — and nothing else.
 *
 * The kernel's page may open no connection at all (`connect-src 'none'`, kernel-frame.ts), so the kernel's `fetch`
 * asks the page, which checks the address again (the kernel runs cell code and is trusted for nothing), fetches it
 * without credentials and hands the bytes back. Any other origin, or a method other than GET and HEAD, is refused
 * with an error that says so — in the cell, before anything leaves the kernel.
 */
import type { FetchAnswer } from "./protocol.ts";

/** Why a cell may not fetch `url`, or undefined if it may. `site` is the course's origin and base path. */
export function refusal(url: URL, method: string, site: { origin: string; base: string }): string | undefined {
  if (url.origin !== site.origin)
    return `fetch: a cell may fetch only files of this course (${site.origin}${site.base}); ${url.href} is on another origin`;
  if (!url.pathname.startsWith(site.base))
    return `fetch: a cell may fetch only files of this course (${site.origin}${site.base}); received ${url.href}`;
  if (method !== "GET" && method !== "HEAD")
    return `fetch: a cell may only read files (GET or HEAD); received ${method}`;
  return undefined;
}

/**
 * The kernel's `fetch`: checks the address, then asks the page (`ask`) and builds a Response from its answer.
 * `page` is the URL of the lesson the cells run in; relative URLs resolve against it, as they would in the page.
 */
export function courseFetch(
  page: string,
  base: string,
  ask: (url: string) => Promise<FetchAnswer>,
): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  const site = { origin: new URL(page).origin, base };
  return async (input, init) => {
    const request = typeof input === "object" && "url" in input ? input : undefined;
    const url = new URL(request ? request.url : String(input), page);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const refused = refusal(url, method, site);
    if (refused) throw new TypeError(refused);
    const answer = await ask(url.href);
    if (!answer.ok) throw new TypeError(answer.error);
    const body = method === "HEAD" || answer.status === 204 || answer.status === 304 ? null : answer.body;
    return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}

/** The page's side: fetch a file for the kernel if the address is the course's, without cookies. */
export async function answerFetch(url: unknown, site: { origin: string; base: string }): Promise<FetchAnswer> {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return { ok: false, error: `fetch: not a URL: ${String(url).slice(0, 200)}` };
  }
  const refused = refusal(parsed, "GET", site);
  if (refused) return { ok: false, error: refused };
  try {
    const response = await fetch(parsed, { credentials: "omit", redirect: "error" });
    return {
      ok: true,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body: await response.arrayBuffer(),
    };
  } catch (error) {
    return { ok: false, error: `fetch: ${parsed.href} could not be fetched (${(error as Error).message})` };
  }
}
