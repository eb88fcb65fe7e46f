// The kernel's view of x86-64 page tables (PagePort), over core/mm/x86-64.

import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import { mapPage, newPml4, protectPage, pteAddress, shareKernelHalf, unmapPage, PTE_P } from '../../mm/x86-64/page-table.js';
import type { X86Cpu } from '../../arch/x86_64/cpu.js';
import type { PagePort, PageProt } from '../mm/page-port.js';

const TWO32 = 4294967296;

export class X86PagePort implements PagePort {
  constructor(
    private readonly mem: PhysicalMemory,
    private readonly cpu: X86Cpu,
    private readonly kernelPml4: number,
  ) {}

  newRoot(): number {
    const root = newPml4(this.mem);
    shareKernelHalf(this.mem, this.kernelPml4, root);
    return root;
  }

  map(root: number, va: number, pa: number, prot: PageProt): void {
    // x86 has no write-only or exec-only pages: any access right implies read.
    mapPage(this.mem, root, va, pa, { writable: prot.write, user: prot.user, noExec: !prot.exec });
  }

  unmap(root: number, va: number): number | null {
    return unmapPage(this.mem, root, va);
  }

  protect(root: number, va: number, prot: PageProt): boolean {
    return protectPage(this.mem, root, va, { writable: prot.write, user: prot.user, noExec: !prot.exec });
  }

  lookup(root: number, va: number): number | null {
    const pte = pteAddress(this.mem, root, va, false);
    if (pte === null) return null;
    const lo = this.mem.view.getUint32(pte, true);
    if ((lo & PTE_P) === 0) return null;
    const hi = this.mem.view.getUint32(pte + 4, true) & 0x000fffff;
    return hi * TWO32 + ((lo & ~0xfff) >>> 0);
  }

  invalidate(va: number): void {
    this.cpu.mmu.invlpg(va);
  }

  freeRoot(root: number): void {
    // Free the user half's table pages (PML4 entries 0..255), then the PML4 itself.
    const view = this.mem.view;
    const freeLevel = (table: number, level: number, entries: number): void => {
      for (let i = 0; i < entries; i++) {
        const lo = view.getUint32(table + i * 8, true);
        if ((lo & PTE_P) === 0) continue;
        const next = (view.getUint32(table + i * 8 + 4, true) & 0x000fffff) * TWO32 + ((lo & ~0xfff) >>> 0);
        if (level > 1) freeLevel(next, level - 1, 512);
        this.mem.freeFrame(next);
      }
    };
    freeLevel(root, 3, 256);
    this.mem.bytes.fill(0, root, root + PAGE_SIZE);
    this.mem.freeFrame(root);
  }
}
