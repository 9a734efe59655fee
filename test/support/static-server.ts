/**
 * A static file server for browser tests: serves a built site on 127.0.0.1 (a random free port), optionally under a
 * base path, with the content types modules and workers need, gzipping text as any real static host would (so that
 * Lighthouse sees realistic transfer sizes). Records every path requested.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { createGzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".pf_meta": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

export interface StaticServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = "/"): Promise<StaticServer> {
  const directory = path.resolve(root);
  const requests: string[] = [];
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    requests.push(url.pathname);
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404).end("outside base path");
      return;
    }
    let file = path.join(directory, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(directory)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      const notFound = path.join(directory, "404.html");
      response.writeHead(404, { "content-type": TYPES[".html"]! });
      if (existsSync(notFound)) createReadStream(notFound).pipe(response);
      else response.end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const compress =
      /^(text\/|application\/(json|xml)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(request.headers["accept-encoding"]));
    response.writeHead(200, {
      "content-type": type,
      ...(compress ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
    });
    const body = createReadStream(file);
    if (compress) body.pipe(createGzip()).pipe(response);
    else body.pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
