// The frames behind MAP_SHARED mappings: one object per mapped file (its page cache)
// or per shared anonymous region. Every mapping of the object, in any process, maps
// the same frames, so a store through one is seen at once by the others; for a file,
// read() and write() stay coherent with the frames (mmap(2) MAP_SHARED: "updates to
// the mapping are visible to other processes mapping the same region, and (in the
// case of file-backed mappings) are carried through to the underlying file").

import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import type { MappedFilePages, RegularFile } from '../vfs/inode.js';

export class SharedPages implements MappedFilePages {
  /** Page index within the object (file offset / 4096) → physical frame. */
  readonly frames = new Map<number, number>();

  constructor(
    private readonly mem: PhysicalMemory,
    /** The file whose page cache this is, or null for MAP_SHARED|MAP_ANONYMOUS. */
    readonly file: RegularFile | null,
    /** Tell the CPU glue a frame's contents changed (decoded instructions there are stale). */
    private readonly onFrameWrite: (frame: number) => void,
  ) {}

  /** The page cache of `file`, created the first time it is mapped shared. */
  static forFile(mem: PhysicalMemory, file: RegularFile, onFrameWrite: (frame: number) => void): SharedPages {
    if (file.mapped instanceof SharedPages) return file.mapped;
    const pages = new SharedPages(mem, file, onFrameWrite);
    file.mapped = pages;
    return pages;
  }

  /** The frame holding page `index`, read in from the file (or zeroed) on first use. */
  frame(index: number): number {
    const known = this.frames.get(index);
    if (known !== undefined) return known;
    const frame = this.mem.allocFrame();
    if (this.file) this.mem.bytes.set(this.file.read(index * PAGE_SIZE, PAGE_SIZE), frame);
    this.frames.set(index, frame);
    this.onFrameWrite(frame);
    return frame;
  }

  writeBack(bytes: Uint8Array, size: number): void {
    for (const [index, frame] of this.frames) {
      const at = index * PAGE_SIZE;
      const n = Math.min(PAGE_SIZE, size - at);
      // Stores beyond end of file stay in the page: the file does not grow (mmap(2)).
      if (n > 0) bytes.set(this.mem.bytes.subarray(frame, frame + n), at);
    }
  }

  refresh(bytes: Uint8Array, size: number, offset: number): void {
    for (const [index, frame] of this.frames) {
      const at = index * PAGE_SIZE;
      if (at + PAGE_SIZE <= offset) continue;
      const n = Math.max(0, Math.min(PAGE_SIZE, size - at));
      this.mem.bytes.set(bytes.subarray(at, at + n), frame);
      this.mem.bytes.fill(0, frame + n, frame + PAGE_SIZE);
      this.onFrameWrite(frame);
    }
  }
}
