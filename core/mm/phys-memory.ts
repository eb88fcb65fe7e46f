// Emulated physical memory: one ArrayBuffer carved into 4 KiB frames.
// Every page table, kernel structure and user page lives here, so a student can
// inspect them as bytes. Frames are handed out lazily so a small guest stays small.
// The buffer is allocated at its maximum size once: the host zero-fills it on demand
// (calloc'd pages cost nothing until touched), and typed arrays over a plain buffer
// are several times faster in V8 than over a resizable one, on every guest memory
// access. Only `sizeBytes`, the part handed out so far, grows.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

export class OutOfPhysicalMemory extends Error {
  constructor(readonly limitBytes: number) {
    super(`guest physical memory exhausted (limit ${limitBytes / (1024 * 1024)} MiB)`);
  }
}

export class PhysicalMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** Aligned int32 view for hot kernel paths (pt_regs). */
  readonly i32: Int32Array;
  private size: number;
  private nextFrame = 0;
  private freeList: number[] = [];
  /** Called after the usable size grows (views never change: the buffer is allocated once). */
  onGrow: (() => void) | null = null;

  constructor(readonly maxBytes: number = 256 * 1024 * 1024, initialBytes = 4 * 1024 * 1024) {
    const buffer = new ArrayBuffer(maxBytes);
    this.size = Math.min(initialBytes, maxBytes);
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    this.i32 = new Int32Array(buffer, 0, maxBytes >>> 2);
  }

  /** Bytes handed out so far (rounded up as frames are allocated); physical addresses past it are not memory. */
  get sizeBytes(): number {
    return this.size;
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
    if (pa + PAGE_SIZE > this.size) this.grow(pa + PAGE_SIZE);
    this.nextFrame += PAGE_SIZE;
    return pa;
  }

  freeFrame(pa: number): void {
    this.freeList.push(pa);
  }

  private grow(needed: number): void {
    if (needed > this.maxBytes) throw new OutOfPhysicalMemory(this.maxBytes);
    this.size = Math.min(this.maxBytes, Math.max(needed, this.size * 2));
    this.onGrow?.();
  }
}
