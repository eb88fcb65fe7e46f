// Emulated physical memory: one ArrayBuffer carved into 4 KiB frames.
// Every page table, kernel structure and user page lives here, so a student can
// inspect them as bytes. Frames are handed out lazily so a small guest stays small.
// The buffer is a plain (fixed-length) one, replaced by a copy twice its size when it
// fills up: typed arrays over a resizable ArrayBuffer are several times slower in V8 11
// on every guest memory access, and allocating the maximum up front costs tens of
// milliseconds per machine. So `bytes`, `view` and `i32` change on growth: read them
// from here at each use (never keep one across a frame allocation), or register with
// onGrowth like the MMUs' cached views.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

export class OutOfPhysicalMemory extends Error {
  constructor(readonly limitBytes: number) {
    super(`guest physical memory exhausted (limit ${limitBytes / (1024 * 1024)} MiB)`);
  }
}

export class PhysicalMemory {
  bytes: Uint8Array;
  view: DataView;
  /** Aligned int32 view for hot kernel paths (pt_regs). */
  i32: Int32Array;
  private nextFrame = 0;
  private freeList: number[] = [];
  private readonly growthListeners: (() => void)[] = [];

  constructor(readonly maxBytes: number = 256 * 1024 * 1024, initialBytes = 4 * 1024 * 1024) {
    this.bytes = new Uint8Array(0);
    this.view = new DataView(this.bytes.buffer);
    this.i32 = new Int32Array(0);
    this.setBuffer(new ArrayBuffer(Math.min(initialBytes, maxBytes)));
  }

  /** Size of the backing store; physical addresses past it are not memory. */
  get sizeBytes(): number {
    return this.bytes.length;
  }

  /** Call `listener` after each growth (the buffer and its views have been replaced). */
  onGrowth(listener: () => void): void {
    this.growthListeners.push(listener);
  }

  get framesInUse(): number {
    return this.nextFrame / PAGE_SIZE - this.freeList.length;
  }

  /** Returns the physical address of a zeroed frame. Throws OutOfPhysicalMemory at the limit. */
  allocFrame(): number {
    const reused = this.freeList.pop();
    if (reused !== undefined) {
      this.bytes.fill(0, reused, reused + PAGE_SIZE);
      return reused;
    }
    const pa = this.nextFrame;
    if (pa + PAGE_SIZE > this.bytes.length) this.grow(pa + PAGE_SIZE);
    this.nextFrame += PAGE_SIZE;
    return pa;
  }

  freeFrame(pa: number): void {
    this.freeList.push(pa);
  }

  private setBuffer(buffer: ArrayBuffer): void {
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.i32 = new Int32Array(buffer, 0, buffer.byteLength >>> 2);
  }

  private grow(needed: number): void {
    if (needed > this.maxBytes) throw new OutOfPhysicalMemory(this.maxBytes);
    const target = Math.min(this.maxBytes, Math.max(needed, this.bytes.length * 2));
    const next = new ArrayBuffer(target);
    new Uint8Array(next).set(this.bytes);
    this.setBuffer(next);
    for (const listener of this.growthListeners) listener();
  }
}
