// Register-file helpers for the executor rows: slot 31 reads as zero (XZR/WZR),
// slot 32 is the current stack pointer (cpu.ts SP).
import type { Arm64Cpu } from './cpu.js';
import { flags } from './alu.js';
import { EC_SP_ALIGN, takeException } from './exceptions.js';

/**
 * Stack alignment check (ARM ARM D1.8.2): a load/store whose base is SP faults
 * with EC 0x26 when SP is not 16-byte aligned and SCTLR_EL1.SA0 (EL0) / SA (EL1) is set.
 */
export function spAligned(c: Arm64Cpu, rn: number): boolean {
  if (rn !== 31 || (c.xlo[32]! & 15) === 0 || !c.spAlignCheck[c.el]) return true;
  takeException(c, EC_SP_ALIGN, 0, c.insnPc, null);
  return false;
}

/** Write a result to Rd where 31 means the zero register (discard). */
export function wr(c: Arm64Cpu, rd: number, lo: number, hi: number): void {
  if (rd !== 31) {
    c.xlo[rd] = lo;
    c.xhi[rd] = hi;
  }
}

/** Write a result to Rd where 31 means SP. */
export function wrSp(c: Arm64Cpu, rd: number, lo: number, hi: number): void {
  const i = rd === 31 ? 32 : rd;
  c.xlo[i] = lo;
  c.xhi[i] = hi;
}

/** Register slot for an operand where 31 means SP. */
export function sp31(r: number): number {
  return r === 31 ? 32 : r;
}

export function setNZCV(c: Arm64Cpu): void {
  c.n = flags[0];
  c.z = flags[1];
  c.c = flags[2];
  c.v = flags[3];
}

/** Flags of a logical op (ANDS/BICS): N, Z from the result, C = V = 0. */
export function setLogicFlags(c: Arm64Cpu, lo: number, hi: number, is64: boolean): void {
  c.n = (is64 ? hi : lo) >>> 31;
  c.z = (is64 ? (lo | hi) === 0 : lo === 0) ? 1 : 0;
  c.c = 0;
  c.v = 0;
}

/** ConditionHolds (ARM ARM J1.2.x) for cond 0..15. */
export function condHolds(c: Arm64Cpu, cond: number): boolean {
  let r: boolean;
  switch (cond >> 1) {
    case 0:
      r = c.z === 1;
      break;
    case 1:
      r = c.c === 1;
      break;
    case 2:
      r = c.n === 1;
      break;
    case 3:
      r = c.v === 1;
      break;
    case 4:
      r = c.c === 1 && c.z === 0;
      break;
    case 5:
      r = c.n === c.v;
      break;
    case 6:
      r = c.n === c.v && c.z === 0;
      break;
    default:
      return true; // AL and NV both mean always
  }
  return (cond & 1) === 1 ? !r : r;
}
