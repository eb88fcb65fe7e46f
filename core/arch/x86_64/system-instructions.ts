// System instructions: syscall/sysretq, int n/int3/iretq, swapgs, hlt, cli/sti,
// rdmsr/wrmsr, mov to/from CRn, invlpg, lidt, ud2. Privileged ones raise #GP(0) at
// CPL 3 (SDM Vol 3A 5.9).

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { X86Fault, VEC_BP, VEC_GP, VEC_UD } from '../../mm/x86-64/fault.js';
import { deliverInterrupt } from './interrupts.js';
import { DF, FIXED1, IF, RAX, RCX, RDX, RF, R11, RSP, RBX } from './registers.js';

const TWO32 = 4294967296;

function privileged(cpu: X86Cpu): void {
  if (cpu.cpl !== 0) throw new X86Fault(VEC_GP, 0);
}

export function raiseUd(): void {
  throw new X86Fault(VEC_UD, 0);
}

export function raiseGp(): void {
  throw new X86Fault(VEC_GP, 0);
}

/** SDM Vol 2B SYSCALL. */
export function syscall(cpu: X86Cpu): void {
  const m = cpu.msrs;
  if (!m.sceOn) throw new X86Fault(VEC_UD, 0);
  cpu.setRegNum(RCX, cpu.rip);
  const rflags = cpu.getRflags() & ~RF;
  cpu.lo[R11] = rflags;
  cpu.hi[R11] = 0;
  cpu.setRflags((rflags & ~m.fmaskNum) | FIXED1);
  const sel = m.starSyscallCs;
  cpu.cs = sel & 0xfffc;
  cpu.ss = (sel + 8) & 0xffff;
  cpu.rip = m.lstarNum;
}

/** SDM Vol 2B SYSRET (REX.W form): #GP(0) on a non-canonical RCX, as Intel CPUs do. */
export function sysret(cpu: X86Cpu): void {
  const m = cpu.msrs;
  if (!m.sceOn) throw new X86Fault(VEC_UD, 0);
  privileged(cpu);
  const h = cpu.hi[RCX]!;
  if (h > 0x7fff || h < -0x8000) throw new X86Fault(VEC_GP, 0);
  const target = cpu.regNum(RCX);
  cpu.setRflags(((cpu.lo[R11]! & 0x3c7fd7) | FIXED1) >>> 0);
  const sel = m.starSysretCs;
  cpu.cs = ((sel + 16) | 3) & 0xffff;
  cpu.ss = ((sel + 8) | 3) & 0xffff;
  cpu.rip = target;
}

function softInt(cpu: X86Cpu, i: Inst, vector: number): void {
  cpu.instStart = cpu.rip - i.len; // a fault raised while delivering belongs to the int instruction
  const s = deliverInterrupt(cpu, vector, 0, 0, true, cpu.rip);
  if (s !== null) cpu.requestStop(s);
}

export function intN(cpu: X86Cpu, i: Inst): void {
  softInt(cpu, i, i.imm);
}

export function int3(cpu: X86Cpu, i: Inst): void {
  softInt(cpu, i, VEC_BP);
}

/** iretq: pop RIP, CS, RFLAGS, RSP, SS (SDM Vol 2A IRET, 64-bit mode). */
export function iret(cpu: X86Cpu): void {
  const sp = cpu.regNum(RSP);
  const mmu = cpu.mmu;
  const rd = (k: number): number => {
    const l = mmu.read64(sp + 8 * k);
    return mmu.hi * TWO32 + (l >>> 0);
  };
  const rip = rd(0);
  const cs = rd(1) & 0xffff;
  const rflags = rd(2);
  const rsp = rd(3);
  const ss = rd(4) & 0xffff;
  const newCpl = cs & 3;
  if (newCpl < cpu.cpl) throw new X86Fault(VEC_GP, cs & 0xfffc);
  if (rip >= 0x800000000000 || rip < -0x800000000000) throw new X86Fault(VEC_GP, 0);
  let fl = rflags;
  if (cpu.cpl !== 0) fl = (fl & ~0x3000) | (cpu.getRflags() & 0x3000); // IOPL kept below CPL 0
  cpu.setRflags(fl >>> 0);
  cpu.cs = cs;
  cpu.ss = ss;
  cpu.setRegNum(RSP, rsp);
  cpu.rip = rip;
}

/** swapgs exchanges GS.base with IA32_KERNEL_GS_BASE (SDM Vol 2B SWAPGS). */
export function swapgs(cpu: X86Cpu): void {
  privileged(cpu);
  const m = cpu.msrs;
  const t = m.gsBase;
  m.gsBase = m.kernelGsBase;
  m.kernelGsBase = t;
}

export function hlt(cpu: X86Cpu): void {
  privileged(cpu);
  cpu.requestStop({ kind: 'hlt' });
}

/** cli/sti: IOPL is 0 here, so CPL 3 gets #GP(0) (SDM Vol 2A CLI). */
export function cli(cpu: X86Cpu): void {
  privileged(cpu);
  cpu.sysFlags &= ~IF;
}

export function sti(cpu: X86Cpu): void {
  privileged(cpu);
  cpu.sysFlags |= IF;
}

export function cld(cpu: X86Cpu): void {
  cpu.sysFlags &= ~DF;
}

export function std(cpu: X86Cpu): void {
  cpu.sysFlags |= DF;
}

export function rdmsr(cpu: X86Cpu): void {
  privileged(cpu);
  const v = cpu.msrs.read(cpu.lo[RCX]! >>> 0);
  if (v === undefined) throw new X86Fault(VEC_GP, 0);
  cpu.setR(4, RAX, Number(v & 0xffffffffn), 0);
  cpu.setR(4, RDX, Number(v >> 32n), 0);
}

export function wrmsr(cpu: X86Cpu): void {
  privileged(cpu);
  const v = (BigInt(cpu.lo[RDX]! >>> 0) << 32n) | BigInt(cpu.lo[RAX]! >>> 0);
  cpu.msrs.write(cpu.lo[RCX]! >>> 0, v);
}

/** mov r64, CRn */
export function movFromCr(cpu: X86Cpu, i: Inst): void {
  privileged(cpu);
  let v: number;
  switch (i.reg) {
    case 0:
      v = cpu.cr0 >>> 0;
      break;
    case 2:
      v = cpu.cr2;
      break;
    case 3:
      v = cpu.cr3;
      break;
    case 4:
      v = cpu.cr4;
      break;
    default:
      throw new X86Fault(VEC_UD, 0);
  }
  cpu.setRegNum(i.rm, v);
}

/** mov CRn, r64: a CR3 write flushes the TLB (no global pages modelled). */
export function movToCr(cpu: X86Cpu, i: Inst): void {
  privileged(cpu);
  const v = cpu.regNum(i.rm);
  switch (i.reg) {
    case 0:
      cpu.cr0 = (cpu.lo[i.rm]! | 0x80000001) >>> 0; // PG and PE stay set: long mode only
      cpu.syncPagingControls();
      return;
    case 2:
      cpu.cr2 = v;
      return;
    case 3:
      // Bits 51:12 hold the PML4 address; the rest are flags/reserved here (SDM Vol 3A 4.5).
      cpu.cr3 = (cpu.hi[i.rm]! & 0xfffff) * 4294967296 + ((cpu.lo[i.rm]! & ~0xfff) >>> 0);
      return;
    case 4:
      // Any CR4 write here flushes everything, global entries included (SDM Vol 3A 4.10.4.1 for PGE).
      cpu.cr4 = cpu.lo[i.rm]! >>> 0;
      return;
    default:
      throw new X86Fault(VEC_UD, 0);
  }
}

export function invlpg(cpu: X86Cpu, i: Inst): void {
  privileged(cpu);
  const va = cpu.ea(i);
  cpu.mmu.invlpg(va);
  cpu.codeBase = NaN;
}

/** lidt m16&64 */
export function lidt(cpu: X86Cpu, i: Inst): void {
  privileged(cpu);
  const va = cpu.ea(i);
  const limit = cpu.mmu.read16(va);
  const l = cpu.mmu.read64(va + 2);
  cpu.idtrBase = cpu.mmu.hi * TWO32 + (l >>> 0);
  cpu.idtrLimit = limit;
}

/** rdtsc: the retired-instruction count stands in for the TSC, so runs replay exactly. */
export function rdtsc(cpu: X86Cpu): void {
  const t = cpu.tscSource ? Math.floor(cpu.tscSource()) : cpu.stats.instructions;
  cpu.setR(4, RAX, t % TWO32, 0);
  cpu.setR(4, RDX, Math.floor(t / TWO32), 0);
}

/** cpuid: a minimal GenuineIntel-style answer (leaf 0 vendor, leaf 1 with SSE2). */
export function cpuid(cpu: X86Cpu): void {
  const leaf = cpu.lo[RAX]! >>> 0;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  if (leaf === 0) {
    a = 1;
    b = 0x756e6547; // "Genu"
    d = 0x49656e69; // "ineI"
    c = 0x6c65746e; // "ntel"
  } else if (leaf === 1) {
    a = 0x000806c1;
    d = (1 << 0) | (1 << 4) | (1 << 5) | (1 << 15) | (1 << 23) | (1 << 25) | (1 << 26);
  }
  cpu.setR(4, RAX, a, 0);
  cpu.setR(4, RBX, b, 0);
  cpu.setR(4, RCX, c, 0);
  cpu.setR(4, RDX, d, 0);
}
