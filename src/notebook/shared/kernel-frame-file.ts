/** File name of the kernel's page under the site's base path (kernel-frame.ts builds it; sandbox.ts loads it). */
export const KERNEL_FRAME_FILE = "notebook-kernel.html";
