// What both architectures' kernels do the same way around their own page tables:
// turn the assembled entry source into kernel text (symbols and a source map at its
// load address), copy it into frames, and hand out kernel stacks from a slot area.

import type { AssembleResult } from '../asm/index.js';
import { PAGE_SIZE, type PhysicalMemory } from '../mm/phys-memory.js';
import type { KernelStack } from './kernel-arch.js';

export interface KernelImage {
  bytes: Uint8Array;
  symbols: Map<string, number>;
  lines: Map<number, number>;
}

/** The entry code must be one position-independent .text section (no fixups), loaded at `base`. */
export function kernelImage(r: AssembleResult, base: number, what: string): KernelImage {
  if (!r.ok) throw new Error(`${what} does not assemble: ${r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  const text = r.image.sections.find((s) => s.name === '.text');
  if (!text || r.image.fixups.length > 0) throw new Error(`${what} must be one position-independent .text section`);
  const symbols = new Map<string, number>();
  // Assembler-local labels (`.L…`, numeric `1:` labels) are not names a reader should see.
  for (const s of r.image.symbols) if (s.section === '.text' && !s.name.startsWith('.L')) symbols.set(s.name, base + Number(s.offset));
  const lines = new Map<number, number>();
  for (const m of r.image.sourceMap) if (m.section === '.text') lines.set(base + m.offset, m.line);
  return { bytes: text.bytes, symbols, lines };
}

/** Copy the text into fresh frames, mapping each page with `map`. */
export function loadKernelText(mem: PhysicalMemory, bytes: Uint8Array, base: number, map: (va: number, frame: number) => void): void {
  for (let off = 0; off < bytes.length; off += PAGE_SIZE) {
    const frame = mem.allocFrame();
    mem.bytes.set(bytes.subarray(off, Math.min(bytes.length, off + PAGE_SIZE)), frame);
    map(base + off, frame);
  }
}

/** Kernel stacks in the vmalloc area: fixed-size slots with an unmapped guard gap between them. */
export class KernelStackArea {
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];

  constructor(
    private readonly mem: PhysicalMemory,
    private readonly layout: { base: number; size: number; stride: number },
    /** Map one stack page (and drop any stale TLB entry). */
    private readonly map: (va: number, frame: number) => void,
    /** Unmap one stack page (and drop its TLB entry). */
    private readonly unmap: (va: number) => void,
  ) {}

  alloc(): KernelStack {
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    const base = this.layout.base + slot * this.layout.stride;
    const frames: number[] = [];
    for (let off = 0; off < this.layout.size; off += PAGE_SIZE) {
      const frame = this.mem.allocFrame();
      frames.push(frame);
      this.map(base + off, frame);
    }
    return { top: base + this.layout.size, frames, slot };
  }

  /** Give a dead task's stack back (only once no CPU context can still be running on it). */
  free(slot: number, frames: number[]): void {
    const base = this.layout.base + slot * this.layout.stride;
    frames.forEach((frame, i) => {
      this.unmap(base + i * PAGE_SIZE);
      this.mem.freeFrame(frame);
    });
    this.freeSlots.push(slot);
  }
}
