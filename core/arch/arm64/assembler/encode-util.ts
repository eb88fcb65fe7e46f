// Shared operand checks for the AArch64 encoders. Messages follow the wording
// users see in the lab's error panel ("expected a 64-bit register", ...).

import { Arm64AsmError } from './errors.js';
import type { ExprText, Modifier, Operand } from './operands.js';
import type { GpReg, RegWidth } from './registers.js';
import type { EncodeCtx } from './encoding-types.js';

export interface InsnSite {
  readonly mnemonic: string;
  /** Column of the mnemonic, for errors that belong to the whole statement. */
  readonly column: number;
}

export function fail(message: string, column: number): never {
  throw new Arm64AsmError(message, column);
}

export function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

export function expectCount(ops: readonly Operand[], min: number, max: number, site: InsnSite): void {
  if (ops.length < min) {
    const col = ops.length > 0 ? (ops[ops.length - 1]?.column ?? site.column) : site.column;
    fail(`too few operands for '${site.mnemonic}'`, col);
  }
  if (ops.length > max) fail(`too many operands for '${site.mnemonic}'`, ops[max]?.column ?? site.column);
}

export interface RegRule {
  /** Required width; omitted means either. */
  readonly width?: RegWidth;
  /** 'sp' accepts sp/wsp but not zr; 'zr' (default) accepts zr but not sp. */
  readonly r31?: 'sp' | 'zr';
}

/** Names that look like registers but are not AArch64 ones (x86 habits, x31, w32). */
export function foreignRegisterHint(text: string): string | undefined {
  if (/^([xw](3[1-9]|[4-9]\d|\d{3,})|[re]?[abcd]x|[re]?[sd]i|[re]?[sb]p|r\d+[dwb]?|e?ip|rip|[re]flags)$/i.test(text)) {
    return `'${text}' is not an AArch64 register (use x0-x30, w0-w30, sp, wsp, xzr or wzr)`;
  }
  return undefined;
}

export function reg(op: Operand | undefined, rule: RegRule, site: InsnSite): GpReg {
  if (!op) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  if (op.kind === 'imm' && !op.expr.hash) {
    const hint = foreignRegisterHint(op.expr.text);
    if (hint) fail(hint, op.column);
  }
  if (op.kind !== 'reg') {
    const want = rule.width === 32 ? 'a 32-bit register' : rule.width === 64 ? 'a 64-bit register' : 'a register';
    return fail(`expected ${want}`, op.column);
  }
  const r = op.reg;
  if (rule.width !== undefined && r.width !== rule.width) fail(`expected a ${rule.width}-bit register`, op.column);
  const r31 = rule.r31 ?? 'zr';
  if (r31 === 'zr' && r.isSp) fail(`'${r.name}' is not allowed here (use ${r.width === 64 ? 'xzr' : 'wzr'} for register 31)`, op.column);
  if (r31 === 'sp' && r.isZr) fail(`'${r.name}' is not allowed here (register 31 means sp in this operand)`, op.column);
  return r;
}

export function immOperand(op: Operand | undefined, site: InsnSite): ExprText {
  if (!op) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  if (op.kind !== 'imm') return fail('expected an immediate', op.column);
  return op.expr;
}

export function constant(ctx: EncodeCtx, e: ExprText): bigint {
  if (e.reloc !== undefined) fail(`relocation operator ':${e.reloc}:' is not allowed here`, e.column);
  const hint = foreignRegisterHint(e.text);
  if (hint) fail(hint, e.column);
  const v = ctx.constant(e);
  if (v === undefined) return fail(`expected a constant expression, got '${e.text}'`, e.column);
  return v;
}

export function constInRange(ctx: EncodeCtx, e: ExprText, lo: number, hi: number, what: string): number {
  const v = constant(ctx, e);
  if (v < BigInt(lo) || v > BigInt(hi)) fail(`${what} ${v} out of range ${lo}..${hi}`, e.column);
  return Number(v);
}

export function modifier(op: Operand | undefined): Modifier | undefined {
  if (!op) return undefined;
  if (op.kind === 'shift' || op.kind === 'extend') return op;
  return undefined;
}

export function sf(width: RegWidth): number {
  return width === 64 ? 0x80000000 : 0;
}

/** Insert unsigned fields and keep the result an unsigned 32-bit number. */
export function word(...parts: number[]): number {
  let w = 0;
  for (const p of parts) w |= p;
  return w >>> 0;
}

export const COND_CODES: Readonly<Record<string, number>> = {
  eq: 0, ne: 1, cs: 2, hs: 2, cc: 3, lo: 3, mi: 4, pl: 5, vs: 6, vc: 7,
  hi: 8, ls: 9, ge: 10, lt: 11, gt: 12, le: 13, al: 14, nv: 15,
};

export function condition(op: Operand | undefined, site: InsnSite): number {
  if (!op) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  const text = op.kind === 'imm' && !op.expr.hash ? op.expr.text.toLowerCase() : '';
  const c = COND_CODES[text];
  if (c === undefined) return fail('expected a condition code (eq, ne, hs, lo, ...)', op.column);
  return c;
}
