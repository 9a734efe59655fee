/**
 * The editor's language worker: TypeScript's language service over the page's cells (service.ts), started the
 * first time a reader focuses a cell's editor (src/notebook/page/language.ts). It runs beside the page, not in the
 * kernel's sandbox: it reads the cells' code as text and never runs it. The cells' types come with this bundle
 * (`virtual:moments/types`, made at build by src/notebook/build/declarations.ts).
 */
import { CELL_TYPES } from "virtual:moments/types";
import type { LanguageAnswer, LanguageRequest } from "../shared/cell-types.ts";
import { createCellService } from "./service.ts";

const service = createCellService(CELL_TYPES);

addEventListener("message", (event: MessageEvent<LanguageRequest>) => {
  const message = event.data;
  if (message.type === "cells") return service.setCells(message.cells);
  if (message.type === "update") return service.update(message.id, message.code);
  const answer: LanguageAnswer = { request: message.request };
  try {
    service.update(message.id, message.code);
    if (message.type === "diagnostics") answer.result = service.diagnostics(message.id);
    else if (message.type === "hover") answer.result = service.hover(message.id, message.position);
    else answer.result = service.completions(message.id, message.position);
  } catch (error) {
    answer.error = error instanceof Error ? error.message : String(error);
  }
  postMessage(answer);
});
