// System instructions (ARM ARM C4.1.93, C5): hints (nop, wfi, ...), barriers,
// MSR (immediate) for DAIFSet/DAIFClr/SPSel, MRS/MSR (register) through
// sysregs.ts, SYS (the named operations in sys-aliases.ts; TLB maintenance is
// what it models) and SYSL (all UNDEFINED).
import { fromBig, res, toBig, toSignedNumber } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { EC_WFX, takeException, undefinedInstruction } from './exceptions.js';
import { imm, rz } from './fmt.js';
import { sysAliasOf } from './sys-aliases.js';
import { SYSREG_BY_KEY, sysregKey } from './sysregs.js';
import type { InsnRow } from './types.js';

const SCTLR_NTWI = 1n << 16n;

function hintExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const op = (w >>> 5) & 0x7f;
  if (op !== 3) return; // NOP, YIELD, WFE, SEV, ... complete immediately
  if (c.el === 0) {
    // WFI at EL0 traps unless SCTLR_EL1.nTWI (ARM ARM D1.19.2); if not trapped it
    // may complete at once, which is what we do so user code never parks the CPU.
    if ((c.sysreg('SCTLR_EL1') & SCTLR_NTWI) === 0n) takeException(c, EC_WFX, (1 << 24) | (0xe << 20), c.insnPc, null);
    return;
  }
  c.stop = { kind: 'wfi' };
}

// Hints objdump names; all execute as NOP here (no PAuth, BTI, RAS or SPE).
const HINT_NAMES: Record<number, string> = {
  0: 'nop', 1: 'yield', 2: 'wfe', 3: 'wfi', 4: 'sev', 5: 'sevl', 7: 'xpaclri', 8: 'pacia1716', 10: 'pacib1716',
  12: 'autia1716', 14: 'autib1716', 16: 'esb', 17: 'psb csync', 18: 'tsb csync', 20: 'csdb', 22: 'clearbhb', 24: 'paciaz',
  25: 'paciasp', 26: 'pacibz', 27: 'pacibsp', 28: 'autiaz', 29: 'autiasp', 30: 'autibz', 31: 'autibsp', 32: 'bti',
  34: 'bti\tc', 36: 'bti\tj', 38: 'bti\tjc',
};

function hintDis(w: number): string {
  const op = (w >>> 5) & 0x7f;
  return HINT_NAMES[op] ?? `hint\t${imm(op)}`;
}

const BARRIER_OPTS: Record<number, string> = {
  1: 'oshld', 2: 'oshst', 3: 'osh', 5: 'nshld', 6: 'nshst', 7: 'nsh', 9: 'ishld', 10: 'ishst', 11: 'ish', 13: 'ld', 14: 'st', 15: 'sy',
};

function barrierDis(w: number): string | null {
  const op2 = (w >>> 5) & 7;
  const crm = (w >>> 8) & 15;
  if (op2 === 2) return crm === 15 ? 'clrex' : `clrex\t${imm(crm)}`;
  if (op2 === 6) return crm === 15 ? 'isb' : `isb\t${imm(crm)}`;
  if (op2 === 4 && (crm === 0 || crm === 4)) return crm === 0 ? 'ssbb' : 'pssbb';
  if (op2 === 4 || op2 === 5) return `${op2 === 4 ? 'dsb' : 'dmb'}\t${BARRIER_OPTS[crm] ?? `#0x${crm.toString(16).padStart(2, '0')}`}`;
  return null;
}

function barrierExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  // Barriers order memory; one in-order CPU has nothing to wait for. CLREX opens the monitor.
  if (barrierDis(w) === null) return undefinedInstruction(c);
  if (((w >>> 5) & 7) === 2) c.exclusive = NaN;
}

function pstateField(w: number): string | null {
  const op1 = (w >>> 16) & 7;
  const op2 = (w >>> 5) & 7;
  if (op1 === 3 && op2 === 6) return 'daifset';
  if (op1 === 3 && op2 === 7) return 'daifclr';
  // SPSel and PAN take #0 or #1 (CRm = 000x); objdump prints other CRm values as a
  // generic `msr s0_0_c4_cN_op2, xzr`, not as the field, so they are unallocated here.
  if (op1 === 0 && op2 === 5) return ((w >>> 8) & 15) <= 1 ? 'spsel' : null;
  if (op1 === 0 && op2 === 4) return ((w >>> 8) & 15) <= 1 ? 'pan' : null;
  return null;
}

function msrImmExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const field = pstateField(w);
  const crm = (w >>> 8) & 15;
  if (field === null || c.el === 0) return undefinedInstruction(c);
  if (field === 'daifset') c.daif |= crm;
  else if (field === 'daifclr') c.daif &= ~crm & 15;
  else if (field === 'pan') c.pan = crm & 1;
  else c.setMode(c.el, crm & 1);
}

function msrImmDis(w: number): string | null {
  const field = pstateField(w);
  return field === null ? null : `msr\t${field}, ${imm((w >>> 8) & 15)}`;
}

function sysregFields(w: number): [number, number, number, number, number] {
  return [2 + ((w >>> 19) & 1), (w >>> 16) & 7, (w >>> 12) & 15, (w >>> 8) & 15, (w >>> 5) & 7];
}

function sysregName(w: number): string {
  const f = sysregFields(w);
  const def = SYSREG_BY_KEY.get(sysregKey(...f));
  return def ? def.name.toLowerCase() : `s${f[0]}_${f[1]}_c${f[2]}_c${f[3]}_${f[4]}`;
}

function mrsMsrExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const def = SYSREG_BY_KEY.get(sysregKey(...sysregFields(w)));
  const read = (w >>> 21) & 1;
  const rt = w & 31;
  if (def === undefined) return undefinedInstruction(c);
  if (c.el === 0 && (def.el0 === 'none' || (!read && def.el0 !== 'rw'))) return undefinedInstruction(c);
  // SP_EL1 is only reachable from EL2; SP_EL0 is UNDEFINED while it is the current SP.
  if (def.name === 'SP_EL1' || (def.name === 'SP_EL0' && c.spsel === 0)) return undefinedInstruction(c);
  if (read) {
    fromBig(c.sysreg(def.name));
    if (rt !== 31) {
      c.xlo[rt] = res[0];
      c.xhi[rt] = res[1];
    }
    return;
  }
  if (def.readOnly) return undefinedInstruction(c);
  c.setSysreg(def.name, toBig(c.xlo[rt]!, c.xhi[rt]!));
}

function mrsMsrDis(w: number): string {
  const rt = rz(w & 31, true);
  return (w >>> 21) & 1 ? `mrs\t${rt}, ${sysregName(w)}` : `msr\t${sysregName(w)}, ${rt}`;
}

/**
 * The SYS operations this CPU models (ARMv8.0 at EL0/EL1: no EL2/EL3, MTE, TLBI
 * ranges or outer-shareable ops); any other SYS word is UNDEFINED, so SIGILL at EL0
 * as on Linux. `el0`: allowed at EL0 as with SCTLR_EL1.UCI = 1 (Linux); `el1`: EL1
 * only. There are no caches, so both complete at once. DC ZVA is absent on purpose:
 * DCZID_EL0.DZP = 1 here (zeroing prohibited), so it is UNDEFINED at every level.
 */
const MODELLED: Readonly<Record<string, 'el0' | 'el1' | 'flush-all' | 'flush-page'>> = {
  'ic ivau': 'el0', 'dc cvac': 'el0', 'dc cvau': 'el0', 'dc civac': 'el0',
  'ic ialluis': 'el1', 'ic iallu': 'el1', 'dc ivac': 'el1', 'dc isw': 'el1', 'dc csw': 'el1', 'dc cisw': 'el1',
  'tlbi vmalle1is': 'flush-all', 'tlbi vmalle1': 'flush-all', 'tlbi aside1is': 'flush-all', 'tlbi aside1': 'flush-all',
  'tlbi vae1is': 'flush-page', 'tlbi vaae1is': 'flush-page', 'tlbi vale1is': 'flush-page', 'tlbi vaale1is': 'flush-page',
  'tlbi vae1': 'flush-page', 'tlbi vaae1': 'flush-page', 'tlbi vale1': 'flush-page', 'tlbi vaale1': 'flush-page',
};

function sysExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const alias = sysAliasOf(w);
  const what = alias === undefined ? undefined : MODELLED[`${alias.kind} ${alias.name}`];
  if (what === undefined || (c.el === 0 && what !== 'el0')) return undefinedInstruction(c);
  if (what === 'el0' || what === 'el1') return;
  if (what === 'flush-all') return c.flushTlb();
  // VAE1 and friends: Xt[43:0] holds VA[55:12] (ARM ARM C5.5).
  const rt = w & 31;
  const page = toSignedNumber(c.xlo[rt]!, c.xhi[rt]! & 0xfff) * 4096;
  // VA[63:56] come from sign extension of bit 55 for the upper half.
  const va = page >= 2 ** 55 ? page - 2 ** 56 : page;
  c.flushTlbPage(va);
}

/** `#op1, Cn, Cm, #op2` of a SYS/SYSL word. */
function sysFields(w: number): string {
  return `#${(w >>> 16) & 7}, C${(w >>> 12) & 15}, C${(w >>> 8) & 15}, #${(w >>> 5) & 7}`;
}

function sysDis(w: number): string {
  const rt = w & 31;
  const alias = sysAliasOf(w);
  if (alias !== undefined) return alias.needsReg ? `${alias.kind}\t${alias.name}, ${rz(rt, true)}` : `${alias.kind}\t${alias.name}`;
  return `sys\t${sysFields(w)}${rt === 31 ? '' : `, ${rz(rt, true)}`}`;
}

// SYSL: no SYSL operation is defined for EL0/EL1 in ARMv8.0, so every one is UNDEFINED.
function syslDis(w: number): string {
  return `sysl\t${rz(w & 31, true)}, ${sysFields(w)}`;
}

export const SYSTEM_ROWS: InsnRow[] = [
  { mask: 0xfffff01f, value: 0xd503201f, form: 'hint', exec: hintExec, disasm: hintDis },
  { mask: 0xfffff01f, value: 0xd503301f, form: 'barrier', exec: barrierExec, disasm: barrierDis },
  { mask: 0xfff8f01f, value: 0xd500401f, form: 'msr-imm', exec: msrImmExec, disasm: msrImmDis },
  { mask: 0xffd00000, value: 0xd5100000, form: 'mrs-msr', exec: mrsMsrExec, disasm: mrsMsrDis },
  { mask: 0xfff80000, value: 0xd5080000, form: 'sys', exec: sysExec, disasm: sysDis },
  { mask: 0xfff80000, value: 0xd5280000, form: 'sysl', exec: undefinedInstruction, disasm: syslDis },
];

