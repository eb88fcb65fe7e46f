// Intel-syntax operand parsing as GNU as does it (tc-i386-intel.c):
// `[base + index*scale + disp]`, `disp[base]`, `label[rip]`, `SIZE PTR`,
// `fs:` overrides, `OFFSET sym`. A bare expression is an immediate only if it
// is a constant already known while parsing; anything else (a label, or a
// symbol defined further down) is a memory operand — GNU's rule, so
// `mov rsi, msg` loads from msg and `mov rsi, OFFSET msg` takes its address.

import type { EncodeContext } from '../../../asm/backend.js';
import type { Expr, ExprValue } from '../../../asm/expr.js';
import type { Token } from '../../../asm/lexer.js';
import { lookupRegister, type Register } from './registers.js';

export interface MemOperand {
  kind: 'mem';
  /** Size from `BYTE/WORD/DWORD/QWORD PTR`, 0 when not given. */
  size: 0 | 8 | 16 | 32 | 64;
  seg: Register | null;
  base: Register | null;
  index: Register | null;
  scale: 1 | 2 | 4 | 8;
  disp: ExprValue | null;
  column: number;
  /** The bracketed address as written, without spaces (for GNU-style messages). */
  text: string;
}

export type Operand =
  | { kind: 'reg'; reg: Register; column: number }
  | { kind: 'imm'; value: ExprValue; column: number }
  | MemOperand;

/** A parsed operand whose expressions are evaluated per layout pass. */
export interface RawOperand {
  column: number;
  size: 0 | 8 | 16 | 32 | 64;
  seg: Register | null;
  reg: Register | null;
  /** `[...]` present (or `sym[rip]`-style); null for register/bare expression. */
  memory: { base: Register | null; index: Register | null; scale: 1 | 2 | 4 | 8; text: string } | null;
  disp: Expr | null;
  offsetKeyword: boolean;
}

export interface OperandError {
  error: string;
  column: number;
}

const SIZES: Record<string, 8 | 16 | 32 | 64> = { byte: 8, word: 16, dword: 32, qword: 64 };

export function parseOperand(tokensIn: Token[], ctx: EncodeContext): RawOperand | OperandError {
  // GNU as accepts `%rax` in `.intel_syntax noprefix` too: the prefix is optional.
  const tokens = tokensIn.filter((t, i) => !(t.kind === 'punct' && t.text === '%' && tokensIn[i + 1]?.kind === 'ident' && lookupRegister(tokensIn[i + 1]?.text ?? '') !== undefined));
  // gcc writes jump-table loads as `[QWORD PTR .L7[0+rax*8]]`: outer brackets around a
  // whole memory operand are redundant, as GNU as treats them.
  const last = tokens[tokens.length - 1];
  if (tokens[0]?.text === '[' && last?.text === ']' && tokens.slice(1, -1).some((t) => t.text === '[')) {
    let depth = 0;
    let wraps = true;
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i] as Token;
      if (t.text === '[') depth++;
      else if (t.text === ']') depth--;
      if (depth === 0) wraps = false;
    }
    if (wraps) {
      const inner = parseOperand(tokens.slice(1, -1), ctx);
      if ('error' in inner || inner.memory !== null || inner.reg !== null) return inner;
      return { ...inner, memory: { base: null, index: null, scale: 1, text: '' } };
    }
  }
  const column = tokens[0]?.column ?? 0;
  let ts = tokens;
  let size: RawOperand['size'] = 0;
  let seg: Register | null = null;
  let offsetKeyword = false;
  const first = ts[0];
  if (first === undefined) return { error: 'missing operand', column };
  const sz = SIZES[first.text.toLowerCase()];
  if (first.kind === 'ident' && sz !== undefined && (ts.length > 1 || lookupRegister(first.text) === undefined)) {
    size = sz;
    ts = ts.slice(1);
    if (ts[0]?.kind === 'ident' && ts[0].text.toLowerCase() === 'ptr') ts = ts.slice(1);
  }
  if (ts[0]?.kind === 'ident' && ts[0].text.toLowerCase() === 'offset') {
    offsetKeyword = true;
    ts = ts.slice(1);
    if (ts[0]?.kind === 'ident' && ts[0].text.toLowerCase() === 'flat' && ts[1]?.text === ':') ts = ts.slice(2);
  }
  const segReg = ts[0]?.kind === 'ident' ? lookupRegister(ts[0].text) : undefined;
  if (segReg?.cls === 'seg' && ts[1]?.text === ':') {
    seg = segReg;
    ts = ts.slice(2);
  }
  if (ts.length === 0) return { error: 'missing operand', column };
  // Pasted AT&T immediates: say so instead of a puzzling undefined symbol.
  const t0 = ts[0] as Token;
  if (t0.kind === 'ident' && t0.text.startsWith('$') && t0.text.length > 1)
    return { error: `AT&T immediate syntax '${t0.text}': in Intel syntax write '${t0.text.slice(1)}'`, column: t0.column };
  if (ts.length === 1 && ts[0]?.kind === 'ident') {
    const r = lookupRegister(ts[0].text);
    if (r !== undefined && (r.cls === 'rip' || r.cls === 'iz')) return { error: `invalid use of register '${ts[0].text}'`, column: ts[0].column };
    if (r !== undefined) {
      if (size !== 0 || seg !== null) return { error: `invalid use of register '${ts[0].text}'`, column: ts[0].column };
      return { column, size, seg, reg: r, memory: null, disp: null, offsetKeyword };
    }
  }
  // Split into the displacement outside brackets and the bracketed address.
  const outside: Token[] = [];
  const terms: { sign: Token | null; toks: Token[] }[] = [];
  let inBracket = false;
  let sawBracket = false;
  let current: Token[] = [];
  let sign: Token | null = null;
  let depth = 0;
  const flushTerm = (): void => {
    if (current.length > 0) terms.push({ sign, toks: current });
    current = [];
    sign = null;
  };
  for (const t of ts) {
    if (t.kind === 'punct' && t.text === '[') {
      if (inBracket) return { error: "nested '[' in memory operand", column: t.column };
      inBracket = true;
      sawBracket = true;
      continue;
    }
    if (t.kind === 'punct' && t.text === ']') {
      if (!inBracket) return { error: "unbalanced ']'", column: t.column };
      flushTerm();
      inBracket = false;
      continue;
    }
    if (!inBracket) {
      outside.push(t);
      continue;
    }
    if (t.kind === 'punct' && (t.text === '(' || t.text === ')')) depth += t.text === '(' ? 1 : -1;
    if (depth === 0 && t.kind === 'punct' && (t.text === '+' || t.text === '-') && current.length > 0) {
      flushTerm();
      sign = t;
      continue;
    }
    if (depth === 0 && t.kind === 'punct' && (t.text === '+' || t.text === '-') && current.length === 0 && sign === null) {
      sign = t;
      continue;
    }
    current.push(t);
  }
  if (inBracket) return { error: "missing ']'", column };
  const open = ts.findIndex((t) => t.text === '[');
  const close = ts.findIndex((t) => t.text === ']');
  const memText = open >= 0 ? ts.slice(open, close + 1).map((t) => t.text).join('') : '';
  const badAddress = (): OperandError => ({ error: `'${memText}' is not a valid base/index expression`, column });
  // Outside text may itself hold `label[rip]`'s label or a trailing `+ 8`.
  const dispTokens: Token[] = [...outside];
  let base: Register | null = null;
  let index: Register | null = null;
  let scale: 1 | 2 | 4 | 8 = 1;
  let explicitScale = false;
  for (const term of terms) {
    const regAt = term.toks.findIndex((t) => t.kind === 'ident' && lookupRegister(t.text) !== undefined);
    if (regAt < 0) {
      if (dispTokens.length > 0 || term.sign !== null) dispTokens.push(term.sign ?? { kind: 'punct', text: '+', column: term.toks[0]?.column ?? column });
      dispTokens.push(...term.toks);
      continue;
    }
    const regTok = term.toks[regAt] as Token;
    const reg = lookupRegister(regTok.text) as Register;
    if (term.sign !== null && term.sign.text === '-') return { error: `invalid use of register '${regTok.text}'`, column: regTok.column };
    if (reg.cls === 'seg' || reg.cls === 'cr' || (reg.cls === 'gpr' && reg.width < 32)) return badAddress();
    // eiz/riz only ever fill the index slot (SIB index 100 = none): `[ecx+eiz*2]`.
    if (reg.cls === 'iz' && index !== null) return badAddress();
    let termScale: number | null = null;
    if (term.toks.length === 3 && term.toks[1]?.text === '*') {
      const other = regAt === 0 ? term.toks[2] : term.toks[0];
      if (other?.kind !== 'number') return badAddress();
      termScale = Number(other.value ?? 0n);
    } else if (term.toks.length !== 1) return { error: `invalid use of register '${regTok.text}'`, column: regTok.column };
    if (termScale !== null) {
      if (![1, 2, 4, 8].includes(termScale)) return badAddress();
      if (index !== null) return badAddress();
      index = reg;
      scale = termScale as 1 | 2 | 4 | 8;
      explicitScale = true;
    } else if (reg.cls === 'iz') index = reg;
    else if (base === null) base = reg;
    else if (index === null) index = reg;
    else return badAddress();
  }
  // `[rax+rsp]`: rsp cannot be an index, so GNU swaps base and index.
  if (index !== null && index.num === 4 && index.cls === 'gpr' && scale === 1 && !explicitScale && base !== null) {
    const t = base;
    base = index;
    index = t;
  }
  let disp: Expr | null = null;
  if (dispTokens.length > 0) {
    const e = ctx.parseExpr(dispTokens);
    if ('message' in e) return { error: e.message, column: e.column };
    disp = e;
  }
  if (!sawBracket) {
    return { column, size, seg, reg: null, memory: null, disp, offsetKeyword };
  }
  const widths = new Set([base, index].filter((r): r is Register => r !== null).map((r) => r.width));
  if (widths.size > 1 || (index !== null && (index.cls === 'rip' || (index.cls === 'gpr' && index.num === 4))) || (base?.cls === 'rip' && index !== null)) return badAddress();
  return { column, size, seg, reg: null, memory: { base, index, scale, text: memText }, disp, offsetKeyword };
}

/** Evaluates a parsed operand for this pass. `branch` keeps bare expressions as immediates (targets). */
export function resolveOperand(raw: RawOperand, ctx: EncodeContext, branch: boolean): Operand | OperandError {
  if (raw.reg !== null) return { kind: 'reg', reg: raw.reg, column: raw.column };
  let value: ExprValue | null = null;
  if (raw.disp !== null) {
    const v = ctx.evaluate(raw.disp);
    if ('message' in v) return { error: v.message, column: v.column };
    value = v;
  }
  if (raw.memory === null) {
    const v = value as ExprValue;
    const known = v.kind === 'abs' && !v.forward;
    // GNU: a bare `sym` or `sym ± const` not yet known to be a constant is a
    // memory reference; other shapes (`end - start`, `sym * 2`) are immediates.
    const symbolic = raw.disp !== null && isSymbolPlusConstant(raw.disp);
    if (raw.seg === null && raw.size === 0 && (raw.offsetKeyword || known || branch || !symbolic)) return { kind: 'imm', value: v, column: raw.column };
    if (raw.offsetKeyword) return { kind: 'imm', value: v, column: raw.column };
    return { kind: 'mem', size: raw.size, seg: raw.seg, base: null, index: null, scale: 1, disp: v, column: raw.column, text: '' };
  }
  const m = raw.memory;
  return { kind: 'mem', size: raw.size, seg: raw.seg, base: m.base, index: m.index, scale: m.scale, disp: value, column: raw.column, text: m.text };
}

function hasSymbol(e: Expr): boolean {
  if (e.kind === 'sym' || e.kind === 'dot') return true;
  if (e.kind === 'unary') return hasSymbol(e.arg);
  if (e.kind === 'binary') return hasSymbol(e.left) || hasSymbol(e.right);
  return false;
}

/** `sym`, `sym + c`, `c + sym`, `sym - c` (GNU's O_symbol after simplification). */
function isSymbolPlusConstant(e: Expr): boolean {
  if (e.kind === 'sym' || e.kind === 'dot') return true;
  if (e.kind !== 'binary') return false;
  if (e.op === '+') return (isSymbolPlusConstant(e.left) && !hasSymbol(e.right)) || (!hasSymbol(e.left) && isSymbolPlusConstant(e.right));
  if (e.op === '-') return isSymbolPlusConstant(e.left) && !hasSymbol(e.right);
  return false;
}
