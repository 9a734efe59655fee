/** `/lessons/<slug>.ipynb`: the lesson as a Jupyter notebook for Deno's kernel (src/export/notebook.ts). */
import type { APIRoute } from "astro";
import type { LessonSource } from "../../export/lesson.ts";
import { exportPaths, exportResponse } from "./_exports.ts";

export const getStaticPaths = exportPaths;

export const GET: APIRoute<{ source: LessonSource }> = ({ props }) => exportResponse(props.source, "ipynb");
