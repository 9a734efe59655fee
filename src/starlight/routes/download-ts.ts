/** `/<page>.ts`: a page with cells as one TypeScript file that `node <page>.ts` runs (src/export/script.ts). */
import type { APIRoute } from "astro";
import type { LessonSource } from "../../export/lesson.ts";
import { downloadPaths, downloadResponse } from "./downloads.ts";

export const getStaticPaths = downloadPaths;

export const GET: APIRoute<{ source: LessonSource }> = ({ props }) => downloadResponse(props.source, "ts");
