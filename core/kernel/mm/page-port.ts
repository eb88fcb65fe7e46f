// What the kernel needs from an architecture's page tables. x86-64 and AArch64 each
// implement it over their own table format; the VMA logic above stays shared.

export interface PageProt {
  read: boolean;
  write: boolean;
  exec: boolean;
  user: boolean;
}

export interface PagePort {
  /** A fresh user address space root (CR3 / TTBR0) sharing the kernel half. */
  newRoot(): number;
  map(root: number, va: number, pa: number, prot: PageProt): void;
  /** Returns the frame that was mapped, or null. */
  unmap(root: number, va: number): number | null;
  protect(root: number, va: number, prot: PageProt): boolean;
  /** Physical frame mapped at `va` (page-aligned), or null; no side effects. */
  lookup(root: number, va: number): number | null;
  /** Tell the CPU a mapping in the live address space changed (invlpg / tlbi). */
  invalidate(va: number): void;
  /** Free the table pages of a root (not the mapped frames). */
  freeRoot(root: number): void;
}
