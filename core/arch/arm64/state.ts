// A JSON-safe snapshot of the architectural state (registers, PSTATE, system
// registers), so the machine facade can save/restore or diff a CPU. Memory and
// TLB contents are not included: memory belongs to PhysicalMemory, and the TLB is
// flushed on restore as after a context switch.
import type { Arm64Cpu } from './cpu.js';
import { SYSREGS } from './sysregs.js';

export interface Arm64State {
  /** x0..x30 as 0x-hex unsigned strings. */
  x: string[];
  pc: number;
  /** PSTATE in SPSR layout (NZCV, DAIF, M[3:0] = EL and SP selection). */
  pstate: number;
  sysregs: Record<string, string>;
}

const hex = (v: bigint): string => '0x' + v.toString(16);

export function saveState(cpu: Arm64Cpu): Arm64State {
  const sysregs: Record<string, string> = {};
  for (const d of SYSREGS) if (d.name !== 'CNTVCT_EL0') sysregs[d.name] = hex(cpu.sysreg(d.name));
  return {
    x: Array.from({ length: 31 }, (_, i) => hex(cpu.getX(i))),
    pc: cpu.pc,
    pstate: cpu.pstate,
    sysregs,
  };
}

export function loadState(cpu: Arm64Cpu, s: Arm64State): void {
  const m = s.pstate & 0xf;
  cpu.setMode((m >> 2) as 0 | 1, m & 1);
  for (const [name, v] of Object.entries(s.sysregs)) {
    if (name === 'CurrentEL' || name === 'SPSel' || name === 'NZCV' || name === 'DAIF' || name === 'PAN') continue;
    cpu.setSysreg(name, BigInt(v));
  }
  s.x.forEach((v, i) => cpu.setX(i, BigInt(v)));
  cpu.nzcv = s.pstate >>> 28;
  cpu.daif = (s.pstate >>> 6) & 0xf;
  cpu.pan = (s.pstate >>> 22) & 1;
  cpu.pc = s.pc;
  cpu.exclusive = NaN;
  cpu.flushTlb();
}
