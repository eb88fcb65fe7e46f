// movs/stos/lods/scas/cmps with optional rep/repz/repnz (SDM Vol 2B MOVS, STOS, LODS, SCAS, CMPS, REP). A rep runs at most
// REP_CHUNK iterations per step and then restarts itself, so a huge RCX cannot hang
// the host and interrupts/budgets stay responsive; RCX/RSI/RDI are always current,
// which also makes a fault mid-way restartable exactly as on hardware.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { DF, RAX, RCX, RDI, RSI } from './registers.js';
import { ALU_CMP } from './alu-flags.js';

const REP_CHUNK = 4096;

function add64(cpu: X86Cpu, r: number, n: number): void {
  const s = (cpu.lo[r]! >>> 0) + n;
  const carry = Math.floor(s / 4294967296);
  cpu.lo[r] = s | 0;
  cpu.hi[r] = (cpu.hi[r]! + carry) | 0;
}

function rcxZero(cpu: X86Cpu): boolean {
  return (cpu.lo[RCX]! | cpu.hi[RCX]!) === 0;
}

export function movs(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const step = (cpu.sysFlags & DF) !== 0 ? -size : size;
  const segBase = i.seg === 0x64 ? cpu.msrs.fsBase : i.seg === 0x65 ? cpu.msrs.gsBase : 0;
  const rep = i.rep !== 0;
  for (let n = 0; !rep || n < REP_CHUNK; n++) {
    if (rep && rcxZero(cpu)) return;
    const v = cpu.rdM(size, cpu.regNum(RSI) + segBase);
    cpu.wrM(size, cpu.regNum(RDI), v, cpu.eh);
    add64(cpu, RSI, step);
    add64(cpu, RDI, step);
    if (!rep) return;
    add64(cpu, RCX, -1);
  }
  if (!rcxZero(cpu)) cpu.rip -= i.len; // run again: the rest of the count
}

export function stos(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const step = (cpu.sysFlags & DF) !== 0 ? -size : size;
  const v = cpu.getR(size, RAX);
  const vh = cpu.eh;
  const rep = i.rep !== 0;
  for (let n = 0; !rep || n < REP_CHUNK; n++) {
    if (rep && rcxZero(cpu)) return;
    cpu.wrM(size, cpu.regNum(RDI), v, vh);
    add64(cpu, RDI, step);
    if (!rep) return;
    add64(cpu, RCX, -1);
  }
  if (!rcxZero(cpu)) cpu.rip -= i.len; // run again: the rest of the count
}

/** lods: accumulator = [rsi]; rsi += step (a 32-bit load zero-extends RAX). */
export function lods(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const step = (cpu.sysFlags & DF) !== 0 ? -size : size;
  const segBase = i.seg === 0x64 ? cpu.msrs.fsBase : i.seg === 0x65 ? cpu.msrs.gsBase : 0;
  const rep = i.rep !== 0;
  for (let n = 0; !rep || n < REP_CHUNK; n++) {
    if (rep && rcxZero(cpu)) return;
    const v = cpu.rdM(size, cpu.regNum(RSI) + segBase);
    cpu.setR(size, RAX, v, cpu.eh);
    add64(cpu, RSI, step);
    if (!rep) return;
    add64(cpu, RCX, -1);
  }
  if (!rcxZero(cpu)) cpu.rip -= i.len;
}

/**
 * scas (accumulator − [rdi]) and cmps ([rsi] − [rdi]): flags of the subtraction.
 * repz/repe stops when ZF = 0, repnz/repne when ZF = 1 (SDM Vol 2B REP).
 */
function compareString(cpu: X86Cpu, i: Inst, withRsi: boolean): void {
  const size = i.size;
  const step = (cpu.sysFlags & DF) !== 0 ? -size : size;
  const segBase = i.seg === 0x64 ? cpu.msrs.fsBase : i.seg === 0x65 ? cpu.msrs.gsBase : 0;
  const rep = i.rep;
  for (let n = 0; rep === 0 || n < REP_CHUNK; n++) {
    if (rep !== 0 && rcxZero(cpu)) return;
    let a: number;
    let ah = 0;
    if (withRsi) {
      a = cpu.rdM(size, cpu.regNum(RSI) + segBase);
      ah = cpu.eh;
    } else {
      a = cpu.getR(size, RAX);
      ah = cpu.eh;
    }
    const b = cpu.rdM(size, cpu.regNum(RDI));
    if (size === 8) cpu.fl.alu64(ALU_CMP, a, ah, b, cpu.eh);
    else cpu.fl.alu(ALU_CMP, a, b, size);
    if (withRsi) add64(cpu, RSI, step);
    add64(cpu, RDI, step);
    if (rep === 0) return;
    add64(cpu, RCX, -1);
    const zf = cpu.fl.zf();
    if ((rep === 0xf3 && !zf) || (rep === 0xf2 && zf)) return;
  }
  if (!rcxZero(cpu)) cpu.rip -= i.len;
}

export function scas(cpu: X86Cpu, i: Inst): void {
  compareString(cpu, i, false);
}

export function cmps(cpu: X86Cpu, i: Inst): void {
  compareString(cpu, i, true);
}
