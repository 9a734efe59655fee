/** `/lessons/<slug>.ts`: the lesson as one TypeScript file that `node <slug>.ts` runs (src/export/script.ts). */
import type { APIRoute } from "astro";
import type { LessonSource } from "../../export/lesson.ts";
import { exportPaths, exportResponse } from "./_exports.ts";

export const getStaticPaths = exportPaths;

export const GET: APIRoute<{ source: LessonSource }> = ({ props }) => exportResponse(props.source, "ts");
