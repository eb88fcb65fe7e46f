// x86-64 4-level paging (SDM Vol 3A 4.5): PML4 → PDPT → PD → PT, 4 KiB pages plus
// 2 MiB / 1 GiB pages via PS. Entries are read as two little-endian 32-bit halves so
// no bigint is needed. Addresses are signed canonical JS numbers (lead's convention).

import type { PhysicalMemory } from '../phys-memory.js';

// SDM Vol 3A Table 4-19 (PTE) and friends.
export const PTE_P = 1 << 0;
export const PTE_RW = 1 << 1;
export const PTE_US = 1 << 2;
export const PTE_PWT = 1 << 3;
export const PTE_PCD = 1 << 4;
export const PTE_A = 1 << 5;
export const PTE_D = 1 << 6;
export const PTE_PS = 1 << 7;
export const PTE_G = 1 << 8;
/** Bit 63 lives in the high half. */
export const PTE_HI_NX = 0x80000000 | 0;

/** #PF error code bits, SDM Vol 3A 4.7. */
export const PF_P = 1 << 0;
export const PF_W = 1 << 1;
export const PF_U = 1 << 2;
export const PF_RSVD = 1 << 3;
export const PF_I = 1 << 4;

/** MAXPHYADDR modelled as 40: bits 51:40 of an entry are reserved (high half bits 19:8). */
const HI_RESERVED = 0x000fff00;
const HI_ADDR = 0x000000ff;

/** TLB permission bits filled by this walker (meaning private to the x86 MMU). */
export const PERM_R_SUP = 1;
export const PERM_W_SUP = 2;
export const PERM_X_SUP = 4;
export const PERM_R_USER = 8;
export const PERM_W_USER = 16;
export const PERM_X_USER = 32;
/** The leaf had G set and CR4.PGE is on: survives CR3 writes. */
export const PERM_GLOBAL = 64;

export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

const TWO32 = 0x100000000;
const TWO48 = 0x1000000000000;

export interface PagingControl {
  /** CR0.WP: supervisor writes honour R/W. */
  wp: boolean;
  /** IA32_EFER.NXE: bit 63 is XD instead of reserved. */
  nxe: boolean;
  /** CR4.PGE: global pages (G in the leaf) stay in the TLB across CR3 writes. */
  pge?: boolean;
}

/** Result of one walk; reused to keep the miss path allocation-free. */
export class WalkResult {
  ok = false;
  /** Physical address of the 4 KiB granule containing the address. */
  frame = 0;
  /** PERM_* bits the translation allows (writes only if the D bit is already set). */
  perm = 0;
  /** #PF error code when !ok. */
  errorCode = 0;
  /** Physical address of the leaf entry (for debuggers). */
  leafPa = 0;
  pageSize = 4096;
}

/** Is the signed number a canonical 48-bit address? SDM Vol 3A 3.3.7.1 */
export function isCanonical(va: number): boolean {
  return va >= -0x800000000000 && va < 0x800000000000 && Number.isInteger(va);
}

/** Index of the table entry for `va` at `level` (3 = PML4 … 0 = PT). */
export function tableIndex(va: number, level: number): number {
  const u = va < 0 ? va + TWO48 : va;
  return Math.floor(u / 2 ** (12 + 9 * level)) % 512;
}

function entryAddr(lo: number, hi: number): number {
  return (hi & HI_ADDR) * TWO32 + ((lo & ~0xfff) >>> 0);
}

/**
 * Walks the tables for `va` (must be canonical). `access` is ACCESS_*; `user` means
 * CPL 3. When `setAD` is true the walk sets Accessed on every entry used and Dirty on
 * the leaf for writes, as hardware does (SDM Vol 3A 4.8); debuggers pass false.
 */
export function walk(
  mem: PhysicalMemory,
  cr3: number,
  va: number,
  access: number,
  user: boolean,
  ctl: PagingControl,
  setAD: boolean,
  out: WalkResult,
): WalkResult {
  const view = mem.view;
  const size = mem.sizeBytes;
  let table = cr3 - (cr3 % 4096);
  let rw = true;
  let us = true;
  let nx = false;
  const isWrite = access === ACCESS_WRITE;
  const baseErr = (isWrite ? PF_W : 0) | (user ? PF_U : 0) | (access === ACCESS_EXEC && ctl.nxe ? PF_I : 0);
  out.ok = false;
  const touched: number[] = setAD ? scratchTouched : [];
  touched.length = 0;
  for (let level = 3; level >= 0; level--) {
    const pa = table + tableIndex(va, level) * 8;
    if (pa + 8 > size) {
      out.errorCode = baseErr;
      return out;
    }
    const lo = view.getUint32(pa, true);
    const hi = view.getUint32(pa + 4, true) | 0;
    if ((lo & PTE_P) === 0) {
      out.errorCode = baseErr;
      return out;
    }
    const isLeafLarge = (lo & PTE_PS) !== 0 && (level === 1 || level === 2);
    let reserved = (hi & HI_RESERVED) !== 0 || (!ctl.nxe && hi < 0) || (level === 3 && (lo & PTE_PS) !== 0);
    // Large pages: PAT bit 12 plus the bits below the page size must be zero (SDM Table 4-17/4-15).
    if (isLeafLarge) {
      const lowMask = level === 1 ? 0x1fe000 : 0x3fffe000;
      if ((lo & lowMask) !== 0) reserved = true;
    }
    if (reserved) {
      out.errorCode = baseErr | PF_P | PF_RSVD;
      return out;
    }
    rw = rw && (lo & PTE_RW) !== 0;
    us = us && (lo & PTE_US) !== 0;
    nx = nx || (ctl.nxe && hi < 0);
    touched.push(pa);
    if (level === 0 || isLeafLarge) {
      const pageSize = level === 0 ? 4096 : level === 1 ? 0x200000 : 0x40000000;
      const u = va < 0 ? va + TWO48 : va;
      const base = entryAddr(lo, hi) - (entryAddr(lo, hi) % pageSize);
      out.frame = base + (Math.floor(u / 4096) * 4096) % pageSize;
      out.pageSize = pageSize;
      // A frame outside emulated RAM: reported as a reserved-bit fault so a guest that
      // writes a wild PTE gets a #PF, never a host exception.
      if (out.frame + 4096 > size) {
        out.errorCode = baseErr | PF_P | PF_RSVD;
        return out;
      }
      out.leafPa = pa;
      // SDM Vol 3A 4.6: access rights.
      let fault = false;
      if (user) {
        if (!us) fault = true;
        else if (isWrite && !rw) fault = true;
        else if (access === ACCESS_EXEC && nx) fault = true;
      } else {
        if (isWrite && !rw && ctl.wp) fault = true;
        else if (access === ACCESS_EXEC && nx) fault = true;
      }
      if (fault) {
        out.errorCode = baseErr | PF_P;
        return out;
      }
      let dirty = (lo & PTE_D) !== 0;
      if (setAD) {
        for (const e of touched) view.setUint32(e, view.getUint32(e, true) | PTE_A, true);
        if (isWrite && !dirty) {
          view.setUint32(pa, view.getUint32(pa, true) | PTE_D, true);
          dirty = true;
        }
      }
      let perm = PERM_R_SUP;
      if (dirty && (rw || !ctl.wp)) perm |= PERM_W_SUP;
      if (!nx) perm |= PERM_X_SUP;
      if (us) {
        perm |= PERM_R_USER;
        if (dirty && rw) perm |= PERM_W_USER;
        if (!nx) perm |= PERM_X_USER;
      }
      if (ctl.pge && (lo & PTE_G) !== 0) perm |= PERM_GLOBAL;
      out.perm = perm;
      out.ok = true;
      return out;
    }
    table = entryAddr(lo, hi);
  }
  return out;
}
const scratchTouched: number[] = [];

export interface MapFlags {
  writable?: boolean;
  user?: boolean;
  noExec?: boolean;
  global?: boolean;
}

/** Allocates a zeroed frame for a new PML4 and returns its physical address (a CR3 value). */
export function newPml4(mem: PhysicalMemory): number {
  return mem.allocFrame();
}

/** Copies PML4 entries 256..511 (the kernel half) so every address space shares the kernel. */
export function shareKernelHalf(mem: PhysicalMemory, fromPml4: number, toPml4: number): void {
  mem.bytes.copyWithin(toPml4 + 2048, fromPml4 + 2048, fromPml4 + 4096);
}

/** Physical address of the leaf PTE for `va`, allocating intermediate tables when `create`. */
export function pteAddress(mem: PhysicalMemory, cr3: number, va: number, create: boolean): number | null {
  let table = cr3 - (cr3 % 4096);
  for (let level = 3; level >= 1; level--) {
    const pa = table + tableIndex(va, level) * 8;
    const lo = mem.view.getUint32(pa, true);
    const hi = mem.view.getUint32(pa + 4, true);
    if ((lo & PTE_P) === 0) {
      if (!create) return null;
      const frame = mem.allocFrame();
      // Upper levels are permissive (like Linux); the leaf decides the rights.
      mem.view.setUint32(pa, (frame % TWO32) | PTE_P | PTE_RW | PTE_US, true);
      mem.view.setUint32(pa + 4, Math.floor(frame / TWO32), true);
      table = frame;
    } else {
      if ((lo & PTE_PS) !== 0) return null; // large page: no 4 KiB leaf here
      table = entryAddr(lo, hi);
    }
  }
  return table + tableIndex(va, 0) * 8;
}

function writeLeaf(mem: PhysicalMemory, pte: number, pa: number, f: MapFlags): void {
  let lo = (pa % TWO32) | PTE_P;
  if (f.writable) lo |= PTE_RW;
  if (f.user) lo |= PTE_US;
  if (f.global) lo |= PTE_G;
  const hi = Math.floor(pa / TWO32) | (f.noExec ? PTE_HI_NX : 0);
  mem.view.setUint32(pte, lo >>> 0, true);
  mem.view.setUint32(pte + 4, hi >>> 0, true);
}

/** Maps the 4 KiB page at `va` to frame `pa`. Callers must flush the TLB entry (invlpg) if it was cached. */
export function mapPage(mem: PhysicalMemory, cr3: number, va: number, pa: number, flags: MapFlags = {}): void {
  const pte = pteAddress(mem, cr3, va, true);
  if (pte === null) throw new RangeError('mapPage: address is covered by a large page');
  writeLeaf(mem, pte, pa, flags);
}

/** Clears the leaf entry; returns the frame it mapped, or null if none. */
export function unmapPage(mem: PhysicalMemory, cr3: number, va: number): number | null {
  const pte = pteAddress(mem, cr3, va, false);
  if (pte === null) return null;
  const lo = mem.view.getUint32(pte, true);
  if ((lo & PTE_P) === 0) return null;
  const pa = entryAddr(lo, mem.view.getUint32(pte + 4, true));
  mem.view.setUint32(pte, 0, true);
  mem.view.setUint32(pte + 4, 0, true);
  return pa;
}

/** Rewrites the rights of a mapped page, keeping its frame. Returns false if not mapped. */
export function protectPage(mem: PhysicalMemory, cr3: number, va: number, flags: MapFlags): boolean {
  const pte = pteAddress(mem, cr3, va, false);
  if (pte === null) return false;
  const lo = mem.view.getUint32(pte, true);
  if ((lo & PTE_P) === 0) return false;
  writeLeaf(mem, pte, entryAddr(lo, mem.view.getUint32(pte + 4, true)), flags);
  return true;
}

/**
 * Debugger translation: physical address of `va` in the address space `cr3`, or the
 * fault an access would raise. No side effects (A/D bits untouched, no TLB).
 */
export function translate(
  mem: PhysicalMemory,
  cr3: number,
  va: number,
  opts: { access?: number; user?: boolean; ctl?: PagingControl } = {},
): number | { fault: 'page' | 'gp'; addr: number; errorCode: number } {
  if (!isCanonical(va)) return { fault: 'gp', addr: va, errorCode: 0 };
  const r = walk(mem, cr3, va, opts.access ?? ACCESS_READ, opts.user ?? false, opts.ctl ?? { wp: true, nxe: true }, false, new WalkResult());
  if (!r.ok) return { fault: 'page', addr: va, errorCode: r.errorCode };
  return r.frame + (va - Math.floor(va / 4096) * 4096);
}
