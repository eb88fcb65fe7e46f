// Emulated physical memory: one resizable ArrayBuffer carved into 4 KiB frames.
// Every page table, kernel structure and user page lives here, so a student can
// inspect them as bytes. Frames are handed out lazily so a small guest stays small.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

export class OutOfPhysicalMemory extends Error {
  constructor(readonly limitBytes: number) {
    super(`guest physical memory exhausted (limit ${limitBytes / (1024 * 1024)} MiB)`);
  }
}

// Resizable ArrayBuffers are ES2024 (Node ≥ 20 has them); core compiles against ES2022,
// so the two members we use are declared here.
type ResizableBuffer = ArrayBuffer & { resize(byteLength: number): void };
const ResizableArrayBuffer = ArrayBuffer as unknown as new (byteLength: number, opts: { maxByteLength: number }) => ResizableBuffer;

export class PhysicalMemory {
  private buffer: ResizableBuffer;
  bytes: Uint8Array;
  view: DataView;
  /** Aligned int32 view for hot kernel paths (pt_regs); DataView on a resizable buffer is slow in V8 11. */
  i32: Int32Array;
  private nextFrame = 0;
  private freeList: number[] = [];
  /** Called after the backing store grows so fast paths can drop cached views. */
  onGrow: (() => void) | null = null;

  constructor(readonly maxBytes: number = 256 * 1024 * 1024, initialBytes = 4 * 1024 * 1024) {
    const initial = Math.min(initialBytes, maxBytes);
    this.buffer = new ResizableArrayBuffer(initial, { maxByteLength: maxBytes });
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.i32 = new Int32Array(this.buffer);
  }

  get sizeBytes(): number {
    return this.buffer.byteLength;
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
    if (pa + PAGE_SIZE > this.buffer.byteLength) this.grow(pa + PAGE_SIZE);
    this.nextFrame += PAGE_SIZE;
    return pa;
  }

  freeFrame(pa: number): void {
    this.freeList.push(pa);
  }

  private grow(needed: number): void {
    if (needed > this.maxBytes) throw new OutOfPhysicalMemory(this.maxBytes);
    const target = Math.min(this.maxBytes, Math.max(needed, this.buffer.byteLength * 2));
    this.buffer.resize(target);
    this.i32 = new Int32Array(this.buffer);
    // Views on a resizable buffer created without a length track it automatically,
    // but a DataView/Uint8Array made with an explicit length would not; we never do that.
    this.onGrow?.();
  }
}
