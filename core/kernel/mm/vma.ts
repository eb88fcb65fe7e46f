// Virtual memory areas: the kernel's record of what a process may touch. Page tables
// are filled from these on demand (a page fault inside a VMA maps a page; outside
// one it is SIGSEGV), exactly the split Linux keeps between mm_struct and the tables.

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;

export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MAP_GROWSDOWN = 0x100;
export const MAP_FIXED_NOREPLACE = 0x100000;

import type { SharedPages } from './shared-pages.js';

export interface VmaBacking {
  /** Bytes the pages are filled from (a file's contents, an ELF segment). */
  data: Uint8Array;
  /** Offset in `data` of the VMA's first byte. */
  offset: number;
  /** Bytes of `data` visible through the mapping (the rest is zero, like bss). */
  length: number;
  /** Shown in /proc/self/maps. */
  dev: string;
  inode: number;
  /** MAP_SHARED: the object whose frames every mapping shares; `offset` is then the offset in it. */
  shared?: SharedPages;
}

export interface Vma {
  start: number;
  end: number;
  prot: number;
  shared: boolean;
  growsDown: boolean;
  /** '[heap]', '[stack]', '[vdso]', '[vvar]', a path, or '' for anonymous memory. */
  name: string;
  backing: VmaBacking | null;
  /** Pages mapped eagerly by the kernel itself (vdso, vvar) are never demand-filled. */
  special: boolean;
}

export function permString(v: Vma): string {
  return `${v.prot & PROT_READ ? 'r' : '-'}${v.prot & PROT_WRITE ? 'w' : '-'}${v.prot & PROT_EXEC ? 'x' : '-'}${v.shared ? 's' : 'p'}`;
}

/** A sorted, non-overlapping list of VMAs with the operations mmap/munmap/mprotect need. */
export class VmaList {
  readonly areas: Vma[] = [];

  find(addr: number): Vma | undefined {
    // Few VMAs per process: a linear scan is clear and fast enough.
    for (const v of this.areas) if (addr >= v.start && addr < v.end) return v;
    return undefined;
  }

  overlaps(start: number, end: number): boolean {
    return this.areas.some((v) => v.start < end && start < v.end);
  }

  insert(vma: Vma): void {
    const i = this.areas.findIndex((v) => v.start > vma.start);
    if (i === -1) this.areas.push(vma);
    else this.areas.splice(i, 0, vma);
  }

  /** Cut [start, end) out of every VMA, splitting at the edges. Returns the removed pieces. */
  remove(start: number, end: number): Vma[] {
    const removed: Vma[] = [];
    const kept: Vma[] = [];
    for (const v of this.areas) {
      if (v.end <= start || v.start >= end) {
        kept.push(v);
        continue;
      }
      if (v.start < start) kept.push(slice(v, v.start, start));
      removed.push(slice(v, Math.max(v.start, start), Math.min(v.end, end)));
      if (v.end > end) kept.push(slice(v, end, v.end));
    }
    this.areas.length = 0;
    this.areas.push(...kept.sort((a, b) => a.start - b.start));
    return removed;
  }

  /** Change protection on [start, end); ENOMEM semantics are the caller's (every page must be mapped). */
  protect(start: number, end: number, prot: number): void {
    const pieces = this.remove(start, end);
    for (const p of pieces) this.insert({ ...p, prot });
  }

  /** Highest free gap of `size` bytes below `top` and above `floor` (top-down mmap, like Linux). */
  findFreeTopDown(size: number, top: number, floor: number): number | null {
    let candidateEnd = top;
    for (let i = this.areas.length - 1; i >= -1; i--) {
      const below = i >= 0 ? this.areas[i]! : null;
      const gapStart = below ? below.end : floor;
      if (below && below.start >= candidateEnd) continue;
      if (candidateEnd - gapStart >= size && candidateEnd - size >= floor) return candidateEnd - size;
      if (!below) break;
      candidateEnd = Math.min(candidateEnd, below.start);
    }
    return null;
  }

  clone(): VmaList {
    const copy = new VmaList();
    for (const v of this.areas) copy.areas.push({ ...v });
    return copy;
  }
}

function slice(v: Vma, start: number, end: number): Vma {
  const backing = v.backing ? { ...v.backing, offset: v.backing.offset + (start - v.start), length: Math.max(0, v.backing.length - (start - v.start)) } : null;
  return { ...v, start, end, backing };
}
