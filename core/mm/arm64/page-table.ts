// Kernel-side helpers to build VMSAv8-64 4 KiB-granule tables in emulated physical
// memory. Used by the TypeScript kernel; the CPU only ever reads these tables.
// Changes take effect for the CPU after a TLB flush (tlbi or Arm64Cpu.flushTlb()).
import type { PhysicalMemory } from '../phys-memory.js';
import {
  DESC_AF,
  DESC_AP_EL0,
  DESC_AP_RO,
  DESC_SH_INNER,
  DESC_TABLE_OR_PAGE,
  DESC_VALID,
  HI_PXN,
  HI_UXN,
  outputAddress,
} from './descriptors.js';
import { VA_SPAN } from './walk.js';

export interface PageFlags {
  el0Read?: boolean;
  el0Write?: boolean;
  /**
   * Defaults to true, except for EL0 read-only pages, which are read-only at EL1
   * too: AP[2:1] has no "EL1 read-write, EL0 read-only" encoding (asking for it throws).
   */
  el1Write?: boolean;
  uxn?: boolean;
  pxn?: boolean;
}

/** A zeroed 4 KiB table (all entries invalid); returns its physical address. */
export function newTable(mem: PhysicalMemory): number {
  return mem.allocFrame();
}

function offset48(va: number): number {
  if (va >= 0 && va < VA_SPAN) return va;
  if (va < 0 && va >= -VA_SPAN) return va + VA_SPAN;
  throw new RangeError(`address ${va} is outside the 48-bit TTBR0/TTBR1 ranges`);
}

function slot(table: number, u: number, level: number): number {
  return table + (Math.floor(u / 2 ** (39 - 9 * level)) & 511) * 8;
}

/** Physical address of the level 3 entry for va, creating tables when `create`; -1 if absent. */
function leafSlot(mem: PhysicalMemory, root: number, va: number, create: boolean): number {
  const u = offset48(va);
  let table = root;
  for (let level = 0; level < 3; level++) {
    const s = slot(table, u, level);
    const lo = mem.view.getUint32(s, true);
    const hi = mem.view.getUint32(s + 4, true);
    if ((lo & DESC_VALID) === 0) {
      if (!create) return -1;
      const next = mem.allocFrame();
      mem.view.setUint32(s, (next % 4294967296) | DESC_VALID | DESC_TABLE_OR_PAGE, true);
      mem.view.setUint32(s + 4, Math.floor(next / 4294967296), true);
      table = next;
    } else if ((lo & DESC_TABLE_OR_PAGE) === 0) {
      throw new RangeError(`va ${va} is covered by a block mapping at level ${level}`);
    } else {
      table = outputAddress(lo, hi);
    }
  }
  return slot(table, u, 3);
}

function pageDescriptor(pa: number, f: PageFlags): [number, number] {
  const el0Write = f.el0Write ?? false;
  const el0Read = (f.el0Read ?? false) || el0Write;
  const el1Write = f.el1Write ?? !(el0Read && !el0Write);
  let ap: number;
  if (el0Write) ap = DESC_AP_EL0;
  else if (el0Read && !el1Write) ap = DESC_AP_EL0 | DESC_AP_RO;
  else if (el0Read) throw new RangeError('EL1 read-write with EL0 read-only has no AP[2:1] encoding');
  else ap = el1Write ? 0 : DESC_AP_RO;
  const lo = ((pa % 4294967296) & 0xfffff000) | DESC_VALID | DESC_TABLE_OR_PAGE | DESC_AF | DESC_SH_INNER | ap;
  let hi = Math.floor(pa / 4294967296) & 0xffff;
  if (f.uxn) hi |= HI_UXN;
  if (f.pxn) hi |= HI_PXN;
  return [lo >>> 0, hi >>> 0];
}

/** Map one 4 KiB page va → pa under the level 0 table `root` (TTBRn_EL1.BADDR). */
export function mapPage(mem: PhysicalMemory, root: number, va: number, pa: number, flags: PageFlags = {}): void {
  const s = leafSlot(mem, root, va, true);
  const [lo, hi] = pageDescriptor(pa, flags);
  mem.view.setUint32(s, lo, true);
  mem.view.setUint32(s + 4, hi, true);
}

/** Remove the mapping of va; returns the physical address it mapped, or -1. */
export function unmapPage(mem: PhysicalMemory, root: number, va: number): number {
  const s = leafSlot(mem, root, va, false);
  if (s < 0) return -1;
  const lo = mem.view.getUint32(s, true);
  const hi = mem.view.getUint32(s + 4, true);
  if ((lo & DESC_VALID) === 0) return -1;
  mem.view.setUint32(s, 0, true);
  mem.view.setUint32(s + 4, 0, true);
  return outputAddress(lo, hi);
}

/** Change the permissions of an existing page mapping; false when va is unmapped. */
export function protectPage(mem: PhysicalMemory, root: number, va: number, flags: PageFlags): boolean {
  const s = leafSlot(mem, root, va, false);
  if (s < 0) return false;
  const lo = mem.view.getUint32(s, true);
  if ((lo & DESC_VALID) === 0) return false;
  const pa = outputAddress(lo, mem.view.getUint32(s + 4, true));
  const [nlo, nhi] = pageDescriptor(pa, flags);
  mem.view.setUint32(s, nlo, true);
  mem.view.setUint32(s + 4, nhi, true);
  return true;
}

/** The physical page va maps to, or -1 (a software walk: no TLB, no permission check). */
export function lookupPage(mem: PhysicalMemory, root: number, va: number): number {
  const s = leafSlot(mem, root, va, false);
  if (s < 0) return -1;
  const lo = mem.view.getUint32(s, true);
  if ((lo & DESC_VALID) === 0) return -1;
  return outputAddress(lo, mem.view.getUint32(s + 4, true));
}

/** Free every table page under `root` (levels 1-3 and the root itself), not the mapped frames. */
export function freeTables(mem: PhysicalMemory, root: number): void {
  const freeLevel = (table: number, level: number): void => {
    for (let i = 0; i < 512; i++) {
      const lo = mem.view.getUint32(table + i * 8, true);
      if ((lo & DESC_VALID) === 0 || (lo & DESC_TABLE_OR_PAGE) === 0) continue;
      if (level < 3) freeLevel(outputAddress(lo, mem.view.getUint32(table + i * 8 + 4, true)), level + 1);
    }
    mem.bytes.fill(0, table, table + 4096);
    mem.freeFrame(table);
  };
  freeLevel(root, 0);
}
