/**
 * The notebook's own names, which every cell sees beside its course's library: the kernel's functions and the
 * drawing kit. A course library may not export any of them (src/starlight/library.ts says so at build).
 */
export const KERNEL_NAMES = ["display", "progress", "slider", "numberInput", "select", "expect", "check"] as const;

/** Observable Plot (drawing into a DOM of the kernel's own) and that DOM: loaded the first time a cell draws. */
export const DRAWING_KIT_NAMES = ["Plot", "document"] as const;

export const NOTEBOOK_NAMES = [...KERNEL_NAMES, ...DRAWING_KIT_NAMES] as const;
