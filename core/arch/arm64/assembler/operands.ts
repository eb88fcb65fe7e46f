// Operand syntax of GNU as for AArch64 (as.info "AArch64 Syntax"): registers,
// `#imm` or bare immediates, `:lo12:sym` relocation operators, shift and
// extend modifiers, `[base, offset]{!}` addresses and `=expr` literals.
// The parser only classifies; each encoder decides what it accepts.

import { parseGpReg, type GpReg } from './registers.js';
import { Arm64AsmError } from './errors.js';

export type ShiftOp = 'lsl' | 'lsr' | 'asr' | 'ror' | 'msl';
export type ExtendOp = 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx';

/** An unevaluated expression and the column where it starts. */
export interface ExprText {
  readonly text: string;
  readonly column: number;
  /** Relocation operator written as `:name:` before the expression (e.g. 'lo12'). */
  readonly reloc?: string;
  /** true when written with a leading '#'. */
  readonly hash: boolean;
}

export type Modifier =
  | { readonly kind: 'shift'; readonly op: ShiftOp; readonly amount: ExprText; readonly column: number }
  | { readonly kind: 'extend'; readonly op: ExtendOp; readonly amount?: ExprText; readonly column: number };

export type Operand =
  | { readonly kind: 'reg'; readonly reg: GpReg; readonly column: number }
  | { readonly kind: 'imm'; readonly expr: ExprText; readonly column: number }
  | (Modifier & { readonly column: number })
  | {
      readonly kind: 'mem';
      readonly base: GpReg;
      readonly index?: { readonly reg: GpReg; readonly mod?: Modifier; readonly column: number };
      readonly offset?: ExprText;
      readonly writeback: boolean;
      readonly column: number;
    }
  | { readonly kind: 'literal'; readonly expr: ExprText; readonly column: number };

const SHIFTS: readonly string[] = ['lsl', 'lsr', 'asr', 'ror', 'msl'];
const EXTENDS: readonly string[] = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/** Split at top-level commas (not inside [] () or quotes); each piece keeps its column. */
export function splitOperands(text: string, column: number): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      // A lone quote starts a character constant like 'a (GNU as accepts it unterminated).
      if (c === '"') quote = c;
      else if (text[i + 2] === "'") i += 2;
      else if (text[i + 1] === '\\' && text[i + 3] === "'") i += 3;
      else i += 1;
    } else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(trimPiece(text.slice(start, i), column + start));
      start = i + 1;
    }
  }
  const last = trimPiece(text.slice(start), column + start);
  if (last.text !== '' || out.length > 0) out.push(last);
  return out;
}

function trimPiece(text: string, column: number): { text: string; column: number } {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), column: column + lead };
}

function parseExpr(text: string, column: number): ExprText {
  let t = text;
  let col = column;
  let hash = false;
  if (t.startsWith('#')) {
    hash = true;
    const rest = t.slice(1);
    col += 1 + (rest.length - rest.trimStart().length);
    t = rest.trim();
  }
  const m = /^:([a-z0-9_]+):\s*/i.exec(t);
  if (m) {
    const body = t.slice(m[0].length);
    if (body === '') throw new Arm64AsmError('missing expression after relocation operator', col);
    return { text: body, column: col + m[0].length, reloc: (m[1] ?? '').toLowerCase(), hash };
  }
  if (t === '') throw new Arm64AsmError('missing immediate expression', col);
  return { text: t, column: col, hash };
}

function parseModifier(text: string, column: number): Modifier | undefined {
  const m = /^([a-z]{3,4})(?:\s+(.*)|\s*(#.*))?$/i.exec(text);
  if (!m) return undefined;
  const op = (m[1] ?? '').toLowerCase();
  const amountText = (m[2] ?? m[3] ?? '').trim();
  const amountCol = column + text.length - amountText.length;
  if (SHIFTS.includes(op)) {
    if (amountText === '') throw new Arm64AsmError(`missing shift amount after '${op}'`, column + op.length);
    return { kind: 'shift', op: op as ShiftOp, amount: parseExpr(amountText, amountCol), column };
  }
  if (EXTENDS.includes(op)) {
    if (amountText === '') return { kind: 'extend', op: op as ExtendOp, column };
    return { kind: 'extend', op: op as ExtendOp, amount: parseExpr(amountText, amountCol), column };
  }
  return undefined;
}

function parseMem(text: string, column: number): Operand {
  let inner = text;
  let writeback = false;
  if (inner.endsWith('!')) {
    writeback = true;
    inner = inner.slice(0, -1).trimEnd();
  }
  if (!inner.endsWith(']')) throw new Arm64AsmError("missing ']' in address", column + text.length);
  const parts = splitOperands(inner.slice(1, -1), column + 1);
  const first = parts[0];
  if (!first || first.text === '') throw new Arm64AsmError('missing base register in address', column + 1);
  const base = parseGpReg(first.text);
  if (!base) throw new Arm64AsmError(`invalid base register '${first.text}'`, first.column);
  if (base.width !== 64) throw new Arm64AsmError('expected a 64-bit base register or sp', first.column);
  if (base.isZr) throw new Arm64AsmError(`invalid base register '${first.text}'`, first.column);
  const second = parts[1];
  if (parts.length > 3) throw new Arm64AsmError('too many terms in address', parts[3]?.column ?? column);
  if (!second) return { kind: 'mem', base, writeback, column };
  const idx = parseGpReg(second.text);
  if (idx) {
    const third = parts[2];
    let mod: Modifier | undefined;
    if (third) {
      mod = parseModifier(third.text, third.column);
      if (!mod) throw new Arm64AsmError(`invalid shift or extend '${third.text}'`, third.column);
    }
    return { kind: 'mem', base, index: mod ? { reg: idx, mod, column: second.column } : { reg: idx, column: second.column }, writeback, column };
  }
  if (parts.length > 2) throw new Arm64AsmError('too many terms in address', parts[2]?.column ?? column);
  return { kind: 'mem', base, offset: parseExpr(second.text, second.column), writeback, column };
}

/** Classify one operand. */
export function parseOperand(text: string, column: number): Operand {
  if (text === '') throw new Arm64AsmError('missing operand', column);
  if (text.startsWith('[')) return parseMem(text, column);
  if (text.startsWith('=')) {
    const rest = text.slice(1);
    return { kind: 'literal', expr: parseExpr(rest.trimStart(), column + 1 + rest.length - rest.trimStart().length), column };
  }
  const reg = parseGpReg(text);
  if (reg) return { kind: 'reg', reg, column };
  const mod = parseModifier(text, column);
  if (mod) return mod;
  return { kind: 'imm', expr: parseExpr(text, column), column };
}

export function parseOperands(text: string, column: number): Operand[] {
  return splitOperands(text, column).map((p) => parseOperand(p.text, p.column));
}
