/** What the language worker knows of the cells' types: generated at build (src/starlight/vite.ts). */
declare module "virtual:moments/types" {
  import type { CellTypes } from "../shared/cell-types.ts";
  export const CELL_TYPES: CellTypes;
}
