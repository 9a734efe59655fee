/** `/<page>.ts`: a page with cells as one TypeScript file that `node <page>.ts` runs (src/export/script.ts). */
import type { APIRoute } from "astro";
import type { CollectionEntry } from "astro:content";
import { downloadPaths, downloadResponse } from "./downloads.ts";

export const getStaticPaths = downloadPaths;

export const GET: APIRoute<{ entry: CollectionEntry<"docs"> }> = ({ props }) => downloadResponse(props.entry, "ts");
