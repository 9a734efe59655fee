/**
 * Share links: a cell's code, compressed, in the URL fragment (`#cell=adam-run&code=z…`). The fragment never
 * reaches the server. Opening such a link puts the code in that cell and highlights it; it never runs by itself.
 */

/** Build the fragment (without `#`) for a cell's code. */
export async function encodeShare(cellId: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(code);
  const packed =
    typeof CompressionStream === "function"
      ? "z" + toBase64Url(await transform(bytes, new CompressionStream("deflate-raw")))
      : "p" + toBase64Url(bytes);
  return `cell=${encodeURIComponent(cellId)}&code=${packed}`;
}

/** Read a fragment made by encodeShare; undefined when the fragment is not a share link or is damaged. */
export async function decodeShare(fragment: string): Promise<{ cellId: string; code: string } | undefined> {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const cellId = params.get("cell");
  const packed = params.get("code");
  if (!cellId || !packed || !/^[zp][A-Za-z0-9_-]*$/.test(packed)) return undefined;
  try {
    const bytes = fromBase64Url(packed.slice(1));
    const raw = packed[0] === "z" ? await transform(bytes, new DecompressionStream("deflate-raw")) : bytes;
    return { cellId, code: new TextDecoder("utf-8", { fatal: true }).decode(raw) };
  } catch {
    return undefined;
  }
}

/** Whether a fragment looks like a share link (cheap check, for the loader). */
export function isShareFragment(fragment: string): boolean {
  return /(^|[#&])code=[zp]/.test(fragment);
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
