/**
 * A first-fit allocator of byte ranges — the bookkeeping behind `fastFloat32Array`'s blocks of wasm memory. Blocks
 * are multiples of `alignment` bytes from `start` upward; freed blocks merge with free neighbours, and a free block
 * at the top gives its range back. Pure bookkeeping: the memory itself is the caller's, grown through `reserve`.
 *
 * ```ts
 * const blocks = new Blocks(65536, 64, (end) => true);
 * const a = blocks.allocate(100);    // 65536 (a block of 128 bytes)
 * blocks.release(a);                 // free again; the next allocation of ≤ 128 bytes reuses it
 * ```
 */
export class Blocks {
  /** Block sizes by offset, for blocks in use. */
  private readonly sizes = new Map<number, number>();
  /** Free blocks below `top`, sorted by offset, never adjacent. */
  private readonly free: { offset: number; bytes: number }[] = [];
  private top: number;
  private readonly alignment: number;
  private readonly reserve: (end: number) => boolean;

  /**
   * @param start the first offset handed out
   * @param alignment every block's size and offset are multiples of it (start included)
   * @param reserve called when a block would end past everything handed out so far, with that end; returns whether
   *   the memory now reaches it (false: the allocation fails)
   */
  constructor(start: number, alignment: number, reserve: (end: number) => boolean) {
    this.top = start;
    this.alignment = alignment;
    this.reserve = reserve;
  }

  /** The offset of a new block of at least `bytes` bytes, or -1 when the memory cannot grow to hold it. */
  allocate(bytes: number): number {
    const size = Math.max(this.alignment, Math.ceil(bytes / this.alignment) * this.alignment);
    let offset: number;
    const index = this.free.findIndex((block) => block.bytes >= size);
    if (index >= 0) {
      const block = this.free[index]!;
      offset = block.offset;
      if (block.bytes === size) this.free.splice(index, 1);
      else Object.assign(block, { offset: block.offset + size, bytes: block.bytes - size });
    } else {
      if (!this.reserve(this.top + size)) return -1;
      offset = this.top;
      this.top += size;
    }
    this.sizes.set(offset, size);
    return offset;
  }

  /** Give a block back (an offset not in use is ignored). */
  release(offset: number): void {
    const bytes = this.sizes.get(offset);
    if (bytes === undefined) return;
    this.sizes.delete(offset);
    let index = this.free.findIndex((block) => block.offset > offset);
    if (index < 0) index = this.free.length;
    this.free.splice(index, 0, { offset, bytes });
    const next = this.free[index + 1];
    if (next && offset + bytes === next.offset) {
      this.free[index]!.bytes += next.bytes;
      this.free.splice(index + 1, 1);
    }
    const previous = this.free[index - 1];
    if (previous && previous.offset + previous.bytes === offset) {
      previous.bytes += this.free[index]!.bytes;
      this.free.splice(index, 1);
    }
    const last = this.free.at(-1);
    if (last && last.offset + last.bytes === this.top) {
      this.top = last.offset;
      this.free.pop();
    }
  }

  /** Bytes in blocks in use; the end of the highest block ever needed now (`top`); the free blocks below it. */
  get usage(): { used: number; top: number; free: number } {
    let used = 0;
    for (const bytes of this.sizes.values()) used += bytes;
    return { used, top: this.top, free: this.free.length };
  }
}
