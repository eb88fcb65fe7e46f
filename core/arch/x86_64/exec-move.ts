// Data movement: mov, movzx/movsx/movsxd, lea, xchg, cmovcc, setcc, bt.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { RIP_BASE } from './registers.js';

/** mov E, G */
export function movEG(cpu: X86Cpu, i: Inst): void {
  const g = i.reg;
  if (i.size === 8) {
    if (i.rm >= 0) {
      cpu.lo[i.rm] = cpu.lo[g]!;
      cpu.hi[i.rm] = cpu.hi[g]!;
    } else cpu.mmu.write64(cpu.ea(i), cpu.lo[g]!, cpu.hi[g]!);
    return;
  }
  cpu.wrE(i, cpu.getR(i.size, g), 0);
}

/** mov G, E */
export function movGE(cpu: X86Cpu, i: Inst): void {
  const g = i.reg;
  if (i.size === 8) {
    if (i.rm >= 0) {
      cpu.lo[g] = cpu.lo[i.rm]!;
      cpu.hi[g] = cpu.hi[i.rm]!;
    } else {
      cpu.lo[g] = cpu.mmu.read64(cpu.ea(i));
      cpu.hi[g] = cpu.mmu.hi;
    }
    return;
  }
  if (i.size === 4) {
    cpu.lo[g] = i.rm >= 0 ? cpu.lo[i.rm]! : cpu.mmu.read32(cpu.ea(i));
    cpu.hi[g] = 0;
    return;
  }
  cpu.setR(i.size, g, cpu.rdE(i), 0);
}

/** mov E, imm */
export function movEI(cpu: X86Cpu, i: Inst): void {
  cpu.wrE(i, i.imm, i.immHi);
}

/** mov reg, imm (B0+r, B8+r; movabs with REX.W) */
export function movZI(cpu: X86Cpu, i: Inst): void {
  cpu.setR(i.size, i.reg, i.imm, i.immHi);
}

/** lea: the offset only (no segment base, never faults), computed in exact 64-bit halves. */
export function lea(cpu: X86Cpu, i: Inst): void {
  let l = i.disp;
  let h = i.disp >> 31;
  const add = (al: number, ah: number): void => {
    const s = (l >>> 0) + (al >>> 0);
    h = (h + ah + (s > 0xffffffff ? 1 : 0)) | 0;
    l = s | 0;
  };
  if (i.base === RIP_BASE) {
    const r = cpu.rip;
    const rh = Math.floor(r / 4294967296);
    add((r - rh * 4294967296) | 0, rh | 0);
  } else if (i.base >= 0) add(cpu.lo[i.base]!, cpu.hi[i.base]!);
  if (i.index >= 0) {
    const s = i.scale;
    const xl = cpu.lo[i.index]!;
    const xh = cpu.hi[i.index]!;
    if (s === 0) add(xl, xh);
    else add(xl << s, (xh << s) | (xl >>> (32 - s)));
  }
  if (i.addr32) h = 0;
  cpu.setR(i.size, i.reg, l, h);
}

function readSrc(cpu: X86Cpu, i: Inst, size: number): number {
  return i.rm >= 0 ? cpu.getR(size, i.rm) : cpu.rdM(size, cpu.ea(i));
}

/** movzx G, Eb/Ew (op = source size) */
export function movzx(cpu: X86Cpu, i: Inst): void {
  cpu.setR(i.size, i.reg, readSrc(cpu, i, i.op), 0);
}

/** movsx G, Eb/Ew and movsxd G, Ed (op = source size) */
export function movsx(cpu: X86Cpu, i: Inst): void {
  const v = readSrc(cpu, i, i.op);
  const s = i.op === 1 ? (v << 24) >> 24 : i.op === 2 ? (v << 16) >> 16 : v | 0;
  cpu.setR(i.size, i.reg, s, s >> 31);
}

/** xchg E, G (memory operand: implicitly locked, SDM Vol 2B XCHG) */
export function xchgEG(cpu: X86Cpu, i: Inst): void {
  const a = cpu.rdEw(i);
  const ah = cpu.eh;
  const g = cpu.getR(i.size, i.reg);
  const gh = cpu.eh;
  cpu.wbE(i, g, gh);
  cpu.setR(i.size, i.reg, a, ah);
}

/** cmovcc G, E: the source is read (and may fault) even when the condition is false. */
export function cmov(cpu: X86Cpu, i: Inst): void {
  const v = cpu.rdE(i);
  if (cpu.fl.cond(i.op)) cpu.setR(i.size, i.reg, v, cpu.eh);
  else if (i.size === 4) cpu.hi[i.reg] = 0;
}

/** setcc Eb */
export function setcc(cpu: X86Cpu, i: Inst): void {
  cpu.wrE(i, cpu.fl.cond(i.op) ? 1 : 0, 0);
}

/** bt E, G (op 0) / bt E, imm8 (op 1): CF = selected bit. */
export function bt(cpu: X86Cpu, i: Inst): void {
  const bits = i.size * 8;
  let off: number;
  if (i.op === 1) off = i.imm & (bits - 1);
  else {
    const g = cpu.getR(i.size, i.reg);
    if (i.rm >= 0) off = g & (bits - 1);
    else {
      // Register bit offsets address memory beyond the operand (SDM Vol 2A BT).
      const signed = i.size === 8 ? cpu.hi[i.reg]! * 4294967296 + (g >>> 0) : i.size === 4 ? g | 0 : (g << 16) >> 16;
      const unit = Math.floor(signed / bits);
      const va = cpu.ea(i) + unit * i.size;
      const v = cpu.rdM(i.size, va);
      const bit = signed - unit * bits;
      cpu.fl.setCf(bit < 32 ? (v >>> bit) & 1 : (cpu.eh >>> (bit - 32)) & 1);
      return;
    }
  }
  const v = cpu.rdE(i);
  cpu.fl.setCf(off < 32 ? (v >>> off) & 1 : (cpu.eh >>> (off - 32)) & 1);
}
