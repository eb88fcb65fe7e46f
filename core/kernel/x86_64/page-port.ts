// The kernel's view of x86-64 page tables (PagePort), over core/mm/x86-64.

import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import { mapPage, newPml4, protectPage, pteAddress, shareKernelHalf, unmapPage, PTE_P } from '../../mm/x86-64/page-table.js';
import type { X86Cpu } from '../../arch/x86_64/cpu.js';
import type { PagePort, PageProt } from '../mm/page-port.js';

const TWO32 = 4294967296;

export class X86PagePort implements PagePort {
  // The leaf PTE found last: copy_to/from_user on the same page (a read() loop's buffer)
  // then costs one load instead of a four-level walk. Table pages are only freed with
  // their root (freeRoot), so a leaf's address stays valid until then.
  private lastRoot = -1;
  private lastPage = NaN;
  private lastPte = 0;

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
    const page = Math.floor(va / PAGE_SIZE);
    let pte: number;
    if (root === this.lastRoot && page === this.lastPage) pte = this.lastPte;
    else {
      const found = pteAddress(this.mem, root, va, false);
      if (found === null) return null;
      pte = found;
      this.lastRoot = root;
      this.lastPage = page;
      this.lastPte = pte;
    }
    const i32 = this.mem.i32;
    const lo = i32[pte >> 2]!;
    if ((lo & PTE_P) === 0) return null;
    const hi = i32[(pte >> 2) + 1]! & 0x000fffff;
    return hi * TWO32 + ((lo & ~0xfff) >>> 0);
  }

  invalidate(va: number): void {
    this.cpu.mmu.invlpg(va);
  }

  freeRoot(root: number): void {
    this.lastRoot = -1;
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
