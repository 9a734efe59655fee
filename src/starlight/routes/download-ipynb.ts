/** `/<page>.ipynb`: a page with cells as a Jupyter notebook for Deno's kernel (src/export/notebook.ts). */
import type { APIRoute } from "astro";
import type { LessonSource } from "../../export/lesson.ts";
import { downloadPaths, downloadResponse } from "./downloads.ts";

export const getStaticPaths = downloadPaths;

export const GET: APIRoute<{ source: LessonSource }> = ({ props }) => downloadResponse(props.source, "ipynb");
