// The x86-64 MMU seen by the CPU: TLB fast path, page walk on miss, #PF/#GP raising,
// and the uaccess-style helpers the kernel uses. Data accesses throw X86Fault so an
// instruction can be abandoned mid-way; the kernel-facing helpers return values.

import { PAGE_SIZE, type PhysicalMemory } from '../phys-memory.js';
import { Tlb } from '../tlb.js';
import { X86Fault, VEC_GP, VEC_PF, type PageFaultInfo } from './fault.js';
import { readVirt, writeVirt } from './uaccess.js';
import {
  ACCESS_EXEC,
  ACCESS_READ,
  ACCESS_WRITE,
  PERM_R_SUP,
  PERM_R_USER,
  PERM_W_SUP,
  PERM_W_USER,
  PERM_X_SUP,
  PERM_X_USER,
  PERM_GLOBAL,
  WalkResult,
  isCanonical,
  mapPage,
  protectPage,
  unmapPage,
  walk,
  type MapFlags,
  type PagingControl,
} from './page-table.js';

export class X86Mmu implements PagingControl {
  readonly tlb: Tlb;
  cr3 = 0;
  wp = true;
  nxe = true;
  /** CR4.PGE */
  pge = false;
  pageWalks = 0;
  /** Non-zero for frames holding decoded instructions; a write there calls onCodeWrite. */
  codeFrames: Uint8Array;
  onCodeWrite: (frameNo: number) => void = () => {};
  private user = false;
  private needR = PERM_R_SUP;
  private needW = PERM_W_SUP;
  private needX = PERM_X_SUP;
  private readonly walkOut = new WalkResult();
  private bytes: Uint8Array;
  // Aligned typed-array views of physical memory, kept here (one load away on every
  // access) and refreshed when the memory grows into a new buffer.
  private u16: Uint16Array;
  private i32: Int32Array;
  /** High half of the last read64. */
  hi = 0;

  constructor(readonly mem: PhysicalMemory, tlbEntries = 512) {
    this.tlb = new Tlb(tlbEntries);
    this.codeFrames = new Uint8Array(Math.ceil(mem.maxBytes / PAGE_SIZE));
    this.bytes = mem.bytes;
    this.u16 = new Uint16Array(mem.bytes.buffer);
    this.i32 = new Int32Array(mem.bytes.buffer);
    mem.onGrowth(() => {
      this.bytes = mem.bytes;
      this.u16 = new Uint16Array(mem.bytes.buffer);
      this.i32 = new Int32Array(mem.bytes.buffer);
    });
  }

  /** CPL 3 accesses check U/S. Called by the CPU on every privilege change. */
  setUser(user: boolean): void {
    this.user = user;
    this.needR = user ? PERM_R_USER : PERM_R_SUP;
    this.needW = user ? PERM_W_USER : PERM_W_SUP;
    this.needX = user ? PERM_X_USER : PERM_X_SUP;
  }

  get isUser(): boolean {
    return this.user;
  }

  /** A CR3 write flushes the TLB except global pages when CR4.PGE is set (SDM Vol 3A 4.10.4.1). */
  setCr3(cr3: number): void {
    this.cr3 = cr3;
    if (this.pge) this.tlb.flushExcept(PERM_GLOBAL);
    else this.tlb.flushAll();
  }

  invlpg(va: number): void {
    this.tlb.flushPage(Math.floor(va / PAGE_SIZE));
  }

  /** Translate for the current privilege, filling the TLB; throws #PF/#GP. Returns the frame. */
  translate(va: number, access: number, user = this.user): number {
    if (!isCanonical(va)) throw new X86Fault(VEC_GP, 0);
    const vpn = Math.floor(va / PAGE_SIZE);
    const need = access === ACCESS_WRITE ? (user ? PERM_W_USER : PERM_W_SUP) : access === ACCESS_EXEC ? (user ? PERM_X_USER : PERM_X_SUP) : user ? PERM_R_USER : PERM_R_SUP;
    const slot = this.tlb.lookup(vpn, need);
    if (slot >= 0) return this.tlb.frame[slot]!;
    this.pageWalks++;
    const r = walk(this.mem, this.cr3, va, access, user, this, true, this.walkOut);
    if (!r.ok) throw new X86Fault(VEC_PF, r.errorCode, va);
    this.tlb.insert(vpn, r.frame, r.perm);
    return r.frame;
  }

  /** Frame for an instruction fetch at `va` (current privilege). */
  fetchFrame(va: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const t = this.tlb;
    const i = vpn & t.mask;
    if (t.tag[i] === vpn && (t.perm[i]! & this.needX) !== 0) {
      t.hits++;
      return t.frame[i]!;
    }
    return this.translate(va, ACCESS_EXEC);
  }

  /** Make sure a read-modify-write can complete before its read happens (faults stay precise). */
  checkWrite(va: number, n: number): void {
    const vpn = Math.floor(va / PAGE_SIZE);
    const t = this.tlb;
    const i = vpn & t.mask;
    if (!(t.tag[i] === vpn && (t.perm[i]! & this.needW) !== 0)) this.translate(va, ACCESS_WRITE);
    const end = va + n - 1;
    if (Math.floor(end / PAGE_SIZE) !== vpn) this.translate(end, ACCESS_WRITE);
  }

  read8(va: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const t = this.tlb;
    const i = vpn & t.mask;
    if (t.tag[i] === vpn && (t.perm[i]! & this.needR) !== 0) {
      t.hits++;
      return this.bytes[t.frame[i]! + (va - vpn * PAGE_SIZE)]!;
    }
    return this.bytes[this.translate(va, ACCESS_READ) + (va - vpn * PAGE_SIZE)]!;
  }

  read16(va: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    const t = this.tlb;
    const i = vpn & t.mask;
    if (off <= PAGE_SIZE - 2) {
      if (t.tag[i] === vpn && (t.perm[i]! & this.needR) !== 0) {
        t.hits++;
        return this.ld16(t.frame[i]! + off);
      }
      return this.ld16(this.translate(va, ACCESS_READ) + off);
    }
    return this.readSlow(va, 2);
  }

  read32(va: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    const t = this.tlb;
    const i = vpn & t.mask;
    if (off <= PAGE_SIZE - 4) {
      if (t.tag[i] === vpn && (t.perm[i]! & this.needR) !== 0) {
        t.hits++;
        return this.ld32(t.frame[i]! + off);
      }
      return this.ld32(this.translate(va, ACCESS_READ) + off);
    }
    return this.readSlow(va, 4) | 0;
  }

  /** Returns the low half (int32); the high half is left in this.hi. */
  read64(va: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    const t = this.tlb;
    const i = vpn & t.mask;
    if (off <= PAGE_SIZE - 8) {
      let pa: number;
      if (t.tag[i] === vpn && (t.perm[i]! & this.needR) !== 0) {
        t.hits++;
        pa = t.frame[i]! + off;
      } else pa = this.translate(va, ACCESS_READ) + off;
      this.hi = this.ld32(pa + 4);
      return this.ld32(pa);
    }
    const lo = this.readSlow(va, 4) | 0;
    this.hi = this.readSlow(va + 4, 4) | 0;
    return lo;
  }

  // Stack accesses with the address as int32 halves (RSP's): the TLB index comes from
  // the low half. For a kernel-half address, `vpn & mask` on the double page number
  // would be an out-of-int32-range truncation, a slow path in V8, on every push and pop.

  /** Frame for an access at the address ah * 2^32 + (al >>> 0) needing `need`: TLB first, else a walk. */
  private frameAt(ah: number, al: number, need: number, access: number): number {
    const vpn = ah * 1048576 + (al >>> 12);
    const t = this.tlb;
    const i = (al >>> 12) & t.mask;
    if (t.tag[i] === vpn && (t.perm[i]! & need) !== 0) {
      t.hits++;
      return t.frame[i]!;
    }
    return this.translate(ah * 4294967296 + (al >>> 0), access);
  }

  /** Frame of the page holding ah * 2^32 + (al >>> 0) for a data read or write (a run of stack accesses). */
  stackFrame(ah: number, al: number, write: boolean): number {
    return write ? this.frameAt(ah, al, this.needW, ACCESS_WRITE) : this.frameAt(ah, al, this.needR, ACCESS_READ);
  }

  /** read64 at the address ah * 2^32 + (al >>> 0); the high half of the value in this.hi. */
  read64At(ah: number, al: number): number {
    const off = al & 0xfff;
    if (off > PAGE_SIZE - 8) return this.read64(ah * 4294967296 + (al >>> 0));
    const pa = this.frameAt(ah, al, this.needR, ACCESS_READ) + off;
    this.hi = this.ld32(pa + 4);
    return this.ld32(pa);
  }

  /** write64 at the address ah * 2^32 + (al >>> 0). */
  write64At(ah: number, al: number, lo: number, hi: number): void {
    const off = al & 0xfff;
    if (off > PAGE_SIZE - 8) {
      this.write64(ah * 4294967296 + (al >>> 0), lo, hi);
      return;
    }
    const frame = this.frameAt(ah, al, this.needW, ACCESS_WRITE);
    if (this.codeFrames[frame >>> 12] !== 0) this.onCodeWrite(frame >>> 12);
    this.st32(frame + off, lo);
    this.st32(frame + off + 4, hi);
  }

  // Physical loads/stores (little-endian host assumed, as on x86-64 and arm64 hosts).
  ld16(pa: number): number {
    if ((pa & 1) === 0) return this.u16[pa >> 1]!;
    const b = this.bytes;
    return b[pa]! | (b[pa + 1]! << 8);
  }

  ld32(pa: number): number {
    if ((pa & 3) === 0) return this.i32[pa >> 2]!;
    const b = this.bytes;
    return b[pa]! | (b[pa + 1]! << 8) | (b[pa + 2]! << 16) | (b[pa + 3]! << 24);
  }

  st16(pa: number, v: number): void {
    if ((pa & 1) === 0) this.u16[pa >> 1] = v;
    else {
      this.bytes[pa] = v;
      this.bytes[pa + 1] = v >> 8;
    }
  }

  st32(pa: number, v: number): void {
    if ((pa & 3) === 0) this.i32[pa >> 2] = v;
    else {
      const b = this.bytes;
      b[pa] = v;
      b[pa + 1] = v >> 8;
      b[pa + 2] = v >> 16;
      b[pa + 3] = v >> 24;
    }
  }

  private readSlow(va: number, n: number): number {
    // Straddles a page: translate both pages before reading (SDM: the access faults as a whole).
    let v = 0;
    for (let k = 0; k < n; k++) {
      const a = va + k;
      const vpn = Math.floor(a / PAGE_SIZE);
      v += this.bytes[this.translate(a, ACCESS_READ) + (a - vpn * PAGE_SIZE)]! * 2 ** (8 * k);
    }
    return v;
  }

  private writeFrame(va: number, vpn: number): number {
    const t = this.tlb;
    const i = vpn & t.mask;
    let frame: number;
    if (t.tag[i] === vpn && (t.perm[i]! & this.needW) !== 0) {
      t.hits++;
      frame = t.frame[i]!;
    } else frame = this.translate(va, ACCESS_WRITE);
    if (this.codeFrames[frame >>> 12] !== 0) this.onCodeWrite(frame >>> 12);
    return frame;
  }

  /** Physical address for an n-byte write at va inside one page (translated and checked), or -1 if it straddles. */
  physW(va: number, n: number): number {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    if (off > PAGE_SIZE - n) return -1;
    return this.writeFrame(va, vpn) + off;
  }

  write8(va: number, v: number): void {
    const vpn = Math.floor(va / PAGE_SIZE);
    this.bytes[this.writeFrame(va, vpn) + (va - vpn * PAGE_SIZE)] = v;
  }

  write16(va: number, v: number): void {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    if (off <= PAGE_SIZE - 2) this.st16(this.writeFrame(va, vpn) + off, v);
    else this.writeSlow(va, v, 0, 2);
  }

  write32(va: number, v: number): void {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    if (off <= PAGE_SIZE - 4) this.st32(this.writeFrame(va, vpn) + off, v);
    else this.writeSlow(va, v, 0, 4);
  }

  write64(va: number, lo: number, hi: number): void {
    const vpn = Math.floor(va / PAGE_SIZE);
    const off = va - vpn * PAGE_SIZE;
    if (off <= PAGE_SIZE - 8) {
      const pa = this.writeFrame(va, vpn) + off;
      this.st32(pa, lo);
      this.st32(pa + 4, hi);
    } else this.writeSlow(va, lo, hi, 8);
  }

  private writeSlow(va: number, lo: number, hi: number, n: number): void {
    const first = this.writeFrame(va, Math.floor(va / PAGE_SIZE));
    const endVa = va + n - 1;
    const second = this.writeFrame(endVa, Math.floor(endVa / PAGE_SIZE));
    for (let k = 0; k < n; k++) {
      const a = va + k;
      const vpn = Math.floor(a / PAGE_SIZE);
      const frame = vpn === Math.floor(va / PAGE_SIZE) ? first : second;
      const byte = k < 4 ? (lo >>> (8 * k)) & 0xff : (hi >>> (8 * (k - 4))) & 0xff;
      this.bytes[frame + (a - vpn * PAGE_SIZE)] = byte;
    }
  }

  // ---- kernel and debugger helpers (no exceptions escape) ----

  /** Side-effect-free translation for debuggers: physical address or the fault it would raise. */
  probe(va: number, access = ACCESS_READ, user = false): number | PageFaultInfo {
    if (!isCanonical(va)) return { fault: 'gp', addr: va, errorCode: 0 };
    const r = walk(this.mem, this.cr3, va, access, user, this, false, new WalkResult());
    if (!r.ok) return { fault: 'page', addr: va, errorCode: r.errorCode };
    return r.frame + (va - Math.floor(va / PAGE_SIZE) * PAGE_SIZE);
  }

  /** copy_from_user-style read (see uaccess.ts). */
  readVirt(va: number, len: number, asUser: boolean): Uint8Array | PageFaultInfo {
    return readVirt(this, va, len, asUser);
  }

  /** copy_to_user-style write (see uaccess.ts). */
  writeVirt(va: number, data: Uint8Array, asUser: boolean): number | PageFaultInfo {
    return writeVirt(this, va, data, asUser);
  }

  /** Translate for an access as `user` (or not), filling the TLB; faults come back as values. */
  translateValue(va: number, access: number, user: boolean): number | PageFaultInfo {
    try {
      return this.translate(va, access, user);
    } catch (e) {
      if (e instanceof X86Fault) return { fault: e.vector === VEC_PF ? 'page' : 'gp', addr: va, errorCode: e.errorCode };
      throw e;
    }
  }

  /** Physical memory bytes (current view). */
  get physBytes(): Uint8Array {
    return this.bytes;
  }

  /** Map in the current address space and drop any stale TLB entry. */
  mapPage(va: number, pa: number, flags: MapFlags = {}): void {
    mapPage(this.mem, this.cr3, va, pa, flags);
    this.invlpg(va);
  }

  unmapPage(va: number): number | null {
    const pa = unmapPage(this.mem, this.cr3, va);
    this.invlpg(va);
    return pa;
  }

  protectPage(va: number, flags: MapFlags): boolean {
    const ok = protectPage(this.mem, this.cr3, va, flags);
    this.invlpg(va);
    return ok;
  }
}
