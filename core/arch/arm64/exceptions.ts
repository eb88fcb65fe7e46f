// Exception entry and return for EL0/EL1 in AArch64 state (ARM ARM D1.10, D1.11):
// ESR/ELR/SPSR/FAR are written, PSTATE becomes EL1h with DAIF masked and the PC
// moves to VBAR_EL1 + the vector offset. With VBAR_EL1 = 0 the exception cannot be
// delivered and the run loop stops with a StopReason instead.
import type { Arm64Cpu } from './cpu.js';

// Exception classes (ESR_ELx.EC, ARM ARM D17.2.37).
export const EC_UNKNOWN = 0x00;
export const EC_WFX = 0x01;
export const EC_ILLEGAL_STATE = 0x0e;
export const EC_SVC64 = 0x15;
export const EC_IABT_LOWER = 0x20;
export const EC_IABT_CUR = 0x21;
export const EC_PC_ALIGN = 0x22;
export const EC_DABT_LOWER = 0x24;
export const EC_DABT_CUR = 0x25;
export const EC_SP_ALIGN = 0x26;
export const EC_BRK64 = 0x3c;

// Vector table offsets (ARM ARM D1.10.2).
export const VEC_CUR_SP0 = 0x000;
export const VEC_CUR_SPX = 0x200;
export const VEC_LOWER_A64 = 0x400;
export const VEC_SYNC = 0x00;
export const VEC_IRQ = 0x80;

const IL = 1 << 25; // 32-bit instruction
const SCTLR_SPAN = 1n << 23n;

/** SPSR_EL1 / PSTATE as the SPSR layout: NZCV[31:28], DAIF[9:6], M[3:0]. */
export function pstateBits(cpu: Arm64Cpu): number {
  const nzcv = (cpu.n << 31) | (cpu.z << 30) | (cpu.c << 29) | (cpu.v << 28);
  return (nzcv | (cpu.pan << 22) | (cpu.daif << 6) | (cpu.el << 2) | cpu.spsel) >>> 0;
}

function vectorBase(cpu: Arm64Cpu): number {
  if (cpu.el === 0) return VEC_LOWER_A64;
  return cpu.spsel ? VEC_CUR_SPX : VEC_CUR_SP0;
}

/** Take a synchronous exception (or IRQ when `irq`) to EL1. `far` is set for aborts. */
export function takeException(cpu: Arm64Cpu, ec: number, iss: number, elr: number, far: number | null, irq = false): void {
  const vbar = cpu.vbar;
  if (vbar === 0) {
    cpu.stop = { kind: 'exception', ec, iss, far: far === null ? null : BigInt.asUintN(64, BigInt(far)), elr };
    cpu.pc = elr;
    return;
  }
  const offset = vectorBase(cpu) + (irq ? VEC_IRQ : VEC_SYNC);
  cpu.exclusive = NaN; // exception entry clears the local monitor (ARM ARM D1.10)
  cpu.setSysreg('SPSR_EL1', BigInt(pstateBits(cpu)));
  cpu.setSysreg('ELR_EL1', BigInt.asUintN(64, BigInt(elr)));
  if (!irq) cpu.setSysreg('ESR_EL1', BigInt(((ec << 26) | IL | (iss & 0x1ffffff)) >>> 0));
  if (far !== null) cpu.setSysreg('FAR_EL1', BigInt.asUintN(64, BigInt(far)));
  cpu.setMode(1, 1);
  cpu.daif = 0xf;
  // SCTLR_EL1.SPAN = 0: PSTATE.PAN is set on taking an exception to EL1 (D1.10.2).
  if ((cpu.sysreg('SCTLR_EL1') & SCTLR_SPAN) === 0n) cpu.pan = 1;
  cpu.pc = vbar + offset;
}

/** Synchronous exception for the instruction at cpu.insnPc with no FAR. */
export function undefinedInstruction(cpu: Arm64Cpu): void {
  takeException(cpu, EC_UNKNOWN, 0, cpu.insnPc, null);
}

/** ERET (ARM ARM C6.2.84): PC ← ELR_EL1, PSTATE ← SPSR_EL1. */
export function exceptionReturn(cpu: Arm64Cpu): void {
  const spsr = Number(cpu.sysreg('SPSR_EL1') & 0xffffffffn);
  const elr = Number(BigInt.asIntN(64, cpu.sysreg('ELR_EL1')));
  const m = spsr & 0x1f;
  // Only EL0t, EL1t and EL1h exist here; anything else is an illegal return (D1.11.5).
  if (m !== 0 && m !== 4 && m !== 5) {
    takeException(cpu, EC_ILLEGAL_STATE, 0, elr, null);
    return;
  }
  cpu.n = (spsr >>> 31) & 1;
  cpu.z = (spsr >>> 30) & 1;
  cpu.c = (spsr >>> 29) & 1;
  cpu.v = (spsr >>> 28) & 1;
  cpu.daif = (spsr >>> 6) & 0xf;
  cpu.exclusive = NaN;
  cpu.setMode((m >> 2) as 0 | 1, m & 1);
  cpu.pan = (spsr >>> 22) & 1;
  cpu.pc = elr;
}
