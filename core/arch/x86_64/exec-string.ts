// movs/stos with optional rep (SDM Vol 2B MOVS, STOS, REP). A rep runs at most
// REP_CHUNK iterations per step and then restarts itself, so a huge RCX cannot hang
// the host and interrupts/budgets stay responsive; RCX/RSI/RDI are always current,
// which also makes a fault mid-way restartable exactly as on hardware.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { DF, RAX, RCX, RDI, RSI } from './registers.js';

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
