// 4-level walks: rights, #PF error codes (SDM Vol 3A 4.7), A/D bits, large pages.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import {
  ACCESS_EXEC,
  ACCESS_READ,
  ACCESS_WRITE,
  PF_I,
  PF_P,
  PF_RSVD,
  PF_U,
  PF_W,
  PTE_A,
  PTE_D,
  PTE_P,
  PTE_PS,
  PTE_RW,
  PTE_US,
  WalkResult,
  isCanonical,
  mapPage,
  newPml4,
  protectPage,
  pteAddress,
  tableIndex,
  translate,
  unmapPage,
  walk,
  type PagingControl,
} from '../../../../core/mm/x86-64/page-table.js';

const CTL: PagingControl = { wp: true, nxe: true };

function setup(): { mem: PhysicalMemory; cr3: number } {
  const mem = new PhysicalMemory(16 * 1024 * 1024, 4 * 1024 * 1024);
  return { mem, cr3: newPml4(mem) };
}

function w(mem: PhysicalMemory, cr3: number, va: number, access: number, user: boolean, ctl = CTL, setAD = true): WalkResult {
  return walk(mem, cr3, va, access, user, ctl, setAD, new WalkResult());
}

describe('x86-64 page walk', () => {
  it('translates mapped pages in both halves of the address space', () => {
    const { mem, cr3 } = setup();
    const f1 = mem.allocFrame();
    const f2 = mem.allocFrame();
    mapPage(mem, cr3, 0x400000, f1, { user: true });
    mapPage(mem, cr3, -0x800000000000 + 0x5000, f2, {});
    expect(tableIndex(-0x800000000000, 3)).toBe(256);
    expect(tableIndex(0x7fffffffffff, 3)).toBe(255);
    expect(w(mem, cr3, 0x400123, ACCESS_READ, true).frame).toBe(f1);
    const k = w(mem, cr3, -0x800000000000 + 0x5fff, ACCESS_READ, false);
    expect(k.ok).toBe(true);
    expect(k.frame).toBe(f2);
  });

  it('reports not-present faults with W/U/I bits from the access', () => {
    const { mem, cr3 } = setup();
    expect(w(mem, cr3, 0x1000, ACCESS_READ, false).errorCode).toBe(0);
    expect(w(mem, cr3, 0x1000, ACCESS_WRITE, true).errorCode).toBe(PF_W | PF_U);
    expect(w(mem, cr3, 0x1000, ACCESS_EXEC, true).errorCode).toBe(PF_U | PF_I);
    expect(w(mem, cr3, 0x1000, ACCESS_EXEC, false, { wp: true, nxe: false }).errorCode).toBe(0); // I/D only with NXE
  });

  it('enforces U/S, R/W (with CR0.WP) and NX', () => {
    const { mem, cr3 } = setup();
    mapPage(mem, cr3, 0x1000, mem.allocFrame(), { user: false, writable: true });
    mapPage(mem, cr3, 0x2000, mem.allocFrame(), { user: true, writable: false });
    mapPage(mem, cr3, 0x3000, mem.allocFrame(), { user: true, writable: true, noExec: true });
    expect(w(mem, cr3, 0x1000, ACCESS_READ, true).errorCode).toBe(PF_P | PF_U);
    expect(w(mem, cr3, 0x1000, ACCESS_WRITE, false).ok).toBe(true);
    expect(w(mem, cr3, 0x2000, ACCESS_WRITE, true).errorCode).toBe(PF_P | PF_W | PF_U);
    expect(w(mem, cr3, 0x2000, ACCESS_WRITE, false).errorCode).toBe(PF_P | PF_W);
    expect(w(mem, cr3, 0x2000, ACCESS_WRITE, false, { wp: false, nxe: true }).ok).toBe(true);
    expect(w(mem, cr3, 0x3000, ACCESS_EXEC, true).errorCode).toBe(PF_P | PF_U | PF_I);
    expect(w(mem, cr3, 0x3000, ACCESS_EXEC, false).errorCode).toBe(PF_P | PF_I);
    expect(w(mem, cr3, 0x3000, ACCESS_READ, true).ok).toBe(true);
  });

  it('flags reserved bits: MAXPHYADDR bits, XD without NXE, PS in a PML4E', () => {
    const { mem, cr3 } = setup();
    mapPage(mem, cr3, 0x1000, mem.allocFrame(), { user: true, noExec: true });
    expect(w(mem, cr3, 0x1000, ACCESS_READ, true, { wp: true, nxe: false }).errorCode).toBe(PF_P | PF_U | PF_RSVD);
    const pte = pteAddress(mem, cr3, 0x1000, false)!;
    mem.view.setUint32(pte + 4, 0x00080000, true); // bit 51
    expect(w(mem, cr3, 0x1000, ACCESS_WRITE, false).errorCode).toBe(PF_P | PF_W | PF_RSVD);
    mem.view.setUint32(cr3, mem.view.getUint32(cr3, true) | PTE_PS, true);
    expect(w(mem, cr3, 0x1000, ACCESS_READ, false).errorCode).toBe(PF_P | PF_RSVD);
  });

  it('sets Accessed on every level and Dirty only on writes; debugger walks leave them alone', () => {
    const { mem, cr3 } = setup();
    mapPage(mem, cr3, 0x1000, mem.allocFrame(), { writable: true, user: true });
    const pte = pteAddress(mem, cr3, 0x1000, false)!;
    const lo = (): number => mem.view.getUint32(pte, true);
    w(mem, cr3, 0x1000, ACCESS_READ, true, CTL, false);
    expect(lo() & (PTE_A | PTE_D)).toBe(0);
    expect(w(mem, cr3, 0x1000, ACCESS_READ, true).perm & 16).toBe(0); // no write right cached before D is set
    expect(lo() & (PTE_A | PTE_D)).toBe(PTE_A);
    expect(mem.view.getUint32(cr3, true) & PTE_A).toBe(PTE_A);
    w(mem, cr3, 0x1000, ACCESS_WRITE, true);
    expect(lo() & (PTE_A | PTE_D)).toBe(PTE_A | PTE_D);
  });

  it('walks 2 MiB pages (PS in the PDE)', () => {
    const { mem, cr3 } = setup();
    // Build PML4 → PDPT → PD by mapping one 4 KiB page, then turn the PDE into a 2 MiB leaf.
    mapPage(mem, cr3, 0x40000000, mem.allocFrame(), {});
    const pml4e = mem.view.getUint32(cr3 + tableIndex(0x40000000, 3) * 8, true) & ~0xfff;
    const pdpte = mem.view.getUint32(pml4e + tableIndex(0x40000000, 2) * 8, true) & ~0xfff;
    const pde = pdpte + tableIndex(0x40000000, 1) * 8;
    mem.view.setUint32(pde, 0x200000 | PTE_P | PTE_RW | PTE_US | PTE_PS, true);
    const r = w(mem, cr3, 0x40000000 + 0x12345, ACCESS_READ, true);
    expect(r.ok).toBe(true);
    expect(r.pageSize).toBe(0x200000);
    expect(r.frame).toBe(0x200000 + 0x12000);
  });

  it('unmapPage and protectPage rewrite the leaf', () => {
    const { mem, cr3 } = setup();
    const f = mem.allocFrame();
    mapPage(mem, cr3, 0x5000, f, { writable: true, user: true });
    expect(protectPage(mem, cr3, 0x5000, { writable: false, user: true })).toBe(true);
    expect(w(mem, cr3, 0x5000, ACCESS_WRITE, true).errorCode).toBe(PF_P | PF_W | PF_U);
    expect(unmapPage(mem, cr3, 0x5000)).toBe(f);
    expect(w(mem, cr3, 0x5000, ACCESS_READ, true).errorCode).toBe(PF_U);
    expect(unmapPage(mem, cr3, 0x5000)).toBe(null);
    expect(protectPage(mem, cr3, 0x9000000, {})).toBe(false);
  });

  it('translate() answers for debuggers without touching A/D bits', () => {
    const { mem, cr3 } = setup();
    const f = mem.allocFrame();
    mapPage(mem, cr3, 0x3000, f, { user: true });
    const pte = pteAddress(mem, cr3, 0x3000, false)!;
    expect(translate(mem, cr3, 0x3abc)).toBe(f + 0xabc);
    expect(mem.view.getUint32(pte, true) & PTE_A).toBe(0);
    expect(translate(mem, cr3, 0x3000, { access: ACCESS_WRITE, user: true })).toEqual({ fault: 'page', addr: 0x3000, errorCode: PF_P | PF_W | PF_U });
    expect(translate(mem, cr3, 0x9000)).toEqual({ fault: 'page', addr: 0x9000, errorCode: 0 });
    expect(translate(mem, cr3, 0x800000000000)).toEqual({ fault: 'gp', addr: 0x800000000000, errorCode: 0 });
  });

  it('a leaf pointing outside emulated RAM is a reserved-bit fault, not a host error', () => {
    const { mem, cr3 } = setup();
    mapPage(mem, cr3, 0x6000, 0x7f000000, { user: true });
    expect(w(mem, cr3, 0x6000, ACCESS_READ, true).errorCode).toBe(PF_P | PF_U | PF_RSVD);
  });

  it('knows canonical addresses', () => {
    expect(isCanonical(0x7fffffffffff)).toBe(true);
    expect(isCanonical(0x800000000000)).toBe(false);
    expect(isCanonical(-0x800000000000)).toBe(true);
    expect(isCanonical(-0x800000000001)).toBe(false);
  });
});
