// The AArch64 CPU: registers as 32-bit halves, PSTATE, EL0/EL1, the run loop,
// instruction fetch and data access through the stage 1 MMU. Instruction
// semantics live in the ops-*.ts rows; exception entry/return in exceptions.ts.
//
// Kernel-facing contract (same shape as the x86-64 CPU):
// - addresses are JS numbers holding the signed 64-bit VA (TTBR1 half negative);
// - getX/setX/sp/sysreg/setSysreg take and return unsigned bigint;
// - run(budget)/step() return a StopReason; guest faults are taken to VBAR_EL1
//   like hardware, and only stop the run when VBAR_EL1 = 0;
// - hooks: at EL1, fetching a hooked address calls the hook, then does `ret`;
// - page-table edits made from TypeScript take effect after flushTlb() (TLBI).
import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, FSC_PERMISSION, PERM_EL0_R, PERM_EL0_W } from '../../mm/arm64/descriptors.js';
import { Arm64Mmu, type Translation } from '../../mm/arm64/mmu.js';
import { fromBig, res, toBig } from './alu.js';
import { dispatch } from './decoder.js';
import { disassembleVirt, type DisassemblyLine } from './disassembler.js';
import { EC_DABT_CUR, EC_DABT_LOWER, EC_IABT_CUR, EC_IABT_LOWER, EC_PC_ALIGN, pstateBits, takeException } from './exceptions.js';
import { loadSplit, storeSplit } from './split-access.js';
import { SYSREG_RESET } from './sysregs.js';
import { readSysreg, writeSysreg } from './sysreg-access.js';
import type { Arm64Stats, Hook, StopReason } from './types.js';

/** Register slot of the current stack pointer; slot 31 is XZR and always reads 0. */
export const SP = 32;

const BUDGET: StopReason = { kind: 'budget' };

export class Arm64Cpu {
  /** X0..X30, XZR (31, always 0), current SP (32): low and high 32-bit halves. */
  readonly xlo = new Uint32Array(33);
  readonly xhi = new Uint32Array(33);
  pc = 0;
  n = 0;
  z = 0;
  c = 0;
  v = 0;
  /** PSTATE.DAIF as a 4-bit value (D=8, A=4, I=2, F=1). */
  daif = 0xf;
  /** PSTATE.SP: 0 selects SP_EL0, 1 selects SP_ELx at EL1. */
  spsel = 1;
  private panBit = 0;
  /** PAN = 1 and at EL1: data accesses must avoid EL0-accessible pages. */
  private panActive = false;
  private curEl: 0 | 1 = 1;
  /** The banked stack pointers; only the one not currently in slot 32 is live here. */
  spEl0Bank = 0n;
  spEl1Bank = 0n;
  /** Plain-storage system registers (sysreg-access.ts handles the special ones). */
  readonly sysStore = new Map<string, bigint>();
  /** SCTLR_EL1.SA0 / SA: stack alignment checks at EL0 / EL1 (ARM ARM D1.8.2). */
  spAlignCheck = [false, false];
  /** VBAR_EL1 as a number (hot in exception entry). */
  vbar = 0;
  readonly mmu: Arm64Mmu;
  readonly stats: Arm64Stats = { instructions: 0, modeSwitches: 0, pageWalks: 0, tlbHits: 0, tlbMisses: 0, tlbFlushes: 0 };
  readonly hooks = new Map<number, Hook>();
  readonly breakpoints = new Set<number>();
  /** Set by an instruction that ends the run (wfi, undeliverable exception). */
  stop: StopReason | null = null;
  /** Level-sensitive IRQ input; taken when PSTATE.I is clear. */
  irqLine = false;
  /** Source of CNTVCT_EL0, injected by the host (core never reads a clock itself). */
  counter: () => bigint = () => BigInt(this.stats.instructions);
  /**
   * Instructions retired in the current run() and not yet added to stats.instructions.
   * A field, not a local, so a counter read mid-run (mrs CNTVCT_EL0) can fold it in
   * first and see time advance instruction by instruction, as the vDSO needs.
   */
  retiredInRun = 0;
  /** Address of the instruction being executed (ELR for synchronous exceptions). */
  insnPc = 0;
  /** Local exclusive monitor: armed granule address, NaN when open (ldxr/stxr). */
  exclusive = NaN;
  /** The instruction word being executed (read by the ExecFn rows). */
  readonly insn = new Uint32Array(1);
  /** Result of the last load(). */
  tLo = 0;
  tHi = 0;
  // One-entry instruction-fetch cache: page VA → page PA, valid for curEl.
  private fetchPage = NaN;
  private fetchPa = 0;

  // Length-tracking views on the (resizable) physical memory buffer: typed-array
  // element access is several times faster than DataView in V8. Little-endian host.
  private u8: Uint8Array;
  private u16: Uint16Array;
  private u32: Uint32Array;

  constructor(readonly mem: PhysicalMemory) {
    this.mmu = new Arm64Mmu(mem);
    this.u8 = mem.bytes;
    this.u16 = new Uint16Array(mem.bytes.buffer);
    this.u32 = new Uint32Array(mem.bytes.buffer);
    // Physical memory replaces its buffer when it grows (phys-memory.ts).
    mem.onGrowth(() => {
      this.u8 = mem.bytes;
      this.u16 = new Uint16Array(mem.bytes.buffer);
      this.u32 = new Uint32Array(mem.bytes.buffer);
    });
    for (const [k, v] of Object.entries(SYSREG_RESET)) this.sysStore.set(k, v);
  }

  get el(): 0 | 1 {
    return this.curEl;
  }

  // ---- public register API (bigint, off the hot path) ----

  getX(i: number): bigint {
    if (i < 0 || i > 31) throw new RangeError(`x${i}`);
    return toBig(this.xlo[i]!, this.xhi[i]!);
  }

  setX(i: number, v: bigint): void {
    if (i < 0 || i > 30) throw new RangeError(`x${i}`);
    fromBig(v);
    this.xlo[i] = res[0];
    this.xhi[i] = res[1];
  }

  get sp(): bigint {
    return toBig(this.xlo[SP]!, this.xhi[SP]!);
  }

  set sp(v: bigint) {
    fromBig(v);
    this.xlo[SP] = res[0];
    this.xhi[SP] = res[1];
  }

  get nzcv(): number {
    return (this.n << 3) | (this.z << 2) | (this.c << 1) | this.v;
  }

  set nzcv(f: number) {
    this.n = (f >> 3) & 1;
    this.z = (f >> 2) & 1;
    this.c = (f >> 1) & 1;
    this.v = f & 1;
  }

  /** PSTATE in SPSR layout (what an exception would save). */
  get pstate(): number {
    return pstateBits(this);
  }

  usesSpEl1(): boolean {
    return this.curEl === 1 && this.spsel === 1;
  }

  /** Change EL and PSTATE.SP, banking the stack pointers (ARM ARM D1.6.2). */
  setMode(el: 0 | 1, spsel: number): void {
    const wasH = this.usesSpEl1();
    const isH = el === 1 && spsel === 1;
    if (wasH !== isH) {
      const cur = this.sp;
      if (wasH) this.spEl1Bank = cur;
      else this.spEl0Bank = cur;
      this.sp = isH ? this.spEl1Bank : this.spEl0Bank;
    }
    if (el !== this.curEl) {
      this.stats.modeSwitches++;
      this.fetchPage = NaN;
    }
    this.curEl = el;
    this.spsel = spsel;
    this.panActive = this.panBit === 1 && el === 1;
  }

  sysreg(name: string): bigint {
    return readSysreg(this, name);
  }

  setSysreg(name: string, value: bigint): void {
    writeSysreg(this, name, value);
  }

  /** Drop the one-entry fetch translation (after TTBR/SCTLR writes and TLB maintenance). */
  invalidateFetch(): void {
    this.fetchPage = NaN;
  }

  /** TLBI VMALLE1 (also what the kernel calls after editing tables from TypeScript). */
  flushTlb(): void {
    this.mmu.tlb.flushAll();
    this.fetchPage = NaN;
    this.syncTlbStats();
  }

  /** TLBI VAE1: drop one page. */
  flushTlbPage(va: number): void {
    this.mmu.tlb.flushPage(Math.floor(va / 4096));
    this.fetchPage = NaN;
    this.syncTlbStats();
  }

  /** Copy the MMU's counters into stats (done at the end of run and before hooks). */
  syncTlbStats(): void {
    const t = this.mmu.tlb;
    this.stats.tlbHits = t.hits;
    this.stats.tlbMisses = t.misses;
    this.stats.tlbFlushes = t.flushes;
    this.stats.pageWalks = this.mmu.pageWalks;
  }

  /** Debugger translation: no TLB fill, no counters, no exception. */
  translate(va: number): Translation | { fsc: number } {
    return this.mmu.probe(va);
  }

  disassembleAt(addr: number, count: number): DisassemblyLine[] {
    return disassembleVirt(this.mmu, addr, count);
  }

  // ---- memory access for the executor ----

  private abort(va: number, access: number): void {
    const fsc = this.mmu.lastFsc;
    if (access === ACCESS_EXEC) {
      takeException(this, this.curEl === 0 ? EC_IABT_LOWER : EC_IABT_CUR, fsc, this.insnPc, va);
    } else {
      const wnr = access === ACCESS_WRITE ? 1 << 6 : 0;
      takeException(this, this.curEl === 0 ? EC_DABT_LOWER : EC_DABT_CUR, wnr | fsc, this.insnPc, va);
    }
  }

  /** Physical byte addresses for an LDTR/STTR at EL1 (EL0 permissions, no PAN), or null after the abort. */
  unprivilegedPas(va: number, bytes: number, isWrite: boolean): number[] | null {
    const access = isWrite ? ACCESS_WRITE : ACCESS_READ;
    const pas: number[] = [];
    for (let i = 0; i < bytes; i++) {
      const a = va + i;
      if (i > 0 && (a & 0xfff) !== 0) {
        pas.push(pas[i - 1]! + 1);
        continue;
      }
      const pa = this.mmu.translate(a, access, 0);
      if (pa < 0) {
        this.abort(a, access);
        return null;
      }
      pas.push(pa);
    }
    return pas;
  }

  /** Data abort with DFSC 0x21 (alignment fault) for va. */
  alignmentFault(va: number, isWrite: boolean): void {
    const iss = (isWrite ? 1 << 6 : 0) | 0x21;
    takeException(this, this.curEl === 0 ? EC_DABT_LOWER : EC_DABT_CUR, iss, this.insnPc, va);
  }

  /** Physical address for a data access, or -1 after raising the abort. */
  xlate(va: number, access: number): number {
    // TLB hit path inlined from Tlb.lookup (the common case of every load/store).
    const tlb = this.mmu.tlb;
    const off = va & 0xfff;
    const vpn = (va - off) / 4096;
    const i = vpn & tlb.mask;
    if (tlb.tag[i] === vpn && (tlb.perm[i]! & ((1 << access) << (this.curEl * 3))) !== 0) {
      tlb.hits++;
      if (this.panActive && (tlb.perm[i]! & (PERM_EL0_R | PERM_EL0_W)) !== 0) return this.panFault(va, access);
      return tlb.frame[i]! + off;
    }
    const pa = this.mmu.translate(va, access, this.curEl);
    if (pa < 0) this.abort(va, access);
    else if (this.panActive) {
      const t = this.mmu.probe(va);
      if ('perm' in t && (t.perm & (PERM_EL0_R | PERM_EL0_W)) !== 0) return this.panFault(va, access);
    }
    return pa;
  }

  /**
   * PSTATE.PAN (FEAT_PAN, ARM ARM D8.4.4): EL1 data accesses to memory EL0 can
   * access take a permission fault, the AArch64 counterpart of x86 SMAP.
   */
  private panFault(va: number, access: number): number {
    const t = this.mmu.probe(va);
    this.mmu.lastFsc = FSC_PERMISSION + ('level' in t ? t.level : 3);
    this.abort(va, access);
    return -1;
  }

  /** PSTATE.PAN (0/1). */
  get pan(): number {
    return this.panBit;
  }

  set pan(v: number) {
    this.panBit = v & 1;
    this.panActive = this.panBit === 1 && this.curEl === 1;
  }

  /** Load `size` bytes (1, 2, 4, 8) zero-extended into tLo/tHi; false if it faulted. */
  load(va: number, size: number): boolean {
    const off = va & 0xfff;
    if (off + size > 4096) return loadSplit(this, va, size);
    const pa = this.xlate(va, ACCESS_READ);
    if (pa < 0) return false;
    if ((pa & (size - 1)) !== 0) return loadSplit(this, va, size);
    if (size === 8) {
      this.tLo = this.u32[pa >>> 2]!;
      this.tHi = this.u32[(pa >>> 2) + 1]!;
    } else {
      this.tHi = 0;
      this.tLo = size === 4 ? this.u32[pa >>> 2]! : size === 2 ? this.u16[pa >>> 1]! : this.u8[pa]!;
    }
    return true;
  }

  store(va: number, size: number, lo: number, hi: number): boolean {
    const off = va & 0xfff;
    if (off + size > 4096) return storeSplit(this, va, size, lo, hi);
    const pa = this.xlate(va, ACCESS_WRITE);
    if (pa < 0) return false;
    if ((pa & (size - 1)) !== 0) return storeSplit(this, va, size, lo, hi);
    if (size === 8) {
      this.u32[pa >>> 2] = lo;
      this.u32[(pa >>> 2) + 1] = hi;
    } else if (size === 4) this.u32[pa >>> 2] = lo;
    else if (size === 2) this.u16[pa >>> 1] = lo;
    else this.u8[pa] = lo;
    return true;
  }

  /** Fetch the instruction at pc, or -1 after raising the abort. */
  private fetchSlow(pc: number): number {
    if ((pc & 3) !== 0) {
      takeException(this, EC_PC_ALIGN, 0, pc, pc);
      return -1;
    }
    const pa = this.mmu.translate(pc, ACCESS_EXEC, this.curEl);
    if (pa < 0) {
      this.abort(pc, ACCESS_EXEC);
      return -1;
    }
    this.fetchPage = pc - (pc & 0xfff);
    this.fetchPa = pa - (pc & 0xfff);
    return this.u32[pa >>> 2]!;
  }

  // ---- run loop ----

  step(): StopReason {
    return this.run(1);
  }

  /** Fold the instructions retired so far in this run into stats.instructions. */
  syncRetired(): void {
    this.stats.instructions += this.retiredInRun;
    this.retiredInRun = 0;
  }

  run(budget: number): StopReason {
    const bps = this.breakpoints;
    const hooks = this.hooks;
    const u32 = this.u32;
    this.retiredInRun = 0;
    let result: StopReason = BUDGET;
    for (let i = 0; i < budget; i++) {
      const pc = this.pc;
      if (i > 0 && bps.size !== 0 && bps.has(pc)) {
        result = { kind: 'breakpoint', addr: pc };
        break;
      }
      if (this.irqLine && (this.daif & 2) === 0) {
        takeException(this, 0, 0, pc, null, true);
        if (this.stop !== null) break;
        continue;
      }
      if (this.curEl === 1 && hooks.size !== 0) {
        const hook = hooks.get(pc);
        if (hook !== undefined) {
          // Hooks are kernel code: let them see up-to-date counters.
          this.syncRetired();
          this.syncTlbStats();
          const r = hook(this);
          this.pc = Number(BigInt.asIntN(64, this.getX(30))); // the hook "returns" like ret
          if (r !== undefined) {
            result = r;
            break;
          }
          continue;
        }
      }
      this.insnPc = pc;
      let word: number;
      if (pc - (pc & 0xfff) === this.fetchPage && (pc & 3) === 0) word = u32[(this.fetchPa + (pc & 0xfff)) >>> 2]!;
      else {
        word = this.fetchSlow(pc);
        if (word < 0) {
          if (this.stop !== null) break;
          continue;
        }
      }
      this.pc = pc + 4;
      this.insn[0] = word;
      dispatch(word)(this);
      this.retiredInRun++;
      if (this.stop !== null) break;
    }
    this.syncRetired();
    this.syncTlbStats();
    if (this.stop !== null) {
      result = this.stop;
      this.stop = null;
    }
    return result;
  }
}
