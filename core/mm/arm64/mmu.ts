// The AArch64 stage 1 MMU: SCTLR_EL1.M on/off, TTBR0/TTBR1 selection, the shared
// software TLB (core/mm/tlb.ts) and fault reporting as ESR fault status codes.
// TLB entries carry no ASID: the CPU flushes on TTBR writes and TLBI, which is
// what a kernel without ASIDs must do on real hardware anyway.
import type { PhysicalMemory } from '../phys-memory.js';
import { Tlb } from '../tlb.js';
import { FSC_EXTERNAL_ABORT, FSC_PERMISSION, permNeeded } from './descriptors.js';
import { walkStage1, type WalkResult } from './walk.js';

const BADDR_MASK = 0x0000fffffffff000n; // TTBRn_EL1.BADDR[47:12]

export interface Translation {
  pa: number;
  perm: number;
  level: number;
}

export class Arm64Mmu {
  readonly tlb: Tlb;
  /** Table walks performed (TLB misses that reached memory). */
  pageWalks = 0;
  enabled = false;
  ttbr0Base = 0;
  ttbr1Base = 0;
  private readonly scratch: WalkResult = { frame: 0, perm: 0, level: 0, fsc: -1 };
  /** Fault status code of the last failed translate() (FSC_* + level). */
  lastFsc = 0;

  constructor(readonly mem: PhysicalMemory, tlbEntries = 512) {
    this.tlb = new Tlb(tlbEntries);
  }

  setTtbr0(v: bigint): void {
    this.ttbr0Base = Number(v & BADDR_MASK);
    this.tlb.flushAll();
  }

  setTtbr1(v: bigint): void {
    this.ttbr1Base = Number(v & BADDR_MASK);
    this.tlb.flushAll();
  }

  setSctlr(v: bigint): void {
    this.enabled = (v & 1n) === 1n;
    this.tlb.flushAll();
  }

  /**
   * Physical address for an access (ACCESS_READ/WRITE/EXEC) at exception level `el`,
   * or -1 with `lastFsc` set. Fills the TLB and counts hits, misses and walks.
   */
  translate(va: number, access: number, el: number): number {
    const off = va & 0xfff;
    const vpn = (va - off) / 4096;
    const need = permNeeded(access, el);
    const tlb = this.tlb;
    const slot = tlb.lookup(vpn, need);
    if (slot >= 0) return tlb.frame[slot]! + off;
    const w = this.walk(va);
    if (w.fsc >= 0) {
      this.lastFsc = w.fsc;
      return -1;
    }
    if ((w.perm & need) === 0) {
      this.lastFsc = FSC_PERMISSION + w.level;
      return -1;
    }
    tlb.insert(vpn, w.frame, w.perm);
    return w.frame + off;
  }

  /** A walk without TLB or counters, for debuggers and `translate(va)` on the CPU. */
  probe(va: number): Translation | { fsc: number } {
    const out: WalkResult = { frame: 0, perm: 0, level: 0, fsc: -1 };
    this.walkInto(va, out);
    if (out.fsc >= 0) return { fsc: out.fsc };
    return { pa: out.frame + (va & 0xfff), perm: out.perm, level: out.level };
  }

  private walk(va: number): WalkResult {
    this.pageWalks++;
    this.walkInto(va, this.scratch);
    return this.scratch;
  }

  private walkInto(va: number, out: WalkResult): void {
    if (this.enabled) {
      walkStage1(this.mem, this.ttbr0Base, this.ttbr1Base, va, out);
      if (out.fsc < 0 && out.frame + 4096 > this.mem.sizeBytes) {
        out.fsc = FSC_EXTERNAL_ABORT;
      }
      return;
    }
    // MMU off: flat mapping, every permission (ARM ARM D8.2.10, default memory map).
    if (va < 0 || va - (va & 0xfff) + 4096 > this.mem.sizeBytes) {
      out.fsc = FSC_EXTERNAL_ABORT;
      out.level = 0;
      return;
    }
    out.frame = va - (va & 0xfff);
    out.perm = 63;
    out.level = 3;
    out.fsc = -1;
  }
}
