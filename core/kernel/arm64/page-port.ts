// The kernel's view of AArch64 translation tables (PagePort), over core/mm/arm64.
// A process owns a TTBR0 table (the user half); the kernel half is one TTBR1 table
// shared by every process, so it never needs copying.

import type { Arm64Cpu } from '../../arch/arm64/cpu.js';
import { freeTables, lookupPage, mapPage, newTable, protectPage, unmapPage, type PageFlags } from '../../mm/arm64/page-table.js';
import type { PhysicalMemory } from '../../mm/phys-memory.js';
import type { PagePort, PageProt } from '../mm/page-port.js';

/**
 * PROT_* to descriptor bits. User pages are never executable at EL1 (PXN), and user
 * executable pages are readable, as Linux maps PROT_EXEC alone on arm64 without BTI/XOM.
 */
export function flagsFor(prot: PageProt): PageFlags {
  if (!prot.user) return { el1Write: prot.write, uxn: true, pxn: !prot.exec };
  return { el0Read: prot.read || prot.write || prot.exec, el0Write: prot.write, uxn: !prot.exec, pxn: true };
}

export class Arm64PagePort implements PagePort {
  constructor(
    private readonly mem: PhysicalMemory,
    private readonly cpu: Arm64Cpu,
  ) {}

  newRoot(): number {
    return newTable(this.mem);
  }

  map(root: number, va: number, pa: number, prot: PageProt): void {
    mapPage(this.mem, root, va, pa, flagsFor(prot));
  }

  unmap(root: number, va: number): number | null {
    if (va < 0) return null;
    const pa = unmapPage(this.mem, root, va);
    return pa < 0 ? null : pa;
  }

  protect(root: number, va: number, prot: PageProt): boolean {
    return va >= 0 && protectPage(this.mem, root, va, flagsFor(prot));
  }

  lookup(root: number, va: number): number | null {
    if (va < 0 || va >= 2 ** 48) return null;
    const pa = lookupPage(this.mem, root, va);
    return pa < 0 ? null : pa;
  }

  invalidate(va: number): void {
    this.cpu.flushTlbPage(va); // TLBI VAE1
  }

  freeRoot(root: number): void {
    freeTables(this.mem, root);
  }
}
