/** The kernel's own functions, which every cell sees beside the library (src/notebook/kernel.ts defines them). */
export const KERNEL_NAMES = ["display", "progress", "slider", "numberInput", "select", "expect", "check"] as const;
