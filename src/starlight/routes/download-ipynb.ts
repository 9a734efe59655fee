/** `/<page>.ipynb`: a page with cells as a Jupyter notebook for Deno's kernel (src/export/notebook.ts). */
import type { APIRoute } from "astro";
import type { CollectionEntry } from "astro:content";
import { downloadPaths, downloadResponse } from "./downloads.ts";

export const getStaticPaths = downloadPaths;

export const GET: APIRoute<{ entry: CollectionEntry<"docs"> }> = ({ props }) => downloadResponse(props.entry, "ipynb");
