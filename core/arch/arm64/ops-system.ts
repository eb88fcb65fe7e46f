// System instructions (ARM ARM C4.1.93, C5): hints (nop, wfi, ...), barriers,
// MSR (immediate) for DAIFSet/DAIFClr/SPSel, MRS/MSR (register) through
// sysregs.ts, and SYS for TLB maintenance (tlbi vmalle1, vae1, ...).
import { fromBig, res, toBig, toSignedNumber } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { EC_WFX, takeException, undefinedInstruction } from './exceptions.js';
import { imm, rz } from './fmt.js';
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
  if (op1 === 0 && op2 === 5) return 'spsel';
  if (op1 === 0 && op2 === 4) return ((w >>> 8) & 15) <= 1 ? 'pan' : null; // PAN takes #0 or #1
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

const TLBI_OPS: Record<number, string> = {
  // op1=0, CRn=8: CRm<<3 | op2
  [(3 << 3) | 0]: 'vmalle1is', [(3 << 3) | 1]: 'vae1is', [(3 << 3) | 2]: 'aside1is', [(3 << 3) | 3]: 'vaae1is',
  [(3 << 3) | 5]: 'vale1is', [(3 << 3) | 7]: 'vaale1is',
  [(7 << 3) | 0]: 'vmalle1', [(7 << 3) | 1]: 'vae1', [(7 << 3) | 2]: 'aside1', [(7 << 3) | 3]: 'vaae1',
  [(7 << 3) | 5]: 'vale1', [(7 << 3) | 7]: 'vaale1',
};

/** DC/IC operations by op1:CRn:CRm:op2 (bits 18:5): [kind, name, allowed at EL0]. */
const CACHE_OPS: Record<number, [string, string, boolean]> = {};
function cacheOp(op1: number, crm: number, op2: number, kind: string, name: string, el0: boolean): void {
  CACHE_OPS[(op1 << 11) | (7 << 7) | (crm << 3) | op2] = [kind, name, el0];
}
cacheOp(0, 1, 0, 'ic', 'ialluis', false);
cacheOp(0, 5, 0, 'ic', 'iallu', false);
cacheOp(3, 5, 1, 'ic', 'ivau', true);
cacheOp(0, 6, 1, 'dc', 'ivac', false);
cacheOp(0, 6, 2, 'dc', 'isw', false);
cacheOp(0, 10, 2, 'dc', 'csw', false);
cacheOp(0, 14, 2, 'dc', 'cisw', false);
cacheOp(3, 4, 1, 'dc', 'zva', true);
cacheOp(3, 10, 1, 'dc', 'cvac', true);
cacheOp(3, 11, 1, 'dc', 'cvau', true);
cacheOp(3, 14, 1, 'dc', 'civac', true);

function tlbiName(w: number): string | undefined {
  const op1 = (w >>> 16) & 7;
  const crn = (w >>> 12) & 15;
  if (op1 !== 0 || crn !== 8) return undefined;
  return TLBI_OPS[(((w >>> 8) & 15) << 3) | ((w >>> 5) & 7)];
}

function sysExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const cache = CACHE_OPS[(w >>> 5) & 0x3fff];
  if (cache !== undefined) {
    // No caches to maintain. EL0 may clean/invalidate by VA as with SCTLR_EL1.UCI = 1
    // (Linux); DC ZVA is prohibited (DCZID_EL0.DZP = 1) and set/way ops are EL1-only.
    if (cache[1] === 'zva' || (c.el === 0 && !cache[2])) undefinedInstruction(c);
    return;
  }
  if (c.el === 0) return undefinedInstruction(c);
  const name = tlbiName(w);
  if (name === undefined) return undefinedInstruction(c);
  if (name.startsWith('vmalle1') || name.startsWith('aside1')) return c.flushTlb();
  // VAE1 and friends: Xt[43:0] holds VA[55:12] (ARM ARM C5.5).
  const rt = w & 31;
  const page = toSignedNumber(c.xlo[rt]!, c.xhi[rt]! & 0xfff) * 4096;
  // VA[63:56] come from sign extension of bit 55 for the upper half.
  const va = page >= 2 ** 55 ? page - 2 ** 56 : page;
  c.flushTlbPage(va);
}

function sysDis(w: number): string {
  const cache = CACHE_OPS[(w >>> 5) & 0x3fff];
  if (cache !== undefined) {
    const rt = w & 31;
    return cache[0] === 'ic' && cache[1].startsWith('iall') ? `ic\t${cache[1]}${rt === 31 ? '' : `, ${rz(rt, true)}`}` : `${cache[0]}\t${cache[1]}, ${rz(rt, true)}`;
  }
  const name = tlbiName(w);
  const rt = w & 31;
  if (name !== undefined) return name.includes('all') || name === 'vmalle1' || name === 'vmalle1is' ? `tlbi\t${name}` : `tlbi\t${name}, ${rz(rt, true)}`;
  const op1 = (w >>> 16) & 7;
  const crn = (w >>> 12) & 15;
  const crm = (w >>> 8) & 15;
  const op2 = (w >>> 5) & 7;
  return `sys\t#${op1}, C${crn}, C${crm}, #${op2}${rt === 31 ? '' : `, ${rz(rt, true)}`}`;
}

export const SYSTEM_ROWS: InsnRow[] = [
  { mask: 0xfffff01f, value: 0xd503201f, form: 'hint', exec: hintExec, disasm: hintDis },
  { mask: 0xfffff01f, value: 0xd503301f, form: 'barrier', exec: barrierExec, disasm: barrierDis },
  { mask: 0xfff8f01f, value: 0xd500401f, form: 'msr-imm', exec: msrImmExec, disasm: msrImmDis },
  { mask: 0xffd00000, value: 0xd5100000, form: 'mrs-msr', exec: mrsMsrExec, disasm: mrsMsrDis },
  { mask: 0xfff80000, value: 0xd5080000, form: 'sys', exec: sysExec, disasm: sysDis },
];

