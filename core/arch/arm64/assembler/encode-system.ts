// Exception generation, hints, barriers and system register moves
// (ARM ARM C4.1.x "Exception generation", "Hints", "Barriers",
// "System register move"; C6.2 "MSR (immediate)").

import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constInRange, expectCount, fail, immOperand, reg, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';
import { isSysAliasKind, SYS_OPS, type SysAliasKind } from '../sys-aliases.js';
import { lookupSysReg, PSTATE_FIELDS } from './sysregs.js';

const EXCEPTION: Readonly<Record<string, number>> = {
  svc: 0xd4000001, hvc: 0xd4000002, smc: 0xd4000003, brk: 0xd4200000, hlt: 0xd4400000,
};

const FIXED: Readonly<Record<string, number>> = {
  nop: 0xd503201f, yield: 0xd503203f, wfe: 0xd503205f, wfi: 0xd503207f, sev: 0xd503209f, sevl: 0xd50320bf,
  eret: 0xd69f03e0, drps: 0xd6bf03e0, clrex: 0xd5033f5f,
};

const BARRIER_OPTIONS: Readonly<Record<string, number>> = {
  oshld: 1, oshst: 2, osh: 3, nshld: 5, nshst: 6, nsh: 7, ishld: 9, ishst: 10, ish: 11, ld: 13, st: 14, sy: 15,
};

export function isSystemMnemonic(m: string): boolean {
  return m in EXCEPTION || m in FIXED || isSysAliasKind(m) || ['isb', 'dsb', 'dmb', 'msr', 'mrs', 'hint', 'udf', 'sys', 'sysl'].includes(m);
}

function barrier(op: 'isb' | 'dsb' | 'dmb', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, op === 'isb' ? 0 : 1, 1, site);
  let crm = 15;
  const o = ops[0];
  if (o) {
    if (o.kind !== 'imm') return fail('expected a barrier option', o.column);
    const named = o.expr.hash ? undefined : BARRIER_OPTIONS[o.expr.text.toLowerCase()];
    if (op === 'isb' && !o.expr.hash && o.expr.text.toLowerCase() !== 'sy') return fail("'isb' accepts only 'sy' or #imm", o.column);
    crm = named ?? (op === 'isb' && !o.expr.hash ? 15 : constInRange(ctx, o.expr, 0, 15, 'barrier option'));
  }
  const base = op === 'isb' ? 0xd50330df : op === 'dsb' ? 0xd503309f : 0xd50330bf;
  return { word: word(base, crm << 8) };
}

function sysregOperand(o: Operand | undefined, site: InsnSite): { op0: number; op1: number; crn: number; crm: number; op2: number } {
  if (!o || o.kind !== 'imm' || o.expr.hash) return fail('expected a system register name', o?.column ?? site.column);
  const enc = lookupSysReg(o.expr.text);
  if (!enc) return fail(`unknown system register '${o.expr.text}'`, o.column);
  return enc;
}

/** TLBI/IC/DC/AT/CFP/DVP/CPP: SYS #op1, Cn, Cm, #op2{, Xt} (C6.2 "SYS"). */
function sysOp(m: SysAliasKind, ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 1, 2, site);
  const first = ops[0];
  const name = first?.kind === 'imm' && !first.expr.hash ? first.expr.text.toLowerCase() : '';
  const o = Object.hasOwn(SYS_OPS[m], name) ? SYS_OPS[m][name] : undefined;
  if (!o) return fail(`unknown ${m} operation '${name}'`, first?.column ?? site.column);
  if (o.needsReg && !ops[1]) fail(`'${m} ${name}' needs a register operand`, site.column);
  if (!o.needsReg && ops[1]) fail(`'${m} ${name}' takes no register operand (the word with an Xt is 'sys #${o.op1}, C${o.crn}, C${o.crm}, #${o.op2}, Xt')`, ops[1].column);
  const rt = ops[1] ? reg(ops[1], { width: 64 }, site).num : 31;
  return { word: word(0xd5080000, o.op1 << 16, o.crn << 12, o.crm << 8, o.op2 << 5, rt) };
}

function crField(o: Operand | undefined, site: InsnSite): number {
  const t = o?.kind === 'imm' && !o.expr.hash ? o.expr.text.toLowerCase() : '';
  const m = /^c([0-9]|1[0-5])$/.exec(t);
  if (!m) return fail('expected a control register name C0..C15', o?.column ?? site.column);
  return Number(m[1]);
}

/** SYS #op1, Cn, Cm, #op2{, Xt} and SYSL Xt, #op1, Cn, Cm, #op2 (C6.2 "SYS", "SYSL"). */
function sysGeneric(m: 'sys' | 'sysl', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, m === 'sys' ? 4 : 5, 5, site);
  const at = m === 'sysl' ? 1 : 0;
  const op1 = constInRange(ctx, immOperand(ops[at], site), 0, 7, 'op1');
  const crn = crField(ops[at + 1], site);
  const crm = crField(ops[at + 2], site);
  const op2 = constInRange(ctx, immOperand(ops[at + 3], site), 0, 7, 'op2');
  const rtOp = m === 'sysl' ? ops[0] : ops[4];
  const rt = rtOp ? reg(rtOp, { width: 64 }, site).num : 31;
  return { word: word(m === 'sys' ? 0xd5080000 : 0xd5280000, op1 << 16, crn << 12, crm << 8, op2 << 5, rt) };
}

export function encodeSystem(m: string, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  const exc = EXCEPTION[m];
  if (exc !== undefined) {
    expectCount(ops, 1, 1, site);
    const imm = constInRange(ctx, immOperand(ops[0], site), 0, 0xffff, 'immediate');
    return { word: word(exc, imm << 5) };
  }
  const fixed = FIXED[m];
  if (fixed !== undefined) {
    if (m === 'clrex' && ops[0]) return { word: word(0xd503305f, constInRange(ctx, immOperand(ops[0], site), 0, 15, 'immediate') << 8) };
    expectCount(ops, 0, 0, site);
    return { word: fixed };
  }
  if (m === 'isb' || m === 'dsb' || m === 'dmb') return barrier(m, ops, ctx, site);
  if (m === 'hint') {
    expectCount(ops, 1, 1, site);
    return { word: word(0xd503201f, constInRange(ctx, immOperand(ops[0], site), 0, 127, 'hint number') << 5) };
  }
  if (m === 'udf') {
    expectCount(ops, 1, 1, site);
    return { word: constInRange(ctx, immOperand(ops[0], site), 0, 0xffff, 'immediate') };
  }
  if (isSysAliasKind(m)) return sysOp(m, ops, site);
  if (m === 'sys' || m === 'sysl') return sysGeneric(m, ops, ctx, site);
  if (m === 'mrs') {
    expectCount(ops, 2, 2, site);
    const rt = reg(ops[0], { width: 64 }, site);
    const s = sysregOperand(ops[1], site);
    return { word: word(0xd5200000, s.op0 << 19, s.op1 << 16, s.crn << 12, s.crm << 8, s.op2 << 5, rt.num) };
  }
  if (m === 'msr') {
    expectCount(ops, 2, 2, site);
    const first = ops[0];
    const field = first?.kind === 'imm' && !first.expr.hash ? PSTATE_FIELDS[first.expr.text.toLowerCase()] : undefined;
    if (field && ops[1]?.kind === 'imm') {
      const imm = constInRange(ctx, ops[1].expr, 0, field.max, 'immediate');
      return { word: word(0xd500401f, field.op1 << 16, imm << 8, field.op2 << 5) };
    }
    const s = sysregOperand(first, site);
    const rt = reg(ops[1], { width: 64 }, site);
    return { word: word(0xd5000000, s.op0 << 19, s.op1 << 16, s.crn << 12, s.crm << 8, s.op2 << 5, rt.num) };
  }
  return fail(`unknown mnemonic '${m}'`, site.column);
}
